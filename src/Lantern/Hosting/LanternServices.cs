using Lantern.Auditing;
using Lantern.Data;
using Lantern.Features.Screenings;

namespace Lantern.Hosting;

/// <summary>What both the web app and the command-line verbs need: time, data, accounts, audit.</summary>
public static class LanternServices
{
    public static IServiceCollection AddLanternCore(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLanternData(configuration, isDevelopment);
        services.AddLanternCalendar(configuration);
        services.AddOptions<Domain.Escalation.EscalationOptions>().Bind(configuration.GetSection(Domain.Escalation.EscalationOptions.Section));
        services.AddSingleton(sp => new Domain.Escalation.EscalationLadder(
            sp.GetRequiredService<Domain.Calendar.WorkingDayCalendar>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Domain.Escalation.EscalationOptions>>().Value));
        services.AddLanternLanguageGuard(configuration);
        services.AddLanternScreening(configuration);
        services.AddSingleton<DatabaseStartup>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<DemoSeed>();
        services.AddOptions<Features.Notifications.MailOptions>().Bind(configuration.GetSection(Features.Notifications.MailOptions.Section));
        services.AddScoped<Features.Notifications.Notifier>();
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
