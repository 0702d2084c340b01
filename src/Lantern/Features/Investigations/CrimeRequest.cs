using Lantern.Domain;
using Lantern.Domain.Investigations;

namespace Lantern.Features.Investigations;

/// <summary>
/// A crime as a police system sends it to <c>POST /api/v1/children/{id}/crimes</c>: the child in the path is a
/// victim, and other children whose ids the system holds may be named too.
/// </summary>
public sealed record CrimeRequest
{
    /// <summary>The police's own crime reference.</summary>
    public string? CrimeReference { get; init; }

    /// <summary>The offence in words, for example "Sexual activity with a child".</summary>
    public string? Offence { get; init; }

    public OffenceCategory? Category { get; init; }

    /// <summary>The day the offence is alleged to have happened, or begun: the victims' ages on this day decide the review rule.</summary>
    public DateOnly? OffenceFrom { get; init; }

    /// <summary>The last day, for an offence alleged over a period.</summary>
    public DateOnly? OffenceTo { get; init; }

    public DateOnly? ReportedOn { get; init; }

    public string? InvestigatingOfficer { get; init; }

    /// <summary>Other children who are victims, by the ids Lantern gave the system.</summary>
    public IReadOnlyList<Guid>? OtherVictims { get; init; }

    public IReadOnlyList<SuspectRequest>? Suspects { get; init; }

    /// <summary>Decisions already made, oldest first; each is added to the history as if recorded one by one.</summary>
    public IReadOnlyList<OutcomeRequest>? Outcomes { get; init; }

    /// <summary>The person recording it for the agency system (the page uses the signed-in officer).</summary>
    public string? RecordedBy { get; init; }
}

/// <summary>A suspect: a person of the network's records by id, or a name as the police hold it.</summary>
public sealed record SuspectRequest
{
    public Guid? PersonId { get; init; }

    public string? Name { get; init; }
}

/// <summary>A decision on a crime; the body of <c>POST .../crimes/{reference}/outcomes</c>.</summary>
public sealed record OutcomeRequest
{
    public CrimeOutcomeType? Type { get; init; }

    public DateOnly? DecidedOn { get; init; }

    /// <summary>Why: required for every decision not to prosecute.</summary>
    public string? Reason { get; init; }

    /// <summary>Who decided, for example "DI Jane Cole" or "CPS North".</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The person recording it for the agency system (only on its own; inside a crime, the crime's).</summary>
    public string? RecordedBy { get; init; }
}

/// <summary>What the API answers: the crime, its decisions in order, and the review each opened.</summary>
public sealed record CrimeReceipt(
    string Reference,
    string CrimeReference,
    Guid ChildId,
    OffenceCategory Category,
    CrimeStatus Status,
    IReadOnlyList<OutcomeReceipt> Outcomes);

public sealed record OutcomeReceipt(CrimeOutcomeType Type, DateOnly DecidedOn, Decider DecidedBy, ReviewReceipt? Review);

/// <summary>The mandatory review a decision opened: its reference, where it stands and when it is (or was) due.</summary>
public sealed record ReviewReceipt(string Reference, ReviewStatus Status, DateTimeOffset DueBy, DateTimeOffset? DoneAt);

/// <summary>The rules every door applies to a crime and its outcomes, with errors keyed by the API's field names.</summary>
public static class CrimeValidation
{
    public static Failure? Validate(CrimeRequest request, DateOnly today, bool recordedByRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        InvestigationRules.CheckCrime(errors, request.CrimeReference, request.Offence, request.Category, request.OffenceFrom, request.OffenceTo,
            request.ReportedOn, request.InvestigatingOfficer, today);
        if (request.OtherVictims is { } others)
        {
            if (others.Count > Crime.MaxVictims - 1)
            {
                errors.Add("otherVictims", $"Name up to {Crime.MaxVictims - 1} other children");
            }
            for (var i = 0; i < others.Count; i++)
            {
                if (others[i] == Guid.Empty)
                {
                    errors.Add($"otherVictims[{i}]", "Give the id Lantern gave the child");
                }
            }
        }
        var suspects = request.Suspects ?? [];
        if (suspects.Count > Crime.MaxSuspects)
        {
            errors.Add("suspects", $"Name up to {Crime.MaxSuspects} suspects");
        }
        for (var i = 0; i < suspects.Count; i++)
        {
            var s = suspects[i];
            if (s is null || (s.PersonId is null && string.IsNullOrWhiteSpace(s.Name)))
            {
                errors.Add($"suspects[{i}]", "Give the person's id in Lantern, or the suspect's name");
                continue;
            }
            if (StorableText.Check(s.Name, "The suspect's name", TextShape.OneLine) is { } problem)
            {
                errors.Add($"suspects[{i}].name", problem);
            }
            else if (s.Name is { Length: > Crime.NameMaxLength })
            {
                errors.Add($"suspects[{i}].name", $"The suspect's name must be {Crime.NameMaxLength} characters or fewer");
            }
        }
        var outcomes = request.Outcomes ?? [];
        if (outcomes.Count > 50)
        {
            errors.Add("outcomes", "Send up to 50 outcomes");
        }
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i] ?? new OutcomeRequest();
            InvestigationRules.CheckOutcome(errors, $"outcomes[{i}].", o.Type, o.DecidedOn, o.Reason, o.DecidedBy, request.ReportedOn, today);
            if (o.RecordedBy is not null)
            {
                errors.Add($"outcomes[{i}].recordedBy", "An outcome sent with its crime is recorded by the crime's recordedBy");
            }
        }
        if (recordedByRequired)
        {
            RecordedBy(errors, request.RecordedBy, "Enter the name of the person recording the crime");
        }
        return errors.ToFailure("The crime has problems to fix; nothing was stored");
    }

    public static Failure? ValidateOutcome(OutcomeRequest request, DateOnly reportedOn, DateOnly today, bool recordedByRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        InvestigationRules.CheckOutcome(errors, "", request.Type, request.DecidedOn, request.Reason, request.DecidedBy, reportedOn, today);
        if (recordedByRequired)
        {
            RecordedBy(errors, request.RecordedBy, "Enter the name of the person recording the outcome");
        }
        return errors.ToFailure("The outcome has problems to fix; nothing was stored");
    }

    private static void RecordedBy(FieldErrors errors, string? value, string required)
    {
        if (StorableText.Check(value, "The name of the person recording it", TextShape.OneLine, required) is { } problem)
        {
            errors.Add("recordedBy", problem);
        }
        else if (value!.Length > Crime.NameMaxLength)
        {
            errors.Add("recordedBy", $"The name must be {Crime.NameMaxLength} characters or fewer");
        }
    }
}
