using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Features.Children;
using Lantern.Features.Drafts;
using Lantern.Features.FrontDoor;
using Lantern.Features.Language;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// Record a missing or absent episode for a child the practitioner may see; the return too when it is known.
/// The form saves itself as the person types and is put back when they open it again (docs/adr/0007).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MissingEpisodeNewModel(ChildAccess access, DataScope scope, WorkingDayCalendar calendar, MissingEpisodeRecords episodes, FormDrafts drafts,
    LanguageReview language, AuditTrail audit) : PageModel
{
    public const string LanguageForm = "missing-episode";

    public Child Child { get; private set; } = default!;

    /// <summary>"We restored what you were typing at 10:32am" when the form was filled from the person's draft.</summary>
    public string? Restored { get; private set; }

    [BindProperty]
    public MissingEpisodeInput Input { get; set; } = new();

    /// <summary>Keeping wording the language guard pointed out, with a note.</summary>
    [BindProperty]
    public LanguageKeepInput Language { get; set; } = new();

    public static IEnumerable<SelectListItem> Gradings =>
        Enum.GetValues<PoliceRiskGrading>().Reverse().Select(g => new SelectListItem(g.DisplayName(), g.ToString()));

    public int ReturnInterviewHours => episodes.Options.ReturnInterviewHours;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        if (await drafts.RestoreAsync<MissingEpisodeInput>(DraftKey(id), ct) is { } draft)
        {
            Input = draft.Values;
            Restored = draft.Notice;
        }
        // The form shows the child's name and details: opening it is a read of the record, audited as one.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.MissingEpisodeFormOpened, "Child", id.ToString()), ct);
        return Page();
    }

    /// <summary>The page's script saves the form in the background while the person types.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanSeeAsync(id, ct))
        {
            return NotFound();
        }
        return await drafts.AutosaveAsync(DraftKey(id), Input, ct);
    }

    public async Task<IActionResult> OnPostClearDraftAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanSeeAsync(id, ct))
        {
            return NotFound();
        }
        await drafts.ClearAsync(DraftKey(id), ct);
        return Redirect(PagePath(id));
    }

    /// <summary>The person's draft of this form for this child.</summary>
    public static string DraftKey(Guid child) => $"child:{child}:missing-episode";

    public static string PagePath(Guid child) => $"/children/{child}/missing-episodes/new";

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        ModelState.Clear();
        var request = Input.ToRequest(calendar, ModelState);
        // A field that could not be read already says so; the rules would only repeat it.
        Input.AddProblems(episodes.Validate(request, recordedByRequired: false), ModelState, "Input.");
        var wording = await language.CheckAsync(this, LanguageForm, [new("Input.FoundWith", "Who was the child found with?", Input.FoundWith)], Language, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var episode = await episodes.RecordAsync(child, request, new Recorder(scope.User.AgencyId, scope.User.DisplayName, scope.User.Id),
            beforeCommit: e => language.Complete(wording, MissingEpisodeRecords.RecordType, e.Reference), ct);
        await drafts.RemoveAsync(DraftKey(id), ct);
        TempData["Success"] = episode.InterviewDueBy is { } due
            ? $"Missing episode {episode.Reference} recorded. The return home interview is due by {calendar.UkTime(due)}"
            : $"Missing episode {episode.Reference} recorded. Record the return when the child is found";
        return Redirect(MissingEpisodeRecords.PagePath(child.Id, episode.Id));
    }
}

/// <summary>The record form: instants as UK date and time, the people, vehicles and places one a line.</summary>
public sealed class MissingEpisodeInput
{
    public string? Kind { get; set; }

    public string? MissingFrom { get; set; }

    public string? ReportedAt { get; set; }

    public string? ReportedBy { get; set; }

    public string? RiskGrading { get; set; }

    public string? ReturnedAt { get; set; }

    public string? FoundWhere { get; set; }

    public string? FoundWith { get; set; }

    public string? People { get; set; }

    public string? Vehicles { get; set; }

    public string? Places { get; set; }

    public string? SafeAndWellCheckAt { get; set; }

    public const string TimeHint = "For example, 23/11/2026 21:30";

    public MissingEpisodeRequest ToRequest(WorkingDayCalendar calendar, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        ArgumentNullException.ThrowIfNull(state);
        DateTimeOffset? When(string? text, string field, string what)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (Clocks.TryParseUkTime(calendar, text, out var at))
            {
                return at;
            }
            state.AddModelError("Input." + field, $"Enter {what} as a date and time, for example 23/11/2026 21:30");
            return null;
        }
        MissingKind? kind = Enum.TryParse<MissingKind>(Kind, out var k) && Enum.IsDefined(k) ? k : null;
        PoliceRiskGrading? grading = null;
        if (!string.IsNullOrWhiteSpace(RiskGrading))
        {
            if (Enum.TryParse<PoliceRiskGrading>(RiskGrading, out var g) && Enum.IsDefined(g))
            {
                grading = g;
            }
            else
            {
                state.AddModelError("Input.RiskGrading", "Select the police risk grading");
            }
        }
        var missingFrom = When(MissingFrom, nameof(MissingFrom), "when the child went missing");
        var reportedAt = When(ReportedAt, nameof(ReportedAt), "when the child was reported missing");
        var returnedAt = When(ReturnedAt, nameof(ReturnedAt), "when the child was found or returned");
        var checkAt = When(SafeAndWellCheckAt, nameof(SafeAndWellCheckAt), "when the safe and well check was done");
        var returnGiven = !string.IsNullOrWhiteSpace(ReturnedAt) || !string.IsNullOrWhiteSpace(FoundWhere) || !string.IsNullOrWhiteSpace(FoundWith)
                          || Mentions().Count > 0 || !string.IsNullOrWhiteSpace(SafeAndWellCheckAt);
        return new MissingEpisodeRequest
        {
            Kind = kind,
            MissingFrom = missingFrom,
            ReportedAt = reportedAt,
            ReportedBy = ReportedBy,
            RiskGrading = grading,
            Return = returnGiven
                ? new MissingReturnDetails { ReturnedAt = returnedAt, FoundWhere = FoundWhere, FoundWith = FoundWith, Mentions = Mentions(), SafeAndWellCheckAt = checkAt }
                : null,
        };
    }

    /// <summary>The people, then vehicles, then places, one a line, as every form reads them.</summary>
    public IReadOnlyList<MentionDetails> Mentions() =>
        [.. MentionRules.ParseBoxes(People, Vehicles, places: Places).Select(m => new MentionDetails { Kind = m.Kind, Value = m.Value, Detail = m.Detail })];

    /// <summary>
    /// Puts the shared rules' problems (named as the API names the fields) on this form's fields, after
    /// <paramref name="prefix"/>; a field that already has a problem (it could not be read) keeps its own.
    /// </summary>
    public void AddProblems(Failure? problems, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var error in problems?.Errors ?? [])
        {
            var key = prefix + FieldFor(error.Field);
            if (!state.ContainsKey(key))
            {
                state.AddModelError(key, error.Message);
            }
        }
    }

    /// <summary>The form field an error from the shared rules (named as the API names it) belongs to.</summary>
    public string FieldFor(string apiField)
    {
        ArgumentNullException.ThrowIfNull(apiField);
        var field = apiField.StartsWith("return.", StringComparison.Ordinal) ? apiField["return.".Length..] : apiField;
        return MentionRules.KindAt(field, "mentions", MentionRules.ParseBoxes(People, Vehicles, places: Places)) switch
        {
            MentionKind.Person => nameof(People),
            MentionKind.Vehicle => nameof(Vehicles),
            MentionKind.Place => nameof(Places),
            _ when field.StartsWith("mentions", StringComparison.Ordinal) => nameof(People),
            _ => char.ToUpperInvariant(field[0]) + field[1..],
        };
    }
}

/// <summary>Need to know, for every missing-episode page: a child or episode outside the user's scope is not found, and the attempt is audited.</summary>
public static class MissingEpisodeAccess
{
    public static async Task<(Child Child, MissingEpisode Episode)?> EpisodeAsync(ChildAccess access, LanternDbContext db, AuditTrail audit, Guid id, Guid episodeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return null;
        }
        var episode = await db.MissingEpisodes.FirstOrDefaultAsync(m => m.Id == episodeId && m.ChildId == child.Id, ct);
        if (episode is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, MissingEpisodeRecords.RecordType, episodeId.ToString(), "not found or not of this child"), ct);
            return null;
        }
        return (child, episode);
    }
}
