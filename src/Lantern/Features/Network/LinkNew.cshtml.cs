using System.Globalization;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Features.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Lantern.Features.Network;

/// <summary>
/// Adding a link by hand from a record's page: search for the child or record at the other end (among those the
/// reader may see), then say how they are linked, how sure, when, and what it rests on.
/// </summary>
[Authorize(Policy = Policies.NetworkLinks)]
public sealed class LinkNewModel(NetworkRecords network, ManualLinks links, ChildFinder children, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public const int MaxCandidates = 20;

    public const string TimeHint = "For example, 23/11/2026, or 23/11/2026 21:30";

    private static readonly string[] DateFormats = ["d/M/yyyy", "d M yyyy", "yyyy-MM-dd"];

    /// <summary>A child or record the search found, as a choice of the form.</summary>
    public sealed record Candidate(string Value, string Label, string Why);

    public NodeView View { get; private set; } = default!;

    public string? Q { get; private set; }

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    [BindProperty]
    public LinkInput Input { get; set; } = new();

    public bool SeesIntelligence => network.SeesIntelligence;

    public string PagePath => NetworkRecords.PagePath(View.Node);

    public static IReadOnlyList<SelectListItem> Types { get; } =
        [.. Enum.GetValues<LinkType>().Where(t => t != LinkType.NamedInRecord).Select(t => new SelectListItem(Sentence(Link.Describe(t)), t.ToString()))];

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, string? q, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkRecordViewed, NetworkRecords.KindName(View.Node.Kind), View.Reference, "form to add a link opened"), ct);
        await SearchAsync(q, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, string? q, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct))
        {
            return NotFound();
        }
        var given = Input.ToLink(calendar, ModelState);
        var added = await links.AddAsync(View.Node, ParseOther(Input.Other), given, ct);
        if (added.Failure is { } problem)
        {
            if (problem.Kind != Domain.FailureKind.Validation)
            {
                return problem.ToPageResult(this);
            }
            foreach (var error in problem.Errors.Where(e => ErrorOf("Input." + e.Field) is null))
            {
                ModelState.AddModelError("Input." + error.Field, error.Message);
            }
        }
        if (!ModelState.IsValid)
        {
            await SearchAsync(q, ct);
            return Page();
        }
        TempData["Success"] = "Link added";
        return Redirect(PagePath);
    }

    /// <summary>"children/{id}" or "places/{id}" read as the record it names.</summary>
    public static NodeRef? ParseOther(string? value)
    {
        var parts = value?.Split('/');
        if (parts is not { Length: 2 } || !Guid.TryParse(parts[1], out var id))
        {
            return null;
        }
        return parts[0] == "children" ? new NodeRef(NodeKind.Child, id) : NetworkRecords.KindOf(parts[0]) is { } k ? new NodeRef(k, id) : null;
    }

    private async Task SearchAsync(string? q, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Q is null)
        {
            return;
        }
        if (Q.Length > 200)
        {
            Q = Q[..200];
        }
        var found = new List<Candidate>();
        var en = CultureInfo.GetCultureInfo("en-GB");
        foreach (var c in await children.SearchAsync(Q, MaxCandidates, ct))
        {
            var born = c.DateOfBirth is { } dob ? $"born {dob.ToString("d MMMM yyyy", en)}" : c.Age is { } age ? $"aged about {age}" : "date of birth not known";
            found.Add(new($"children/{c.Id}", $"Child: {c.Name} ({born})", string.Join("; ", c.Reasons)));
        }
        foreach (var f in await network.SearchAsync(Q, MaxCandidates, ct))
        {
            if (f.Node != View.Node)
            {
                found.Add(new($"{NetworkRecords.Segment(f.Node.Kind)}/{f.Node.Id}", $"{NetworkRecords.KindName(f.Node.Kind)}: {f.Name} ({f.Reference})", f.Why));
            }
        }
        Candidates = found;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkSearched, NetworkRecords.KindName(View.Node.Kind), View.Reference, $"records to link searched; {found.Count} found"), ct);
    }

    private async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        if (NetworkRecords.KindOf(kind) is not { } k || await network.FindAsync(new NodeRef(k, id), ct) is not { } view)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, kind, id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        View = view;
        return true;
    }

    private static string Sentence(string words) => char.ToUpperInvariant(words[0]) + words[1..];

    /// <summary>The form as typed; what cannot be read is put on its field here, the rest is the domain's to judge.</summary>
    public sealed class LinkInput
    {
        public string? Other { get; set; }

        public string? Type { get; set; }

        public string? Confidence { get; set; }

        public string? Grade { get; set; }

        public string? On { get; set; }

        public string? Note { get; set; }

        public LinkByHand ToLink(WorkingDayCalendar calendar, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
        {
            ArgumentNullException.ThrowIfNull(state);
            DateTimeOffset? on = null;
            if (!string.IsNullOrWhiteSpace(On))
            {
                if (Clocks.TryParseUkTime(calendar, On, out var at))
                {
                    on = at;
                }
                else if (DateOnly.TryParseExact(On.Trim(), DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var date))
                {
                    on = calendar.AtLocalTime(date, TimeSpan.Zero);
                }
                else
                {
                    state.AddModelError("Input.On", "Enter the date as day/month/year, for example 23/11/2026");
                }
            }
            return new LinkByHand(Parse<LinkType>(Type), Parse<LinkConfidence>(Confidence), Grade, on, Note);
        }

        private static T? Parse<T>(string? value) where T : struct, Enum =>
            !int.TryParse(value, out _) && Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
    }
}
