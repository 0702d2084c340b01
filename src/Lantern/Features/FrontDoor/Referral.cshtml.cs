using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.Language;
using Lantern.Features.Notifications;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>One referral: what was shared, its clock, and (for the front door) the decision and sign-off.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReferralModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, EscalationLadder ladder, TimeProvider time,
    Notifier notifier, ProfessionalChallenges challenges, Children.ChildRecords children, LanguageReview language, ILogger<ReferralModel> logger) : PageModel
{
    public Referral Referral { get; private set; } = default!;

    public string? DecidedByName { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public TimeSpan Left => Referral.DecisionDueBy - time.GetUtcNow();

    public bool CanDecide => scope.IsFrontDoor && Referral.Status == ReferralStatus.AwaitingDecision;

    public bool CanSignOff => IsManager && Referral.Status == ReferralStatus.AwaitingSignOff && Referral.DecidedBy != scope.User.Id;

    private bool IsManager => scope.IsFrontDoor && scope.User.Role is Role.TeamManager or Role.ServiceManager or Role.HeadOfService;

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

    public bool CanAllocate => IsManager && Referral.Status != ReferralStatus.Decided;

    public IReadOnlyList<SelectListItem> Workers { get; private set; } = [];

    /// <summary>Escalation steps of this referral's decision, for the front door.</summary>
    public IReadOnlyList<EscalationStep> Escalations { get; private set; } = [];

    public IReadOnlyList<ProfessionalChallenge> Challenges { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public bool CanChallenge => ProfessionalChallenges.CanRaise(Referral, scope.User, Challenges, time.GetUtcNow());

    public bool CanAnswerChallenge => ProfessionalChallenges.CanAnswer(scope.User, scope.IsFrontDoor) && Challenges.Any(c => c.Status == ChallengeStatus.Open);

    public int ChallengeWorkingDays => ladder.Options.ChallengeWorkingDays;

    /// <summary>The child's known vulnerabilities, shown beside the referral to the front door.</summary>
    public IReadOnlyList<string> Vulnerabilities { get; private set; } = [];

    public bool IsFrontDoor => scope.IsFrontDoor;

    public bool IsReferrer => Referral.ReferrerUserId == scope.User.Id;

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
        if (!scope.IsFrontDoor)
        {
            return Forbid();
        }
        ReferralOutcome? outcome = Enum.TryParse<ReferralOutcome>(Decision.Outcome, out var o) && Enum.IsDefined(o) ? o : null;
        if (outcome is null)
        {
            ModelState.AddModelError("Decision.Outcome", "Select what happens next");
        }
        if (string.IsNullOrWhiteSpace(Decision.Rationale))
        {
            ModelState.AddModelError("Decision.Rationale", "Explain why you made this decision");
        }
        // Closing a child's referral because of the child's consent or choice is refused outright, as
        // Decide does: such wording is listed but cannot be kept with a note.
        var refusal = outcome is { } chosen && Decision.Rationale is { } rationale && Referral.Status == ReferralStatus.AwaitingDecision
            ? ReferralRules.RefuseConsentAsReasonToClose(chosen, Referral.ChildAgeOn(calendar.LocalDate(time.GetUtcNow())), rationale)
            : null;
        if (refusal is not null)
        {
            ModelState.AddModelError("Decision.Rationale", refusal);
        }
        var wording = await language.CheckAsync(this, LanguageForm, [new("Decision.Rationale", "The reason for your decision", Decision.Rationale)], Language, ct,
            canKeep: refusal is null);
        if (outcome is null || !ModelState.IsValid)
        {
            return Page();
        }
        if (Referral.Decide(outcome.Value, Decision.Rationale, scope.User.Id, time.GetUtcNow(), calendar.LocalDate(time.GetUtcNow())) is { } p)
        {
            ModelState.AddModelError("Decision." + p.Field, p.Message);
            return Page();
        }
        await TellReferrerIfFinalAsync(ct);
        await audit.SaveAsync([AuditEntry.Allowed(AuditCode.ReferralDecided, "Referral", reference, $"{Referral.Outcome}; {Referral.Status}"),
            .. language.Complete(wording, "Referral", reference)], ct);
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        TempData["Success"] = Referral.Status == ReferralStatus.AwaitingSignOff
            ? "Decision recorded. It needs a team manager's sign-off before it is final"
            : "Decision recorded";
        return Redirect($"/referrals/{reference}");
    }

    public async Task<IActionResult> OnPostAllocateAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (!scope.IsFrontDoor)
        {
            return Forbid();
        }
        // Only a front-door worker of children's social care can be given a referral.
        var worker = Guid.TryParse(AllocateTo, out var id)
            ? await FrontDoorWorkers().Where(u => u.Id == id).Select(u => new { u.Id, u.DisplayName, u.Email }).FirstOrDefaultAsync(ct)
            : null;
        var problem = worker is null
            ? ("AllocateTo", "Select who will work on this referral")
            : Referral.Allocate(worker.Id, IsManager, time.GetUtcNow());
        if (problem is { } p)
        {
            ModelState.AddModelError(p.Field, p.Message);
            return Page();
        }
        notifier.Add(worker!.Id, worker.Email, $"Referral {reference} allocated to you",
            $"{scope.User.DisplayName} allocated referral {reference} to you. The decision is due by {calendar.UkTime(Referral.DecisionDueBy)}.",
            $"/referrals/{reference}");
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralAllocated, "Referral", reference, $"to {worker.Id}"), ct);
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        TempData["Success"] = $"Allocated to {worker.DisplayName}";
        return Redirect($"/referrals/{reference}");
    }

    public async Task<IActionResult> OnPostChallengeAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (await challenges.RaiseAsync(Referral, scope.User, ChallengeReason, ct) is { } p)
        {
            ModelState.AddModelError("Challenge" + p.Field, p.Message);
            return Page();
        }
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        TempData["Success"] = "Challenge sent to the service manager";
        return Redirect($"/referrals/{reference}");
    }

    public async Task<IActionResult> OnPostAnswerChallengeAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (!ProfessionalChallenges.CanAnswer(scope.User, scope.IsFrontDoor))
        {
            return Forbid();
        }
        if (await challenges.AnswerAsync(Referral, scope.User, scope.IsFrontDoor, Answer.Response, Answer.Note, ct) is { } p)
        {
            ModelState.AddModelError("Answer." + p.Field, p.Message);
            return Page();
        }
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        TempData["Success"] = "Answer sent to the referrer";
        return Redirect($"/referrals/{reference}");
    }

    private IQueryable<LanternUser> FrontDoorWorkers()
    {
        var roles = Policies.FrontDoorRoles;
        return db.Users.Where(u => u.Agency!.Kind == AgencyKind.ChildrensSocialCare && roles.Contains(u.Role));
    }

    public async Task<IActionResult> OnPostSignOffAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }
        if (!scope.IsFrontDoor)
        {
            return Forbid();
        }
        var agree = SignOffForm.Agree switch { "yes" => true, "no" => false, _ => (bool?)null };
        var problem = agree is null
            ? ("Agree", "Select whether you agree with the decision")
            : Referral.SignOff(agree.Value, SignOffForm.Reason, scope.User.Id, IsManager, time.GetUtcNow());
        if (problem is { } p)
        {
            ModelState.AddModelError("SignOffForm." + p.Field, p.Message);
            return Page();
        }
        await TellReferrerIfFinalAsync(ct);
        await audit.SaveAsync(AuditEntry.Allowed(agree == true ? AuditCode.ReferralSignedOff : AuditCode.ReferralReturned, "Referral", reference), ct);
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        TempData["Success"] = agree == true ? "Decision signed off. It is now final" : "Decision sent back to the front door";
        return Redirect($"/referrals/{reference}");
    }

    /// <summary>Once a decision is final the referrer is told, in their inbox and by mail, without the child's details.</summary>
    private async Task TellReferrerIfFinalAsync(CancellationToken ct)
    {
        if (Referral.Status != ReferralStatus.Decided)
        {
            return;
        }
        if (Referral.ChildId is { } child)
        {
            children.Add(child, new Children.NewEntry(
                Referral.DecidedAt ?? time.GetUtcNow(),
                Domain.Children.EntryType.ReferralDecision,
                $"Decision on referral {Referral.Reference}: {Referral.Outcome!.Value.DisplayName()}. {Referral.DecisionRationale}",
                Referral.Outcome is ReferralOutcome.StrategyDiscussion or ReferralOutcome.ExploitationTeam ? Domain.Children.Significance.Significant : Domain.Children.Significance.Routine,
                scope.User.AgencyId,
                DecidedByName ?? scope.User.DisplayName,
                Referral.DecidedBy,
                SourceRecord: Referral.Reference));
        }
        var subject = $"Decision on referral {Referral.Reference}";
        var body = $"Children's social care has decided what happens after your referral {Referral.Reference}: {Referral.Outcome!.Value.DisplayName()}.";
        await notifier.AddForReferrerAsync(Referral, subject, body, ct);
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        // Authorize twice: any signed-in user may ask; the scope decides whether the referral exists for them.
        var referral = await scope.Referrals(db.Referrals.Include(r => r.Mentions).Include(r => r.SourceAgency))
            .FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (referral is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Referral", reference, "not found or not in scope"), ct);
            return false;
        }
        Referral = referral;
        DecidedByName = referral.DecidedBy is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        AllocatedToName = referral.AllocatedTo is { } to ? await db.Users.Where(u => u.Id == to).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        Challenges = await db.ProfessionalChallenges.AsNoTracking().Where(c => c.ReferralId == referral.Id).OrderBy(c => c.RaisedAt).ToListAsync(ct);
        if (scope.IsFrontDoor && referral.ChildId is { } childId)
        {
            Vulnerabilities = await db.ChildVulnerabilities.AsNoTracking().Where(v => v.ChildId == childId && v.EndedAt == null)
                .OrderBy(v => v.RecordedAt).Select(v => v.Description).ToListAsync(ct);
        }
        if (scope.IsFrontDoor)
        {
            Escalations = await db.EscalationSteps.AsNoTracking().Where(s => s.Reference == referral.Reference).OrderBy(s => s.PerformedAt).ThenBy(s => s.Level).ToListAsync(ct);
        }
        var people = Challenges.Select(c => c.RaisedBy).Concat(Challenges.Where(c => c.AnsweredBy is not null).Select(c => c.AnsweredBy!.Value)).Distinct().ToList();
        Names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (IsManager)
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
