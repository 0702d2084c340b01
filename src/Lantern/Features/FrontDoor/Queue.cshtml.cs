using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.FrontDoor;

/// <summary>Every undecided referral, what is due first at the top, overdue ones marked.</summary>
[Authorize(Policy = Policies.FrontDoor)]
public sealed class QueueModel(LanternDbContext db, FrontDoorWork queue, AuditTrail audit, WorkingDayCalendar calendar, IOptions<EscalationOptions> escalation, TimeProvider time) : PageModel
{
    public sealed record Row(string Reference, string Child, string From, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, TimeSpan Left, bool SexualHarm, string? AllocatedTo, bool RepeatedConcern, EscalationLevel? EscalatedTo = null)
    {
        public bool Overdue => Left < TimeSpan.Zero;

        /// <summary>The sign-off's own clock, when the decision waits for a manager's sign-off.</summary>
        public SignOffClock? SignOff { get; init; }

        /// <summary>A manager sent the last decision back; it waits to be decided again.</summary>
        public bool SentBack { get; init; }
    }

    /// <summary>When a decision's sign-off is due, how long is left, and how far its escalation has climbed.</summary>
    public sealed record SignOffClock(DateTimeOffset DueBy, TimeSpan Left, EscalationLevel? EscalatedTo)
    {
        public bool Overdue => Left < TimeSpan.Zero;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>How long a manager has to sign off a decision, in words ("4 working hours").</summary>
    public string SignOffWithin => Clocks.WorkingTime(escalation.Value.SignOffWorkingTime);

    /// <summary>The part of the queue shown: <c>?show=mine</c>, <c>due-today</c>, <c>overdue</c> or <c>sign-off</c>; the whole queue otherwise.</summary>
    public QueueView View { get; private set; }

    public async Task OnGetAsync(string? show, CancellationToken ct)
    {
        View = QueueViews.Parse(show);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.FrontDoorQueueViewed, "Referral", reason: View == QueueView.All ? null : View.Key()), ct);
        var now = time.GetUtcNow();
        var open = await (await queue.WaitingAsync(View, now, ct))
            .OrderBy(r => r.DecisionDueBy)
            .Select(r => new
            {
                r.Reference,
                r.ChildGivenName,
                r.ChildFamilyName,
                Agency = r.SourceAgency!.Name,
                r.ReceivedAt,
                r.DecisionDueBy,
                r.ConcernsSexualHarmOrExploitation,
                r.RepeatedConcern,
                r.Status,
                r.SignOffDueBy,
                SentBack = r.Status == ReferralStatus.AwaitingDecision && r.ReturnedTo != null,
                AllocatedTo = db.Users.Where(u => u.Id == r.AllocatedTo).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var references = open.Select(r => r.Reference).ToList();
        var steps = (await db.EscalationSteps.AsNoTracking()
                .Where(s => (s.Duty == ReferralDecisionDuty.DutyKey || s.Duty == ReferralSignOffDuty.DutyKey) && references.Contains(s.Reference))
                .Select(s => new { s.Duty, s.Reference, s.DutyDueBy, s.Level })
                .ToListAsync(ct))
            .ToLookup(s => (s.Duty, s.Reference));
        EscalationLevel? Reached(string duty, string reference, DateTimeOffset dueBy) =>
            steps[(duty, reference)].Where(s => s.DutyDueBy == dueBy).Select(s => (EscalationLevel?)s.Level).Max();
        Rows = [.. open.Select(r => new Row(r.Reference, $"{r.ChildGivenName} {r.ChildFamilyName}", r.Agency, r.ReceivedAt, r.DecisionDueBy,
            r.DecisionDueBy - now, r.ConcernsSexualHarmOrExploitation, r.AllocatedTo, r.RepeatedConcern,
            Reached(ReferralDecisionDuty.DutyKey, r.Reference, r.DecisionDueBy))
        {
            SignOff = r.Status == ReferralStatus.AwaitingSignOff && r.SignOffDueBy is { } signOffDue
                ? new SignOffClock(signOffDue, signOffDue - now, Reached(ReferralSignOffDuty.DutyKey, r.Reference, signOffDue))
                : null,
            SentBack = r.SentBack,
        })];
    }
}
