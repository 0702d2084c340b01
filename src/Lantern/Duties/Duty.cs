using Lantern.Domain.Escalation;
using Lantern.Notifications;

namespace Lantern.Duties;

/// <summary>
/// One instance of a duty whose deadline has passed and that is still owed: what it is about, the
/// reference people quote (never a child's name), when it was due, whose management line is told,
/// and where the people told read about it.
/// </summary>
public sealed record OverdueDuty(Guid SubjectId, string Reference, DateTimeOffset DueBy, LineStart Owner, string RecordType, string Link);

/// <summary>What a step of the ladder tells people: a subject line and a body, with no child's details.</summary>
public sealed record DutyMessage(string Subject, string Body);

/// <summary>
/// A clocked duty a feature contributes, in the feature's own folder, registered with
/// <see cref="DutyServices.AddDuty{TDuty}"/>. The sweep (<see cref="DutySweep"/>) asks every registered
/// duty what is overdue, climbs each one's ladder and tells each level of the owner's management line
/// exactly once, however many nodes run. The sweep knows no feature; a duty knows no other duty.
/// </summary>
public interface IDuty
{
    /// <summary>The duty's stable key, kept with every escalation step and used to configure its ladder; never change it once used.</summary>
    string Key { get; }

    /// <summary>The ladder used when the partnership sets none under <c>Lantern:Escalation:Ladders:{Key}</c>: the standard one unless the duty says otherwise.</summary>
    IReadOnlyList<LadderStep> DefaultLadder(EscalationOptions options) => options?.StandardLadder ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Every instance of this duty whose deadline has passed by <paramref name="now"/> and that is still owed.</summary>
    Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>What the people at <paramref name="level"/> are told; <paramref name="due"/> is the deadline in UK time.</summary>
    DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due);
}
