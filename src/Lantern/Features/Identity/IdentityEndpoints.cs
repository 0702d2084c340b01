using System.Globalization;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.People;
using Lantern.Hosting;
using Lantern.Linking;
using Lantern.Linking.Model;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>What an agency system knows of a child it is about to refer: any of these, at least one name.</summary>
public sealed record IdentityQuery
{
    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public Gender? Gender { get; init; }

    public string? NhsNumber { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }
}

/// <summary>How one field the caller sent compared with the known child's: the field as the caller named it, and in words, never the stored value.</summary>
public sealed record IdentityReason(string Field, string Agreement, string Counted);

/// <summary>A child the caller's agency works with who may be the one asked about.</summary>
public sealed record IdentityCandidateAnswer(Guid ChildId, double Probability, string Likelihood, string? HeldBackBy, IReadOnlyList<IdentityReason> Reasons);

public sealed record IdentityCandidatesResponse(IReadOnlyList<IdentityCandidateAnswer> Candidates);

/// <summary>
/// "Who might this be?" for an agency system about to refer a child: candidates among the children its own agency
/// works with, each with a likelihood and the reasons field by field, in words. No more personal data comes back
/// than was sent: a child's id (which the agency already holds from its involvement) and how each sent field compared.
/// </summary>
public static class IdentityEndpoints
{
    public const int MaxCandidates = 5;

    private const int MaximumBodyBytes = 16 * 1024;

    public static void MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/identity/candidates", CandidatesAsync)
            .RequireAuthorization(Policies.AgencySystem)
            .ForAgencySystems(SystemAccess.ReadInvolvedChildren)
            .WithTags("Identity")
            .WithName("FindIdentityCandidates")
            .WithSummary("Who might this be? Children your agency works with who may be the child you describe")
            .WithDescription("Send what you know (at least one name; a date of birth, NHS number, gender, address and postcode help). " +
                             $"Up to {MaxCandidates} candidates come back, best first, only among children your agency has an active involvement with: " +
                             "the child's id, the probability that it is the same child, the rule that would stop an automatic link (for example possible twins), " +
                             "and for each field you sent how it compared (the same, a nickname, a year apart, different) and whether it counted for or against. " +
                             "Nothing about the child beyond what you sent is returned, and nothing sent is stored.")
            .AcceptsJson<IdentityQuery>()
            .Produces<IdentityCandidatesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<Ok<IdentityCandidatesResponse>, ValidationProblem, ProblemHttpResult>> CandidatesAsync(
        HttpContext http, LanternDbContext db, IdentityIndex index, DataScope scope, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var body = await ApiJson.ReadBodyAsync(http.Request.Body, ApiRequestRules.MaximumBodyBytes, ct);
        if (body is null)
        {
            return ApiRequestRules.TooLarge();
        }
        if (body.Length > MaximumBodyBytes)
        {
            return Invalid([new("$", $"The request must be {MaximumBodyBytes / 1024} KB or smaller")]);
        }
        if (ApiJson.TryRead<IdentityQuery>(body, out var query) is { } unreadable)
        {
            return Invalid([unreadable]);
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (Validate(query, today) is { Count: > 0 } errors)
        {
            return Invalid(errors);
        }
        var record = new PersonRecord("query")
        {
            Given = Clean(query!.GivenName),
            Family = Clean(query.FamilyName),
            DateOfBirth = query.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Sex = query.Gender is { } g ? IdentityIndex.Sex(g) : null,
            Identifier = NhsNumber.Normalise(query.NhsNumber),
            Address = Clean(query.Address),
            Postcode = Clean(query.Postcode)?.ToUpperInvariant(),
        };
        await index.CatchUpAsync(db, ct);
        var candidates = index.Candidates(record, MaxCandidates * 10, index.Options.ReviewThreshold);
        // Authorize twice: the engine looks among every child; the agency learns only of those it works with.
        var ids = candidates.Select(c => c.ChildId).ToList();
        var inScope = (await scope.Children(db.Children.AsNoTracking()).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var answers = candidates.Where(c => inScope.Contains(c.ChildId)).Take(MaxCandidates).Select(Answer).ToList();
        // The children disclosed to the agency, by id, so the trail shows who learned of whom.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.IdentityCandidatesQueried, "Child",
            reason: answers.Count == 0 ? "0 candidates" : $"{answers.Count} candidates: {string.Join(", ", answers.Select(a => a.ChildId))}"), ct);
        return TypedResults.Ok(new IdentityCandidatesResponse(answers));
    }

    private static IdentityCandidateAnswer Answer(IdentityCandidate candidate)
    {
        var reasons = candidate.Explanation.Fields
            .Where(f => FieldName(f.Field) is not null)
            .Select(f => new IdentityReason(FieldName(f.Field)!, f.LevelWords, IdentityWords.Direction(f.Bits)))
            .ToList();
        if (candidate.Explanation.NamesSwapped)
        {
            reasons.Insert(0, new IdentityReason("givenName", "given and family names the other way round", "neither"));
        }
        return new IdentityCandidateAnswer(candidate.ChildId.Value, Math.Round(candidate.Probability, 4), IdentityWords.Likelihood(candidate.Probability),
            candidate.HoldBack == HoldBack.None ? null : HoldBackRules.Words[candidate.HoldBack], reasons);
    }

    /// <summary>The request's name for a field the engine compared; null for one the request cannot send.</summary>
    private static string? FieldName(Field field) => field switch
    {
        Field.Given => "givenName",
        Field.Family => "familyName",
        Field.DateOfBirth => "dateOfBirth",
        Field.Sex => "gender",
        Field.Identifier => "nhsNumber",
        Field.Address => "address",
        Field.Postcode => "postcode",
        Field.Locality or Field.Phone or Field.Email or Field.Vehicle => null,
        _ => null,
    };

    private static List<FieldError> Validate(IdentityQuery? query, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (query is null || (StorableText.IsBlank(query.GivenName) && StorableText.IsBlank(query.FamilyName)))
        {
            errors.Add(new("givenName", "Send the child's first name or last name (or both)"));
            return errors;
        }
        StorableText.Check(errors, "givenName", "The first name", query.GivenName, TextShape.OneLine, Child.NameMaxLength, $"The first name must be {Child.NameMaxLength} characters or fewer");
        StorableText.Check(errors, "familyName", "The last name", query.FamilyName, TextShape.OneLine, Child.NameMaxLength, $"The last name must be {Child.NameMaxLength} characters or fewer");
        if (query.DateOfBirth is { } dob && (dob > today || dob < today.AddYears(-120)))
        {
            errors.Add(new("dateOfBirth", "The date of birth must be a real date in the past"));
        }
        if (query.Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors.Add(new("gender", "The gender must be female, male, other or notKnown"));
        }
        if (Clean(query.NhsNumber) is not null && NhsNumber.Normalise(query.NhsNumber) is null)
        {
            errors.Add(new("nhsNumber", NhsNumber.Problem));
        }
        StorableText.Check(errors, "address", "The address", query.Address, TextShape.OneLine, Child.AddressMaxLength, $"The address must be {Child.AddressMaxLength} characters or fewer");
        StorableText.Check(errors, "postcode", "The postcode", query.Postcode, TextShape.OneLine, Child.PostcodeMaxLength, "Send a real postcode, like NB1 4AA");
        return errors;
    }

    private static ValidationProblem Invalid(IReadOnlyList<FieldError> errors) =>
        Failure.Invalid(errors, "Nothing could be looked up").ToValidationProblem(f => f);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
