using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Notifications;

/// <summary>Someone to tell: an account (inbox and mail), or an address alone (a referrer an agency system named).</summary>
public sealed record Recipient(Guid? UserId, string? Email, string DisplayName);

/// <summary>"Here", for who holds a role: one agency, or every agency of a kind (children's social care).</summary>
public sealed record Where(AgencyId? Agency = null, AgencyKind? Kind = null)
{
    public static Where ChildrensSocialCare { get; } = new(Kind: AgencyKind.ChildrensSocialCare);

    public static Where InAgency(AgencyId agency) => new(Agency: agency);
}

/// <summary>
/// Where a management line starts, within <see cref="Where"/>: work owned by a worker (their team's managers
/// first), by a team with nobody named, or about a child (whoever of an agency here is involved with the child
/// now, worked out only when someone is to be told).
/// </summary>
public sealed record LineStart(Where Where, Guid? Worker = null, TeamId? Team = null, ChildId? Child = null)
{
    public static LineStart OfChild(ChildId child, Where where) => new(where, Child: child);
}

/// <summary>
/// The one answer to "who is told": who holds a role here, who manages whom, who works with a child.
/// Every notification and escalation asks here, so every one follows the same active-account rule: where
/// someone is chosen for their role or team, an account locked now (disabled, or after failed sign-ins) is
/// left out, and one whose lock has passed is told again (Identity keeps the old lock's end on the account).
/// A person told by name (the referrer, the worker given the work, the worker involved with the child) is
/// told whatever their lock: nobody else gets their message, and it waits in their inbox.
/// </summary>
public sealed class Recipients(LanternDbContext db, TimeProvider time)
{
    /// <summary>The accounts that can be told now.</summary>
    private IQueryable<LanternUser> Active()
    {
        var now = time.GetUtcNow();
        return db.Users.AsNoTracking().Where(u => u.LockoutEnd == null || u.LockoutEnd <= now);
    }

    /// <summary>The active accounts of one agency, or of every agency of a kind.</summary>
    private IQueryable<LanternUser> ActiveIn(Where where)
    {
        ArgumentNullException.ThrowIfNull(where);
        var active = Active();
        if (where.Agency is { } agency)
        {
            active = active.Where(u => u.AgencyId == agency);
        }
        if (where.Kind is { } kind)
        {
            active = active.Where(u => u.Agency!.Kind == kind);
        }
        return active;
    }

    /// <summary>Who holds <paramref name="role"/> here, by name.</summary>
    public Task<IReadOnlyList<Recipient>> HoldersAsync(Role role, Where where, CancellationToken ct) =>
        ListAsync(ActiveIn(where).Where(u => u.Role == role), ct);

    /// <summary>
    /// The level of the management line above <paramref name="start"/>: for the team manager, the team
    /// managers of the worker's team (or of the team named), and every team manager here when the work has
    /// no team or its team has none; for the service manager and head of service, every holder here.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> ManagementLineAsync(EscalationLevel level, LineStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (level == EscalationLevel.TeamManager && await TeamManagersOfAsync(start, ct) is { Count: > 0 } ofTeam)
        {
            return ofTeam;
        }
        return await HoldersAsync(level.Role(), start.Where, ct);
    }

    /// <summary>
    /// The first level of the management line above <paramref name="start"/> that has anyone: the team's
    /// managers, else the service managers, else the heads of service. Who reviews a practitioner's work.
    /// <paramref name="except"/> is left out at every level (a manager who cannot review their own work), so
    /// a level holding nobody else passes to the next.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> FirstManagersAsync(LineStart start, CancellationToken ct, Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Others(await TeamManagersOfAsync(start, ct)) is { Count: > 0 } ofTeam)
        {
            return ofTeam;
        }
        foreach (var role in (Role[])[Role.ServiceManager, Role.HeadOfService])
        {
            if (Others(await HoldersAsync(role, start.Where, ct)) is { Count: > 0 } holders)
            {
                return holders;
            }
        }
        return [];

        IReadOnlyList<Recipient> Others(IReadOnlyList<Recipient> level) => except is { } id ? [.. level.Where(r => r.UserId != id)] : level;
    }

    /// <summary>Named accounts (the person who raised something, whose work was reviewed), whatever their lock.</summary>
    public Task<IReadOnlyList<Recipient>> PeopleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ListAsync(db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)), ct);

    /// <summary>Every active member of a team.</summary>
    public Task<IReadOnlyList<Recipient>> TeamAsync(TeamId team, CancellationToken ct) =>
        ListAsync(Active().Where(u => u.TeamId == team), ct);

    /// <summary>Every active member of the teams of this name here (such as the exploitation team).</summary>
    public Task<IReadOnlyList<Recipient>> TeamNamedAsync(string name, Where where, CancellationToken ct) =>
        ListAsync(ActiveIn(where).Where(u => u.Team!.Name == name), ct);

    /// <summary>
    /// Who works with the child for agencies here: the practitioners named on active involvements, and
    /// every member of a team involved with nobody named.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> InvolvedWithAsync(ChildId child, Where where, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(where);
        var involvements = await Involvements(child, where).Select(i => new { i.PractitionerId, i.TeamId }).ToListAsync(ct);
        var named = involvements.Where(i => i.PractitionerId is not null).Select(i => i.PractitionerId!.Value).ToList();
        var teams = involvements.Where(i => i.PractitionerId is null && i.TeamId is not null).Select(i => i.TeamId!.Value).Distinct().ToList();
        var people = new List<Recipient>(await PeopleAsync(named, ct));
        if (teams.Count > 0)
        {
            people.AddRange(await ListAsync(Active().Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value)), ct));
        }
        return [.. people.DistinctBy(p => p.UserId)];
    }

    /// <summary>
    /// Children's social care involved with the child (when the alert is about one) and every member of the
    /// team of <paramref name="team"/>'s name there: who is told about an alert on a child that needs a social work response.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> SocialCareAndTeamAsync(ChildId? child, string team, CancellationToken ct)
    {
        var involved = child is { } c ? await InvolvedWithAsync(c, Where.ChildrensSocialCare, ct) : [];
        var members = await TeamNamedAsync(team, Where.ChildrensSocialCare, ct);
        return [.. involved.Concat(members).DistinctBy(r => r.UserId)];
    }

    /// <summary>
    /// Where the management line of work about a child starts: the practitioner of an agency here named on
    /// the most recent active involvement (or, with nobody named, its team).
    /// </summary>
    private async Task<(Guid? Worker, TeamId? Team)> ChildOwnerAsync(ChildId child, Where where, CancellationToken ct)
    {
        var owner = await Involvements(child, where)
            .OrderBy(i => i.PractitionerId == null).ThenByDescending(i => i.StartedAt)
            .Select(i => new { i.PractitionerId, i.TeamId })
            .FirstOrDefaultAsync(ct);
        return (owner?.PractitionerId, owner?.TeamId);
    }

    /// <summary>The person who raised a referral: their account when they have one, otherwise the address an agency system gave.</summary>
    public async Task<IReadOnlyList<Recipient>> ReferrerAsync(Referral referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.ReferrerUserId is { } user)
        {
            return await PeopleAsync([user], ct);
        }
        return referral.ReferrerEmail is { } email ? [new Recipient(null, email, referral.ReferrerName)] : [];
    }

    private IQueryable<Involvement> Involvements(ChildId child, Where where)
    {
        var involvements = db.Involvements.AsNoTracking().Where(i => i.ChildId == child && i.EndedAt == null);
        if (where.Agency is { } agency)
        {
            involvements = involvements.Where(i => i.AgencyId == agency);
        }
        if (where.Kind is { } kind)
        {
            involvements = involvements.Where(i => i.Agency!.Kind == kind);
        }
        return involvements;
    }

    /// <summary>The active team managers of the team the line starts in (the worker's own, the team named, or the child's owner's); none when it has no team.</summary>
    private async Task<IReadOnlyList<Recipient>> TeamManagersOfAsync(LineStart start, CancellationToken ct)
    {
        var (worker, team) = start.Child is { } child ? await ChildOwnerAsync(child, start.Where, ct) : (start.Worker, start.Team);
        if (worker is { } id)
        {
            team = await db.Users.Where(u => u.Id == id).Select(u => u.TeamId).FirstOrDefaultAsync(ct);
        }
        return team is { } t ? await ListAsync(ActiveIn(start.Where).Where(u => u.TeamId == t && u.Role == Role.TeamManager), ct) : [];
    }

    private static async Task<IReadOnlyList<Recipient>> ListAsync(IQueryable<LanternUser> users, CancellationToken ct) =>
        await users.OrderBy(u => u.DisplayName).Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
}
