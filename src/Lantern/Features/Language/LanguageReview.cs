using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Language;
using Lantern.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Language;

/// <summary>A free-text field the language guard reads when its form is saved: as posted (Input.Summary), its label and its text.</summary>
public sealed record GuardedText(string Field, string Label, string? Text);

/// <summary>
/// Posted with a guarded form as Language.Keep, Language.Note and Language.Review: the practitioner's
/// choice to keep wording the guard pointed out, why, and which review it answers.
/// </summary>
public sealed class LanguageKeepInput
{
    public bool Keep { get; set; }

    public string? Note { get; set; }

    public Guid? Review { get; set; }
}

/// <summary>The phrases found in one field when its form was saved.</summary>
public sealed record FieldFindings(string Field, string Label, IReadOnlyList<LanguageFinding> Findings);

/// <summary>What the language guard found when a form was saved, and whether the save may stand.</summary>
public sealed class LanguageReviewResult
{
    public required string Form { get; init; }

    public Guid ReviewId { get; init; }

    /// <summary>Fields with at least one phrase, in the order the form gives them.</summary>
    public required IReadOnlyList<FieldFindings> Fields { get; init; }

    /// <summary>False where a rule refuses the wording outright (consent or choice as the reason to close).</summary>
    public bool CanKeep { get; init; }

    public bool Keep { get; init; }

    public string? Note { get; init; }

    /// <summary>The save may go ahead: nothing was found, or the practitioner keeps it with a note.</summary>
    public bool Stands { get; init; }

    internal IReadOnlyList<LanguageFindingRecord> Rows { get; init; } = [];

    public bool HasFindings => Fields.Count > 0;

    public IReadOnlyList<LanguageFinding> For(string field) =>
        Fields.FirstOrDefault(f => f.Field == field)?.Findings ?? [];
}

/// <summary>
/// The language guard on save, shared by every form with guarded fields. The server reads the text
/// again whatever the page's script showed. When it finds a phrase the save is refused once, with each
/// phrase, its reason and alternatives under its field; the practitioner changes the wording, or ticks
/// "Keep this wording" and says why. Each phrase seen is recorded (entry id, form, field, writer's agency
/// and team, never the text), and when the form is saved it is marked kept with the note or changed
/// before saving: the managers' report counts both.
/// <para>
/// Call <see cref="CheckAsync"/> before changing any entity: a refusal saves the findings it records
/// (with their audit event) at once, because the form itself is not saved. After the record is added,
/// pass <see cref="Complete"/>'s audit entries to the same <see cref="AuditTrail.SaveAsync(IReadOnlyList{AuditEntry}, CancellationToken)"/>.
/// </para>
/// </summary>
public sealed class LanguageReview(LanternDbContext db, CurrentLanguageGuard guards, DataScope scope, AuditTrail audit, TimeProvider time)
{
    /// <summary>The posted names of <see cref="LanguageKeepInput"/>: bind it as a property called Language.</summary>
    public const string Prefix = "Language";

    public const string NoteField = Prefix + ".Note";

    /// <summary>Where a page puts the result for the guarded fields and the keep question to show.</summary>
    public const string ViewDataKey = "Lantern.LanguageReview";

    public const int NoteMaximumLength = 2000;

    /// <summary>
    /// Reads the fields, records what is new, and adds the problems to the page's model state: a field
    /// error naming the phrases when the practitioner has still to change or keep them, or an error on
    /// the note when they keep the wording without saying why. With <paramref name="canKeep"/> false the
    /// findings are listed but no keeping is offered (the page has refused the wording itself).
    /// </summary>
    public async Task<LanguageReviewResult> CheckAsync(PageModel page, string form, IReadOnlyList<GuardedText> fields, LanguageKeepInput? keep,
        CancellationToken ct, bool canKeep = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        keep ??= new LanguageKeepInput();
        var guard = await guards.GetAsync(db, ct);
        var found = fields
            .Select(f => new FieldFindings(f.Field, f.Label, string.IsNullOrWhiteSpace(f.Text) ? [] : guard.Check(f.Text)))
            .Where(f => f.Findings.Count > 0)
            .ToList();

        // The review this post answers: only the writer's own, of this form, not yet saved. Anything
        // else (a stale or altered value) starts a fresh review.
        var rows = keep.Review is { } reviewId
            ? await db.LanguageFindings.Where(r => r.ReviewId == reviewId && r.UserId == scope.User.Id && r.Form == form && r.Outcome == LanguageFindingOutcome.NotYetSaved)
                .ToListAsync(ct)
            : [];
        var review = rows.Count > 0 ? rows[0].ReviewId : Guid.CreateVersion7();

        var unseen = new List<LanguageFindingRecord>();
        if (found.Count > 0)
        {
            var now = time.GetUtcNow();
            var team = await scope.MyTeamAsync(ct);
            foreach (var field in found)
            {
                foreach (var finding in field.Findings.DistinctBy(f => f.EntryId))
                {
                    if (!rows.Any(r => r.Field == field.Field && r.EntryId == finding.EntryId))
                    {
                        unseen.Add(LanguageFindingRecord.Seen(review, now, scope.User.Id, scope.User.AgencyId, team, form, field.Field, finding.EntryId, finding.Severity));
                    }
                }
            }
        }

        var note = keep.Note?.Trim();
        var stands = found.Count == 0;
        if (found.Count > 0 && unseen.Count == 0 && canKeep && keep.Keep)
        {
            // Kept: but only wording the practitioner has been shown on save, and only with a reason.
            if (string.IsNullOrEmpty(note))
            {
                page.ModelState.AddModelError(NoteField, $"Say why you are keeping the wording in {Labels(found)}");
            }
            else if (note.Length > NoteMaximumLength)
            {
                page.ModelState.AddModelError(NoteField, $"The reason for keeping the wording must be {NoteMaximumLength:N0} characters or fewer");
            }
            else
            {
                stands = true;
            }
        }
        else if (found.Count > 0 && canKeep)
        {
            foreach (var field in found)
            {
                var phrases = string.Join(", ", field.Findings.Select(f => f.Phrase).Distinct(StringComparer.OrdinalIgnoreCase).Select(p => $"\u201C{p}\u201D"));
                page.ModelState.AddModelError(field.Field, $"{field.Label} has wording that can put the blame on the child ({phrases}): change it, or keep it and say why");
            }
        }

        if (unseen.Count > 0)
        {
            db.LanguageFindings.AddRange(unseen);
            rows.AddRange(unseen);
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.LanguageWordingChallenged, "LanguageReview", review.ToString(),
                $"{form}: {Describe(unseen)}"), ct);
        }

        var result = new LanguageReviewResult
        {
            Form = form,
            ReviewId = review,
            Fields = found,
            CanKeep = canKeep,
            Keep = keep.Keep,
            Note = keep.Note,
            Stands = stands,
            Rows = rows,
        };
        page.ViewData[ViewDataKey] = result;
        return result;
    }

    /// <summary>
    /// The form was saved as the record given: each phrase recorded for this review is marked kept
    /// (with the note) when it is still in its field, or changed before saving. Adds to the pending
    /// changes; returns the audit entries to save with the record.
    /// </summary>
    public IReadOnlyList<AuditEntry> Complete(LanguageReviewResult result, string recordType, string recordId)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Stands)
        {
            throw new InvalidOperationException("The form's wording has not been accepted; it cannot be saved.");
        }
        var now = time.GetUtcNow();
        var kept = new List<LanguageFindingRecord>();
        foreach (var row in result.Rows)
        {
            if (result.For(row.Field).Any(f => f.EntryId == row.EntryId))
            {
                row.Keep(result.Note!, recordType, recordId, now);
                kept.Add(row);
            }
            else
            {
                row.Changed(recordType, recordId, now);
            }
        }
        return kept.Count == 0
            ? []
            : [AuditEntry.Allowed(AuditCode.LanguageWordingKept, recordType, recordId, $"{result.Form}: {Describe(kept)}")];
    }

    private static string Labels(IReadOnlyList<FieldFindings> found) =>
        string.Join(" and ", found.Select(f => $"\u2018{f.Label}\u2019"));

    /// <summary>Field and entry ids, never the text: "Input.Summary own-choices, older-boyfriend".</summary>
    private static string Describe(IEnumerable<LanguageFindingRecord> rows) =>
        string.Join("; ", rows.GroupBy(r => r.Field).Select(g => $"{g.Key} {string.Join(", ", g.Select(r => r.EntryId))}"));
}
