using System.Globalization;
using Lantern.Domain.Calendar;

namespace Lantern.Domain.Escalation;

/// <summary>Who is told, in order, when a duty is not done in time.</summary>
public enum EscalationLevel
{
    TeamManager = 1,
    ServiceManager = 2,
    HeadOfService = 3,
}

/// <summary>The duties that have a clock and escalate when it runs out.</summary>
public enum DutyKind
{
    /// <summary>The front door's decision on a referral, due one working day after receipt.</summary>
    ReferralDecision = 1,

    /// <summary>A service manager's answer to a referrer's professional challenge.</summary>
    ProfessionalChallenge = 2,

    /// <summary>The return home interview after a missing episode, due 72 hours after the return.</summary>
    ReturnInterview = 3,

    /// <summary>An exploitation screening, due every few months and soon after anything new about the child.</summary>
    Screening = 4,
}

public static class EscalationNames
{
    public static string DisplayName(this EscalationLevel level) => level switch
    {
        EscalationLevel.TeamManager => "Team manager",
        EscalationLevel.ServiceManager => "Service manager",
        EscalationLevel.HeadOfService => "Head of service",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string DisplayName(this DutyKind duty) => duty switch
    {
        DutyKind.ReferralDecision => "Referral decision",
        DutyKind.ProfessionalChallenge => "Professional challenge",
        DutyKind.ReturnInterview => "Return home interview",
        DutyKind.Screening => "Exploitation screening",
        _ => throw new ArgumentOutOfRangeException(nameof(duty), duty, null),
    };
}

/// <summary>
/// Bound from <c>Lantern:Escalation</c>. Partnerships set their own intervals, so they are
/// configuration; the defaults are the front door's: the team manager when the decision is due, the
/// service manager 4 working hours later, the head of service one working day after that.
/// </summary>
public sealed record EscalationOptions
{
    public const string Section = "Lantern:Escalation";

    /// <summary>Working time after the team manager is told before the service manager is.</summary>
    public TimeSpan ServiceManagerAfterWorkingTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Working days after the service manager is told before the head of service is.</summary>
    public int HeadOfServiceAfterWorkingDays { get; init; } = 1;

    /// <summary>Working days a service manager has to answer a professional challenge.</summary>
    public int ChallengeWorkingDays { get; init; } = 2;

    /// <summary>How often each node looks for steps that are due.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<CalendarConfigurationError> Validate()
    {
        var errors = new List<CalendarConfigurationError>();
        if (ServiceManagerAfterWorkingTime <= TimeSpan.Zero || ServiceManagerAfterWorkingTime > TimeSpan.FromDays(30))
        {
            errors.Add(new(Section + ":" + nameof(ServiceManagerAfterWorkingTime), $"Must be a positive working time such as 04:00 (4 working hours); it was {ServiceManagerAfterWorkingTime.ToString("c", CultureInfo.InvariantCulture)}."));
        }
        if (HeadOfServiceAfterWorkingDays is < 1 or > 30)
        {
            errors.Add(new(Section + ":" + nameof(HeadOfServiceAfterWorkingDays), $"Must be from 1 to 30 working days; it was {HeadOfServiceAfterWorkingDays}."));
        }
        if (ChallengeWorkingDays is < 1 or > 30)
        {
            errors.Add(new(Section + ":" + nameof(ChallengeWorkingDays), $"Must be from 1 to 30 working days; it was {ChallengeWorkingDays}."));
        }
        if (SweepInterval < TimeSpan.FromSeconds(1) || SweepInterval > TimeSpan.FromHours(1))
        {
            errors.Add(new(Section + ":" + nameof(SweepInterval), $"Must be from 00:00:01 to 01:00:00; it was {SweepInterval.ToString("c", CultureInfo.InvariantCulture)}."));
        }
        return errors;
    }
}

/// <summary>One step of an escalation and when it falls due.</summary>
public readonly record struct EscalationStepDue(EscalationLevel Level, DateTimeOffset DueAt);

/// <summary>
/// When each escalation step of a duty falls due, by working time on the partnership's calendar.
/// Pure: the same deadline always gives the same steps, which is what lets every node of a cluster
/// work them out alone and the database decide which node performs each one.
/// </summary>
public sealed class EscalationLadder
{
    private readonly WorkingDayCalendar _calendar;

    public EscalationLadder(WorkingDayCalendar calendar, EscalationOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new CalendarConfigurationException(errors);
        }
        _calendar = calendar;
        Options = options;
    }

    public EscalationOptions Options { get; }

    /// <summary>Every step of a duty due at <paramref name="dueBy"/>, in order.</summary>
    public IReadOnlyList<EscalationStepDue> Steps(DutyKind duty, DateTimeOffset dueBy)
    {
        switch (duty)
        {
            case DutyKind.ReferralDecision:
            case DutyKind.ReturnInterview:
            case DutyKind.Screening:
                var serviceManager = _calendar.AddWorkingTime(dueBy, Options.ServiceManagerAfterWorkingTime);
                var headOfService = _calendar.AddWorkingTime(serviceManager, _calendar.WorkingDayLength * Options.HeadOfServiceAfterWorkingDays);
                return
                [
                    new(EscalationLevel.TeamManager, dueBy),
                    new(EscalationLevel.ServiceManager, serviceManager),
                    new(EscalationLevel.HeadOfService, headOfService),
                ];
            case DutyKind.ProfessionalChallenge:
                // The challenge is already with a service manager; when it is not answered in time the head of service is told.
                return [new(EscalationLevel.HeadOfService, dueBy)];
            default:
                throw new ArgumentOutOfRangeException(nameof(duty), duty, null);
        }
    }

    /// <summary>The steps of a duty due at <paramref name="dueBy"/> that have fallen due by <paramref name="now"/>.</summary>
    public IEnumerable<EscalationStepDue> DueSteps(DutyKind duty, DateTimeOffset dueBy, DateTimeOffset now) =>
        Steps(duty, dueBy).Where(s => s.DueAt <= now);

    /// <summary>When the professional challenge raised at <paramref name="raisedAt"/> must be answered.</summary>
    public DateTimeOffset ChallengeDue(DateTimeOffset raisedAt) => _calendar.DueAfter(raisedAt, Options.ChallengeWorkingDays);
}
