using System.Globalization;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Features.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>Reading the screening forms' answers.</summary>
public static class ScreeningInput
{
    /// <summary>A level by its name only ("Moderate"); never a number or a combination such as "1, 2".</summary>
    public static LevelOfConcern? ParseLevel(string? value) =>
        value is not null && Enum.GetNames<LevelOfConcern>().Contains(value, StringComparer.Ordinal) ? Enum.Parse<LevelOfConcern>(value) : null;
}

/// <summary>One indicator on the form.</summary>
public sealed class IndicatorInput
{
    public bool Ticked { get; set; }

    public string? ObservedOn { get; set; }

    public string? Agency { get; set; }

    public string? Evidence { get; set; }

    public bool ConcernOnly { get; set; }

    public string? PrefilledFrom { get; set; }
}

/// <summary>
/// Screen a child for exploitation: tick what applies in each section with its date, source and evidence
/// (or "concern only"), see the supporting band and what drove it, and choose the level of concern.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewScreeningModel(ChildAccess access, Screenings screenings, DataScope scope, LanternDbContext db, AuditTrail audit) : PageModel
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly string[] DateFormats = ["d/M/yyyy", "d M yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    public Child Child { get; private set; } = default!;

    public ScreeningTool Tool => screenings.Tool;

    public ScreeningFacts Facts { get; private set; } = default!;

    /// <summary>The supporting band, once worked out from what was ticked.</summary>
    public ScreeningResult? Result { get; private set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    [BindProperty]
    public Dictionary<string, IndicatorInput> Answers { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? ChosenLevel { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The supporting band the practitioner was shown; saving needs it to match what is ticked now.</summary>
    [BindProperty]
    public string? BandSeen { get; set; }

    public static IEnumerable<LevelOfConcern> Levels => Enum.GetValues<LevelOfConcern>();

    public IndicatorInput AnswerFor(string id) => Answers.TryGetValue(id, out var a) ? a : new IndicatorInput();

    /// <summary>The element id the error summary links to for a field of an indicator.</summary>
    public static string FieldId(string indicator, string field) => TagBuilder.CreateSanitizedId(Key(indicator, field), "_");

    public static string Key(string indicator, string field) => $"Answers[{indicator}].{field}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var prefills = await screenings.PrefillAsync(Child.Id, ct);
        // The form shows the child and what the record holds about them: a read of personal data.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ScreeningFormOpened, "Child", id.ToString(), $"{prefills.Count} indicators offered from the record"), ct);
        foreach (var prefill in prefills)
        {
            Answers[prefill.IndicatorId] = new IndicatorInput
            {
                Ticked = true,
                ObservedOn = prefill.ObservedOn.ToString("d/M/yyyy", English),
                Agency = prefill.SourceAgency.ToString(),
                Evidence = prefill.Evidence,
                PrefilledFrom = prefill.Source,
            };
        }
        return Page();
    }

    /// <summary>Works out the supporting band without saving, so the practitioner sees it before choosing.</summary>
    public async Task<IActionResult> OnPostCalculateAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var items = ReadItems();
        if (ModelState.IsValid)
        {
            Result = screenings.Compute(items, Facts);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true))
        {
            return NotFound();
        }
        ModelState.Clear();
        var items = ReadItems();
        var chosen = ScreeningInput.ParseLevel(ChosenLevel);
        if (ModelState.IsValid)
        {
            Result = screenings.Compute(items, Facts);
        }
        if (Result is not null && BandSeen != Result.Band.ToString())
        {
            // The band is evidence for the level: it is shown before any level is saved, and again when what is ticked changes it.
            ModelState.AddModelError(nameof(ChosenLevel), $"Look at the supporting band ({Result.Band.DisplayName().ToLowerInvariant()}) before you save: it is worked out from what you ticked");
        }
        else if (chosen is null)
        {
            ModelState.AddModelError(nameof(ChosenLevel), "Choose the level of concern: it is your professional judgement, with the supporting band as evidence");
        }
        else if (Result is not null && ScreeningCalculator.NeedsReview(chosen.Value, Result.Band) && string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), $"Say why the level of concern is lower than the supporting band ({Result.Band.DisplayName().ToLowerInvariant()}); a manager will review it");
        }
        if (Reason is { Length: > 4000 })
        {
            ModelState.AddModelError(nameof(Reason), "The reason must be 4,000 characters or fewer");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var saved = await screenings.SaveAsync(Child, new ScreeningSubmission(items, chosen!.Value, Reason), await scope.ActorAsync(ct), ct);
        if (saved.Failure is { } problem)
        {
            await LoadAsync(id, ct);
            return problem.ToPageResult(this, _ => nameof(ChosenLevel));
        }
        var screening = saved.Value;
        TempData["Success"] = screening.ReviewStatus == ScreeningReviewStatus.Awaiting
            ? $"Screening saved. The level of concern is {screening.Level.DisplayName().ToLowerInvariant()}; because it is lower than the supporting band, a manager will review it"
            : $"Screening saved. The level of concern is {screening.Level.DisplayName().ToLowerInvariant()}";
        return Redirect(Screenings.PagePath(Child.Id, screening.Id));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        if (await access.FindAsync(id, ct, tracked) is not { } child)
        {
            return false;
        }
        Child = child;
        Facts = await screenings.FactsAsync(child, ct);
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync(ct);
        return true;
    }

    /// <summary>The ticked indicators, each with its date, source and evidence; every problem is named by field.</summary>
    private List<ScreenedIndicator> ReadItems()
    {
        var agencyIds = Agencies.Select(a => new AgencyId(Guid.Parse(a.Value))).ToHashSet();
        var items = new List<ScreenedIndicator>();
        foreach (var (_, indicator) in Tool.AllIndicators)
        {
            var id = indicator.Id!;
            if (!Answers.TryGetValue(id, out var answer) || !answer.Ticked)
            {
                continue;
            }
            var text = indicator.Text!;
            DateOnly? on = null;
            if (string.IsNullOrWhiteSpace(answer.ObservedOn))
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.ObservedOn)), $"Enter when this was last seen or known: {text}");
            }
            else if (!DateOnly.TryParseExact(answer.ObservedOn.Trim(), DateFormats, English, DateTimeStyles.None, out var parsed))
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.ObservedOn)), $"Enter the date as day/month/year, for example 27/11/2026: {text}");
            }
            else if (parsed > screenings.Today)
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.ObservedOn)), $"The date must be today or in the past: {text}");
            }
            else if (parsed.Year < 1990)
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.ObservedOn)), $"The date must be after 1990: {text}");
            }
            else
            {
                on = parsed;
            }
            AgencyId? source = Guid.TryParse(answer.Agency, out var g) && agencyIds.Contains(new AgencyId(g)) ? new AgencyId(g) : null;
            if (source is null)
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.Agency)), $"Select the agency this came from: {text}");
            }
            if (!answer.ConcernOnly && string.IsNullOrWhiteSpace(answer.Evidence))
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.Evidence)), $"Give the evidence, or tick \"concern only\" if there is none yet: {text}");
            }
            else if (answer.Evidence is { Length: > 4000 })
            {
                ModelState.AddModelError(Key(id, nameof(IndicatorInput.Evidence)), $"The evidence must be 4,000 characters or fewer: {text}");
            }
            if (on is not null && source is not null)
            {
                var from = answer.PrefilledFrom is { Length: > 0 } p ? (p.Length > 100 ? p[..100] : p) : null;
                items.Add(new ScreenedIndicator(id, on.Value, source.Value, answer.Evidence, answer.ConcernOnly, from));
            }
        }
        return items;
    }
}
