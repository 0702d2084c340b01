using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Alerts;

/// <summary>One record behind an alert: its kind and source id, the member it joined, the agency, when, how graded, what it shows.</summary>
public sealed record AlertRecordView(string RecordType, string SourceId, string? Member, string? Agency, DateTimeOffset At, string? Grade, string Summary);

/// <summary>A member of an alert (the adult or thing it is about, and each child), with every record that joined it.</summary>
public sealed record AlertMemberView(string Kind, string Id, IReadOnlyList<AlertRecordView> Records);

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
        ArgumentNullException.ThrowIfNull(scope);
        // Authorize twice: the policy lets in those who see the network; here, a child's alert only when they may see the child.
        var network = !scope.IsAgencySystem && (scope.IsFrontDoor || scope.User.Role == Role.IntelligenceAnalyst);
        var children = scope.Children(db.Children).Select(c => c.Id);
        var query = db.Alerts.AsNoTracking().Where(a => (a.ChildId == null && network) || (a.ChildId != null && children.Contains(a.ChildId.Value)));
        var list = await ListAsync(query, rule, status, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertsListed, AlertService.RecordType, "list", Describe(list, rule, status)), ct);
        return list;
    }

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
