using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Language;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lantern.Features.Language;

/// <summary>Text to check. Nothing sent here is stored.</summary>
public sealed record LanguageCheckRequest(string? Text);

/// <summary>One phrase found: where it is (UTF-16 positions into the text sent), why it harms, what to write instead.</summary>
public sealed record LanguageCheckFinding(
    string Phrase,
    int Start,
    int Length,
    string EntryId,
    string? Category,
    string Reason,
    IReadOnlyList<string> Alternatives,
    Severity Severity)
{
    public static LanguageCheckFinding From(LanguageFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Phrase, finding.Start, finding.Length, finding.EntryId, finding.Category, finding.Reason, finding.Alternatives, finding.Severity);
    }
}

public sealed record LanguageCheckResponse(IReadOnlyList<LanguageCheckFinding> Findings);

/// <summary>
/// The language guard as a service for other systems and batch review: text in, findings out. The
/// text is never stored, logged or rewritten; only its length and the number of findings are logged.
/// </summary>
public static partial class LanguageCheckEndpoints
{
    /// <summary>Longer than any one record Lantern keeps (a referral's rationale is at most 10,000).</summary>
    public const int MaximumTextLength = 20_000;

    /// <summary>Room for the longest text with every character escaped in JSON, and no more.</summary>
    private const int MaximumBodyBytes = (MaximumTextLength * 6) + 1024;

    public static void MapLanguageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/language/check", CheckAsync)
            .RequireAuthorization(Policies.SignedInOrAgencySystem)
            .ForAgencySystems(SystemAccess.NothingStored)
            .WithTags("Language")
            .WithName("CheckLanguage")
            .WithSummary("Find victim-blaming wording in a text")
            .WithDescription("For any signed-in user, and for agency systems with an X-Api-Key. Returns each phrase found with its position " +
                             "(UTF-16 code units), why it harms, suggested alternatives and a severity (advice, warning, serious). The text is " +
                             $"never stored, logged or changed. Up to {MaximumTextLength:N0} characters; the child's own words inside quotation marks are not reported.")
            .AcceptsJson<LanguageCheckRequest>()
            .Produces<LanguageCheckResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<Ok<LanguageCheckResponse>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        HttpContext http, CurrentLanguageGuard guards, LanternDbContext db, ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await ApiJson.ReadBodyAsync(http.Request.Body, ApiRequestRules.MaximumBodyBytes, ct);
        if (body is null)
        {
            return ApiRequestRules.TooLarge();
        }
        if (body.Length > MaximumBodyBytes)
        {
            return Invalid("text", $"The text must be {MaximumTextLength:N0} characters or fewer; check a long record in parts.");
        }
        if (ApiJson.TryRead<LanguageCheckRequest>(body, out var request) is { } unreadable)
        {
            return Invalid(unreadable.Field, unreadable.Message);
        }
        if (request?.Text is null)
        {
            return Invalid("text", "Send the text to check as { \"text\": \"...\" }.");
        }
        if (request.Text.Length > MaximumTextLength)
        {
            return Invalid("text", $"The text must be {MaximumTextLength:N0} characters or fewer; this is {request.Text.Length:N0}. Check a long record in parts.");
        }

        var guard = await guards.GetAsync(db, ct);
        var findings = guard.Check(request.Text);
        var logger = loggers.CreateLogger(typeof(LanguageCheckEndpoints));
        Log.Checked(logger, request.Text.Length, findings.Count);
        return TypedResults.Ok(new LanguageCheckResponse([.. findings.Select(LanguageCheckFinding.From)]));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        Failure.Invalid([new FieldError(field, message)], "The text could not be checked").ToValidationProblem(f => f);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Language check of {Characters} characters: {Findings} findings")]
        public static partial void Checked(ILogger logger, int characters, int findings);
    }
}
