using System.Security.Claims;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Features.FrontDoor;
using Lantern.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>Agency systems add to a child's chronology: police incidents, health attendances, school events.</summary>
public static class ChildEndpoints
{
    public sealed record EntryReceipt(Guid Id, Guid ChildId, DateTimeOffset RecordedAt);

    public static void MapChildApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/children").RequireAuthorization(Policies.AgencySystem).WithTags("Children");
        api.MapPost("{id:guid}/events", AddEventAsync)
            .WithName("AddChronologyEvent")
            .WithSummary("Add an event to a child's chronology")
            .WithDescription("Requires the X-Api-Key and Idempotency-Key headers; a retry with the same key and body returns the first answer and stores nothing new. Entries are never edited: to correct one, send a new event with `supersedes` (the id of the entry) and `correctionReason`. The child id is on the referral (GET /api/v1/referrals/{reference}).")
            .Accepts<EntryRequest>("application/json")
            .Produces<EntryReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> AddEventAsync(
        Guid id,
        HttpContext http,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        LanternDbContext db,
        ChildRecords records,
        Idempotency idempotency,
        AuditTrail audit,
        WorkingDayCalendar calendar,
        TimeProvider time,
        CancellationToken ct)
    {
        var childId = new ChildId(id);
        // An agency system adds to a child it knows the id of (from its referral); it reads nothing back.
        if (!await db.Children.AnyAsync(c => c.Id == childId, ct))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "no such child"), ct);
            return IdempotentPost.Problem(StatusCodes.Status404NotFound, "No child with this id", "Use the childId given on the referral.");
        }
        var today = calendar.LocalDate(time.GetUtcNow());
        try
        {
            return await AddAsync();
        }
        catch (EntryRefusedException refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field == "Corrects" ? "supersedes" : "correctionReason"] = [refused.Message] },
                title: "The event has problems to fix; nothing was stored");
        }

        Task<IResult> AddAsync() => IdempotentPost.RunAsync<EntryRequest>(http, idempotencyKey, idempotency, ReferralEndpoints.Json, "event",
            request => EntryValidation.Validate(request, today, requireAuthor: true),
            async (request, complete, token) =>
            {
                var agency = new AgencyId(Guid.Parse(http.User.FindFirstValue(LanternClaimTypes.Agency)!));
                var apiKey = Guid.Parse(http.User.FindFirstValue(ApiKeys.ApiKeyIdClaim)!);
                var entry = request.ToNewEntry(agency, request.Author!.Trim(), userId: null, apiKey);
                ChronologyEntry row;
                if (request.Supersedes is { } old)
                {
                    var (corrected, problem) = await records.CorrectAsync(childId, old, entry, token);
                    if (problem is { } p)
                    {
                        db.ChangeTracker.Clear();
                        throw new EntryRefusedException(p.Field, p.Message);
                    }
                    row = corrected!;
                }
                else
                {
                    row = records.Add(childId, entry);
                }
                var answer = new IdempotentPost.Answer(StatusCodes.Status201Created,
                    JsonSerializer.Serialize(new EntryReceipt(row.Id, id, row.RecordedAt), ReferralEndpoints.Json), null);
                complete(answer);
                await audit.SaveAsync(AuditEntry.Allowed(request.Supersedes is null ? AuditCode.ChronologyEntryAdded : AuditCode.ChronologyEntryCorrected,
                    "Child", id.ToString(), request.Type.ToString()), token);
                return answer;
            }, ct);
    }
}

/// <summary>A correction that names an entry it cannot correct; answered as a validation problem.</summary>
public sealed class EntryRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
