using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>Police and other agency systems record missing episodes and returns; the same rules as the pages.</summary>
public static class MissingEpisodeEndpoints
{
    private const string Retries = "Requires the X-Api-Key and Idempotency-Key headers. A retry with the same key and body returns the original response and stores nothing new; the same key with a different body is 422; a retry while the first request is still being processed is 409.";

    public static void MapMissingEpisodeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/children/{id:guid}/missing-episodes").RequireAuthorization(Policies.AgencySystem).WithTags("Missing episodes");
        api.MapPost("", RecordAsync)
            .ForAgencySystems(SystemAccess.RecordMissingEpisodes)
            .WithName("RecordMissingEpisode")
            .WithSummary("Record a child's missing or absent episode, with the return when it is known")
            .WithDescription(Retries + " A return starts the return home interview's clock; the answer gives when the interview is due.")
            .AcceptsJson<MissingEpisodeRequest>()
            .Produces<MissingEpisodeReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("{reference}/return", ReturnAsync)
            .ForAgencySystems(SystemAccess.UpdateOwnMissingEpisodes | SystemAccess.CorrectOwnEntries)
            .WithName("RecordMissingEpisodeReturn")
            .WithSummary("Record when and where a missing child was found, and with whom, on an episode your agency recorded")
            .WithDescription(Retries + " The return home interview's clock starts from the return. A return already recorded is 409; an episode another agency recorded is 404.")
            .AcceptsJson<MissingReturnDetails>()
            .Produces<MissingEpisodeReceipt>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("{reference}", GetAsync)
            .ForAgencySystems(SystemAccess.ReadOwnMissingEpisodes)
            .WithName("GetMissingEpisode")
            .WithSummary("A missing episode your agency recorded: the return and the return home interview's clock")
            .Produces<MissingEpisodeReceipt>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string Location(ChildId child, string reference) => $"/api/v1/children/{child}/missing-episodes/{reference}";

    private static async Task<IResult> RecordAsync(
        Guid id,
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        DataScope scope,
        MissingEpisodeRecords episodes,
        Idempotency idempotency,
        AuditTrail audit,
        CancellationToken ct)
    {
        // The id the agency holds may be of a record since joined into another: the episode goes to the child.
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var child = await scope.ChildrenToAddTo(db.Children, SystemAccess.RecordMissingEpisodes).FirstOrDefaultAsync(c => c.Id == current, ct);
        if (child is null)
        {
            return await NotFoundAsync(audit, "Child", id.ToString(), "No child with this id", ct);
        }
        return await IdempotentPost.RunAsync<MissingEpisodeRequest>(http, idempotencyKey, idempotency, "missing episode",
            request => episodes.Validate(request, recordedByRequired: true),
            async (request, complete, token) =>
            {
                IdempotentPost.Answer? answer = null;
                await episodes.RecordAsync(child, request, Caller(scope.SystemFor(SystemAccess.RecordMissingEpisodes), request.RecordedBy!),
                    episode =>
                    {
                        answer = IdempotentPost.Answer.Of(StatusCodes.Status201Created, MissingEpisodeRecords.Receipt(episode), Location(child.Id, episode.Reference));
                        complete(answer);
                        return [];
                    }, token);
                return answer!;
            }, ct);
    }

    private static async Task<IResult> ReturnAsync(
        Guid id,
        string reference,
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        DataScope scope,
        MissingEpisodeRecords episodes,
        Idempotency idempotency,
        AuditTrail audit,
        CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; it may record the return only on an episode its own agency recorded.
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var episode = await scope.MissingEpisodesToUpdate(db.MissingEpisodes).FirstOrDefaultAsync(m => m.ChildId == current && m.Reference == reference, ct);
        if (episode is null)
        {
            return await NotFoundAsync(audit, MissingEpisodeRecords.RecordType, reference, "No missing episode with this reference from your agency for this child", ct);
        }
        return await IdempotentPost.RunAsync<MissingReturnDetails>(http, idempotencyKey, idempotency, "return",
            details => episodes.ValidateReturn(details, episode, recordedByRequired: true),
            async (details, complete, token) =>
            {
                IdempotentPost.Answer? answer = null;
                var problem = await episodes.RecordReturnAsync(episode, details, Caller(scope.SystemFor(SystemAccess.UpdateOwnMissingEpisodes), details.RecordedBy!),
                    recorded =>
                    {
                        answer = IdempotentPost.Answer.Of(StatusCodes.Status200OK, MissingEpisodeRecords.Receipt(recorded), Location(recorded.ChildId, recorded.Reference));
                        complete(answer);
                        return [];
                    }, token);
                if (problem is not null)
                {
                    // The return already recorded stays so: stored as this key's answer, so a retry gets the same.
                    // Someone changing the episode at the same moment may pass: the key is released for a retry.
                    answer = IdempotentPost.Answer.Of(problem);
                    if (answer.Stored)
                    {
                        complete(answer);
                        await db.SaveChangesAsync(token);
                    }
                }
                return answer!;
            }, ct);
    }

    private static async Task<Results<Ok<MissingEpisodeReceipt>, ProblemHttpResult>> GetAsync(
        Guid id, string reference, LanternDbContext db, DataScope scope, AuditTrail audit, CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; its scope is the episodes its own agency recorded.
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var episode = await scope.MissingEpisodes(db.MissingEpisodes.AsNoTracking())
            .FirstOrDefaultAsync(m => m.ChildId == current && m.Reference == reference, ct);
        if (episode is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, MissingEpisodeRecords.RecordType, reference, "not found or not in scope"), ct);
            return Domain.Failure.NotFound("No missing episode with this reference from your agency").ToProblem();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildViewed, MissingEpisodeRecords.RecordType, reference, "missing episode read by an agency system"), ct);
        return TypedResults.Ok(MissingEpisodeRecords.Receipt(episode));
    }

    private static async Task<IResult> NotFoundAsync(AuditTrail audit, string recordType, string recordId, string title, CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, recordType, recordId, "not found or not in scope"), ct);
        return Domain.Failure.NotFound(title).ToHttpResult();
    }

    private static Recorder Caller(AgencySystem system, string name) => new(system.Agency, name.Trim(), UserId: null, ApiKeyId: system.ApiKeyId);
}
