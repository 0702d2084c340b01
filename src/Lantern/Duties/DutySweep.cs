using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Duties;

/// <summary>
/// Asks every registered duty what is past its deadline and performs each escalation step that has
/// fallen due and was not yet performed: it records the step, tells the people at that level of the
/// owner's management line and audits it, in one transaction. Every node of a cluster runs the sweep;
/// the unique key on the step lets exactly one of them perform each step (docs/adr/0009).
/// </summary>
public sealed partial class DutySweep(
    LanternDbContext db,
    IEnumerable<IDuty> duties,
    EscalationLadders ladders,
    WorkingDayCalendar calendar,
    Recipients recipients,
    Notifier notifier,
    AuditTrail audit,
    TimeProvider time,
    ILogger<DutySweep> logger)
{
    /// <summary>Performs every escalation step due now; returns how many this node performed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var overdue = new List<(IDuty Duty, OverdueDuty Item)>();
        foreach (var duty in duties)
        {
            overdue.AddRange((await duty.OverdueAsync(now, ct)).Select(item => (duty, item)));
        }
        if (overdue.Count == 0)
        {
            return 0;
        }

        var subjectIds = overdue.Select(d => d.Item.SubjectId).Distinct().ToList();
        var done = (await db.EscalationSteps.AsNoTracking()
                .Where(s => subjectIds.Contains(s.SubjectId))
                .Select(s => new { s.Duty, s.SubjectId, s.DutyDueBy, s.Level })
                .ToListAsync(ct))
            .Select(s => (s.Duty, s.SubjectId, s.DutyDueBy, s.Level))
            .ToHashSet();

        var performed = 0;
        foreach (var (duty, item) in overdue.OrderBy(d => d.Item.DueBy))
        {
            foreach (var step in ladders.For(duty).DueSteps(item.DueBy, now))
            {
                if (!done.Contains((duty.Key, item.SubjectId, item.DueBy, step.Level)) && await PerformAsync(duty, item, step, now, ct))
                {
                    performed++;
                }
            }
        }
        return performed;
    }

    private async Task<bool> PerformAsync(IDuty duty, OverdueDuty item, EscalationStepDue step, DateTimeOffset now, CancellationToken ct)
    {
        var told = await recipients.ManagementLineAsync(step.Level, item.Owner, ct);
        db.EscalationSteps.Add(new EscalationStep
        {
            Duty = duty.Key,
            SubjectId = item.SubjectId,
            Reference = item.Reference,
            DutyDueBy = item.DueBy,
            Level = step.Level,
            StepDueAt = step.DueAt,
            PerformedAt = now,
            Told = Truncate(string.Join(", ", told.Select(r => r.DisplayName)), 2000),
        });
        var message = duty.Message(item, step.Level, calendar.UkTime(item.DueBy));
        notifier.Tell(told, message.Subject, message.Body, item.Link);
        try
        {
            await audit.SaveAsync(AuditEntry.System(AuditCode.EscalationRaised, item.RecordType, item.Reference,
                $"{duty.Key} due {item.DueBy:O}: {step.Level} told ({told.Count})"), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another node performed the step first: the unique key refused this one, as it should.
            if (await db.EscalationSteps.AnyAsync(s => s.Duty == duty.Key && s.SubjectId == item.SubjectId && s.DutyDueBy == item.DueBy && s.Level == step.Level, ct))
            {
                LogPerformedElsewhere(logger, item.Reference, step.Level);
                return false;
            }
            throw;
        }
        db.ChangeTracker.Clear();
        LogEscalated(logger, item.Reference, duty.Key, step.Level, told.Count);
        return true;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Reference} ({Duty}) to {Level}; {Count} people told")]
    private static partial void LogEscalated(ILogger logger, string reference, string duty, EscalationLevel level, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation of {Reference} to {Level} was performed by another node")]
    private static partial void LogPerformedElsewhere(ILogger logger, string reference, EscalationLevel level);
}
