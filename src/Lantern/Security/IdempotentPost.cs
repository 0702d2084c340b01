using System.Security.Claims;
using System.Text.Json;
using Lantern.Common;
using Lantern.Domain;
using Lantern.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lantern.Security;

/// <summary>
/// The one way an agency system's POST is made safe to retry: the Idempotency-Key header is
/// required; the body is read, validated (400 naming each field, nothing stored), then the key is
/// claimed. A retry with the same key and body gets the first answer and stores nothing new; the same
/// key with another body is 422; a retry while the first is still running is 409.
/// </summary>
public static class IdempotentPost
{
    /// <summary>
    /// What the accepting code answered; saved with the key, in the same transaction as the record. An
    /// answer not <paramref name="Stored"/> (a refusal the caller may fix and send again with the same key,
    /// or a conflict that may pass) releases the key instead.
    /// </summary>
    public sealed record Answer(int Status, string Body, string? Location, bool Stored = true)
    {
        /// <summary>A success: the status and the body in the API's JSON.</summary>
        public static Answer Of<T>(int status, T body, string? location = null) => new(status, JsonSerializer.Serialize(body, ApiJson.Options), location);

        /// <summary>
        /// An expected failure as ProblemDetails. A refusal that stands (the return already recorded) is stored
        /// as the key's answer, so a retry gets the same; something to fix, or a clash with someone changing the
        /// record at the same moment (<see cref="Failure.MayPassOnRetry"/>), releases the key for the next try.
        /// </summary>
        public static Answer Of(Failure failure, Func<string, string>? fieldName = null)
        {
            ArgumentNullException.ThrowIfNull(failure);
            var problem = failure.ToProblemDetails(fieldName);
            return new(failure.StatusCode(), JsonSerializer.Serialize(problem, problem.GetType(), ApiJson.Options), null,
                Stored: failure.Kind != FailureKind.Validation && !failure.MayPassOnRetry);
        }
    }

    /// <summary>
    /// Runs one idempotent POST. <paramref name="accept"/> stores the record; it must call the
    /// <c>complete</c> callback with its answer before its transaction commits, so the answer is
    /// stored with the record.
    /// </summary>
    public static async Task<IResult> RunAsync<TRequest>(
        HttpContext http,
        string? idempotencyKey,
        Idempotency idempotency,
        string what,
        Func<TRequest, Failure?> validate,
        Func<TRequest, Action<Answer>, CancellationToken, Task<Answer>> accept,
        CancellationToken ct)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(idempotency);
        ArgumentNullException.ThrowIfNull(validate);
        ArgumentNullException.ThrowIfNull(accept);
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200)
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency-Key header required",
                $"Send a unique Idempotency-Key header (up to 200 characters) with every new {what}, and the same one when you retry it.");
        }
        var body = await ApiJson.ReadBodyAsync(http.Request.Body, ApiRequestRules.MaximumBodyBytes, ct);
        if (body is null)
        {
            return ApiRequestRules.TooLarge();
        }
        if (ApiJson.TryRead<TRequest>(body, out var request) is { } unreadable)
        {
            return Failure.Invalid([unreadable], $"The {what} could not be read").ToHttpResult(f => f);
        }
        if (request is null)
        {
            return Failure.Invalid("$", $"Send the {what} as a JSON object").ToHttpResult(f => f);
        }
        if (validate(request) is { } invalid)
        {
            return invalid.Kind == FailureKind.Validation
                ? Failure.Invalid(invalid.Errors, $"The {what} has problems to fix; nothing was stored").ToHttpResult()
                : invalid.ToHttpResult();
        }

        var caller = http.User.FindFirstValue(ApiKeys.ApiKeyIdClaim) ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var claim = await idempotency.ClaimAsync(caller, idempotencyKey, Idempotency.HashBody(body), ct);
        switch (claim)
        {
            case Idempotency.Replay replay:
                return Replay(http, replay, replayed: true);
            case Idempotency.Mismatch:
                return Problem(StatusCodes.Status422UnprocessableEntity, $"Idempotency-Key reused with a different {what}",
                    $"This Idempotency-Key was already used for a different request body. Use a new key for a new {what}.");
            case Idempotency.InFlight:
                return Problem(StatusCodes.Status409Conflict, "The first request with this Idempotency-Key is still being processed",
                    "Retry in a few seconds with the same key and body.");
            case Idempotency.Owned owned:
                try
                {
                    var answer = await accept(request, a => Idempotency.Complete(owned, a.Status, a.Body, a.Location), ct);
                    if (!answer.Stored)
                    {
                        await idempotency.ReleaseAsync(owned, CancellationToken.None);
                    }
                    if (answer.Location is not null)
                    {
                        http.Response.Headers.Location = answer.Location;
                    }
                    return Results.Content(answer.Body, answer.Status >= 400 ? "application/problem+json" : "application/json", statusCode: answer.Status);
                }
                catch
                {
                    // Something failed after the record and its answer were committed (mail, a client gone):
                    // the record is stored, so the caller is told so and a retry gets the same answer.
                    // Only a key whose answer was never committed is given back for another try.
                    if (await idempotency.ReleaseUnansweredAsync(owned, CancellationToken.None) is { } stored)
                    {
                        return Replay(http, stored, replayed: false);
                    }
                    throw;
                }
            default:
                throw new InvalidOperationException("Unknown idempotency claim");
        }
    }

    private static IResult Replay(HttpContext http, Idempotency.Replay replay, bool replayed)
    {
        if (replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        if (replay.Location is not null)
        {
            http.Response.Headers.Location = replay.Location;
        }
        return Results.Content(replay.Body, replay.Status >= 400 ? "application/problem+json" : "application/json", statusCode: replay.Status);
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

