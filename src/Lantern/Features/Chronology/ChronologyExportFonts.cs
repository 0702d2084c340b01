using PdfSharp.Fonts;

namespace Lantern.Features.Chronology;

/// <summary>
/// The one typeface of exported PDFs, DejaVu Sans, built into the executable from the npm package
/// <c>dejavu-fonts-ttf</c> (see docs/adr/0010-chronology-export.md). PDFsharp has no fonts of its own
/// off Windows; shipping ours means an export looks the same, and works, on any machine that runs
/// Lantern, with no font package to install. DejaVu covers the accented and non-Latin letters that
/// children's and practitioners' names carry.
/// </summary>
public sealed class ChronologyExportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> RegularFace = new(() => Load(Regular));
    private static readonly Lazy<byte[]> BoldFace = new(() => Load(Bold));

    /// <summary>PDFsharp's font resolver is process-wide: set it once, before the first export draws a letter.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ChronologyExportFonts)
            {
                // Fail at start, not at the first export, if a build ever left the fonts out.
                _ = RegularFace.Value;
                _ = BoldFace.Value;
                GlobalFontSettings.FontResolver = new ChronologyExportFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for gets DejaVu Sans: the exports use no other, and a stray request
        // must not fail an export. There is no italic face; PDFsharp slants the upright one.
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Regular => RegularFace.Value,
        Bold => BoldFace.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        using var stream = typeof(ChronologyExportFonts).Assembly.GetManifestResourceStream($"Lantern.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not built into Lantern: the build copies it from the npm package dejavu-fonts-ttf (src/Lantern/package.json); run the build again.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
