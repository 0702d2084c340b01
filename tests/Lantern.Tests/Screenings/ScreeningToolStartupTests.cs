using Lantern.Testing;

namespace Lantern.Tests.Screenings;

/// <summary>A partnership's own screening tool is checked at start: a broken one stops the start, naming the file and the field.</summary>
public sealed class ScreeningToolStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_BrokenToolOrUnknownActiveTool_StopsWithOneLineNamingTheProblem()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-screening-" + Guid.NewGuid().ToString("N"));
        var tools = Path.Combine(folder, "tools");
        Directory.CreateDirectory(tools);
        try
        {
            var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "screening-tools", "lantern-cse.v1.json"), Ct);
            var file = Path.Combine(tools, "local.json");
            await File.WriteAllTextAsync(file, shipped.Replace("\"indicator\": \"disclosure\"", "\"indicator\": \"disclosed\"", StringComparison.Ordinal), Ct);

            var broken = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__Screening__ToolsDirectory"] = tools });

            Assert.Equal(1, broken.ExitCode);
            var line = Assert.Single(broken.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Lantern could not start: The screening tool " + file + " is not valid", line, StringComparison.Ordinal);
            Assert.Contains("rules[2].indicator", line, StringComparison.Ordinal);

            File.Delete(file);
            await File.WriteAllTextAsync(Path.Combine(tools, "shipped.json"), shipped, Ct);
            var unknown = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__Screening__ToolsDirectory"] = tools, ["Lantern__Screening__ActiveTool"] = "northbridge-cse" });

            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("Lantern:Screening:ActiveTool", unknown.Error, StringComparison.Ordinal);
            Assert.Contains("lantern-cse v1", unknown.Error, StringComparison.Ordinal);

            var interval = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__Screening__ToolsDirectory"] = tools, ["Lantern__Screening__RescreenMonths"] = "0" });

            Assert.Equal(1, interval.ExitCode);
            Assert.Contains("Lantern:Screening:RescreenMonths: Must be from 1 to 24 months; it was 0.", interval.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
