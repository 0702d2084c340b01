using System.Security.Claims;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Security;

/// <summary>An agency system calling the API with its key: which agency it speaks for, and which key.</summary>
public sealed record AgencySystem(AgencyId Agency, Guid ApiKeyId)
{
    public static AgencySystem? From(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(ApiKeys.ApiKeyIdClaim) is not { } key || !Guid.TryParse(key, out var keyId)
            || !Guid.TryParse(principal.FindFirstValue(LanternClaimTypes.Agency), out var agency))
        {
            return null;
        }
        return new AgencySystem(new AgencyId(agency), keyId);
    }
}

/// <summary>
/// Record-level access, applied inside every query that returns or changes records about people. A
/// record outside the caller's scope is filtered out, so it is "not found", never "forbidden": its
/// existence is not leaked. The caller is a signed-in person (need to know) or an agency system, which
/// may use only what the endpoint it called declares (<see cref="SystemAccess"/>): an endpoint that
/// reaches for a scope it did not declare fails, in tests first.
/// </summary>
public sealed class DataScope(IHttpContextAccessor http, LanternDbContext db)
{
    // The caller's claims, read once a request.
    private readonly Lazy<CurrentUser?> _user = new(() => CurrentUser.From(http.HttpContext?.User));

    private readonly Lazy<AgencySystem?> _system = new(() => AgencySystem.From(http.HttpContext?.User));

    /// <summary>The signed-in person; only for pages and endpoints that require sign-in.</summary>
    public CurrentUser User => _user.Value
        ?? throw new InvalidOperationException("No signed-in user: this scope is an agency system's or anonymous.");

    /// <summary>The agency system calling, when an agency system is.</summary>
    public AgencySystem? System => _system.Value;

    public bool IsAgencySystem => System is not null;

    /// <summary>What the endpoint being called lets an agency system do.</summary>
    private SystemAccess Declared => http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<AgencySystemAccess>()?.Access ?? SystemAccess.None;

    /// <summary>
    /// The agency system calling, for a write the endpoint declared (<paramref name="what"/>): whom a new
    /// record is from. Only for endpoints agency systems call.
    /// </summary>
    public AgencySystem SystemFor(SystemAccess what)
    {
        Require(what);
        return System ?? throw new InvalidOperationException("No agency system: this endpoint is only for agency systems.");
    }

    /// <summary>The signed-in person as the domain sees them, with their team as it is now.</summary>
    public async Task<Actor> ActorAsync(CancellationToken ct)
    {
        var user = User;
        return new Actor(user.Id, user.DisplayName, user.Role, user.AgencyId, user.AgencyKind ?? AgencyKind.Other, await MyTeamAsync(ct));
    }

    /// <summary>Any account as the domain sees it (someone a referral is allocated to), or null when there is no such account.</summary>
    public Task<Actor?> ActorOfAsync(Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Actor(u.Id, u.DisplayName, u.Role, u.AgencyId, u.Agency!.Kind, u.TeamId))
            .FirstOrDefaultAsync(ct);

    /// <summary>Colleagues of the user's own agency; administrators see every account.</summary>
    public IQueryable<LanternUser> Practitioners(IQueryable<LanternUser> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var user = User;
        return user.Role == Role.Administrator ? query : query.Where(u => u.AgencyId == user.AgencyId);
    }

    /// <summary>
    /// The front door (children's social care front-door roles) sees every referral; anyone else sees the
    /// referrals they raised themselves; an agency system, those its agency raised.
    /// </summary>
    public IQueryable<Referral> Referrals(IQueryable<Referral> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (System is { } system)
        {
            Require(SystemAccess.ReadOwnReferrals);
            return query.Where(r => r.SourceAgencyId == system.Agency);
        }
        if (IsFrontDoor)
        {
            return query;
        }
        var me = User.Id;
        return query.Where(r => r.ReferrerUserId == me);
    }

    /// <summary>
    /// The children a caller may read about. Need to know: the front door sees every child, because it
    /// decides on every referral; anyone else sees a child while they hold an active involvement with
    /// the child, or their team does with nobody named; an agency system, the children its agency is
    /// involved with.
    /// </summary>
    public IQueryable<Child> Children(IQueryable<Child> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (System is { } system)
        {
            Require(SystemAccess.ReadInvolvedChildren);
            return query.Where(c => db.Involvements.Any(i => i.ChildId == c.Id && i.EndedAt == null && i.AgencyId == system.Agency));
        }
        if (IsFrontDoor)
        {
            return query;
        }
        var me = User.Id;
        var myTeam = MyTeam;
        return query.Where(c => db.Involvements.Any(i => i.ChildId == c.Id && i.EndedAt == null
            && (i.PractitionerId == me || (i.PractitionerId == null && i.TeamId != null && myTeam.Contains(i.TeamId)))));
    }

    /// <summary>
    /// The children a caller may add a record to (an event, a missing episode). A person: the children
    /// they may read about. An agency system: any child whose id it holds (from its own referral), because
    /// it adds what its agency knows and reads nothing back.
    /// </summary>
    public IQueryable<Child> ChildrenToAddTo(IQueryable<Child> query, SystemAccess what)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (what is not (SystemAccess.AddToChronology or SystemAccess.RecordMissingEpisodes or SystemAccess.RecordCrimes))
        {
            throw new ArgumentOutOfRangeException(nameof(what), what, "Adding to a child's record is adding to the chronology, recording a missing episode or recording a crime.");
        }
        if (IsAgencySystem)
        {
            Require(what);
            return query;
        }
        return Children(query);
    }

    /// <summary>
    /// Missing episodes a caller may read: a person, those of the children they may read about; an agency
    /// system, the episodes its own agency recorded.
    /// </summary>
    public IQueryable<MissingEpisode> MissingEpisodes(IQueryable<MissingEpisode> query) => EpisodesFor(query, SystemAccess.ReadOwnMissingEpisodes);

    /// <summary>Missing episodes a caller may update (record the return on): the same rule, declared as a write.</summary>
    public IQueryable<MissingEpisode> MissingEpisodesToUpdate(IQueryable<MissingEpisode> query) => EpisodesFor(query, SystemAccess.UpdateOwnMissingEpisodes);

    private IQueryable<MissingEpisode> EpisodesFor(IQueryable<MissingEpisode> query, SystemAccess what)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (System is { } system)
        {
            Require(what);
            return query.Where(m => m.RecordedByAgencyId == system.Agency);
        }
        var children = Children(db.Children).Select(c => c.Id);
        return query.Where(m => children.Contains(m.ChildId));
    }

    /// <summary>
    /// Crimes a caller may read: a person, those with a victim they may read about; an agency system, the crimes its
    /// own agency recorded.
    /// </summary>
    public IQueryable<Crime> Crimes(IQueryable<Crime> query) => CrimesFor(query, SystemAccess.ReadOwnCrimes);

    /// <summary>Crimes a caller may add a decision to: the same rule, declared as a write.</summary>
    public IQueryable<Crime> CrimesToUpdate(IQueryable<Crime> query) => CrimesFor(query, SystemAccess.UpdateOwnCrimes);

    private IQueryable<Crime> CrimesFor(IQueryable<Crime> query, SystemAccess what)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (System is { } system)
        {
            Require(what);
            return query.Where(c => c.RecordedByAgencyId == system.Agency);
        }
        var children = Children(db.Children).Select(c => c.Id);
        return query.Where(c => db.CrimeVictims.Any(v => v.CrimeId == c.Id && children.Contains(v.ChildId)));
    }

    /// <summary>
    /// Chronology entries a caller may correct: a person, any entry of a child they may read about (a
    /// correction is a new entry, and both stay); an agency system, the entries its own agency made.
    /// </summary>
    public IQueryable<ChronologyEntry> EntriesToCorrect(IQueryable<ChronologyEntry> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (System is { } system)
        {
            Require(SystemAccess.CorrectOwnEntries);
            return query.Where(e => e.SourceAgencyId == system.Agency);
        }
        var children = Children(db.Children).Select(c => c.Id);
        return query.Where(e => children.Contains(e.ChildId));
    }

    /// <summary>The user's team, as a query to compose: the sign-in does not carry it, so a move between teams counts at once.</summary>
    public IQueryable<TeamId?> MyTeam
    {
        get
        {
            var me = User.Id;
            return db.Users.Where(u => u.Id == me).Select(u => u.TeamId);
        }
    }

    public Task<TeamId?> MyTeamAsync(CancellationToken ct) => MyTeam.FirstOrDefaultAsync(ct);

    public bool IsFrontDoor => !IsAgencySystem && User.IsFrontDoor;

    private void Require(SystemAccess needed)
    {
        if ((Declared & needed) != needed)
        {
            throw new InvalidOperationException(
                $"This endpoint reads or writes records for an agency system ({needed}) without declaring it: add .ForAgencySystems(SystemAccess.{needed}) to its mapping.");
        }
    }
}
