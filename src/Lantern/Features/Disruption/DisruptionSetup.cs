using Lantern.Duties;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Disruption;

public static class DisruptionSetup
{
    /// <summary>Disruption plans: their settings (checked at start), the handler and the two duties (overdue tactics, reviews due).</summary>
    public static IServiceCollection AddDisruption(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DisruptionOptions>()
            .Bind(configuration.GetSection(DisruptionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DisruptionOptions>>(new FieldOptionsValidation<DisruptionOptions>(o => o.Validate()));
        services.AddScoped<DisruptionPlans>();
        services.AddDuty<DisruptionTacticDuty>();
        services.AddDuty<DisruptionReviewDuty>();
        return services;
    }
}
