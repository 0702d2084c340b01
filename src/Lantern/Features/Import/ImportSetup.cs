namespace Lantern.Features.Import;

public static class ImportSetup
{
    /// <summary>Loading agencies' extracts (the command line and the API).</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<ExtractImport>();
        services.AddScoped<ExtractExport>();
        return services;
    }
}
