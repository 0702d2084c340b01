using Lantern.Alerts;
using Lantern.Duties;

namespace Lantern.Features.FrontDoor;

/// <summary>Where people read a referral.</summary>
public static class ReferralPages
{
    public static string PagePath(string reference) => $"/referrals/{reference}";
}

public static class FrontDoorSetup
{
    /// <summary>The front door: receiving referrals, the decision's use cases, professional challenges, their duties and the repeated-concern alert.</summary>
    public static IServiceCollection AddFrontDoor(this IServiceCollection services)
    {
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralDecisions>();
        services.AddScoped<FrontDoorWork>();
        services.AddScoped<ProfessionalChallenges>();
        services.AddDuty<ReferralDecisionDuty>();
        services.AddDuty<ProfessionalChallengeDuty>();
        services.AddAlertRule<RepeatedConcernRule>();
        return services;
    }
}
