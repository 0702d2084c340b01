using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Mentions;
using Lantern.Features.Children;
using Lantern.Features.Chronology;
using Lantern.Features.Drafts;
using Lantern.Features.Language;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// One missing episode: what happened, the return, and the return home interview with its clock. The
/// interview's form saves itself as the person types and is put back when they open the page again (docs/adr/0007).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MissingEpisodeModel(LanternDbContext db, ChildAccess access, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time, MissingEpisodeRecords episodes,
    FormDrafts drafts, LanguageReview language, ChronologyRecords chronology)
    : PageModel
{
    public const string ReturnLanguageForm = "missing-return";

    public const string InterviewLanguageForm = "return-interview";

    public Child Child { get; private set; } = default!;

    public MissingEpisode Episode { get; private set; } = default!;

    /// <summary>The people, vehicles and places the child was found with: the mentions of the episode's latest entry.</summary>
    public IReadOnlyList<MentionText> FoundWith { get; private set; } = [];

    public IReadOnlyList<EscalationStep> Escalations { get; private set; } = [];

    public string? RecordedByName { get; private set; }

    /// <summary>"We restored what you were typing …" when the interview's form was filled from the person's draft.</summary>
    public string? Restored { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public TimeSpan? Left => Episode.InterviewDueBy is { } due ? due - time.GetUtcNow() : null;

    [BindProperty]
    public ReturnInput Return { get; set; } = new();

    [BindProperty]
    public InterviewInput Interview { get; set; } = new();

    /// <summary>Keeping wording the language guard pointed out, with a note.</summary>
    [BindProperty]
    public LanguageKeepInput Language { get; set; } = new();

    public static IEnumerable<InterviewAnswer> Answers => Enum.GetValues<InterviewAnswer>();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (!await LoadAsync(id, episodeId, ct))
        {
            return NotFound();
        }
        // Reading the episode is reading about the child.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildViewed, MissingEpisodeRecords.RecordType, Episode.Reference, "missing episode"), ct);
        if (Episode.InterviewOutstanding && await drafts.RestoreAsync<InterviewInput>(InterviewDraftKey(episodeId), ct, "about the return home interview") is { } draft)
        {
            Interview = draft.Values;
            Restored = draft.Notice;
        }
        return Page();
    }

    /// <summary>The page's script saves the return home interview's form in the background while the person types.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (await MissingEpisodeAccess.EpisodeAsync(access, db, audit, id, episodeId, ct) is not var (_, episode))
        {
            return NotFound();
        }
        if (!episode.InterviewOutstanding)
        {
            return Failure.Conflict("The return home interview is no longer outstanding").ToBackgroundResult();
        }
        return await drafts.AutosaveAsync(InterviewDraftKey(episodeId), Interview, ct);
    }

    public async Task<IActionResult> OnPostClearDraftAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (await MissingEpisodeAccess.EpisodeAsync(access, db, audit, id, episodeId, ct) is null)
        {
            return NotFound();
        }
        await drafts.ClearAsync(InterviewDraftKey(episodeId), ct);
        return Redirect(MissingEpisodeRecords.PagePath(new ChildId(id), episodeId));
    }

    /// <summary>The person's draft of the return home interview's form for this episode.</summary>
    public static string InterviewDraftKey(Guid episode) => $"episode:{episode}:interview";

    public async Task<IActionResult> OnPostReturnAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (!await LoadAsync(id, episodeId, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!SameVersion(Return.Version, "Return.ReturnedAt"))
        {
            return Page();
        }
        var form = new MissingEpisodeInput
        {
            ReturnedAt = Return.ReturnedAt,
            FoundWhere = Return.FoundWhere,
            FoundWith = Return.FoundWith,
            People = Return.People,
            Vehicles = Return.Vehicles,
            Places = Return.Places,
            SafeAndWellCheckAt = Return.SafeAndWellCheckAt,
        };
        var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        var details = form.ToRequest(calendar, state).Return ?? new MissingReturnDetails();
        foreach (var (key, entry) in state)
        {
            ModelState.AddModelError(key.Replace("Input.", "Return.", StringComparison.Ordinal), entry.Errors[0].ErrorMessage);
        }
        form.AddProblems(episodes.ValidateReturn(details, Episode, recordedByRequired: false), ModelState, "Return.");
        var wording = await language.CheckAsync(this, ReturnLanguageForm, [new("Return.FoundWith", "Who was the child found with?", Return.FoundWith)], Language, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await episodes.RecordReturnAsync(Episode, details, Me, beforeCommit: e => language.Complete(wording, MissingEpisodeRecords.RecordType, e.Reference), ct) is { } problem)
        {
            return await ShowAsync(problem, "Return.", id, episodeId, ct);
        }
        TempData["Success"] = $"Return recorded. The return home interview is due by {calendar.UkTime(Episode.InterviewDueBy!.Value)}";
        return Redirect(MissingEpisodeRecords.PagePath(Child.Id, Episode.Id));
    }

    public async Task<IActionResult> OnPostInterviewAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (!await LoadAsync(id, episodeId, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!SameVersion(Interview.Version, "Interview.Answer"))
        {
            return Page();
        }
        InterviewAnswer? answer = Enum.TryParse<InterviewAnswer>(Interview.Answer, out var a) && Enum.IsDefined(a) ? a : null;
        var step = new InterviewStep(answer, Interview.Reason, Interview.PushFactors, Interview.PullFactors, Interview.Findings);
        var named = MentionRules.ParseBoxes(Interview.People, places: Interview.Places);
        var namedProblems = MentionRules.Check([.. named.Select(m => ((MentionKind?)m.Kind, (string?)m.Value, m.Detail))], MissingEpisodeRecords.MaxMentions, "named");
        foreach (var problem in namedProblems)
        {
            ModelState.AddModelError(MentionRules.KindAt(problem.Field, "named", named) == MentionKind.Place ? "Interview.Places" : "Interview.People", problem.Message);
        }
        var wording = await language.CheckAsync(this, InterviewLanguageForm,
        [
            new("Interview.Reason", "If declined or not done, why?", Interview.Reason),
            new("Interview.Findings", "If done, what did the interview find?", Interview.Findings),
            new("Interview.PushFactors", "Push factors", Interview.PushFactors),
            new("Interview.PullFactors", "Pull factors", Interview.PullFactors),
        ], Language, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Marked before the save, which writes them with the interview; a refused update saves neither.
        var kept = language.Complete(wording, MissingEpisodeRecords.RecordType, Episode.Reference);
        if (await episodes.RecordInterviewAsync(Episode, step, named, Me, kept, ct) is { } refused)
        {
            return await ShowAsync(refused, "Interview.", id, episodeId, ct);
        }
        await drafts.RemoveAsync(InterviewDraftKey(episodeId), ct);
        TempData["Success"] = $"Return home interview: {Episode.InterviewStatus.DisplayName()}";
        return Redirect(MissingEpisodeRecords.PagePath(Child.Id, Episode.Id));
    }

    private Recorder Me => new(scope.User.AgencyId, scope.User.DisplayName, scope.User.Id);

    /// <summary>An edit made on an older copy of the episode would silently overwrite someone else's: refuse it.</summary>
    private bool SameVersion(long? posted, string field)
    {
        if (posted == Episode.Version)
        {
            return true;
        }
        ModelState.AddModelError(field, "Someone else updated this episode while you were working on it. Check what it says now and try again");
        return false;
    }

    /// <summary>A refused change: the page again, read afresh after a conflict, with the problem on its field.</summary>
    private async Task<IActionResult> ShowAsync(Failure problem, string prefix, Guid id, Guid episodeId, CancellationToken ct)
    {
        if (problem.Kind == FailureKind.Conflict)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, episodeId, ct);
        }
        return problem.ToPageResult(this, prefix);
    }

    private async Task<bool> LoadAsync(Guid id, Guid episodeId, CancellationToken ct)
    {
        if (await MissingEpisodeAccess.EpisodeAsync(access, db, audit, id, episodeId, ct) is not var (child, episode))
        {
            return false;
        }
        Child = child;
        Episode = episode;
        // The mentions of the episode's latest entry are the people, vehicles and places the child was found with.
        var latest = await chronology.LatestVersionAsync(episode.ChronologyEntryId, ct);
        FoundWith = [.. (await db.Mentions.AsNoTracking().Where(m => m.ChronologyEntryId == latest).OrderBy(m => m.Kind).ThenBy(m => m.Id).ToListAsync(ct)).Select(m => m.Text)];
        Escalations = await db.EscalationSteps.AsNoTracking().Where(s => s.SubjectId == episode.Id && s.Duty == ReturnInterviewDuty.DutyKey)
            .OrderBy(s => s.PerformedAt).ThenBy(s => s.Level).ToListAsync(ct);
        RecordedByName = episode.RecordedByUserId is { } by
            ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : await db.Agencies.Where(a => a.Id == episode.RecordedByAgencyId).Select(a => a.Name + " (agency system)").FirstOrDefaultAsync(ct);
        return true;
    }
}

public sealed class ReturnInput
{
    public string? ReturnedAt { get; set; }

    public string? FoundWhere { get; set; }

    public string? FoundWith { get; set; }

    public string? People { get; set; }

    public string? Vehicles { get; set; }

    public string? Places { get; set; }

    public string? SafeAndWellCheckAt { get; set; }

    public long? Version { get; set; }
}

public sealed class InterviewInput
{
    public string? Answer { get; set; }

    public string? Reason { get; set; }

    public string? PushFactors { get; set; }

    public string? PullFactors { get; set; }

    public string? Findings { get; set; }

    public string? People { get; set; }

    public string? Places { get; set; }

    /// <summary>The episode's version the form was opened on; not kept in a draft, which is put back onto the episode as it is now.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long? Version { get; set; }
}
