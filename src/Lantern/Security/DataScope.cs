using Lantern.Data;
using Lantern.Domain.Partnership;

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
        var myTeam = db.Users.Where(u => u.Id == me).Select(u => u.TeamId);
        return query.Where(c => db.Involvements.Any(i => i.ChildId == c.Id && i.EndedAt == null
            && (i.PractitionerId == me || (i.PractitionerId == null && i.TeamId != null && myTeam.Contains(i.TeamId)))));
    }

    public bool IsFrontDoor => user.AgencyKind == AgencyKind.ChildrensSocialCare && Policies.FrontDoorRoles.Contains(user.Role);
}
