using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>The front door's API for agency systems: raise a referral, read back its status.</summary>
public static class ReferralEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapReferralApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/referrals").RequireAuthorization(Policies.AgencySystem).WithTags("Referrals");
        api.MapPost("", RaiseAsync)
            .WithName("RaiseReferral")
            .WithSummary("Raise a referral about a child")
            .WithDescription("Requires the X-Api-Key and Idempotency-Key headers. A retry with the same key and body returns the original response and stores nothing new; the same key with a different body is 422; a retry while the first request is still being processed is 409.")
            .Accepts<ReferralRequest>("application/json")
            .Produces<ReferralReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("{reference}", GetAsync)
            .WithName("GetReferral")
            .WithSummary("A referral raised by your agency: its status and when a decision is due")
            .Produces<ReferralReceipt>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RaiseAsync(
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ReferralIntake intake,
        Idempotency idempotency,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200)
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency-Key header required",
                "Send a unique Idempotency-Key header (up to 200 characters) with every new referral, and the same one when you retry it.");
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        ReferralRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ReferralRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [JsonField(ex.Path)] = [$"This value is not valid here ({ex.Message.Split('.')[0]})"] },
                title: "The referral could not be read");
        }
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["Send the referral as a JSON object"] });
        }
        var errors = intake.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The referral has problems to fix; nothing was stored");
        }

        var caller = http.User.FindFirstValue(ApiKeys.ApiKeyIdClaim)!;
        var claim = await idempotency.ClaimAsync(caller, idempotencyKey, Idempotency.HashBody(body), ct);
        switch (claim)
        {
            case Idempotency.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                if (replay.Location is not null)
                {
                    http.Response.Headers.Location = replay.Location;
                }
                return Results.Content(replay.Body, "application/json", statusCode: replay.Status);
            case Idempotency.Mismatch:
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused with a different referral",
                    "This Idempotency-Key was already used for a different request body. Use a new key for a new referral.");
            case Idempotency.InFlight:
                return Problem(StatusCodes.Status409Conflict, "The first request with this Idempotency-Key is still being processed",
                    "Retry in a few seconds with the same key and body.");
            case Idempotency.Owned owned:
                try
                {
                    var agency = new AgencyId(Guid.Parse(http.User.FindFirstValue(LanternClaimTypes.Agency)!));
                    var receipt = await intake.AcceptAsync(request, agency, apiKeyId: Guid.Parse(caller), referrerUserId: null,
                        save: (r, location) => Idempotency.Complete(owned, StatusCodes.Status201Created, JsonSerializer.Serialize(r, Json), location), ct);
                    http.Response.Headers.Location = Location(receipt.Reference);
                    return Results.Content(JsonSerializer.Serialize(receipt, Json), "application/json", statusCode: StatusCodes.Status201Created);
                }
                catch
                {
                    await idempotency.ReleaseAsync(owned, CancellationToken.None);
                    throw;
                }
            default:
                throw new InvalidOperationException("Unknown idempotency claim");
        }
    }

    private static async Task<Results<Ok<ReferralReceipt>, ProblemHttpResult>> GetAsync(
        string reference, HttpContext http, LanternDbContext db, AuditTrail audit, CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; its scope is its own agency's referrals.
        var agency = new AgencyId(Guid.Parse(http.User.FindFirstValue(LanternClaimTypes.Agency)!));
        var referral = await db.Referrals.AsNoTracking()
            .Where(r => r.Reference == reference && r.SourceAgencyId == agency)
            .Select(r => new ReferralReceipt(r.Reference, r.ReceivedAt, r.DecisionDueBy, r.Status))
            .FirstOrDefaultAsync(ct);
        if (referral is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Referral", reference, "not found or not in scope"), ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No referral with this reference from your agency");
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralViewed, "Referral", reference), ct);
        return TypedResults.Ok(referral);
    }

    public static string Location(string reference) => $"/api/v1/referrals/{reference}";

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>"$.child.dateOfBirth" becomes "child.dateOfBirth", the name the validation errors use.</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
