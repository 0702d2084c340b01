using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// Links a person records by hand from a record's page, and withdrawing a link (by hand or from a record) with a
/// reason, each audited. Both ends must be records the person may see; a link they may not see (a hidden child's,
/// or one with a police grade outside the intelligence roles) cannot be withdrawn by them either.
/// </summary>
public sealed class ManualLinks(LanternDbContext db, DataScope scope, NetworkRecords network, AuditTrail audit, NetworkAlerts alerts, TimeProvider time)
{
    /// <summary>What a link recorded by hand says it came from: a page of Lantern, and the record it was added on.</summary>
    public const string RecordType = "Page";

    /// <summary>
    /// Which end a link by hand starts from, so that it reads as people say it: from the child ("found at" the
    /// place), from the person ("drives" the car), and into the context ("part of the context"); otherwise from the
    /// record whose page it was added on.
    /// </summary>
    public static (NodeRef From, NodeRef To) Ends(NodeRef page, NodeRef other) =>
        Rank(other.Kind) < Rank(page.Kind) ? (other, page) : (page, other);

    /// <summary>Records the link; the link, or the problem (nothing is saved).</summary>
    public async Task<Result<Link>> AddAsync(NodeRef page, NodeRef? other, LinkByHand given, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (await network.FindAsync(page, ct) is not { } view)
        {
            return Failure.NotFound("There is no such record");
        }
        var errors = new List<FieldError>();
        if (other is not { } target)
        {
            errors.Add(new("Other", "Select the child or record to link"));
        }
        else if (target != page && !await network.MaySeeAsync(target, ct))
        {
            // Not told apart from a record that does not exist.
            errors.Add(new("Other", "Select the child or record to link from the search results"));
        }
        if (!string.IsNullOrWhiteSpace(given.Grade) && !network.SeesIntelligence)
        {
            errors.Add(new("Grade", "Only the intelligence roles record a police intelligence grade: leave it empty"));
        }
        var me = await scope.ActorAsync(ct);
        var now = time.GetUtcNow();
        var (from, to) = other is { } o ? Ends(page, o) : (page, page);
        var made = Link.RecordByHand(from, to, given, new LinkSource(RecordType, view.Reference, me.Agency, now), me.Name, now);
        if (made.Failure is { } problem)
        {
            // A problem found above (a record that cannot be linked) stands before what the link itself says.
            errors.AddRange(problem.Errors.Where(e => other is not null || e.Field != "Other"));
        }
        if (errors.Count == 0 && await AlreadyLinkedAsync(from, to, given.Type!.Value, ct))
        {
            errors.Add(new("Type", $"These records are already linked as \"{Link.Describe(given.Type!.Value)}\": withdraw that link first if it is wrong"));
        }
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors.DistinctBy(e => e.Field));
        }
        var link = made.Value;
        db.Links.Add(link);
        var otherEnd = link.Other(page)!.Value;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.LinkAdded, NetworkRecords.KindName(page.Kind), view.Reference,
            $"link {link.Id}: {Link.Describe(link.Type)} {NetworkRecords.KindName(otherEnd.Kind)} {otherEnd.Id}, {Link.Describe(link.Confidence)}"), ct);
        await alerts.AfterLinksSavedAsync([link], ct);
        return link;
    }

    /// <summary>The link as the record's page shows it, when the reader may see it there.</summary>
    public async Task<LinkRow?> FindAsync(NodeRef page, Guid linkId, CancellationToken ct) =>
        (await network.LinksAsync(page, ct)).Links.FirstOrDefault(l => l.Id == linkId);

    /// <summary>Withdraws the link with the reason; null when withdrawn, or the problem.</summary>
    public async Task<Failure?> WithdrawAsync(NodeRef page, Guid linkId, string? reason, CancellationToken ct)
    {
        if (await network.FindAsync(page, ct) is not { } view || await FindAsync(page, linkId, ct) is null
            || await db.Links.FirstOrDefaultAsync(l => l.Id == linkId, ct) is not { } link)
        {
            return Failure.NotFound("There is no such link");
        }
        var me = await scope.ActorAsync(ct);
        if (link.Withdraw(reason, time.GetUtcNow(), me.Name) is { } problem)
        {
            return problem;
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.LinkWithdrawn, NetworkRecords.KindName(page.Kind), view.Reference, $"link {link.Id}: {link.WithdrawnReason}"), ct);
        return null;
    }

    private Task<bool> AlreadyLinkedAsync(NodeRef from, NodeRef to, LinkType type, CancellationToken ct) =>
        db.Links.AnyAsync(l => l.WithdrawnAt == null && l.Type == type
            && ((l.FromKind == from.Kind && l.FromId == from.Id && l.ToKind == to.Kind && l.ToId == to.Id)
                || (l.FromKind == to.Kind && l.FromId == to.Id && l.ToKind == from.Kind && l.ToId == from.Id)), ct);

    private static int Rank(NodeKind kind) => kind switch
    {
        NodeKind.Child => 0,
        NodeKind.Person => 1,
        NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place => 2,
        NodeKind.Context => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
