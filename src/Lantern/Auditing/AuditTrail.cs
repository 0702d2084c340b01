using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Auditing;

/// <summary>What happened, to which record, and why; the actor and time are filled in by the trail.</summary>
public sealed record AuditEntry(
    AuditCode Code,
    string Outcome,
    string? RecordType = null,
    string? RecordId = null,
    string? Reason = null,
    AuditActor? Actor = null)
{
    public static AuditEntry Allowed(AuditCode code, string? recordType = null, string? recordId = null, string? reason = null) =>
        new(code, AuditOutcome.Allowed, recordType, recordId, reason);

    public static AuditEntry Denied(AuditCode code, string? recordType = null, string? recordId = null, string? reason = null) =>
        new(code, AuditOutcome.Denied, recordType, recordId, reason);

    public static AuditEntry System(AuditCode code, string? recordType, string? recordId, string? reason) =>
        new(code, AuditOutcome.Allowed, recordType, recordId, reason, AuditActor.System);
}

/// <summary>Who did it. Identifiers only: the audit trail names people by account, not by free text.</summary>
public sealed record AuditActor(string? UserId, string? UserName, string? AgencyId, string? Role)
{
    public static AuditActor System { get; } = new("system", "system", null, null);

    public static AuditActor Anonymous { get; } = new(null, null, null, null);
}

public interface IAuditActorAccessor
{
    AuditActor Current { get; }

    string? CorrelationId { get; }
}

/// <summary>
/// The one way anything is written to the audit trail. Each call saves the DbContext's pending
/// changes and the audit events in one transaction, so a write and its audit stand or fall together,
/// and a read is recorded before its data is returned (fail closed).
/// </summary>
public sealed class AuditTrail(LanternDbContext db, TimeProvider time, IAuditActorAccessor actors)
{
    // One writer at a time in this process; across processes the database lock below serialises.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    // Any stable number: the PostgreSQL advisory lock that serialises audit appends across nodes.
    private const long PostgresAuditLock = 0x4C414E5445524E;

    public Task SaveAsync(AuditEntry entry, CancellationToken ct) => SaveAsync([entry], ct);

    /// <summary>
    /// Saves a change to a versioned record with its audit events; when someone else changed the record
    /// since it was read, nothing is saved, the pending changes are dropped, and <paramref name="conflict"/>
    /// is returned for the caller to show. Null when saved.
    /// </summary>
    public Task<Failure?> SaveOrConflictAsync(IReadOnlyList<AuditEntry> entries, Failure conflict, CancellationToken ct) =>
        SaveOrConflictAsync(entries, conflict, underLock: null, ct);

    /// <summary>As <see cref="SaveOrConflictAsync(IReadOnlyList{AuditEntry}, Failure, CancellationToken)"/>, first running <paramref name="underLock"/> inside the transaction.</summary>
    public async Task<Failure?> SaveOrConflictAsync(IReadOnlyList<AuditEntry> entries, Failure conflict,
        Func<CancellationToken, Task<IReadOnlyList<AuditEntry>>>? underLock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        try
        {
            await SaveAsync(entries, underLock, ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return conflict;
        }
    }

    public Task SaveAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct) => SaveAsync(entries, underLock: null, ct);

    /// <summary>
    /// As <see cref="SaveAsync(IReadOnlyList{AuditEntry}, CancellationToken)"/>, and first runs <paramref name="underLock"/>
    /// inside the transaction, once the trail's write lock is held: what it reads, no other audited write can change
    /// before this one commits. It may add changes, and returns audit events to save with them.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<AuditEntry> entries, Func<CancellationToken, Task<IReadOnlyList<AuditEntry>>>? underLock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await Gate.WaitAsync(ct);
        var added = new List<AuditEvent>(entries.Count);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                foreach (var stale in added)
                {
                    db.Entry(stale).State = EntityState.Detached;
                }
                added.Clear();
                // On SQLite this is BEGIN IMMEDIATE: the tail is read under the write lock.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAuditLock})", ct);
                }
                IReadOnlyList<AuditEntry> all = underLock is null ? entries : [.. entries, .. await underLock(ct)];
                var tail = await db.AuditEvents.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(ct);
                var sequence = tail?.Sequence ?? 0;
                var previous = tail?.Hash ?? AuditChain.Genesis;
                var now = TruncateToMicroseconds(time.GetUtcNow());
                foreach (var entry in all)
                {
                    var actor = entry.Actor ?? actors.Current;
                    var record = new AuditRecord(++sequence, now, (int)entry.Code, entry.Code.ToString(), entry.Outcome,
                        actor.UserId, actor.UserName, actor.AgencyId, actor.Role,
                        entry.RecordType, entry.RecordId, Truncate(entry.Reason, 1000), actors.CorrelationId);
                    var hash = AuditChain.Hash(previous, record);
                    var row = ToRow(record, previous, hash);
                    db.AuditEvents.Add(row);
                    added.Add(row);
                    previous = hash;
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        finally
        {
            // Saved or not, the rows leave the context: a later save must never write them again.
            foreach (var row in added)
            {
                db.Entry(row).State = EntityState.Detached;
            }
            Gate.Release();
        }
    }

    public static AuditRecord ToRecord(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Sequence, e.OccurredAt, e.Code, e.Action, e.Outcome, e.ActorId, e.ActorName, e.AgencyId, e.Role,
            e.RecordType, e.RecordId, e.Reason, e.CorrelationId);
    }

    public static AuditEvent ToRow(AuditRecord r, string previous, string hash) => new()
    {
        Sequence = r.Sequence,
        OccurredAt = r.OccurredAt,
        Code = r.Code,
        Action = r.Action,
        Outcome = r.Outcome,
        ActorId = r.ActorId,
        ActorName = r.ActorName,
        AgencyId = r.AgencyId,
        Role = r.Role,
        RecordType = r.RecordType,
        RecordId = r.RecordId,
        Reason = r.Reason,
        CorrelationId = r.CorrelationId,
        PreviousHash = previous,
        Hash = hash,
    };

    // PostgreSQL keeps microseconds; the hash must be of what the database gives back.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>Streams the whole trail in sequence order and checks the chain.</summary>
public sealed class AuditVerifier(LanternDbContext db)
{
    public AuditVerification Verify() =>
        AuditChain.Verify(db.AuditEvents.AsNoTracking()
            .OrderBy(e => e.Sequence)
            .AsEnumerable()
            .Select(e => (AuditTrail.ToRecord(e), e.PreviousHash, e.Hash)));
}
