using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Features.FrontDoor;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// A missing episode as a police system sends it to <c>POST /api/v1/children/{id}/missing-episodes</c>,
/// and as the record page builds it from its form.
/// </summary>
public sealed record MissingEpisodeRequest
{
    /// <summary>Reported missing to the police, or absent without being reported missing.</summary>
    public MissingKind? Kind { get; init; }

    /// <summary>When the child went missing or was first found absent.</summary>
    public DateTimeOffset? MissingFrom { get; init; }

    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>Who reported the child missing, for example "Mother" or "Residential home staff".</summary>
    public string? ReportedBy { get; init; }

    public PoliceRiskGrading? RiskGrading { get; init; }

    /// <summary>The person recording it for the agency system (the page uses the signed-in practitioner).</summary>
    public string? RecordedBy { get; init; }

    /// <summary>The return, when the child is already back; the return home interview's clock starts from it.</summary>
    public MissingReturnDetails? Return { get; init; }
}

/// <summary>When and where the child was found, and with whom; the body of <c>POST .../missing-episodes/{reference}/return</c>.</summary>
public sealed record MissingReturnDetails
{
    public DateTimeOffset? ReturnedAt { get; init; }

    public string? FoundWhere { get; init; }

    /// <summary>Who the child was found with, in words.</summary>
    public string? FoundWith { get; init; }

    /// <summary>The people, vehicles and places the child was found with, one each; they become links on the chronology.</summary>
    public IReadOnlyList<MentionDetails>? Mentions { get; init; }

    /// <summary>When the police's safe-and-well check was done, if it has been.</summary>
    public DateTimeOffset? SafeAndWellCheckAt { get; init; }

    /// <summary>The person recording it for the agency system (the page uses the signed-in practitioner).</summary>
    public string? RecordedBy { get; init; }
}

/// <summary>What the API answers: the episode's reference and the return home interview's clock.</summary>
public sealed record MissingEpisodeReceipt(
    string Reference,
    Guid ChildId,
    DateTimeOffset MissingFrom,
    DateTimeOffset? ReturnedAt,
    ReturnInterviewStatus InterviewStatus,
    DateTimeOffset? InterviewDueBy);

/// <summary>
/// The rules every door applies to an episode, with errors keyed by the API's field names (the page
/// maps them onto its own). Instants may not be in the future: an episode is recorded after the fact.
/// </summary>
public static class MissingEpisodeValidation
{
    /// <summary>Every problem with an episode as given, or null when it can be recorded.</summary>
    public static Failure? Validate(MissingEpisodeRequest request, DateTimeOffset now, bool recordedByRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);

        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Add("kind", "Say whether the child was reported missing or absent");
        }
        if (request.MissingFrom is not { } from)
        {
            Add("missingFrom", "Enter when the child went missing");
        }
        else if (from > now)
        {
            Add("missingFrom", "When the child went missing must be in the past");
        }
        if (request.ReportedAt is not { } reported)
        {
            Add("reportedAt", "Enter when the child was reported missing");
        }
        else if (reported > now)
        {
            Add("reportedAt", "When the child was reported missing must be in the past");
        }
        else if (request.MissingFrom is { } f && reported < f)
        {
            Add("reportedAt", "The report must be on or after the time the child went missing");
        }
        Text(errors, "reportedBy", "Who reported the child missing", request.ReportedBy, 200, "Enter who reported the child missing");
        if (request.RiskGrading is { } grading && !Enum.IsDefined(grading))
        {
            Add("riskGrading", "Select the police risk grading");
        }
        if (recordedByRequired)
        {
            Text(errors, "recordedBy", "The name of the person recording the episode", request.RecordedBy, 200, "Enter the name of the person recording the episode");
        }
        if (request.Return is { } back)
        {
            CheckReturn(errors, back, request.MissingFrom, now, recordedByRequired: false, prefix: "return.");
        }
        return errors.ToFailure("The missing episode has problems to fix; nothing was stored");
    }

    /// <summary>Every problem with a return as given, or null when it can be recorded.</summary>
    public static Failure? ValidateReturn(MissingReturnDetails details, DateTimeOffset? missingFrom, DateTimeOffset now, bool recordedByRequired)
    {
        var errors = new FieldErrors();
        CheckReturn(errors, details, missingFrom, now, recordedByRequired, prefix: "");
        return errors.ToFailure("The return has problems to fix; nothing was stored");
    }

    private static void CheckReturn(FieldErrors errors, MissingReturnDetails details, DateTimeOffset? missingFrom, DateTimeOffset now, bool recordedByRequired, string prefix)
    {
        ArgumentNullException.ThrowIfNull(details);
        void Add(string field, string message) => errors.Add(prefix + field, message);

        if (details.ReturnedAt is not { } returned)
        {
            Add("returnedAt", "Enter when the child was found or returned");
        }
        else if (returned > now)
        {
            Add("returnedAt", "When the child returned must be in the past");
        }
        else if (missingFrom is { } from && returned < from)
        {
            Add("returnedAt", "The return must be after the child went missing");
        }
        Text(errors, prefix + "foundWhere", "Where the child was found", details.FoundWhere, 500, "Enter where the child was found");
        if (StorableText.Check(details.FoundWith, "Who the child was found with", TextShape.MultiLine) is { } withProblem)
        {
            Add("foundWith", withProblem);
        }
        else if (details.FoundWith is { Length: > 1000 })
        {
            Add("foundWith", "Who the child was found with must be 1,000 characters or fewer");
        }
        foreach (var problem in MentionRules.Check([.. (details.Mentions ?? []).Select(m => (m?.Kind, m?.Value, m?.Detail))], MissingEpisodeRecords.MaxMentions, prefix + "mentions"))
        {
            errors.Add(problem.Field, problem.Message);
        }
        if (details.SafeAndWellCheckAt is { } check)
        {
            if (check > now)
            {
                Add("safeAndWellCheckAt", "The safe and well check must be in the past");
            }
            else if (details.ReturnedAt is { } r && check < r)
            {
                Add("safeAndWellCheckAt", "The safe and well check must be on or after the return");
            }
        }
        if (recordedByRequired)
        {
            Text(errors, prefix + "recordedBy", "The name of the person recording the return", details.RecordedBy, 200, "Enter the name of the person recording the return");
        }
    }

    private static void Text(FieldErrors errors, string field, string label, string? value, int max, string required)
    {
        if (StorableText.Check(value, label, TextShape.OneLine, required) is { } problem)
        {
            errors.Add(field, problem);
        }
        else if (value!.Length > max)
        {
            errors.Add(field, $"This must be {max:N0} characters or fewer");
        }
    }
}
