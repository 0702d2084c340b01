namespace Lantern.Features.Chronology;

public static class ChronologySetup
{
    /// <summary>The chronology: adding and correcting entries, reading them, and the PDF and CSV exports.</summary>
    public static IServiceCollection AddChronology(this IServiceCollection services)
    {
        services.AddScoped<ChronologyRecords>();
        services.AddScoped<ChronologyQuery>();
        services.AddScoped<ChronologyExport>();
        // PDFsharp's font resolver is process-wide; set it at start so that a broken build fails here.
        ChronologyExportFonts.Install();
        return services;
    }
}
