using System.Globalization;
using System.Text;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Domain.Network;
using Lantern.Features.Alerts;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>
/// The network around a record for the analyst: a drawing (Cytoscape.js) and, for keyboard and screen-reader users and
/// for anyone, the same records and links as tables; filtered by steps out, years, kinds of link and how sure; exported as
/// GraphML and CSV. Every view and export is audited as a read of the records it shows.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class GraphModel(NetworkGraph graph, NetworkRecords network, AlertList alerts, DataScope scope, AuditTrail audit, TimeProvider time) : PageModel
{
    /// <summary>The kind of record in the route that stands for an alert: the network is drawn around all its members.</summary>
    public const string AlertKind = "alerts";

    public static string AlertGraphPath(Guid alert) => $"/network/{AlertKind}/{alert}/graph";

    private string? _alertReference;

    /// <summary>What the network is drawn around, in words ("Jade Brown", "alert ALR-…").</summary>
    public string Around { get; private set; } = "";

    /// <summary>What the caption above the heading says: the centre's kind, or Alert.</summary>
    public string Caption { get; private set; } = "";

    public string BackPath { get; private set; } = "";

    public string BackText { get; private set; } = "";

    public bool SeesIntelligence => network.SeesIntelligence;

    public GraphView View { get; private set; } = default!;

    [BindProperty(SupportsGet = true)]
    public int Steps { get; set; } = 2;

    [BindProperty(SupportsGet = true)]
    public string? FromYear { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ToYear { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<LinkType> Types { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public LinkConfidence? AtLeast { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The kinds of link the filter offers, in words.</summary>
    public static IReadOnlyList<(LinkType Type, string Words)> LinkTypes { get; } =
        [.. Enum.GetValues<LinkType>().Select(t => (t, Link.Describe(t)))];

    public string Query { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct) => ShowAsync(kind, id, null, ct);

    public Task<IActionResult> OnGetGraphMlAsync(string kind, Guid id, CancellationToken ct) => ShowAsync(kind, id, "GraphML", ct);

    public Task<IActionResult> OnGetCsvAsync(string kind, Guid id, CancellationToken ct) => ShowAsync(kind, id, "CSV", ct);

    private async Task<IActionResult> ShowAsync(string kind, Guid id, string? export, CancellationToken ct)
    {
        var filter = Filter();
        if (await ViewAsync(kind, id, filter ?? GraphFilter.Default, ct) is not { } view)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, kind, id.ToString(), "not found or not in scope"), ct);
            return NotFound();
        }
        View = view;
        var (auditKind, auditId) = _alertReference is { } alert ? (AlertService.RecordType, alert) : (view.Centre.Kind, view.Centre.Node.Id.ToString());
        Query = QueryString(filter ?? GraphFilter.Default);
        var shown = $"{Steps} steps{(FromYear is null && ToYear is null ? "" : $", years {FromYear}-{ToYear}")}{(Types.Count == 0 ? "" : $", {Types.Count} kinds of link")}"
            + $"{(AtLeast is null ? "" : $", at least {Link.Describe(AtLeast.Value)}")}: {view.Nodes.Count} records, {view.Edges.Count} links, {view.HiddenChildren} children not in scope left off";
        if (export is null)
        {
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkGraphViewed, auditKind, auditId, shown), ct);
            return Page();
        }
        if (filter is null)
        {
            return Page();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkGraphExported, auditKind, auditId, $"{export}; {shown}"), ct);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return export == "CSV"
            ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(NetworkGraph.Csv(view))).ToArray(), "text/csv; charset=utf-8", $"network-{NetworkGraph.Key(view.Centre.Node)}-{stamp}.csv")
            : File(Encoding.UTF8.GetBytes(NetworkGraph.GraphMl(view)), "application/graphml+xml", $"network-{NetworkGraph.Key(view.Centre.Node)}-{stamp}.graphml");
    }

    /// <summary>The network around the record in the route, or around every member of an alert; null when not found or not in scope.</summary>
    private async Task<GraphView?> ViewAsync(string kind, Guid id, GraphFilter filter, CancellationToken ct)
    {
        if (kind == AlertKind)
        {
            if (await alerts.MembersAsync(scope, id, ct) is not { } alert || await graph.AroundAllAsync(alert.Members, filter, ct) is not { } around)
            {
                return null;
            }
            (Around, Caption, BackPath, BackText, _alertReference) = ($"alert {alert.Reference}", "Alert", AlertService.PagePath(id), "Back to the alert", alert.Reference);
            return around;
        }
        var k = kind == "children" ? NodeKind.Child : NetworkRecords.KindOf(kind);
        if (k is not { } nodeKind || await graph.AroundAsync(new NodeRef(nodeKind, id), filter, ct) is not { } view)
        {
            return null;
        }
        (Around, Caption, BackPath, BackText) = (view.Centre.Label, view.Centre.Kind, view.Centre.Path, $"Back to the {view.Centre.Kind.ToLowerInvariant()}'s record");
        return view;
    }

    /// <summary>The filter asked for, or null with <see cref="Errors"/> saying what to fix (the page then shows the default).</summary>
    private GraphFilter? Filter()
    {
        if (Steps is < 1 or > GraphFilter.MaxSteps)
        {
            Errors["Steps"] = $"Steps out must be between 1 and {GraphFilter.MaxSteps}";
        }
        var from = Year(FromYear, "FromYear", "From year");
        var to = Year(ToYear, "ToYear", "To year");
        if (from is { } f && to is { } t && t < f)
        {
            Errors["ToYear"] = "To year must be the same as or after from year";
        }
        if (AtLeast is { } least && !Enum.IsDefined(least))
        {
            Errors["AtLeast"] = "Choose how sure the links must be";
        }
        if (Types.Any(t => !Enum.IsDefined(t)))
        {
            Errors["Types"] = "Choose kinds of link from the list";
        }
        if (Errors.Count > 0)
        {
            Steps = Math.Clamp(Steps, 1, GraphFilter.MaxSteps);
            return null;
        }
        return new GraphFilter(Steps, from, to, Types.Count == 0 ? null : Types.ToHashSet(), AtLeast);
    }

    private int? Year(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100)
        {
            return year;
        }
        Errors[field] = $"{label} must be a year of four digits, like 2008";
        return null;
    }

    private static string QueryString(GraphFilter filter)
    {
        var parts = new List<string> { $"steps={filter.Steps}" };
        if (filter.FromYear is { } f)
        {
            parts.Add($"fromYear={f}");
        }
        if (filter.ToYear is { } t)
        {
            parts.Add($"toYear={t}");
        }
        parts.AddRange((filter.Types ?? new HashSet<LinkType>()).Order().Select(t => $"types={t}"));
        if (filter.AtLeast is { } least)
        {
            parts.Add($"atLeast={least}");
        }
        return string.Join('&', parts);
    }
}
