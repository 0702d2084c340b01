using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Screening;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>One ticked indicator of a screening, as the API returns it.</summary>
public sealed record ScreeningIndicatorView(
    string Indicator,
    ScreeningSectionKind Section,
    string Text,
    DateOnly ObservedOn,
    string SourceAgency,
    string? Evidence,
    bool ConcernOnly,
    decimal Points,
    string? PrefilledFrom);

/// <summary>One screening in a child's history.</summary>
public sealed record ScreeningView(
    Guid Id,
    DateTimeOffset ScreenedAt,
    string ScreenedBy,
    string Agency,
    string Tool,
    int ToolVersion,
    LevelOfConcern LevelOfConcern,
    LevelOfConcern ChosenLevel,
    LevelOfConcern SupportingBand,
    decimal Score,
    string? Reason,
    IReadOnlyList<string> RulesApplied,
    ScreeningReviewStatus Review,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewNote,
    IReadOnlyList<ScreeningIndicatorView> Indicators);

public sealed record ScreeningHistory(Guid ChildId, LevelOfConcern? LevelOfConcern, DateTimeOffset? NextDueBy, ScreeningDueReason? NextDueReason, IReadOnlyList<ScreeningView> Screenings);

public static class ScreeningEndpoints
{
    public static void MapScreeningApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/children/{id:guid}/screenings", GetHistoryAsync)
            .RequireAuthorization(Policies.SignedInOrAgencySystem)
            .ForAgencySystems(SystemAccess.ReadInvolvedChildren)
            .WithTags("Screening")
            .WithName("GetScreenings")
            .WithSummary("A child's exploitation screenings, oldest first")
            .WithDescription("For signed-in practitioners who may see the child, and for agency systems (X-Api-Key) whose agency is involved with the child. " +
                             "Each screening gives the level of concern that stands (the practitioner's, or the manager's on review), the supporting band the tool worked out " +
                             "and what drove it, and every indicator ticked with its date, source and evidence. Also when the next screening is due. A child outside the caller's scope is 404.")
            .Produces<ScreeningHistory>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ScreeningHistory>, ProblemHttpResult>> GetHistoryAsync(
        Guid id, LanternDbContext db, DataScope scope, Screenings screenings, AuditTrail audit, CancellationToken ct)
    {
        var childId = new ChildId(id);
        // Authorize twice: a person sees the children they need to know about; an agency system, the
        // children its agency is involved with.
        if (!await scope.Children(db.Children.AsNoTracking()).AnyAsync(c => c.Id == childId, ct))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "not found or not in scope"), ct);
            return Domain.Failure.NotFound("No child with this id that you may see").ToProblem();
        }
        var system = scope.System?.Agency;
        var rows = await db.Screenings.AsNoTracking().Where(s => s.ChildId == childId)
            .Include(s => s.Items).ThenInclude(i => i.SourceAgency).Include(s => s.Agency)
            .AsSplitQuery()
            .ToListAsync(ct);
        var level = await db.Children.Where(c => c.Id == childId).Select(c => c.LevelOfConcern).FirstAsync(ct);
        var due = await screenings.DueAsync(childId, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ScreeningHistoryRead, "Child", id.ToString(),
            $"{rows.Count} screenings{(system is null ? "" : "; agency system: its own agency's indicators only")}"), ct);
        // An agency system reads the levels, bands and dates, and only the indicators its own agency gave:
        // as elsewhere, a system reads back what its agency recorded, never other agencies' evidence or the
        // practitioners' and managers' reasons (docs/adr/0011).
        return TypedResults.Ok(new ScreeningHistory(id, level, due?.DueBy, due?.Reason,
        [
            .. rows.OrderBy(s => s.ScreenedAt).Select(s => new ScreeningView(
                s.Id, s.ScreenedAt, s.ScreenedByName, s.Agency?.Name ?? "", s.ToolId, s.ToolVersion,
                s.Level, s.ChosenLevel, s.ComputedLevel, s.Score, system is null ? s.Reason : null,
                s.RulesApplied is { } r ? r.Split('\n') : [],
                s.ReviewStatus, s.ReviewedByName, s.ReviewedAt, system is null ? s.ReviewNote : null,
                [.. s.Items.Where(i => system is null || i.SourceAgencyId == system).OrderBy(i => i.Section).ThenByDescending(i => i.Points).Select(i => new ScreeningIndicatorView(
                    i.IndicatorId, i.Section, i.Text, i.ObservedOn, i.SourceAgency?.Name ?? "", i.Evidence, i.ConcernOnly, i.Points, i.PrefilledFrom))])),
        ]));
    }
}
