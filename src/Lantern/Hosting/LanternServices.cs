using Lantern.Auditing;
using Lantern.Data;
using Lantern.Features.Screenings;
using Lantern.Notifications;

namespace Lantern.Hosting;

/// <summary>What both the web app and the command-line verbs need: time, data, accounts, audit.</summary>
public static class LanternServices
{
    public static IServiceCollection AddLanternCore(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLanternData(configuration, isDevelopment);
        services.AddLanternCalendar(configuration);
        services.AddLanternLanguageGuard(configuration);
        services.AddLanternScreening(configuration);
        services.AddSingleton<DatabaseStartup>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddAuditCheckpoints(configuration);
        services.AddScoped<DemoSeed>();
        services.AddLanternNotifications(configuration);
        return services;
    }

    /// <summary>--data-dir wins over LANTERN_DATA_DIR and configuration.</summary>
    public static void ApplyDataDir(IConfigurationManager configuration, string? dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(dataDir))
        {
            configuration.AddInMemoryCollection([new(DataFolderOptions.Key, dataDir)]);
        }
    }
}
