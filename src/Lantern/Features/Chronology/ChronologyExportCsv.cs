using System.Globalization;
using System.Text;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;

namespace Lantern.Features.Chronology;

/// <summary>
/// The chronology as CSV (RFC 4180) for a meeting's or a review's own analysis in a spreadsheet:
/// UTF-8 with a byte order mark so that Excel reads names' accents right, CRLF line ends, every field
/// quoted when it must be, and the header row first so that any tool reads it without help. The
/// exporting agency and day are in the file name (see <see cref="ChronologyExport.FileName"/>).
/// </summary>
public static class ChronologyExportCsv
{
    public static readonly string[] Columns =
    [
        "entry", "occurred (UK time)", "recorded (UK time)", "agency", "author", "type", "significance", "summary", "links",
        "supersedes", "superseded by", "correction reason",
    ];

    public static byte[] Render(ChronologyExportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var csv = new StringBuilder();
        Row(csv, Columns);
        foreach (var line in document.Lines)
        {
            Row(csv,
            [
                line.Id.ToString(),
                Time(document, line.OccurredAt),
                Time(document, line.RecordedAt),
                line.Agency,
                line.Author,
                line.Type.DisplayName(),
                line.Significance.DisplayName(),
                line.Summary,
                MentionRules.Describe(line.Mentions),
                line.SupersedesId?.ToString() ?? "",
                line.SupersededById?.ToString() ?? "",
                line.CorrectionReason ?? "",
            ]);
        }
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. Encoding.UTF8.Preamble, .. body];
    }

    // Sortable, and read as a date and time by spreadsheets in any locale.
    private static string Time(ChronologyExportDocument document, DateTimeOffset instant) =>
        document.Calendar.ToLocalTime(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            csv.Append(Field(cells[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>One field, made safe and quoted when it has to be.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Formula injection: summaries and links are free text from many agencies' staff and systems.
        // A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
        // read past) as a formula, which can fetch from the network or run commands on the reader's
        // machine. A leading apostrophe makes the spreadsheet show the text as it was written.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
