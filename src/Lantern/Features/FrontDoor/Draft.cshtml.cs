using System.Globalization;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Mentions;
using Lantern.Domain.Referrals;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// Raising a concern in the pages, one thing per page (GOV.UK pattern): the child, the concern, who
/// and what is mentioned, the referrer's contact details, sharing, then check and send. Every step is
/// saved to the draft whether or not it is complete, so nothing typed is lost.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DraftModel(LanternDbContext db, ReferralIntake intake, CurrentUser me, TimeProvider time, WorkingDayCalendar calendar, AuditTrail audit) : PageModel
{
    public static readonly string[] Steps = ["child", "concern", "mentions", "contact", "sharing", "check"];

    public static readonly IReadOnlyDictionary<string, string> StepTitles = new Dictionary<string, string>
    {
        ["child"] = "About the child",
        ["concern"] = "What happened and why you are worried",
        ["mentions"] = "People, vehicles, phones and places",
        ["contact"] = "How the front door can reach you",
        ["sharing"] = "The family and sharing",
        ["check"] = "Check your answers before sending",
    };

    [BindProperty]
    public DraftInput Input { get; set; } = new();

    public ReferralRequest Answers { get; private set; } = new();

    public string Step { get; private set; } = "child";

    public Guid DraftId { get; private set; }

    /// <summary>On the check page: what is still missing, each with the step where it is put right.</summary>
    public IReadOnlyList<(string Message, string Step)> Missing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string step, CancellationToken ct)
    {
        if (!Steps.Contains(step) || await LoadAsync(id, ct) is not { } draft)
        {
            return NotFound();
        }
        if (draft.SubmittedReference is { } sent)
        {
            return Redirect($"/referrals/{sent}");
        }
        Step = step;
        Input = DraftInput.From(Answers);
        if (step == "check")
        {
            Missing = MissingItems();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string step, CancellationToken ct)
    {
        if (!Steps.Contains(step) || step == "check" || await LoadAsync(id, ct) is not { } draft || draft.SubmittedReference is not null)
        {
            return NotFound();
        }
        Step = step;
        var (request, formatErrors) = Input.ApplyTo(Answers, step);
        Answers = request;
        await SaveDraftAsync(draft, ct);
        foreach (var (field, message) in formatErrors)
        {
            ModelState.AddModelError("Input." + field, message);
        }
        foreach (var (key, messages) in Validation().Where(e => StepOf(e.Key) == step && !formatErrors.Any(f => InputField(e.Key) == f.Field)))
        {
            ModelState.AddModelError("Input." + InputField(key), messages[0]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var next = Query("from") == "check" ? "check" : Steps[Array.IndexOf(Steps, step) + 1];
        return Redirect($"/referrals/drafts/{id}/{next}");
    }

    /// <summary>
    /// The page's script saves the step in the background while the person types (<c>?handler=Autosave</c>).
    /// Nothing is refused for being incomplete or not yet valid: what parses is kept, an answer that does
    /// not parse yet (a half-typed date) keeps its last saved value, and the errors wait for "Save and continue".
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, string step, CancellationToken ct)
    {
        if (!Steps.Contains(step) || step == "check" || await LoadAsync(id, ct) is not { } draft || draft.SubmittedReference is not null)
        {
            return NotFound();
        }
        Step = step;
        var before = JsonSerializer.Serialize(Answers, ApiJson.Options);
        Answers = Input.ApplyWhatParses(Answers, step);
        // The script also asks when nothing changed (leaving the page, or the mentions step, whose
        // add-a-mention fields are only kept when "Add" is chosen): no write and no audit row then.
        if (JsonSerializer.Serialize(Answers, ApiJson.Options) != before)
        {
            await SaveDraftAsync(draft, ct, "autosave");
        }
        return new JsonResult(new { savedAt = calendar.UkClockTime(draft.UpdatedAt) });
    }

    public async Task<IActionResult> OnPostAddMentionAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } draft || draft.SubmittedReference is not null)
        {
            return NotFound();
        }
        Step = "mentions";
        MentionKind? kind = Enum.TryParse<MentionKind>(Input.MentionKind, out var k) && Enum.IsDefined(k) ? k : null;
        var problems = MentionRules.Check([(kind, Input.MentionValue, Input.MentionDetail)], ReferralValidation.MaxMentions, "mention");
        if (problems.Count > 0)
        {
            Failure.Invalid(problems).AddTo(ModelState, f => "Input.Mention" + char.ToUpperInvariant(f[(f.LastIndexOf('.') + 1)]) + f[(f.LastIndexOf('.') + 2)..]);
            return Page();
        }
        Answers = Answers with
        {
            Mentions = [.. Answers.Mentions ?? [], new MentionDetails { Kind = kind, Value = Input.MentionValue!.Trim(), Detail = string.IsNullOrWhiteSpace(Input.MentionDetail) ? null : Input.MentionDetail.Trim() }],
        };
        await SaveDraftAsync(draft, ct);
        return Redirect($"/referrals/drafts/{id}/mentions");
    }

    public async Task<IActionResult> OnPostRemoveMentionAsync(Guid id, int index, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } draft || draft.SubmittedReference is not null)
        {
            return NotFound();
        }
        var mentions = (Answers.Mentions ?? []).ToList();
        if (index >= 0 && index < mentions.Count)
        {
            mentions.RemoveAt(index);
            Answers = Answers with { Mentions = mentions };
            await SaveDraftAsync(draft, ct);
        }
        return Redirect($"/referrals/drafts/{id}/mentions");
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } draft)
        {
            return NotFound();
        }
        if (draft.SubmittedReference is { } sent)
        {
            return Redirect($"/referrals/{sent}");
        }
        Step = "check";
        Missing = MissingItems();
        if (Missing.Count > 0)
        {
            ModelState.AddModelError("", "Some answers are missing or need correcting before you can send the referral");
            return Page();
        }
        ReferralReceipt? receipt = null;
        await intake.AcceptAsync(Answers, me.AgencyId, apiKeyId: null, referrerUserId: me.Id,
            save: (r, _) =>
            {
                receipt = r;
                draft.SubmittedReference = r.Reference;
                draft.UpdatedAt = time.GetUtcNow();
            }, ct);
        TempData["Success"] = $"Referral sent. Your reference is {receipt!.Reference}. The front door must decide what happens by {calendar.UkTime(receipt.DecisionDueBy)}, and you will see the outcome here";
        return Redirect($"/referrals/{receipt.Reference}");
    }

    /// <summary>Each field with a problem and its first message, keyed as the API names the field.</summary>
    private Dictionary<string, string[]> Validation() =>
        (intake.Validate(Answers)?.Errors ?? []).GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    private List<(string Message, string Step)> MissingItems() =>
        [.. Validation().OrderBy(e => Array.IndexOf(Steps, StepOf(e.Key))).Select(e => (e.Value[0], StepOf(e.Key)))];

    private string? Query(string name) => HttpContext.Request.Query[name].FirstOrDefault();

    /// <summary>Which step puts a validation error right.</summary>
    public static string StepOf(string key) => key switch
    {
        _ when key.StartsWith("child.", StringComparison.Ordinal) => "child",
        _ when key.StartsWith("concern.", StringComparison.Ordinal) => "concern",
        _ when key.StartsWith("mentions", StringComparison.Ordinal) => "mentions",
        _ when key.StartsWith("referrer.", StringComparison.Ordinal) => "contact",
        _ => "sharing",
    };

    /// <summary>The page field for a validation key: "child.dateOfBirth" is the day box of the date.</summary>
    public static string InputField(string key) => key switch
    {
        "child.dateOfBirth" => nameof(DraftInput.DobDay),
        "referrer.name" => nameof(DraftInput.ReferrerName),
        "referrer.role" => nameof(DraftInput.ReferrerRole),
        "referrer.phone" => nameof(DraftInput.ReferrerPhone),
        "referrer.email" => nameof(DraftInput.ReferrerEmail),
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key[(key.LastIndexOf('.') + 1)..][..1]) + key[(key.LastIndexOf('.') + 2)..],
    };

    private async Task<ReferralDraft?> LoadAsync(Guid id, CancellationToken ct)
    {
        DraftId = id;
        // A draft is its owner's alone: anyone else's is simply not found.
        var draft = await db.ReferralDrafts.FirstOrDefaultAsync(d => d.Id == id && d.OwnerId == me.Id, ct);
        if (draft is not null)
        {
            Answers = JsonSerializer.Deserialize<ReferralRequest>(draft.Data, ApiJson.Options) ?? new ReferralRequest();
        }
        return draft;
    }

    private async Task SaveDraftAsync(ReferralDraft draft, CancellationToken ct, string? how = null)
    {
        draft.Data = JsonSerializer.Serialize(Answers, ApiJson.Options);
        draft.UpdatedAt = time.GetUtcNow();
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralDraftSaved, "ReferralDraft", draft.Id.ToString(), how is null ? Step : $"{Step} {how}"), ct);
    }
}

/// <summary>Every field of every step, flat, as the forms post them.</summary>
public sealed class DraftInput
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? KnownAs { get; set; }

    public string? DobDay { get; set; }

    public string? DobMonth { get; set; }

    public string? DobYear { get; set; }

    public string? ApproximateAge { get; set; }

    public string? Address { get; set; }

    public string? Postcode { get; set; }

    public string? School { get; set; }

    public string? NhsNumber { get; set; }

    public string? WhatHappened { get; set; }

    public string? WhyWorried { get; set; }

    public bool SexualHarmOrExploitation { get; set; }

    public string? MentionKind { get; set; }

    public string? MentionValue { get; set; }

    public string? MentionDetail { get; set; }

    public string? ReferrerName { get; set; }

    public string? ReferrerRole { get; set; }

    public string? ReferrerPhone { get; set; }

    public string? ReferrerEmail { get; set; }

    public string? FamilyAware { get; set; }

    public string? LawfulBasis { get; set; }

    public static DraftInput From(ReferralRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var dob = r.Child?.DateOfBirth;
        return new DraftInput
        {
            GivenName = r.Child?.GivenName,
            FamilyName = r.Child?.FamilyName,
            KnownAs = r.Child?.KnownAs,
            DobDay = dob?.Day.ToString(CultureInfo.InvariantCulture),
            DobMonth = dob?.Month.ToString(CultureInfo.InvariantCulture),
            DobYear = dob?.Year.ToString(CultureInfo.InvariantCulture),
            ApproximateAge = r.Child?.ApproximateAge?.ToString(CultureInfo.InvariantCulture),
            Address = r.Child?.Address,
            Postcode = r.Child?.Postcode,
            School = r.Child?.School,
            NhsNumber = r.Child?.NhsNumber,
            WhatHappened = r.Concern?.WhatHappened,
            WhyWorried = r.Concern?.WhyWorried,
            SexualHarmOrExploitation = r.Concern?.SexualHarmOrExploitation ?? false,
            ReferrerName = r.Referrer?.Name,
            ReferrerRole = r.Referrer?.Role,
            ReferrerPhone = r.Referrer?.Phone,
            ReferrerEmail = r.Referrer?.Email,
            FamilyAware = r.FamilyAware?.ToString(),
            LawfulBasis = r.LawfulBasis?.ToString(),
        };
    }

    /// <summary>
    /// This step's answers onto the referral so far for a background save: an answer that is not yet in a
    /// form the referral can hold keeps its last saved value rather than wiping it while it is being typed.
    /// </summary>
    public ReferralRequest ApplyWhatParses(ReferralRequest r, string step)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (applied, errors) = ApplyTo(r, step);
        foreach (var (field, _) in errors)
        {
            applied = field switch
            {
                nameof(DobDay) => applied with { Child = applied.Child! with { DateOfBirth = r.Child?.DateOfBirth } },
                nameof(ApproximateAge) => applied with { Child = applied.Child! with { ApproximateAge = r.Child?.ApproximateAge } },
                // Any other answer that does not parse is dropped, as "Save and continue" drops it.
                _ => applied,
            };
        }
        return applied;
    }

    /// <summary>This step's answers onto the referral so far, with any answer that is not in a form the referral can hold.</summary>
    public (ReferralRequest Answers, List<(string Field, string Message)> Errors) ApplyTo(ReferralRequest r, string step)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<(string, string)>();
        switch (step)
        {
            case "child":
                DateOnly? dob = null;
                if (!string.IsNullOrWhiteSpace(DobDay) || !string.IsNullOrWhiteSpace(DobMonth) || !string.IsNullOrWhiteSpace(DobYear))
                {
                    if (int.TryParse(DobDay, CultureInfo.InvariantCulture, out var d) && int.TryParse(DobMonth, CultureInfo.InvariantCulture, out var m)
                        && int.TryParse(DobYear, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999 && m is >= 1 and <= 12
                        && d >= 1 && d <= DateTime.DaysInMonth(y, m))
                    {
                        dob = new DateOnly(y, m, d);
                    }
                    else
                    {
                        errors.Add((nameof(DobDay), "Date of birth must be a real date, like 14 5 2011"));
                    }
                }
                int? age = null;
                if (!string.IsNullOrWhiteSpace(ApproximateAge))
                {
                    if (int.TryParse(ApproximateAge, CultureInfo.InvariantCulture, out var a))
                    {
                        age = a;
                    }
                    else
                    {
                        errors.Add((nameof(ApproximateAge), "Approximate age must be a number, like 14"));
                    }
                }
                r = r with
                {
                    Child = new ChildDetails
                    {
                        GivenName = GivenName,
                        FamilyName = FamilyName,
                        KnownAs = KnownAs,
                        DateOfBirth = dob,
                        ApproximateAge = age,
                        Address = Address,
                        Postcode = Postcode,
                        School = School,
                        NhsNumber = NhsNumber,
                    },
                };
                break;
            case "concern":
                r = r with { Concern = new ConcernDetails { WhatHappened = WhatHappened, WhyWorried = WhyWorried, SexualHarmOrExploitation = SexualHarmOrExploitation } };
                break;
            case "mentions":
                break;
            case "contact":
                r = r with { Referrer = new ReferrerDetails { Name = ReferrerName, Role = ReferrerRole, Phone = ReferrerPhone, Email = ReferrerEmail } };
                break;
            case "sharing":
                r = r with
                {
                    FamilyAware = Enum.TryParse<FamilyAwareness>(FamilyAware, out var f) && Enum.IsDefined(f) ? f : null,
                    LawfulBasis = Enum.TryParse<LawfulBasis>(LawfulBasis, out var l) && Enum.IsDefined(l) ? l : null,
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step");
        }
        return (r, errors);
    }
}
