using Lantern.Duties;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Investigations;

public static class InvestigationSetup
{
    /// <summary>Crimes and charging decisions: the review's setting (checked at start), the handlers and the review's two duties.</summary>
    public static IServiceCollection AddInvestigations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvestigationOptions>()
            .Bind(configuration.GetSection(InvestigationOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InvestigationOptions>>(new FieldOptionsValidation<InvestigationOptions>(o => o.Validate()));
        services.AddScoped<NoChargeReviews>();
        services.AddScoped<CrimeRecords>();
        services.AddDuty<NoChargeReviewPoliceDuty>();
        services.AddDuty<NoChargeReviewExploitationTeamDuty>();
        return services;
    }
}
