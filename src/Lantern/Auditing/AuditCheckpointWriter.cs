using Lantern.Data;
using Lantern.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Auditing;

/// <summary>What a checkpoint run did: the checkpoint written (and whether the second store took it), or why none was.</summary>
public sealed record AuditCheckpointResult(AuditCheckpoint? Checkpoint, string? Problem, string? SecondStoreProblem, bool TrailEmpty = false)
{
    public bool Written => Checkpoint is not null;
}

/// <summary>
/// Writes a signed checkpoint of the trail's head to the checkpoint file (and the second store), then records
/// it in the trail (9003), so that the trail itself says which checkpoints must exist. A store that cannot be
/// written is recorded too (9004), as a refusal to write over a trail shorter than its last checkpoint is.
/// </summary>
public sealed partial class AuditCheckpointWriter(LanternDbContext db, AuditTrail audit, AuditCheckpointKeys keys,
    IOptions<AuditCheckpointOptions> options, TimeProvider time, ILogger<AuditCheckpointWriter> logger)
{
    public const string RecordType = "AuditCheckpoint";

    // Recording a checkpoint is itself an event; these alone do not call for another checkpoint, or two nodes would take turns for ever.
    private static readonly int[] CheckpointEvents = [(int)AuditCode.AuditCheckpointWritten, (int)AuditCode.AuditCheckpointFailed];

    /// <summary>The scheduled work: a checkpoint when the interval has passed since this node's last and the trail has grown since.</summary>
    public async Task<AuditCheckpointResult?> WriteIfDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var last = AuditCheckpointStore.Last(o.Directory!, o.Node!);
        if (last is not null)
        {
            if (time.GetUtcNow() - last.At < o.Interval)
            {
                return null;
            }
            var grown = await db.AuditEvents.AsNoTracking().AnyAsync(e => e.Sequence > last.Sequence && !CheckpointEvents.Contains(e.Code), ct);
            if (!grown)
            {
                return null;
            }
        }
        return await WriteAsync(scheduled: true, ct);
    }

    /// <summary>A checkpoint now (<c>lantern audit checkpoint</c>, or the scheduled work when due).</summary>
    public async Task<AuditCheckpointResult> WriteAsync(bool scheduled, CancellationToken ct)
    {
        var o = options.Value;
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return new AuditCheckpointResult(null, null, null, TrailEmpty: true);
        }
        AuditCheckpoint checkpoint;
        try
        {
            checkpoint = AuditCheckpointStore.Append(o.Directory!, o.Node!, last =>
            {
                if (last is not null && head.Sequence < last.Sequence)
                {
                    throw new AuditCheckpointStoreException(
                        $"the trail ends at event {head.Sequence}, before event {last.Sequence} of checkpoint {last.Id}; run lantern audit verify");
                }
                return keys.Sign(o.Node!, (last?.Number ?? 0) + 1, head.Sequence, head.Hash, time.GetUtcNow());
            });
        }
        catch (Exception ex) when (ex is AuditCheckpointStoreException or AuditCheckpointKeyException)
        {
            LogNotWritten(logger, ex.Message);
            await audit.SaveAsync(Entry(scheduled, AuditCode.AuditCheckpointFailed, o.Node!, "no checkpoint written: " + ex.Message), ct);
            return new AuditCheckpointResult(null, ex.Message, null);
        }
        var entries = new List<AuditEntry>(2);
        string? second = null;
        if (o.SecondDirectory is { } secondDirectory)
        {
            try
            {
                AuditCheckpointStore.AppendCopy(secondDirectory, checkpoint);
            }
            catch (AuditCheckpointStoreException ex)
            {
                second = ex.Message;
                LogSecondStoreNotWritten(logger, checkpoint.Id, ex.Message);
                entries.Add(Entry(scheduled, AuditCode.AuditCheckpointFailed, checkpoint.Id, "not written to the second store: " + ex.Message));
            }
        }
        var stores = o.SecondDirectory is null ? "the checkpoint file" : second is null ? "the checkpoint file and the second store" : "the checkpoint file only";
        entries.Insert(0, Entry(scheduled, AuditCode.AuditCheckpointWritten, checkpoint.Id, $"event {checkpoint.Sequence}; key {checkpoint.KeyId}; in {stores}"));
        await audit.SaveAsync(entries, ct);
        return new AuditCheckpointResult(checkpoint, null, second);
    }

    private static AuditEntry Entry(bool scheduled, AuditCode code, string id, string reason) =>
        scheduled ? AuditEntry.System(code, RecordType, id, reason) : AuditEntry.Allowed(code, RecordType, id, reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No audit checkpoint was written: {Problem}")]
    private static partial void LogNotWritten(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint {Checkpoint} was not written to the second store: {Problem}")]
    private static partial void LogSecondStoreNotWritten(ILogger logger, string checkpoint, string problem);
}
