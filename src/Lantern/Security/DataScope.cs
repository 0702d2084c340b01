using Lantern.Data;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Security;

/// <summary>
/// Record-level access, applied inside every query that returns records about people. A record
/// outside the user's scope is filtered out, so it is "not found", never "forbidden": its existence
/// is not leaked. Later record types (children, referrals) add their rule here.
/// </summary>
public sealed class DataScope(CurrentUser user, LanternDbContext db)
{
    public CurrentUser User => user;

    /// <summary>Colleagues of the user's own agency; administrators see every account.</summary>
    public IQueryable<LanternUser> Practitioners(IQueryable<LanternUser> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return user.Role == Role.Administrator ? query : query.Where(u => u.AgencyId == user.AgencyId);
    }

    /// <summary>
    /// The front door (children's social care front-door roles) sees every referral; anyone else
    /// sees the referrals they raised themselves.
    /// </summary>
    public IQueryable<Referral> Referrals(IQueryable<Referral> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return IsFrontDoor ? query : query.Where(r => r.ReferrerUserId == user.Id);
    }

    /// <summary>
    /// Need to know: the front door (children's social care front-door roles) sees every child, because
    /// it decides on every referral; anyone else sees a child while they hold an active involvement
    /// with the child, or their team does with nobody named.
    /// </summary>
    public IQueryable<Child> Children(IQueryable<Child> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (IsFrontDoor)
        {
            return query;
        }
        var me = user.Id;
        var myTeam = MyTeam;
        return query.Where(c => db.Involvements.Any(i => i.ChildId == c.Id && i.EndedAt == null
            && (i.PractitionerId == me || (i.PractitionerId == null && i.TeamId != null && myTeam.Contains(i.TeamId)))));
    }

    /// <summary>The user's team, as a query to compose: the sign-in does not carry it, so a move between teams counts at once.</summary>
    public IQueryable<TeamId?> MyTeam => db.Users.Where(u => u.Id == user.Id).Select(u => u.TeamId);

    public Task<TeamId?> MyTeamAsync(CancellationToken ct) => MyTeam.FirstOrDefaultAsync(ct);

    public bool IsFrontDoor => user.AgencyKind == AgencyKind.ChildrensSocialCare && Policies.FrontDoorRoles.Contains(user.Role);
}
