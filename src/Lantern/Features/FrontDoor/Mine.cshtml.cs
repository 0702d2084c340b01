using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Referrals;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>The referrals a person raised, with their status and outcome, and drafts not yet sent.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(LanternDbContext db, CurrentUser me, AuditTrail audit, WorkingDayCalendar calendar, ReferralDrafts drafts) : PageModel
{
    public sealed record Sent(string Reference, string Child, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, ReferralStatus Status, ReferralOutcome? Outcome);

    public IReadOnlyList<Sent> Referrals { get; private set; } = [];

    public IReadOnlyList<ReferralDrafts.Unsent> Drafts { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.OwnReferralsViewed, "Referral"), ct);
        Referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.ReferrerUserId == me.Id)
            .OrderByDescending(r => r.ReceivedAt)
            .Select(r => new Sent(r.Reference, r.ChildGivenName + " " + r.ChildFamilyName, r.ReceivedAt, r.DecisionDueBy, r.Status, r.Outcome))
            .ToListAsync(ct);
        Drafts = await drafts.UnsentAsync(ct);
    }
}
