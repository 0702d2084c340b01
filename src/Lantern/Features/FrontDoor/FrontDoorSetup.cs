using Lantern.Alerts;
using Lantern.Domain.Referrals;
using Lantern.Duties;
using Lantern.Notifications;

namespace Lantern.Features.FrontDoor;

/// <summary>Where people read a referral.</summary>
public static class ReferralPages
{
    public static string PagePath(string reference) => $"/referrals/{reference}";

    /// <summary>A referral's duty past <paramref name="dueBy"/>, its management line starting above <paramref name="worker"/> in children's social care.</summary>
    public static OverdueDuty Overdue(ReferralId id, string reference, DateTimeOffset dueBy, Guid? worker) =>
        new(id.Value, reference, dueBy, new LineStart(Where.ChildrensSocialCare, worker), "Referral", PagePath(reference));
}

public static class FrontDoorSetup
{
    /// <summary>The front door: receiving referrals, the decision's use cases, professional challenges, their duties and the repeated-concern alert.</summary>
    public static IServiceCollection AddFrontDoor(this IServiceCollection services)
    {
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralDrafts>();
        services.AddScoped<ReferralDecisions>();
        services.AddScoped<FrontDoorWork>();
        services.AddScoped<ProfessionalChallenges>();
        services.AddDuty<ReferralDecisionDuty>();
        services.AddDuty<ReferralSignOffDuty>();
        services.AddDuty<ProfessionalChallengeDuty>();
        services.AddAlertRule<RepeatedConcernRule>();
        return services;
    }
}
