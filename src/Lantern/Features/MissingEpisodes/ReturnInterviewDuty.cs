using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Duties;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// The return home interview after a missing episode, due 72 hours after the return (configurable).
/// Told first: the team manager of the children's social care worker involved with the child (or of the
/// team involved), else every children's social care team manager; then service manager, head of service.
/// </summary>
public sealed class ReturnInterviewDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "ReturnInterview";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var episodes = await ReturnInterviewWorkList.Owed(db.MissingEpisodes.AsNoTracking())
            .Where(m => m.InterviewDueBy <= now)
            .Select(m => new { m.Id, m.Reference, m.ChildId, DueBy = m.InterviewDueBy!.Value })
            .ToListAsync(ct);
        return [.. episodes.Select(e => new OverdueDuty(e.Id, e.Reference, e.DueBy, LineStart.OfChild(e.ChildId, Where.ChildrensSocialCare),
            MissingEpisodeRecords.RecordType, MissingEpisodeRecords.PagePath(e.ChildId, e.Id)))];
    }

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return level switch
        {
            EscalationLevel.TeamManager => new($"Return home interview overdue: {duty.Reference}",
                $"The return home interview after missing episode {duty.Reference} was due by {due} and has not been done, declined or recorded as not done. As team manager, make sure it is done now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: return home interview {duty.Reference}",
                $"The return home interview after missing episode {duty.Reference} was due by {due} and is still outstanding after the team manager was told. As service manager, make sure it is done."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: return home interview {duty.Reference}",
                $"The return home interview after missing episode {duty.Reference} was due by {due} and is still outstanding after the service manager was told."),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
