using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Chronology;

/// <summary>Agency systems add to a child's chronology: police incidents, health attendances, school events.</summary>
public static class ChronologyEndpoints
{
    public sealed record EntryReceipt(Guid Id, Guid ChildId, DateTimeOffset RecordedAt);

    public static void MapChronologyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/children").RequireAuthorization(Policies.AgencySystem).WithTags("Children");
        api.MapPost("{id:guid}/events", AddEventAsync)
            .ForAgencySystems(SystemAccess.AddToChronology | SystemAccess.CorrectOwnEntries)
            .WithName("AddChronologyEvent")
            .WithSummary("Add an event to a child's chronology")
            .WithDescription("Requires the X-Api-Key and Idempotency-Key headers; a retry with the same key and body returns the first answer and stores nothing new. Entries are never edited: to correct one of your own agency's entries, send a new event with `supersedes` (the id of the entry) and `correctionReason`. The child id is on the referral (GET /api/v1/referrals/{reference}).")
            .AcceptsJson<EntryRequest>()
            .Produces<EntryReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> AddEventAsync(
        Guid id,
        HttpContext http,
        [Microsoft.AspNetCore.Mvc.FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        DataScope scope,
        ChronologyRecords records,
        Network.MentionLinker mentions,
        Idempotency idempotency,
        AuditTrail audit,
        WorkingDayCalendar calendar,
        TimeProvider time,
        CancellationToken ct)
    {
        // The id the agency holds may be of a record since joined into another: the event goes to the child.
        var childId = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(id), ct);
        // An agency system adds to a child it knows the id of (from its referral); it reads nothing back.
        if (!await scope.ChildrenToAddTo(db.Children, SystemAccess.AddToChronology).AnyAsync(c => c.Id == childId, ct))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "no such child"), ct);
            return Domain.Failure.NotFound("No child with this id: use the childId given on the referral").ToHttpResult();
        }
        var today = calendar.LocalDate(time.GetUtcNow());
        var result = await IdempotentPost.RunAsync<EntryRequest>(http, idempotencyKey, idempotency, "event",
            request => EntryValidation.Validate(request, today, requireAuthor: true),
            async (request, complete, token) =>
            {
                var system = scope.SystemFor(request.Supersedes is null ? SystemAccess.AddToChronology : SystemAccess.CorrectOwnEntries);
                var entry = request.ToNewEntry(system.Agency, request.Author!.Trim(), userId: null, system.ApiKeyId);
                ChronologyEntry row;
                if (request.Supersedes is { } old)
                {
                    var corrected = await records.CorrectAsync(childId, old, entry, token);
                    if (corrected.Failure is { } problem)
                    {
                        // Something to fix, named on `supersedes`; the key is released so the corrected request can use it.
                        var refused = IdempotentPost.Answer.Of(
                            Domain.Failure.Invalid([.. problem.Kind == Domain.FailureKind.NotFound ? [new Domain.FieldError("Corrects", problem.Message)] : problem.Errors],
                                "The event has problems to fix; nothing was stored"),
                            f => f == "Corrects" ? "supersedes" : Common.ApiJson.FieldName(f));
                        if (problem.Kind == Domain.FailureKind.NotFound)
                        {
                            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "ChronologyEntry", old.ToString(), "correction: not found or not this agency's"), token);
                        }
                        return refused;
                    }
                    row = corrected.Value;
                }
                else
                {
                    row = records.Add(childId, entry);
                }
                var answer = IdempotentPost.Answer.Of(StatusCodes.Status201Created, new EntryReceipt(row.Id, id, row.RecordedAt));
                complete(answer);
                // Someone corrected the same entry at the same moment: nothing is stored and the key is free for a retry.
                return await audit.SaveOrConflictAsync([AuditEntry.Allowed(request.Supersedes is null ? AuditCode.ChronologyEntryAdded : AuditCode.ChronologyEntryCorrected,
                        "Child", id.ToString(), request.Type.ToString())],
                        Domain.Failure.ChangedMeanwhile("The entry was corrected by someone else at the same moment; correct the latest version"), token) is { } conflict
                    ? IdempotentPost.Answer.Of(conflict)
                    : answer;
            }, ct);
        await mentions.LinkAfterSaveAsync(ct);
        return result;
    }
}
