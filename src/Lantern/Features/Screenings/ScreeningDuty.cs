using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Duties;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>
/// An exploitation screening, due every few months and soon after anything new about the child, of a
/// child an agency is involved with and not known to be 18. Told first: the team manager of the
/// children's social care worker involved with the child, as for a return home interview.
/// </summary>
public sealed class ScreeningDuty(LanternDbContext db, Screenings screenings) : IDuty
{
    public const string DutyKey = "Screening";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await screenings.DueForAsync(screenings.Responsible(db.Children.AsNoTracking()), ct);
        return [.. due.Where(d => d.Due.DueBy <= now).Select(d => new OverdueDuty(d.ChildId.Value, Screenings.DutyReference(d.ChildId), d.Due.DueBy,
            LineStart.OfChild(d.ChildId, Where.ChildrensSocialCare), "Child", $"/children/{d.ChildId}"))];
    }

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return level switch
        {
            EscalationLevel.TeamManager => new($"Exploitation screening overdue: {duty.Reference}",
                $"An exploitation screening of a child your team works with was due by {due} and has not been done. As team manager, make sure it is done now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: exploitation screening {duty.Reference}",
                $"An exploitation screening was due by {due} and is still not done after the team manager was told. As service manager, make sure it is done."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: exploitation screening {duty.Reference}",
                $"An exploitation screening was due by {due} and is still not done after the service manager was told."),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
