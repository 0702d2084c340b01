using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Features.Children;
using Lantern.Features.Drafts;
using Lantern.Features.Language;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Chronology;

/// <summary>
/// Adds an entry to the child's chronology for the user's agency, or corrects one (a new entry that supersedes it).
/// The form saves itself as the person types and is put back when they open it again (docs/adr/0007).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewEntryModel(LanternDbContext db, ChildAccess access, ChronologyRecords records, DataScope scope, AuditTrail audit,
    WorkingDayCalendar calendar, TimeProvider time, FormDrafts drafts, LanguageReview language, Network.MentionLinker mentions) : PageModel
{
    public Child Child { get; private set; } = default!;

    public ChronologyEntry? Corrected { get; private set; }

    /// <summary>"We restored what you were typing at 10:32am" when the form was filled from the person's draft.</summary>
    public string? Restored { get; private set; }

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    /// <summary>Keeping wording the language guard pointed out, with a note (see <see cref="LanguageReview"/>).</summary>
    [BindProperty]
    public LanguageKeepInput Language { get; set; } = new();

    public const string LanguageForm = "chronology-entry";

    public static IEnumerable<SelectListItem> Types => Enum.GetValues<EntryType>().Select(t => new SelectListItem(t.DisplayName(), t.ToString()));

    public static IEnumerable<SelectListItem> Significances => Enum.GetValues<Significance>().Select(s => new SelectListItem(s.DisplayName(), s.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (!await LoadAsync(id, corrects, ct))
        {
            return NotFound();
        }
        if (Corrected is { } old)
        {
            var local = calendar.ToLocalTime(old.OccurredAt);
            Input = new EntryInput
            {
                Day = local.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Month = local.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Year = local.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Time = local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                Type = old.Type.ToString(),
                Significance = old.Significance.ToString(),
                Summary = old.Summary,
            };
        }
        if (await drafts.RestoreAsync<EntryInput>(DraftKey(id, corrects), ct) is { } draft)
        {
            Input = draft.Values;
            Restored = draft.Notice;
        }
        // The form shows the child's name (and the entry being corrected): opening it is a read of the record, audited as one.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChronologyEntryFormOpened, "Child", id.ToString(), corrects is null ? null : $"correcting entry {corrects}"), ct);
        return Page();
    }

    /// <summary>The page's script saves the form in the background while the person types.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (!await LoadAsync(id, corrects, ct))
        {
            return NotFound();
        }
        return await drafts.AutosaveAsync(DraftKey(id, corrects), Input, ct);
    }

    public async Task<IActionResult> OnPostClearDraftAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (!await LoadAsync(id, corrects, ct))
        {
            return NotFound();
        }
        await drafts.ClearAsync(DraftKey(id, corrects), ct);
        return Redirect(PagePath(id, corrects));
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (!await LoadAsync(id, corrects, ct))
        {
            return NotFound();
        }
        EntryValidation.Validate(Input.ToRequest(calendar), calendar.LocalDate(time.GetUtcNow()), requireCorrectionReason: corrects is not null)
            ?.AddTo(ModelState, f => "Input." + Input.FieldFor(f));
        var wording = await language.CheckAsync(this, LanguageForm,
            [new("Input.Summary", "What happened", Input.Summary), new("Input.CorrectionReason", "What was wrong with the entry?", corrects is null ? null : Input.CorrectionReason)],
            Language, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var request = Input.ToRequest(calendar);
        var entry = request.ToNewEntry(scope.User.AgencyId, scope.User.DisplayName, scope.User.Id, apiKey: null);
        if (corrects is { } old)
        {
            var corrected = await records.CorrectAsync(Child.Id, old, entry, ct);
            if (corrected.Failure is { } problem)
            {
                return problem.ToPageResult(this, f => "Input." + Input.FieldFor(f));
            }
            if (await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ChronologyEntryCorrected, "Child", id.ToString(), $"corrects {old}"),
                    .. language.Complete(wording, "ChronologyEntry", corrected.Value.Id.ToString())],
                    Failure.ChangedMeanwhile("Someone corrected this entry at the same moment; nothing of yours was saved. Open the latest version and correct that", "Corrects"), ct) is { } conflict)
            {
                return conflict.ToPageResult(this, f => "Input." + Input.FieldFor(f));
            }
            TempData["Success"] = "Correction added; the entry it corrects is kept and marked";
        }
        else
        {
            var row = records.Add(Child.Id, entry);
            await audit.SaveAsync([AuditEntry.Allowed(AuditCode.ChronologyEntryAdded, "Child", id.ToString(), entry.Type.ToString()),
                .. language.Complete(wording, "ChronologyEntry", row.Id.ToString())], ct);
            TempData["Success"] = "Entry added to the chronology";
        }
        await mentions.LinkAfterSaveAsync(ct);
        await drafts.RemoveAsync(DraftKey(id, corrects), ct);
        return Redirect($"/children/{id}#chronology");
    }

    /// <summary>The person's draft of this form: a correction's draft is kept apart from a new entry's.</summary>
    public static string DraftKey(Guid child, Guid? corrects) =>
        corrects is { } entry ? $"child:{child}:entry:corrects:{entry}" : $"child:{child}:entry";

    public static string PagePath(Guid child, Guid? corrects) =>
        $"/children/{child}/entries/new" + (corrects is { } entry ? $"?corrects={entry}" : "");

    private async Task<bool> LoadAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return false;
        }
        Child = child;
        if (corrects is { } entryId)
        {
            Corrected = await db.ChronologyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.ChildId == child.Id, ct);
            return Corrected is not null;
        }
        return true;
    }
}

/// <summary>The entry form: a date in three boxes (GOV.UK pattern), an optional time, and the mentions one kind per box.</summary>
public sealed class EntryInput
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public string? Time { get; set; }

    public string? Type { get; set; }

    public string? Significance { get; set; }

    public string? Summary { get; set; }

    public string? People { get; set; }

    public string? Vehicles { get; set; }

    public string? Phones { get; set; }

    public string? Places { get; set; }

    public string? CorrectionReason { get; set; }

    public EntryRequest ToRequest(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        DateTimeOffset? occurred = null;
        string? dateProblem = null;
        if (string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year))
        {
            dateProblem = null;
        }
        else if (int.TryParse(Day, out var d) && int.TryParse(Month, out var m) && int.TryParse(Year, out var y)
                 && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            var timeOfDay = TimeSpan.FromHours(12);
            if (!string.IsNullOrWhiteSpace(Time))
            {
                if (TimeOnly.TryParseExact(Time.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t))
                {
                    timeOfDay = t.ToTimeSpan();
                }
                else
                {
                    dateProblem = "Enter the time like 14:30, or leave it blank";
                }
            }
            occurred = calendar.AtLocalTime(new DateOnly(y, m, d), timeOfDay);
        }
        else
        {
            dateProblem = "The date must be a real date, like 14 5 2026";
        }
        return new EntryRequest
        {
            OccurredAt = occurred,
            DateProblem = dateProblem,
            Type = Enum.TryParse<EntryType>(Type, out var type) && Enum.IsDefined(type) ? type : null,
            Significance = Enum.TryParse<Domain.Children.Significance>(Significance, out var s) && Enum.IsDefined(s) ? s : null,
            Summary = Summary,
            CorrectionReason = CorrectionReason,
            Links = [.. MentionRules.ParseBoxes(People, Vehicles, Phones, Places).Select(m => new EntryLinkRequest { Kind = m.Kind, Value = m.Value, Detail = m.Detail })],
        };
    }

    /// <summary>The form field that shows a problem with a request field (or a domain field): a mention's problem shows on its own box.</summary>
    public string FieldFor(string requestField) => requestField switch
    {
        "occurredAt" => nameof(Day),
        "type" => nameof(Type),
        "significance" => nameof(Significance),
        "summary" => nameof(Summary),
        "correctionReason" or "CorrectionReason" => nameof(CorrectionReason),
        _ when MentionRules.KindAt(requestField, "links", MentionRules.ParseBoxes(People, Vehicles, Phones, Places)) is { } kind => BoxOf(kind),
        _ when requestField.StartsWith("links", StringComparison.Ordinal) => nameof(People),
        _ => nameof(Summary),
    };

    private static string BoxOf(MentionKind kind) => kind switch
    {
        MentionKind.Person => nameof(People),
        MentionKind.Vehicle => nameof(Vehicles),
        MentionKind.Phone => nameof(Phones),
        MentionKind.Place => nameof(Places),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
