using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Network;
using Lantern.Domain.Records;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>What a person types to open a context or record its assessment.</summary>
public sealed record ContextDetails(string? Name, ContextType? Type, string? Assessment = null, string? Plan = null);

/// <summary>
/// Contexts of harm (contextual safeguarding): opening one, about a record of the network or not, and recording its
/// assessment and plan as a new version, each audited. The page's policy (<see cref="Policies.Contexts"/>) lets in the
/// front door and analysts, who see every record of the network; the record is still found through need to know.
/// </summary>
public sealed class ContextRecords(LanternDbContext db, DataScope scope, NetworkRecords network, AuditTrail audit, TimeProvider time)
{
    public const string ReferencePrefix = "CTX";

    /// <summary>Opens the context, with a link from the record it is about; the context, or the problem.</summary>
    public async Task<Result<Context>> OpenAsync(ContextDetails details, NodeRef? about, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        NodeView? aboutView = null;
        if (about is { } a && a.Kind is not (NodeKind.Child or NodeKind.Context) && (aboutView = await network.FindAsync(a, ct)) is null)
        {
            return Failure.NotFound("There is no such record");
        }
        var me = await scope.ActorAsync(ct);
        var now = time.GetUtcNow();
        var opened = Context.Open(RecordReference.New(ReferencePrefix), details.Name, details.Type, about, me, now);
        if (opened.Failure is { } problem)
        {
            return problem;
        }
        var context = opened.Value;
        db.Contexts.Add(context);
        var reason = Context.Describe(context.Type);
        if (context.About is { } of)
        {
            db.Links.Add(Link.Make(of, context.Node, LinkType.PartOfContext, LinkConfidence.Confirmed,
                new LinkSource("Context", context.Reference, me.Agency, now), me.Name, now, note: "The context is about this record"));
            reason += $"; about {aboutView?.Reference}";
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ContextOpened, "Context", context.Reference, reason), ct);
        return context;
    }

    /// <summary>
    /// Records a new version of the assessment and plan on the context as it was at <paramref name="readVersion"/>;
    /// null when recorded, or the problem (someone else's change meanwhile is a conflict, and nothing is saved).
    /// </summary>
    public async Task<Failure?> AssessAsync(Guid id, long readVersion, ContextDetails details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (await network.FindAsync(new NodeRef(NodeKind.Context, id), ct) is null || await db.Contexts.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } context)
        {
            return Failure.NotFound("There is no such context");
        }
        var changedMeanwhile = Failure.ChangedMeanwhile("Someone else recorded an assessment of this context while you were writing yours; nothing of yours was saved. Read theirs and record yours again", "Assessment");
        if (context.Version != readVersion)
        {
            return changedMeanwhile;
        }
        var me = await scope.ActorAsync(ct);
        if (context.Assess(me, details.Name, details.Type, details.Assessment, details.Plan, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var version = context.Assessments.Count;
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ContextAssessed, "Context", context.Reference, $"version {version}")], changedMeanwhile, ct);
    }
}
