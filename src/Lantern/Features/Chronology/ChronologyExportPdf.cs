using System.Text;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lantern.Features.Chronology;

/// <summary>
/// The chronology as an A4 PDF for a meeting or a review. Every page carries the protective marking,
/// the exporting agency, the export date and time, the child's name and date of birth, "page n of m"
/// and who exported it, because pages are printed, split up and handed round. Entries are blocks that
/// may run across pages (a summary can be 10,000 characters); a continued block says so.
/// </summary>
public static class ChronologyExportPdf
{
    public const string Marking = "OFFICIAL-SENSITIVE";

    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 42;
    private const double Right = PageWidth - 42;
    private const double BodyTop = 98;
    private const double BodyBottom = PageHeight - 64;
    private const double Width = Right - Left;

    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(80, 80, 80));
    private static readonly XBrush Warning = new XSolidBrush(XColor.FromArgb(160, 20, 20));

    public static byte[] Render(ChronologyExportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ChronologyExportFonts.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Chronology ({Marking})";
        pdf.Info.Author = document.ExportingAgency;
        pdf.Info.Creator = "Lantern";
        pdf.Options.CompressContentStreams = true;

        using (var body = new BodyWriter(pdf))
        {
            WriteBody(body, document);
        }
        // "Page n of m" needs m: the headers and footers go on once the body has found its pages.
        var pages = pdf.Pages.Count;
        for (var i = 0; i < pages; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            DrawHeaderAndFooter(gfx, document, i + 1, pages);
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void WriteBody(BodyWriter body, ChronologyExportDocument document)
    {
        body.Text($"Chronology: {document.ChildName}", Fonts.Title, Ink, lineHeight: 20);
        body.Gap(4);
        body.Text("Filters: " + document.FiltersApplied, Fonts.Body, Ink);
        var c = document.Counts;
        body.Text($"In the last 12 months (corrections counted once): {Count(c.Referrals, "referral")}, {Count(c.MissingEpisodes, "missing episode")}, "
            + $"{Count(c.HealthAttendances, "health attendance")}, {Count(c.PoliceContacts, "police contact")}.", Fonts.Body, Ink);
        body.Text(document.Lines.Count == 0
            ? "No entries match these filters."
            : $"{Count(document.Lines.Count, "entry", "entries")}. Corrections never replace an entry: a corrected entry is kept and marked SUPERSEDED, and its correction is marked CORRECTION.",
            Fonts.Body, Ink);
        body.Gap(6);
        body.Rule();

        var byId = document.Lines.ToDictionary(l => l.Id);
        foreach (var line in document.Lines)
        {
            var heading = $"{document.UkTime(line.OccurredAt)}  ·  {line.Type.DisplayName()}  ·  {line.Significance.DisplayName()}";
            // Keep the heading with at least the first lines of the entry.
            body.KeepTogether(4 * BodyWriter.LineHeightOf(Fonts.Body));
            body.Continuation = "continued: " + heading;
            body.Text(heading, Fonts.BodyBold, line.Significance == Significance.Critical ? Warning : Ink);
            body.Text($"{line.Agency}  ·  {line.Author}  ·  recorded {document.UkTime(line.RecordedAt)}", Fonts.Small, Grey);
            if (line.SupersededById is { } by)
            {
                var correction = byId.TryGetValue(by, out var newer) ? $" recorded {document.UkTime(newer.RecordedAt)}" : " (outside these filters)";
                body.Text($"SUPERSEDED: corrected by a later entry{correction}. Kept as it was written.", Fonts.BodyBold, Warning);
            }
            if (line.SupersedesId is { } corrects)
            {
                var original = byId.TryGetValue(corrects, out var older) ? $" of {document.UkTime(older.OccurredAt)} recorded {document.UkTime(older.RecordedAt)}" : "";
                body.Text($"CORRECTION of the entry{original}. Why: {line.CorrectionReason ?? "not given"}", Fonts.BodyBold, Warning);
            }
            body.Text(line.Summary, Fonts.Body, Ink);
            if (line.Mentions.Count > 0)
            {
                body.Text("Mentions: " + MentionRules.Describe(line.Mentions), Fonts.Body, Grey);
            }
            if (line.SourceRecord is { } source)
            {
                body.Text("Source: " + source, Fonts.Small, Grey);
            }
            body.Continuation = null;
            body.Gap(3);
            body.Rule();
        }
    }

    private static void DrawHeaderAndFooter(XGraphics gfx, ChronologyExportDocument document, int page, int pages)
    {
        gfx.DrawString(Marking, Fonts.HeaderBold, Ink, new XRect(Left, 26, Width, 12), XStringFormats.TopCenter);
        gfx.DrawString(document.ExportingAgency, Fonts.HeaderBold, Ink, new XRect(Left, 44, Width, 12), XStringFormats.TopLeft);
        gfx.DrawString("Exported " + document.ExportedAtUk, Fonts.Header, Ink, new XRect(Left, 44, Width, 12), XStringFormats.TopRight);
        gfx.DrawString($"{document.ChildName}, {document.ChildBorn}", Fonts.Header, Ink, new XRect(Left, 58, Width, 12), XStringFormats.TopLeft);
        gfx.DrawString($"Page {page} of {pages}", Fonts.Header, Ink, new XRect(Left, 58, Width, 12), XStringFormats.TopRight);
        gfx.DrawLine(XPens.Gray, Left, 76, Right, 76);

        gfx.DrawLine(XPens.Gray, Left, PageHeight - 52, Right, PageHeight - 52);
        gfx.DrawString($"Exported by {document.ExportedBy}, {document.ExportingAgency}, on {document.ExportedAtUk}", Fonts.Header, Ink,
            new XRect(Left, PageHeight - 46, Width, 12), XStringFormats.TopLeft);
        gfx.DrawString(Marking, Fonts.HeaderBold, Ink, new XRect(Left, PageHeight - 34, Width, 12), XStringFormats.TopCenter);
    }

    /// <summary>
    /// The type styles; a class of their own so that they are made on first use, after
    /// <see cref="ChronologyExportFonts.Install"/>, since PDFsharp looks a font up as it is made.
    /// </summary>
    private static class Fonts
    {
        public static readonly XFont Header = new(ChronologyExportFonts.Family, 8.5, XFontStyleEx.Regular);
        public static readonly XFont HeaderBold = new(ChronologyExportFonts.Family, 8.5, XFontStyleEx.Bold);
        public static readonly XFont Title = new(ChronologyExportFonts.Family, 15, XFontStyleEx.Bold);
        public static readonly XFont Body = new(ChronologyExportFonts.Family, 9, XFontStyleEx.Regular);
        public static readonly XFont BodyBold = new(ChronologyExportFonts.Family, 9, XFontStyleEx.Bold);
        public static readonly XFont Small = new(ChronologyExportFonts.Family, 7.5, XFontStyleEx.Regular);
    }

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";

    /// <summary>Lays text out down the page, wrapping it and starting new pages as it goes.</summary>
    private sealed class BodyWriter(PdfDocument pdf) : IDisposable
    {
        private XGraphics? _gfx;
        private double _y = BodyBottom;

        /// <summary>What a page says first when an entry runs onto it.</summary>
        public string? Continuation { get; set; }

        public static double LineHeightOf(XFont font) => font.Size * 1.35;

        public void Text(string text, XFont font, XBrush brush, double? lineHeight = null)
        {
            var height = lineHeight ?? LineHeightOf(font);
            foreach (var line in Wrap(Gfx, Clean(text), font, Width))
            {
                if (_y + height > BodyBottom)
                {
                    NewPage(continuing: true);
                }
                Gfx.DrawString(line, font, brush, new XPoint(Left, _y), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void Gap(double points) => _y += points;

        public void Rule()
        {
            if (_y + 6 > BodyBottom)
            {
                return;
            }
            Gfx.DrawLine(XPens.LightGray, Left, _y, Right, _y);
            _y += 6;
        }

        public void KeepTogether(double height)
        {
            if (_gfx is null || _y + height > BodyBottom)
            {
                NewPage(continuing: false);
            }
        }

        private XGraphics Gfx
        {
            get
            {
                if (_gfx is null)
                {
                    NewPage(continuing: false);
                }
                return _gfx!;
            }
        }

        private void NewPage(bool continuing)
        {
            _gfx?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _gfx = XGraphics.FromPdfPage(page);
            _y = BodyTop;
            if (continuing && Continuation is { } heading)
            {
                foreach (var line in Wrap(_gfx, heading, Fonts.Small, Width))
                {
                    _gfx.DrawString(line, Fonts.Small, Grey, new XPoint(Left, _y), XStringFormats.TopLeft);
                    _y += LineHeightOf(Fonts.Small);
                }
            }
        }

        public void Dispose() => _gfx?.Dispose();
    }

    /// <summary>Control characters out, tabs to spaces, line ends to \n: text from other systems is not always tidy.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            clean.Append(c switch
            {
                '\r' or '\n' => '\n',
                '\t' => ' ',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }
        return clean.ToString();
    }

    /// <summary>Greedy word wrap by measured width; a word wider than the line (a long URL) is broken where it must be.</summary>
    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var measure = new Measure(gfx, font);
        var space = measure.Width(" ");
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            var used = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wide = measure.Width(word);
                if (line.Length > 0 && used + space + wide <= width)
                {
                    line.Append(' ').Append(word);
                    used += space + wide;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                var rest = word;
                while (wide > width)
                {
                    var fit = rest.Length - 1;
                    while (fit > 1 && measure.Width(rest[..fit]) > width)
                    {
                        fit--;
                    }
                    lines.Add(rest[..fit]);
                    rest = rest[fit..];
                    wide = measure.Width(rest);
                }
                line.Append(rest);
                used = wide;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>
    /// Widths from each letter's advance, remembered per font: asking PDFsharp to measure every
    /// candidate line made a 500-entry export several times slower. PDFsharp does not kern, so the sum
    /// of the letters is the width it draws; text with surrogate pairs is measured whole.
    /// </summary>
    private readonly struct Measure(XGraphics gfx, XFont font)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(XFont, char), double> Letters = new();

        public double Width(string text)
        {
            var total = 0.0;
            foreach (var c in text)
            {
                if (char.IsSurrogate(c))
                {
                    return gfx.MeasureString(text, font).Width;
                }
                var g = gfx;
                var f = font;
                total += Letters.GetOrAdd((font, c), key => g.MeasureString(key.Item2.ToString(), f).Width);
            }
            return total;
        }
    }
}
