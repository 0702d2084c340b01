using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Alerts;

/// <summary>One record behind an alert: its kind and source id, the member it joined, the agency, when, how graded, what it shows.</summary>
public sealed record AlertRecordView(string RecordType, string SourceId, string? Member, string? Agency, DateTimeOffset At, string? Grade, string Summary);

/// <summary>A member of an alert (the adult or thing it is about, and each child), with every record that joined it.</summary>
public sealed record AlertMemberView(string Kind, string Id, IReadOnlyList<AlertRecordView> Records);

/// <summary>One line of the alerts page: the alert, and the child it is about (their name) or the network record it is about.</summary>
public sealed record AlertRow(Guid Id, string Reference, string Rule, AlertStatus Status, string Summary, DateTimeOffset RaisedAt, DateTimeOffset? EvidenceCompleteAt,
    Guid? ChildId, string? ChildName, string SubjectType, string SubjectId);

/// <summary>One page of the alerts page, with how many there are in all.</summary>
public sealed record AlertPageOfRows(IReadOnlyList<AlertRow> Rows, int Total, int Page, int Pages);

/// <summary>
/// An alert as the API and <c>lantern alerts list --json</c> give it: the rule, where it stands, when its evidence became
/// complete (in the records' own time) and when Lantern raised it, its members and the records behind it.
/// </summary>
public sealed record AlertView(Guid Id, string Reference, string Rule, AlertStatus Status, string SubjectType, string SubjectId,
    DateTimeOffset? EvidenceCompleteAt, DateTimeOffset RaisedAt, DateTimeOffset UpdatedAt, string Summary,
    IReadOnlyList<AlertMemberView> Members, IReadOnlyList<AlertRecordView> Evidence);

/// <summary>
/// Lists alerts, newest first: for a signed-in reader, the network's alerts (for those who see the whole network) and
/// the alerts about children they may see; for the command line, every alert. Each listing is audited.
/// </summary>
public sealed class AlertList(LanternDbContext db, AuditTrail audit)
{
    public const int MaxListed = 1000;

    /// <summary>The alerts <paramref name="scope"/>'s reader may see, of one rule and status when given.</summary>
    public async Task<IReadOnlyList<AlertView>> ForReaderAsync(DataScope scope, string? rule, AlertStatus? status, CancellationToken ct)
    {
        var list = await ListAsync(Visible(scope), rule, status, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertsListed, AlertService.RecordType, "list", Describe(list, rule, status)), ct);
        return list;
    }

    /// <summary>
    /// The alerts a reader may see: the network's alerts (about a person or a thing) for those who see the whole network
    /// (the front door and intelligence analysts), and a child's alerts for those who may see the child.
    /// </summary>
    public IQueryable<Alert> Visible(DataScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // Authorize twice: the policy lets readers in; here, a child's alert only when they may see the child.
        var network = SeesNetworkAlerts(scope);
        var children = scope.Children(db.Children).Select(c => c.Id);
        return db.Alerts.AsNoTracking().Where(a => (a.ChildId == null && network) || (a.ChildId != null && children.Contains(a.ChildId.Value)));
    }

    /// <summary>
    /// An alert the reader may see, by its reference, with the records it is about: its subject and every member its evidence
    /// joined (children, people, things), for the network drawn around them. Null when the reader may not see it.
    /// </summary>
    public async Task<(string Reference, IReadOnlyList<NodeRef> Members)?> MembersAsync(DataScope scope, Guid id, CancellationToken ct)
    {
        var alert = await Visible(scope).Where(a => a.Id == id).Select(a => new { a.Reference, a.SubjectType, a.SubjectId }).FirstOrDefaultAsync(ct);
        if (alert is null)
        {
            return null;
        }
        var members = await db.Alerts.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Evidence).Where(e => e.Member != null).Select(e => e.Member!).Distinct().ToListAsync(ct);
        static NodeRef? Node(string kind, string node) =>
            Enum.TryParse<NodeKind>(kind, out var k) && Enum.IsDefined(k) && Guid.TryParse(node, out var g) ? new NodeRef(k, g) : null;
        var nodes = new[] { Node(alert.SubjectType, alert.SubjectId) }.Concat(members.Order(StringComparer.Ordinal).Select(m => m.Split(':') is [var k, var n] ? Node(k, n) : null));
        return (alert.Reference, [.. nodes.OfType<NodeRef>().Distinct()]);
    }

    /// <summary>Whether the reader sees the network's alerts, about a person or a thing rather than a child.</summary>
    public static bool SeesNetworkAlerts(DataScope scope) =>
        !(scope ?? throw new ArgumentNullException(nameof(scope))).IsAgencySystem && (scope.IsFrontDoor || scope.User.Role == Role.IntelligenceAnalyst);

    /// <summary>How many alerts the reader may see are open, seen by nobody yet: the home page's count, not an audited read.</summary>
    public Task<int> CountOpenAsync(DataScope scope, CancellationToken ct) =>
        Visible(scope).CountAsync(a => a.Status == AlertStatus.Open, ct);

    /// <summary>
    /// One page of the alerts the reader may see, newest first, of one rule and status when given (<paramref name="status"/>
    /// null: every status), for the alerts page; audited as a listing.
    /// </summary>
    public async Task<AlertPageOfRows> PageForReaderAsync(DataScope scope, string? rule, AlertStatus? status, int page, CancellationToken ct)
    {
        var query = Visible(scope);
        if (rule is not null)
        {
            query = query.Where(a => a.Rule == rule);
        }
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var found = await query.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Reference).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.Rule,
                a.Status,
                a.Summary,
                a.RaisedAt,
                a.EvidenceCompleteAt,
                a.ChildId,
                a.SubjectType,
                a.SubjectId,
                ChildName = db.Children.Where(c => c.Id == a.ChildId).Select(c => c.GivenName + " " + c.FamilyName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var rows = found.Select(a => new AlertRow(a.Id, a.Reference, a.Rule, a.Status, a.Summary, a.RaisedAt, a.EvidenceCompleteAt, a.ChildId?.Value, a.ChildName,
            a.SubjectType, a.SubjectId)).ToList();
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertsListed, AlertService.RecordType, "page",
            $"{rows.Count} of {total} alerts, page {page}{(rule is null ? "" : ", rule " + rule)}{(status is null ? "" : ", " + status.Value.DisplayName().ToLowerInvariant())}"), ct);
        return new AlertPageOfRows(rows, total, page, pages);
    }

    /// <summary>Alerts on one page of the alerts page.</summary>
    public const int PageSize = 50;

    /// <summary>Every alert, for an operator at the command line (audited as the command line).</summary>
    public async Task<IReadOnlyList<AlertView>> AllAsync(string? rule, AlertStatus? status, CancellationToken ct)
    {
        var list = await ListAsync(db.Alerts.AsNoTracking(), rule, status, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertsListed, AlertService.RecordType, "list", Describe(list, rule, status)), ct);
        return list;
    }

    private static string Describe(IReadOnlyList<AlertView> list, string? rule, AlertStatus? status) =>
        $"{list.Count} alerts{(rule is null ? "" : ", rule " + rule)}{(status is null ? "" : ", " + status.Value.DisplayName().ToLowerInvariant())}";

    private static async Task<IReadOnlyList<AlertView>> ListAsync(IQueryable<Alert> query, string? rule, AlertStatus? status, CancellationToken ct)
    {
        if (rule is not null)
        {
            query = query.Where(a => a.Rule == rule);
        }
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        var alerts = await query.Include(a => a.Evidence).OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Reference).Take(MaxListed).AsSplitQuery().ToListAsync(ct);
        return [.. alerts.Select(View)];
    }

    private static AlertView View(Alert alert)
    {
        var evidence = alert.Evidence.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new AlertRecordView(e.RecordType, e.RecordReference, e.Member, e.Agency, e.At, e.Grade, e.Summary)).ToList();
        // The subject first, joined by every record; then each member by the records that joined it.
        var members = new List<AlertMemberView> { new(alert.SubjectType, alert.SubjectId, evidence) };
        members.AddRange(evidence.Where(e => e.Member is not null).GroupBy(e => e.Member!, StringComparer.Ordinal)
            .Select(g => new AlertMemberView(g.Key.Split(':')[0], g.Key.Split(':')[^1], [.. g])));
        return new AlertView(alert.Id, alert.Reference, alert.Rule, alert.Status, alert.SubjectType, alert.SubjectId, alert.EvidenceCompleteAt, alert.RaisedAt,
            alert.UpdatedAt, alert.Summary, members, evidence);
    }
}
