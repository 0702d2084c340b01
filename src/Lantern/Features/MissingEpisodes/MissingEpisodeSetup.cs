using Lantern.Alerts;
using Lantern.Domain.Children;
using Lantern.Duties;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.MissingEpisodes;

public static class MissingEpisodeSetup
{
    /// <summary>Missing episodes: their settings (checked at start, so a bad setting is named before anyone relies on the clock), the return home interview's duty and the repeat-missing alert.</summary>
    public static IServiceCollection AddMissingEpisodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChildRecordOptions>()
            .Bind(configuration.GetSection(ChildRecordOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChildRecordOptions>>(new FieldOptionsValidation<ChildRecordOptions>(o => o.Validate()));
        services.AddScoped<MissingEpisodeRecords>();
        services.AddScoped<ReturnInterviewWorkList>();
        services.AddDuty<ReturnInterviewDuty>();
        services.AddAlertRule<RepeatMissingRule>();
        return services;
    }
}
