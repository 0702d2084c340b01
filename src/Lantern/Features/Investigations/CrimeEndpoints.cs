using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Investigations;

/// <summary>Police systems record crimes and the decisions on them; the same rules as the pages.</summary>
public static class CrimeEndpoints
{
    private const string Retries = "Requires the X-Api-Key and Idempotency-Key headers. A retry with the same key and body returns the original response and stores nothing new; the same key with a different body is 422; a retry while the first request is still being processed is 409.";

    private const string Review = "A decision not to prosecute (police no further action in any form, a prosecutor's decision not to charge, a victim who does not support) on a sexual offence or sexual exploitation, with a victim under 18 on the first day of the alleged offence, opens a mandatory review due in 5 working days (configurable); the answer gives it. Outcomes are added to the crime's history, never replacing one before.";

    public static void MapCrimeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/children/{id:guid}/crimes").RequireAuthorization(Policies.AgencySystem).WithTags("Crimes");
        api.MapPost("", RecordAsync)
            .ForAgencySystems(SystemAccess.RecordCrimes)
            .WithName("RecordCrime")
            .WithSummary("Record a crime against a child (and other children), with its suspects and any decisions already made")
            .WithDescription(Retries + " Only police and prosecution systems record crimes (403 for others). A police reference your agency has already recorded is 409, naming the crime to add outcomes to. " + Review)
            .AcceptsJson<CrimeRequest>()
            .Produces<CrimeReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("{reference}/outcomes", OutcomeAsync)
            .ForAgencySystems(SystemAccess.UpdateOwnCrimes)
            .WithName("RecordCrimeOutcome")
            .WithSummary("Add a decision (charge, caution, no further action, a prosecutor's decision...) to a crime your agency recorded")
            .WithDescription(Retries + " A crime another agency recorded is 404. " + Review)
            .AcceptsJson<OutcomeRequest>()
            .Produces<CrimeReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("{reference}", GetAsync)
            .ForAgencySystems(SystemAccess.ReadOwnCrimes)
            .WithName("GetCrime")
            .WithSummary("A crime your agency recorded: where it stands, its decisions in order and the review each opened")
            .Produces<CrimeReceipt>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string Location(ChildId child, string reference) => $"/api/v1/children/{child}/crimes/{reference}";

    private static async Task<IResult> RecordAsync(
        Guid id,
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        DataScope scope,
        CrimeRecords crimes,
        Idempotency idempotency,
        AuditTrail audit,
        CancellationToken ct)
    {
        var system = scope.SystemFor(SystemAccess.RecordCrimes);
        var kind = await db.Agencies.AsNoTracking().Where(a => a.Id == system.Agency).Select(a => a.Kind).FirstAsync(ct);
        if (kind is not (AgencyKind.Police or AgencyKind.Prosecution))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.AccessDenied, "Child", id.ToString(), "crimes are recorded by police and prosecution systems"), ct);
            return Failure.Forbidden("Only police and prosecution systems record crimes").ToHttpResult();
        }
        // The id the agency holds may be of a record since joined into another: the crime goes to the child.
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var child = await scope.ChildrenToAddTo(db.Children, SystemAccess.RecordCrimes).FirstOrDefaultAsync(c => c.Id == current, ct);
        if (child is null)
        {
            return await NotFoundAsync(audit, "Child", id.ToString(), "No child with this id", ct);
        }
        return await IdempotentPost.RunAsync<CrimeRequest>(http, idempotencyKey, idempotency, "crime",
            request => CrimeValidation.Validate(request, crimes.Today, recordedByRequired: true),
            async (request, complete, token) =>
            {
                var others = new List<Child>();
                var given = request.OtherVictims ?? [];
                for (var i = 0; i < given.Count; i++)
                {
                    var other = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(given[i]), token);
                    if (await scope.ChildrenToAddTo(db.Children, SystemAccess.RecordCrimes).FirstOrDefaultAsync(c => c.Id == other, token) is not { } found)
                    {
                        return IdempotentPost.Answer.Of(Failure.Invalid($"otherVictims[{i}]", "No child with this id"));
                    }
                    if (found.Id != child.Id)
                    {
                        others.Add(found);
                    }
                }
                IdempotentPost.Answer? answer = null;
                var recorded = await crimes.RecordAsync(child, others, request, Caller(system, request.RecordedBy!), kind,
                    crime =>
                    {
                        answer = IdempotentPost.Answer.Of(StatusCodes.Status201Created,
                            CrimeRecords.Receipt(crime, child.Id, [.. db.NoChargeReviews.Local.Where(r => r.CrimeId == crime.Id)]), Location(child.Id, crime.Reference));
                        complete(answer);
                    }, token);
                return recorded.Failure is { } problem ? IdempotentPost.Answer.Of(problem) : answer!;
            }, ct);
    }

    private static async Task<IResult> OutcomeAsync(
        Guid id,
        string reference,
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        DataScope scope,
        CrimeRecords crimes,
        Idempotency idempotency,
        AuditTrail audit,
        CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; it may add a decision only to a crime its own agency recorded.
        var system = scope.SystemFor(SystemAccess.UpdateOwnCrimes);
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var crime = await CrimeRecords.WithParts(scope.CrimesToUpdate(db.Crimes))
            .FirstOrDefaultAsync(c => c.Reference == reference && c.Victims.Any(v => v.ChildId == current), ct);
        if (crime is null)
        {
            return await NotFoundAsync(audit, CrimeRecords.RecordType, reference, "No crime with this reference from your agency for this child", ct);
        }
        var kind = await db.Agencies.AsNoTracking().Where(a => a.Id == system.Agency).Select(a => a.Kind).FirstAsync(ct);
        return await IdempotentPost.RunAsync<OutcomeRequest>(http, idempotencyKey, idempotency, "outcome",
            request => CrimeValidation.ValidateOutcome(request, crime.ReportedOn, crimes.Today, recordedByRequired: true),
            async (request, complete, token) =>
            {
                IdempotentPost.Answer? answer = null;
                var added = await crimes.AddOutcomeAsync(crime, request, Caller(system, request.RecordedBy!), kind,
                    (c, _) =>
                    {
                        var reviews = db.NoChargeReviews.Local.Where(r => r.CrimeId == c.Id).ToList();
                        answer = IdempotentPost.Answer.Of(StatusCodes.Status201Created, CrimeRecords.Receipt(c, current, reviews), Location(current, c.Reference));
                        complete(answer);
                    }, token);
                return added.Failure is { } problem ? IdempotentPost.Answer.Of(problem) : answer!;
            }, ct);
    }

    private static async Task<Results<Ok<CrimeReceipt>, ProblemHttpResult>> GetAsync(
        Guid id, string reference, LanternDbContext db, DataScope scope, AuditTrail audit, CancellationToken ct)
    {
        // Authorize twice: the policy admitted an agency system; its scope is the crimes its own agency recorded.
        var current = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        var crime = await CrimeRecords.WithParts(scope.Crimes(db.Crimes.AsNoTracking()))
            .FirstOrDefaultAsync(c => c.Reference == reference && c.Victims.Any(v => v.ChildId == current), ct);
        if (crime is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, CrimeRecords.RecordType, reference, "not found or not in scope"), ct);
            return Failure.NotFound("No crime with this reference from your agency").ToProblem();
        }
        var reviews = await db.NoChargeReviews.AsNoTracking().Where(r => r.CrimeId == crime.Id).ToListAsync(ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.CrimesViewed, CrimeRecords.RecordType, reference, "crime read by an agency system"), ct);
        return TypedResults.Ok(CrimeRecords.Receipt(crime, current, reviews));
    }

    private static async Task<IResult> NotFoundAsync(AuditTrail audit, string recordType, string recordId, string title, CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, recordType, recordId, "not found or not in scope"), ct);
        return Failure.NotFound(title).ToHttpResult();
    }

    private static Recorder Caller(AgencySystem system, string name) => new(system.Agency, name.Trim(), UserId: null, ApiKeyId: system.ApiKeyId);
}
