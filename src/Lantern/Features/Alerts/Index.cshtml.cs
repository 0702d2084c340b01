using Lantern.Alerts;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Features.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Alerts;

/// <summary>
/// The alerts a person may see, newest first, fifty to a page: by default those nobody has acknowledged yet, then by
/// status and rule. A child's alerts are listed for those who may see the child; the network's alerts (about a
/// person, vehicle, phone or place) for the front door and intelligence analysts. Each page read is audited.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AlertList list, AlertService alerts, DataScope scope, WorkingDayCalendar calendar) : PageModel
{
    public const string PagePath = "/alerts";

    /// <summary>The statuses offered as tabs, with the words of each; "all" is every status.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> Statuses =
    [
        ("open", "To acknowledge"),
        ("acknowledged", "Acknowledged"),
        ("actioned", "Actioned"),
        ("closed", "Closed"),
        ("all", "All"),
    ];

    /// <summary>The list behind a status and rule, for links and the home page.</summary>
    public static string Path(string status = "open", string? rule = null, int page = 1) =>
        PagePath + "?status=" + status + (rule is null ? "" : "&rule=" + Uri.EscapeDataString(rule)) + (page > 1 ? "&page=" + page : "");

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "rule")]
    public string? Rule { get; set; }

    public string StatusValue { get; private set; } = "open";

    public string? RuleValue { get; private set; }

    public AlertPageOfRows Alerts { get; private set; } = new([], 0, 1, 1);

    public IReadOnlyList<IAlertRule> Rules => alerts.Rules;

    public WorkingDayCalendar Calendar => calendar;

    public string RuleTitle(string key) => Rules.FirstOrDefault(r => r.Key == key)?.Title ?? key;

    /// <summary>The page of the person, vehicle, phone or place a network alert is about, and a word for it.</summary>
    public static (string Path, string Text)? Subject(AlertRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Enum.TryParse<NodeKind>(row.SubjectType, out var kind) && Guid.TryParse(row.SubjectId, out var id) && kind != NodeKind.Child
            ? (NetworkRecords.PagePath(new NodeRef(kind, id)), "A " + kind.ToString().ToLowerInvariant())
            : null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AlertStatus? status = null;
        var wanted = Status?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(wanted) || Statuses.Any(s => s.Value == wanted))
        {
            StatusValue = string.IsNullOrEmpty(wanted) ? "open" : wanted;
        }
        else
        {
            ModelState.AddModelError("status", $"Choose what to list: {string.Join(", ", Statuses.Select(s => s.Text.ToLowerInvariant()))}. The alerts to acknowledge are shown.");
        }
        if (StatusValue != "all")
        {
            status = Enum.Parse<AlertStatus>(StatusValue, ignoreCase: true);
        }
        var rule = Rule?.Trim();
        if (!string.IsNullOrEmpty(rule))
        {
            if (Rules.Any(r => r.Key == rule))
            {
                RuleValue = rule;
            }
            else
            {
                ModelState.AddModelError("rule", "Choose a kind of alert from the list. Alerts of every kind are shown.");
            }
        }
        // "page" is Razor Pages' own route value, so the page number is read from the query itself.
        var pageNumber = 1;
        if (Request.Query.TryGetValue("page", out var asked) && !(int.TryParse(asked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber) && pageNumber >= 1))
        {
            ModelState.AddModelError("", "The page number must be a whole number from 1. The first page is shown.");
            pageNumber = 1;
        }
        Alerts = await list.PageForReaderAsync(scope, RuleValue, status, pageNumber, ct);
        return Page();
    }
}
