using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;

namespace Lantern.Features.Chronology;

/// <summary>A chronology entry as an agency system sends it to <c>POST /api/v1/children/{id}/events</c>.</summary>
public sealed record EntryRequest
{
    /// <summary>When it happened (ISO 8601 with an offset, for example 2026-11-20T21:30:00Z).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    public EntryType? Type { get; init; }

    public Significance? Significance { get; init; }

    public string? Summary { get; init; }

    /// <summary>Who recorded it at the agency (required from agency systems; the signed-in user in the pages).</summary>
    public string? Author { get; init; }

    public IReadOnlyList<EntryLinkRequest>? Links { get; init; }

    /// <summary>The id of an entry this one corrects; both stay on the chronology.</summary>
    public Guid? Supersedes { get; init; }

    public string? CorrectionReason { get; init; }

    /// <summary>Set by the pages when the date boxes did not make a date; never sent by agency systems.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? DateProblem { get; init; }

    public NewEntry ToNewEntry(AgencyId agency, string author, Guid? userId, Guid? apiKey) => new(
        OccurredAt!.Value,
        Type!.Value,
        Summary!.Trim(),
        Significance!.Value,
        agency,
        author,
        userId,
        apiKey,
        string.IsNullOrWhiteSpace(CorrectionReason) ? null : CorrectionReason.Trim(),
        Mentions: MentionRules.Clean([.. (Links ?? []).Select(l => (l.Kind, l.Value, l.Detail))]));
}

public sealed record EntryLinkRequest
{
    public MentionKind? Kind { get; init; }

    public string? Value { get; init; }

    public string? Detail { get; init; }
}

/// <summary>Every problem with an entry, keyed by the request's field name as the API spells it.</summary>
public static class EntryValidation
{
    public const int MaxMentions = 50;

    /// <summary>Every problem with the entry, keyed by the request's field name as the API spells it, or null.</summary>
    public static Failure? Validate(EntryRequest request, DateOnly today, bool requireAuthor = false, bool requireCorrectionReason = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);
        if (request.DateProblem is { } problem)
        {
            Add("occurredAt", problem);
        }
        else if (request.OccurredAt is not { } at)
        {
            Add("occurredAt", "Enter when it happened");
        }
        else if (DateOnly.FromDateTime(at.UtcDateTime) > today.AddDays(1))
        {
            Add("occurredAt", "When it happened cannot be in the future");
        }
        if (request.Type is not { } type || !Enum.IsDefined(type))
        {
            Add("type", "Select the type of entry");
        }
        if (request.Significance is not { } significance || !Enum.IsDefined(significance))
        {
            Add("significance", "Select how significant it is: routine, significant or critical");
        }
        if (StorableText.Check(request.Summary, "The summary", TextShape.MultiLine, "Describe what happened") is { } summaryProblem)
        {
            Add("summary", summaryProblem);
        }
        else if (request.Summary!.Length > 10_000)
        {
            Add("summary", "The summary must be 10,000 characters or fewer");
        }
        if (StorableText.Check(request.Author, "The author", TextShape.OneLine, requireAuthor ? "Give the name of the person who recorded it" : null) is { } authorProblem)
        {
            Add("author", authorProblem);
        }
        else if (request.Author?.Length > 200)
        {
            Add("author", "The author must be 200 characters or fewer");
        }
        var reasonRequired = requireCorrectionReason || request.Supersedes is not null ? "Say what was wrong with the entry this corrects" : null;
        if (StorableText.Check(request.CorrectionReason, "The reason for the correction", TextShape.MultiLine, reasonRequired) is { } reasonProblem)
        {
            Add("correctionReason", reasonProblem);
        }
        errors.AddRange(MentionRules.Check([.. (request.Links ?? []).Select(l => (l?.Kind, l?.Value, l?.Detail))], MaxMentions, "links"));
        return errors.ToFailure("The event has problems to fix; nothing was stored");
    }
}
