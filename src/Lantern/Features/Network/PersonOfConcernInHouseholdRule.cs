using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

/// <summary>
/// A person flagged as of concern who lives with children (a parent, a household member, or an address
/// shared with a child): each of those children's safety is to be assessed. The abusers' own children were
/// not assessed in Rochdale; this makes the question impossible to miss. Told to children's social care
/// involved with the child and to the exploitation team; closed by children's social care.
/// </summary>
public sealed class PersonOfConcernInHouseholdRule(Recipients recipients, IOptions<ChildRecordOptions> options) : IAlertRule
{
    public const string RuleKey = "PersonOfConcernInHousehold";

    public string Key => RuleKey;

    public string Title => "Person of concern in the household";

    public AuditCode RaisedCode => AuditCode.PersonOfConcernInHouseholdAlertRaised;

    public Domain.Partnership.AgencyKind? Owner => Domain.Partnership.AgencyKind.ChildrensSocialCare;

    public bool TellOnNewEvidence => true;

    public Task<IReadOnlyList<Recipient>> WhoIsToldAsync(AlertSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return recipients.SocialCareAndTeamAsync(subject.Child, options.Value.ExploitationTeam, ct);
    }

    public AlertMessage Message(Alert alert, bool raised)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var person = alert.Evidence.Count > 0 ? alert.Evidence[^1].RecordReference : alert.Reference;
        return new($"Person of concern in a child's household: {alert.Reference}",
            $"{person} has been flagged as a person of concern and is recorded in this child's household. Assess the child's safety and record what was done on alert {alert.Reference}.");
    }

    /// <summary>
    /// The children a person lives with, as the network records it: linked as parent or household member, or
    /// living at a place where a child lives. Withdrawn links do not count.
    /// </summary>
    public static async Task<IReadOnlyList<ChildId>> HouseholdChildrenAsync(LanternDbContext db, Guid person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var links = await db.Links.AsNoTracking()
            .Where(l => l.WithdrawnAt == null && ((l.FromKind == NodeKind.Person && l.FromId == person) || (l.ToKind == NodeKind.Person && l.ToId == person)))
            .Select(l => new { l.FromKind, l.FromId, l.ToKind, l.ToId, l.Type }).ToListAsync(ct);
        var children = new HashSet<Guid>();
        var homes = new List<Guid>();
        foreach (var l in links)
        {
            var (kind, id) = l.FromKind == NodeKind.Person && l.FromId == person ? (l.ToKind, l.ToId) : (l.FromKind, l.FromId);
            if (kind == NodeKind.Child && l.Type is LinkType.ParentOf or LinkType.HouseholdMember)
            {
                children.Add(id);
            }
            if (kind == NodeKind.Place && l.Type == LinkType.LivesAt)
            {
                homes.Add(id);
            }
        }
        if (homes.Count > 0)
        {
            var living = await db.Links.AsNoTracking()
                .Where(l => l.WithdrawnAt == null && l.Type == LinkType.LivesAt
                    && ((l.FromKind == NodeKind.Child && l.ToKind == NodeKind.Place && homes.Contains(l.ToId))
                        || (l.ToKind == NodeKind.Child && l.FromKind == NodeKind.Place && homes.Contains(l.FromId))))
                .Select(l => l.FromKind == NodeKind.Child ? l.FromId : l.ToId).ToListAsync(ct);
            children.UnionWith(living);
        }
        var ids = children.Select(c => new ChildId(c)).ToList();
        // Only children whose records stand (a merged record's links follow its survivor).
        return await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id) && c.MergedIntoId == null).Select(c => c.Id).ToListAsync(ct);
    }
}
