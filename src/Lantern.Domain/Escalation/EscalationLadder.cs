using System.Globalization;
using Lantern.Domain.Calendar;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Escalation;

/// <summary>Who is told, in order, when a duty is not done in time: the levels of the management line.</summary>
public enum EscalationLevel
{
    TeamManager = 1,
    ServiceManager = 2,
    HeadOfService = 3,
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

    /// <summary>The role that holds a level of the management line.</summary>
    public static Role Role(this EscalationLevel level) => level switch
    {
        EscalationLevel.TeamManager => Partnership.Role.TeamManager,
        EscalationLevel.ServiceManager => Partnership.Role.ServiceManager,
        EscalationLevel.HeadOfService => Partnership.Role.HeadOfService,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}

/// <summary>
/// One step of a ladder: which level of the management line is told, and how much working time after
/// the step before (for the first step, after the deadline). Bound from configuration.
/// </summary>
public sealed record LadderStep
{
    public EscalationLevel Tell { get; init; }

    /// <summary>Working time after the step before, such as 04:00 (4 working hours).</summary>
    public TimeSpan AfterWorkingTime { get; init; }

    /// <summary>Whole working days after the step before, added to <see cref="AfterWorkingTime"/>.</summary>
    public int AfterWorkingDays { get; init; }
}

/// <summary>
/// Bound from <c>Lantern:Escalation</c>. Partnerships set their own intervals, so they are
/// configuration. The standard ladder tells the team manager when the duty is due, the service manager
/// 4 working hours later and the head of service one working day after that; a duty may have a ladder
/// of its own under <c>Ladders:{duty key}</c>.
/// </summary>
public sealed record EscalationOptions
{
    public const string Section = "Lantern:Escalation";

    /// <summary>Working time after the team manager is told before the service manager is (the standard ladder).</summary>
    public TimeSpan ServiceManagerAfterWorkingTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Working days after the service manager is told before the head of service is (the standard ladder).</summary>
    public int HeadOfServiceAfterWorkingDays { get; init; } = 1;

    /// <summary>Working days a service manager has to answer a professional challenge.</summary>
    public int ChallengeWorkingDays { get; init; } = 2;

    /// <summary>
    /// Working time a front-door manager has to sign off (or send back) a decision proposed for sign-off,
    /// from when it was proposed; the sign-off's own clock, which then climbs its own ladder.
    /// </summary>
    public TimeSpan SignOffWorkingTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How often each node looks for steps that are due.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A duty's own ladder, by the duty's key (ReferralDecision, ReturnInterview...), in place of its default.</summary>
    public Dictionary<string, List<LadderStep>> Ladders { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The standard ladder: team manager at the deadline, then service manager, then head of service.</summary>
    public IReadOnlyList<LadderStep> StandardLadder =>
    [
        new() { Tell = EscalationLevel.TeamManager },
        new() { Tell = EscalationLevel.ServiceManager, AfterWorkingTime = ServiceManagerAfterWorkingTime },
        new() { Tell = EscalationLevel.HeadOfService, AfterWorkingDays = HeadOfServiceAfterWorkingDays },
    ];

    /// <summary>Every problem with the settings, each naming its setting.</summary>
    public IReadOnlyList<CalendarConfigurationError> Validate(IEnumerable<string>? dutyKeys = null)
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
        if (SignOffWorkingTime <= TimeSpan.Zero || SignOffWorkingTime > TimeSpan.FromDays(30))
        {
            errors.Add(new(Section + ":" + nameof(SignOffWorkingTime), $"Must be a positive working time such as 04:00 (4 working hours); it was {SignOffWorkingTime.ToString("c", CultureInfo.InvariantCulture)}."));
        }
        if (SweepInterval < TimeSpan.FromSeconds(1) || SweepInterval > TimeSpan.FromHours(1))
        {
            errors.Add(new(Section + ":" + nameof(SweepInterval), $"Must be from 00:00:01 to 01:00:00; it was {SweepInterval.ToString("c", CultureInfo.InvariantCulture)}."));
        }
        var known = dutyKeys?.ToHashSet(StringComparer.Ordinal);
        foreach (var (duty, steps) in Ladders)
        {
            var at = $"{Section}:{nameof(Ladders)}:{duty}";
            if (known is not null && !known.Contains(duty))
            {
                errors.Add(new(at, $"No duty has the key \"{duty}\"; the duties are: {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
            }
            errors.AddRange(ValidateLadder(at, steps));
        }
        return errors;
    }

    /// <summary>What is wrong with one ladder, each error named from <paramref name="at"/> (its settings key).</summary>
    public static IEnumerable<CalendarConfigurationError> ValidateLadder(string at, IReadOnlyList<LadderStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            yield return new(at, "A ladder needs at least one step.");
        }
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!Enum.IsDefined(step.Tell))
            {
                yield return new($"{at}:{i}:{nameof(LadderStep.Tell)}", "Must be TeamManager, ServiceManager or HeadOfService.");
            }
            if (step.AfterWorkingTime < TimeSpan.Zero || step.AfterWorkingTime > TimeSpan.FromDays(30))
            {
                yield return new($"{at}:{i}:{nameof(LadderStep.AfterWorkingTime)}", $"Must be a working time from 00:00 to 30 days; it was {step.AfterWorkingTime.ToString("c", CultureInfo.InvariantCulture)}.");
            }
            if (step.AfterWorkingDays is < 0 or > 30)
            {
                yield return new($"{at}:{i}:{nameof(LadderStep.AfterWorkingDays)}", $"Must be from 0 to 30 working days; it was {step.AfterWorkingDays}.");
            }
            // A ladder climbs, so a level told twice can only be the step before's.
            if (i > 0 && step.Tell < steps[i - 1].Tell)
            {
                yield return new($"{at}:{i}:{nameof(LadderStep.Tell)}", "A ladder climbs: each step tells the same level or a more senior one than the step before.");
            }
            else if (i > 0 && step.Tell == steps[i - 1].Tell)
            {
                yield return new($"{at}:{i}:{nameof(LadderStep.Tell)}", $"{step.Tell} is told twice; each level is told once.");
            }
        }
    }
}

/// <summary>One step of an escalation and when it falls due.</summary>
public readonly record struct EscalationStepDue(EscalationLevel Level, DateTimeOffset DueAt);

/// <summary>
/// When each step of a duty's ladder falls due, by working time on the partnership's calendar. Pure:
/// the same deadline always gives the same steps, which is what lets every node of a cluster work them
/// out alone and the database decide which node performs each one.
/// </summary>
public sealed class EscalationLadder
{
    private readonly WorkingDayCalendar _calendar;

    private readonly IReadOnlyList<LadderStep> _definition;

    public EscalationLadder(WorkingDayCalendar calendar, IReadOnlyList<LadderStep> steps)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(steps);
        var errors = EscalationOptions.ValidateLadder($"{EscalationOptions.Section}:{nameof(EscalationOptions.Ladders)}:ladder", steps).ToList();
        if (errors.Count > 0)
        {
            throw new CalendarConfigurationException(errors);
        }
        _calendar = calendar;
        _definition = steps;
    }

    /// <summary>Every step of a duty due at <paramref name="dueBy"/>, in order.</summary>
    public IReadOnlyList<EscalationStepDue> Steps(DateTimeOffset dueBy)
    {
        var steps = new List<EscalationStepDue>(_definition.Count);
        var at = dueBy;
        foreach (var step in _definition)
        {
            at = _calendar.AddWorkingTime(at, step.AfterWorkingTime + (_calendar.WorkingDayLength * step.AfterWorkingDays));
            steps.Add(new(step.Tell, at));
        }
        return steps;
    }

    /// <summary>The steps of a duty due at <paramref name="dueBy"/> that have fallen due by <paramref name="now"/>.</summary>
    public IEnumerable<EscalationStepDue> DueSteps(DateTimeOffset dueBy, DateTimeOffset now) =>
        Steps(dueBy).Where(s => s.DueAt <= now);
}
