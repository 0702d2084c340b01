using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.Language;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>One referral: what was shared, its clock, and (for the front door) the decision and sign-off.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReferralModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time,
    ReferralDecisions decisions, ProfessionalChallenges challenges, LanguageReview language) : PageModel
{
    public Referral Referral { get; private set; } = default!;

    public string? DecidedByName { get; private set; }

    public string? SignedOffByName { get; private set; }

    /// <summary>How long is left for the manager's sign-off, when the decision waits for it.</summary>
    public TimeSpan SignOffLeft => (Referral.SignOffDueBy ?? time.GetUtcNow()) - time.GetUtcNow();

    /// <summary>The referral's history as the front door reads it: each step with who took it, oldest first. Empty for anyone else.</summary>
    public IReadOnlyList<(ReferralHistoryEntry Entry, string Who)> History { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public TimeSpan Left => Referral.DecisionDueBy - time.GetUtcNow();

    private Actor _me = default!;

    public bool CanDecide => _me.IsFrontDoor && Referral.Status == ReferralStatus.AwaitingDecision;

    public bool CanSignOff => Referral.MayBeSignedOffBy(_me);

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    /// <summary>Keeping wording of the decision's reason that the language guard pointed out, with a note.</summary>
    [BindProperty]
    public LanguageKeepInput Language { get; set; } = new();

    public const string LanguageForm = "referral-decision";

    [BindProperty]
    public SignOffInput SignOffForm { get; set; } = new();

    [BindProperty]
    public string? AllocateTo { get; set; }

    public string? AllocatedToName { get; private set; }

    public bool CanAllocate => _me.IsFrontDoorManager && Referral.Status != ReferralStatus.Decided;

    public IReadOnlyList<SelectListItem> Workers { get; private set; } = [];

    /// <summary>Escalation steps of this referral's decision, for the front door.</summary>
    public IReadOnlyList<EscalationStep> Escalations { get; private set; } = [];

    public IReadOnlyList<ProfessionalChallenge> Challenges { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public bool CanChallenge => ProfessionalChallenge.CanRaise(Referral, _me.Id, Challenges, time.GetUtcNow());

    public bool CanAnswerChallenge => ProfessionalChallenge.CanAnswer(_me) && Challenges.Any(c => c.Status == ChallengeStatus.Open);

    public int ChallengeWorkingDays => challenges.WorkingDays;

    /// <summary>The child's known vulnerabilities, shown beside the referral to the front door.</summary>
    public IReadOnlyList<string> Vulnerabilities { get; private set; } = [];

    /// <summary>How identity resolution placed the referral's child: joined to a known child, or a pair awaiting a decision.</summary>
    public IReadOnlyList<IdentityMatch> IdentityMatches { get; private set; } = [];

    public bool IsFrontDoor => _me.IsFrontDoor;

    public bool IsReferrer => Referral.ReferrerUserId == _me.Id;

    [BindProperty]
    public string? ChallengeReason { get; set; }

    [BindProperty]
    public ChallengeAnswerInput Answer { get; set; } = new();

    public static IEnumerable<SelectListItem> Outcomes =>
        Enum.GetValues<ReferralOutcome>().Select(o => new SelectListItem(o.DisplayName(), o.ToString()));

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralViewed, "Referral", reference), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (!_me.IsFrontDoor)
        {
            return Forbid();
        }
        var outcome = Parse<ReferralOutcome>(Decision.Outcome);
        var today = calendar.LocalDate(time.GetUtcNow());
        // The referral's own checks first, so that every problem shows at once with the language guard's;
        // closing a child's referral on the child's consent or choice is refused outright, never kept with a note.
        Referral.CheckDecision(_me, outcome, Decision.Rationale, today)?.AddTo(ModelState, "Decision.");
        var wording = await language.CheckAsync(this, LanguageForm, [new("Decision.Rationale", "The reason for your decision", Decision.Rationale)], Language, ct,
            canKeep: Referral.RefusalToClose(outcome, Decision.Rationale, today) is null);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var decided = await decisions.DecideAsync(reference, _me, outcome, Decision.Rationale, language.Complete(wording, "Referral", reference), ct);
        if (decided.Failure is { } problem)
        {
            return await ShowAsync(problem, "Decision.", reference, ct);
        }
        TempData["Success"] = decided.Value.Status == ReferralStatus.AwaitingSignOff
            ? "Decision recorded. It needs a team manager's sign-off before it is final"
            : "Decision recorded";
        return Redirect(ReferralPages.PagePath(reference));
    }

    public async Task<IActionResult> OnPostAllocateAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        var allocated = await decisions.AllocateAsync(reference, _me, Guid.TryParse(AllocateTo, out var id) ? id : null, ct);
        if (allocated.Failure is { } problem)
        {
            return await ShowAsync(problem, "", reference, ct);
        }
        TempData["Success"] = $"Allocated to {await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstAsync(ct)}";
        return Redirect(ReferralPages.PagePath(reference));
    }

    public async Task<IActionResult> OnPostSignOffAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        var agree = SignOffForm.Agree switch { "yes" => true, "no" => false, _ => (bool?)null };
        if (agree is null)
        {
            return await ShowAsync(Failure.Invalid("Agree", "Select whether you agree with the decision"), "SignOffForm.", reference, ct);
        }
        var done = agree.Value
            ? await decisions.SignOffAsync(reference, _me, ct)
            : await decisions.SendBackAsync(reference, _me, SignOffForm.Reason, ct);
        if (done.Failure is { } problem)
        {
            return await ShowAsync(problem, "SignOffForm.", reference, ct);
        }
        TempData["Success"] = agree.Value ? "Decision signed off. It is now final" : "Decision sent back to the front door";
        return Redirect(ReferralPages.PagePath(reference));
    }

    public async Task<IActionResult> OnPostChallengeAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (await challenges.RaiseAsync(Referral, _me, ChallengeReason, ct) is { } problem)
        {
            return await ShowAsync(problem, "Challenge", reference, ct);
        }
        TempData["Success"] = "Challenge sent to the service manager";
        return Redirect(ReferralPages.PagePath(reference));
    }

    public async Task<IActionResult> OnPostAnswerChallengeAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (await challenges.AnswerAsync(Referral, _me, Parse<ChallengeResponse>(Answer.Response), Answer.Note, ct) is { } problem)
        {
            return await ShowAsync(problem, "Answer.", reference, ct);
        }
        TempData["Success"] = "Answer sent to the referrer";
        return Redirect(ReferralPages.PagePath(reference));
    }

    /// <summary>A failure on this page: the page again with the problems on their fields (read afresh after a conflict), or 404/403.</summary>
    private async Task<IActionResult> ShowAsync(Failure problem, string prefix, string reference, CancellationToken ct)
    {
        if (problem.Kind == FailureKind.Conflict)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(reference, ct);
        }
        return problem.ToPageResult(this, prefix);
    }

    private static T? Parse<T>(string? value)
        where T : struct, Enum => Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private IQueryable<LanternUser> FrontDoorWorkers()
    {
        var roles = Roles.FrontDoor.ToList();
        return db.Users.Where(u => u.Agency!.Kind == AgencyKind.ChildrensSocialCare && roles.Contains(u.Role));
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        _me = await scope.ActorAsync(ct);
        // Authorize twice: any signed-in user may ask; the scope decides whether the referral exists for them.
        var referral = await decisions.FindAsync(reference, ct);
        if (referral is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Referral", reference, "not found or not in scope"), ct);
            return false;
        }
        Referral = referral;
        DecidedByName = referral.DecidedBy is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : referral.DecidedByName;
        AllocatedToName = referral.AllocatedTo is { } to ? await db.Users.Where(u => u.Id == to).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        Challenges = await db.ProfessionalChallenges.AsNoTracking().Where(c => c.ReferralId == referral.Id).OrderBy(c => c.RaisedAt).ToListAsync(ct);
        if (_me.IsFrontDoor && referral.ChildId is { } childId)
        {
            Vulnerabilities = await db.ChildVulnerabilities.AsNoTracking().Where(v => v.ChildId == childId && v.EndedAt == null)
                .OrderBy(v => v.RecordedAt).Select(v => v.Description).ToListAsync(ct);
            IdentityMatches = await db.IdentityMatches.AsNoTracking().Where(m => m.RecordType == "Referral" && m.RecordReference == referral.Reference)
                .OrderBy(m => m.CreatedAt).ToListAsync(ct);
        }
        if (_me.IsFrontDoor)
        {
            Escalations = await db.EscalationSteps.AsNoTracking().Where(s => s.Reference == referral.Reference).OrderBy(s => s.PerformedAt).ThenBy(s => s.Level).ToListAsync(ct);
        }
        var people = Challenges.Select(c => c.RaisedBy).Concat(Challenges.Where(c => c.AnsweredBy is not null).Select(c => c.AnsweredBy!.Value)).Distinct().ToList();
        if (_me.IsFrontDoor)
        {
            people.AddRange(referral.History.Where(h => h.By is not null).Select(h => h.By!.Value));
        }
        if (referral.SignedOffBy is { } signedOffBy)
        {
            people.Add(signedOffBy);
        }
        Names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        SignedOffByName = referral.SignedOffBy is { } signer ? Names.GetValueOrDefault(signer) : null;
        if (_me.IsFrontDoor)
        {
            History = [.. referral.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => (h, h.By is { } by ? Names.GetValueOrDefault(by) ?? "A former user" : "Lantern"))];
        }
        if (_me.IsFrontDoorManager)
        {
            Workers = [.. await FrontDoorWorkers().OrderBy(u => u.DisplayName)
                .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToListAsync(ct)];
        }
        return true;
    }
}

public sealed class DecisionInput
{
    public string? Outcome { get; set; }

    public string? Rationale { get; set; }
}

public sealed class ChallengeAnswerInput
{
    public string? Response { get; set; }

    public string? Note { get; set; }
}

public sealed class SignOffInput
{
    public string? Agree { get; set; }

    public string? Reason { get; set; }
}
