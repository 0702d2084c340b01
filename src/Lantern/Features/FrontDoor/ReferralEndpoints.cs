using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>The front door's API for agency systems: raise a referral, read back its status.</summary>
public static class ReferralEndpoints
{
    public static void MapReferralApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/referrals").RequireAuthorization(Policies.AgencySystem).WithTags("Referrals");
        api.MapPost("", RaiseAsync)
            .ForAgencySystems(SystemAccess.RaiseReferrals)
            .WithName("RaiseReferral")
            .WithSummary("Raise a referral about a child")
            .WithDescription("Requires the X-Api-Key and Idempotency-Key headers. A retry with the same key and body returns the original response and stores nothing new; the same key with a different body is 422; a retry while the first request is still being processed is 409.")
            .AcceptsJson<ReferralRequest>()
            .Produces<ReferralReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("{reference}", GetAsync)
            .ForAgencySystems(SystemAccess.ReadOwnReferrals)
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
        DataScope scope,
        CancellationToken ct) =>
        IdempotentPost.RunAsync<ReferralRequest>(http, idempotencyKey, idempotency, "referral", intake.Validate,
            async (request, complete, token) =>
            {
                IdempotentPost.Answer? answer = null;
                var system = scope.SystemFor(SystemAccess.RaiseReferrals);
                await intake.AcceptAsync(request, system.Agency, apiKeyId: system.ApiKeyId, referrerUserId: null,
                    save: (receipt, location) =>
                    {
                        answer = IdempotentPost.Answer.Of(StatusCodes.Status201Created, receipt, location);
                        complete(answer);
                    }, token);
                return answer!;
            }, ct);

    private static async Task<Results<Ok<ReferralReceipt>, ProblemHttpResult>> GetAsync(
        string reference, LanternDbContext db, DataScope scope, AuditTrail audit, CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; its scope is its own agency's referrals.
        var referral = await scope.Referrals(db.Referrals.AsNoTracking())
            .Where(r => r.Reference == reference)
            .Select(r => new { r.Reference, r.ReceivedAt, r.DecisionDueBy, r.Status, r.ChildId })
            .FirstOrDefaultAsync(ct);
        if (referral is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Referral", reference, "not found or not in scope"), ct);
            return Domain.Failure.NotFound("No referral with this reference from your agency").ToProblem();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralViewed, "Referral", reference), ct);
        return TypedResults.Ok(new ReferralReceipt(referral.Reference, referral.ReceivedAt, referral.DecisionDueBy, referral.Status, referral.ChildId?.Value));
    }

    public static string Location(string reference) => $"/api/v1/referrals/{reference}";
}
