using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>A part of the front door queue a person can ask for (<c>/front-door?show=…</c>).</summary>
public enum QueueView
{
    /// <summary>Every referral waiting for a decision.</summary>
    All = 0,

    /// <summary>Those a manager allocated to the signed-in person.</summary>
    AllocatedToMe = 1,

    /// <summary>Those whose decision is due later today (UK time), not yet overdue.</summary>
    DueToday = 2,

    /// <summary>Those whose decision is overdue.</summary>
    Overdue = 3,

    /// <summary>Decisions waiting for a manager's sign-off that the signed-in person may give.</summary>
    AwaitingMySignOff = 4,

    /// <summary>Decisions the signed-in person recorded that a manager sent back, waiting for them to decide again.</summary>
    SentBackToMe = 5,
}

public static class QueueViews
{
    /// <summary>The <c>show</c> value of each part of the queue in its address.</summary>
    public static string Key(this QueueView view) => view switch
    {
        QueueView.All => "all",
        QueueView.AllocatedToMe => "mine",
        QueueView.DueToday => "due-today",
        QueueView.Overdue => "overdue",
        QueueView.AwaitingMySignOff => "sign-off",
        QueueView.SentBackToMe => "sent-back",
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, "Unknown part of the queue"),
    };

    /// <summary>The part of the queue a <c>show</c> value names; anything else is the whole queue.</summary>
    public static QueueView Parse(string? key) =>
        Enum.GetValues<QueueView>().FirstOrDefault(v => string.Equals(v.Key(), key, StringComparison.Ordinal));

    public static string Path(this QueueView view) => view == QueueView.All ? "/front-door" : "/front-door?show=" + view.Key();

    /// <summary>What the part of the queue holds, in words that follow a number ("3 due today").</summary>
    public static string DisplayName(this QueueView view) => view switch
    {
        QueueView.All => "Waiting for a decision",
        QueueView.AllocatedToMe => "Allocated to you",
        QueueView.DueToday => "Due today",
        QueueView.Overdue => "Overdue",
        QueueView.AwaitingMySignOff => "Waiting for your sign-off",
        QueueView.SentBackToMe => "Sent back to you",
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, "Unknown part of the queue"),
    };
}

/// <summary>
/// The one reading of the front door's work, within the caller's data scope: the queue of referrals waiting for a
/// decision and its parts, and the partnership's overdue list. The pages list it and the home page counts it, so a
/// count and the list it links to cannot disagree.
/// </summary>
public sealed class FrontDoorWork(LanternDbContext db, DataScope scope, WorkingDayCalendar calendar, TimeProvider time)
{
    /// <summary>One referral on the partnership's overdue list.</summary>
    public sealed record OverdueRow(string Reference, string From, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, TimeSpan Overdue, DateTimeOffset EscalatedAt, string? AllocatedTo);

    /// <summary>The undecided referrals (waiting for a decision or for its sign-off) the caller may see, in the part of the queue asked for.</summary>
    public async Task<IQueryable<Referral>> WaitingAsync(QueueView view, DateTimeOffset now, CancellationToken ct)
    {
        var open = scope.Referrals(db.Referrals.AsNoTracking()).Where(r => r.Status != ReferralStatus.Decided);
        switch (view)
        {
            case QueueView.All:
                return open;
            case QueueView.AllocatedToMe:
                var me = scope.User.Id;
                return open.Where(r => r.AllocatedTo == me);
            case QueueView.DueToday:
                var endOfToday = calendar.AtLocalTime(calendar.LocalDate(now).AddDays(1), TimeSpan.Zero);
                return open.Where(r => r.DecisionDueBy >= now && r.DecisionDueBy < endOfToday);
            case QueueView.Overdue:
                return open.Where(r => r.DecisionDueBy < now);
            case QueueView.AwaitingMySignOff:
                // The referral says who may sign it off: one rule, asked of the few decisions waiting.
                var actor = await scope.ActorAsync(ct);
                var awaiting = actor.IsFrontDoorManager
                    ? await open.Where(r => r.Status == ReferralStatus.AwaitingSignOff).ToListAsync(ct)
                    : [];
                var references = awaiting.Where(r => r.MayBeSignedOffBy(actor)).Select(r => r.Reference).ToList();
                return open.Where(r => references.Contains(r.Reference));
            case QueueView.SentBackToMe:
                var decider = scope.User.Id;
                return open.Where(r => r.Status == ReferralStatus.AwaitingDecision && r.ReturnedTo == decider);
            default:
                throw new ArgumentOutOfRangeException(nameof(view), view, "Unknown part of the queue");
        }
    }

    /// <summary>How many referrals the part of the queue holds now.</summary>
    public async Task<int> CountAsync(QueueView view, CancellationToken ct) =>
        await (await WaitingAsync(view, time.GetUtcNow(), ct)).CountAsync(ct);

    /// <summary>
    /// The partnership's overdue list: referrals still undecided after the head of service was told about the
    /// decision now due, oldest first. Leaders of every agency see it, so it holds references and agencies only.
    /// </summary>
    public async Task<IReadOnlyList<OverdueRow>> PartnershipOverdueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var atHead = (await db.EscalationSteps.AsNoTracking()
                .Where(s => s.Duty == ReferralDecisionDuty.DutyKey && s.Level == EscalationLevel.HeadOfService)
                .Select(s => new { s.Reference, s.DutyDueBy, s.PerformedAt })
                .ToListAsync(ct))
            .ToLookup(s => s.Reference);
        var references = atHead.Select(g => g.Key).ToList();
        var open = await db.Referrals.AsNoTracking()
            .Where(r => r.Status != ReferralStatus.Decided && references.Contains(r.Reference))
            .Select(r => new
            {
                r.Reference,
                Agency = r.SourceAgency!.Name,
                r.ReceivedAt,
                r.DecisionDueBy,
                AllocatedTo = db.Users.Where(u => u.Id == r.AllocatedTo).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. open
            .Select(r => (r, step: atHead[r.Reference].FirstOrDefault(s => s.DutyDueBy == r.DecisionDueBy)))
            .Where(x => x.step is not null)
            .Select(x => new OverdueRow(x.r.Reference, x.r.Agency, x.r.ReceivedAt, x.r.DecisionDueBy, now - x.r.DecisionDueBy, x.step!.PerformedAt, x.r.AllocatedTo))
            .OrderBy(r => r.DueBy)];
    }
}
