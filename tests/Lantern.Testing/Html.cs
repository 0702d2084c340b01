using AngleSharp;
using AngleSharp.Dom;

namespace Lantern.Testing;

/// <summary>Reads pages as a person (or a screen reader) would: by headings, labels and messages.</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return await ParseAsync(html);
    }

    public static async Task<IDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html));
    }

    public static string Heading(this IDocument doc) => doc.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// <summary>The GOV.UK error summary's messages, each with the id of the field it links to.</summary>
    public static IReadOnlyList<(string Message, string Target)> ErrorSummary(this IDocument doc) =>
        [.. doc.QuerySelectorAll(".govuk-error-summary__list a")
            .Select(a => (a.TextContent.Trim(), (a.GetAttribute("href") ?? "").TrimStart('#')))];
}
