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

    private static Task<IResult> RaiseAsync(
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ReferralIntake intake,
        Idempotency idempotency,
        CancellationToken ct) =>
        IdempotentPost.RunAsync<ReferralRequest>(http, idempotencyKey, idempotency, Json, "referral", intake.Validate,
            async (request, complete, token) =>
            {
                var agency = new AgencyId(Guid.Parse(http.User.FindFirstValue(LanternClaimTypes.Agency)!));
                var apiKey = Guid.Parse(http.User.FindFirstValue(ApiKeys.ApiKeyIdClaim)!);
                IdempotentPost.Answer? answer = null;
                await intake.AcceptAsync(request, agency, apiKeyId: apiKey, referrerUserId: null,
                    save: (receipt, location) =>
                    {
                        answer = new IdempotentPost.Answer(StatusCodes.Status201Created, JsonSerializer.Serialize(receipt, Json), location);
                        complete(answer);
                    }, token);
                return answer!;
            }, ct);

    private static async Task<Results<Ok<ReferralReceipt>, ProblemHttpResult>> GetAsync(
        string reference, HttpContext http, LanternDbContext db, AuditTrail audit, CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; its scope is its own agency's referrals.
        var agency = new AgencyId(Guid.Parse(http.User.FindFirstValue(LanternClaimTypes.Agency)!));
        var referral = await db.Referrals.AsNoTracking()
            .Where(r => r.Reference == reference && r.SourceAgencyId == agency)
            .Select(r => new { r.Reference, r.ReceivedAt, r.DecisionDueBy, r.Status, r.ChildId })
            .AsAsyncEnumerable()
            .Select(r => new ReferralReceipt(r.Reference, r.ReceivedAt, r.DecisionDueBy, r.Status, r.ChildId == null ? null : r.ChildId.Value.Value))
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

}
