using Lantern.Domain.Screening;

namespace Lantern.Domain.Tests.Screening;

/// <summary>The screening tool Lantern ships, read from the repository as the app reads it.</summary>
internal static class ScreeningToolFixture
{
    private static readonly Lazy<string> ShippedText = new(() => File.ReadAllText(ShippedFilePath));

    private static readonly Lazy<ScreeningTool> ShippedTool = new(() => ScreeningTool.FromJson(ShippedText.Value, "lantern-cse.v1.json"));

    public static string ShippedFilePath =>
        Path.Combine(Path.GetDirectoryName(Calendar.CalendarFixture.ShippedFilePath)!, "screening-tools", "lantern-cse.v1.json");

    public static string ShippedJson => ShippedText.Value;

    public static ScreeningTool Shipped => ShippedTool.Value;
}
