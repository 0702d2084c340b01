using System.Security.Cryptography;
using Lantern.Data;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Security;

/// <summary>
/// Idempotency-Key handling for writes from agency systems: a retry with the same key and body
/// gets the original response and stores nothing new; the same key with another body is 422; a
/// retry while the first is still running is 409. The key is claimed by inserting a row that a
/// unique index protects, so two concurrent requests can never both proceed.
/// </summary>
public sealed class Idempotency(LanternDbContext db, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    /// <summary>A claim older than this whose request never finished (a crash) may be taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public abstract record Claim;

    /// <summary>This request owns the key and must call <see cref="Complete"/>.</summary>
    public sealed record Owned(IdempotencyRecord Record) : Claim;

    public sealed record Replay(int Status, string Body, string? Location) : Claim;

    public sealed record InFlight : Claim;

    public sealed record Mismatch : Claim;

    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    public async Task<Claim> ClaimAsync(string caller, string key, string requestHash, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, ct);
            if (existing is not null)
            {
                if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
                {
                    return new Mismatch();
                }
                if (existing.ResponseStatus is { } status)
                {
                    return new Replay(status, existing.ResponseBody ?? "", existing.ResponseLocation);
                }
                if (time.GetUtcNow() - existing.CreatedAt < AbandonedAfter)
                {
                    return new InFlight();
                }
                // The first attempt died before answering; nothing was acknowledged, so start again.
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.ResponseStatus == null).ExecuteDeleteAsync(ct);
                continue;
            }
            var record = new IdempotencyRecord { Caller = caller, Key = key, RequestHash = requestHash, CreatedAt = time.GetUtcNow() };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return new Owned(record);
            }
            catch (DbUpdateException)
            {
                // Another request claimed the key between our read and our insert: read it again.
                db.Entry(record).State = EntityState.Detached;
            }
        }
        return new InFlight();
    }

    /// <summary>Records the response on the tracked claim; saved with the caller's own changes.</summary>
    public static void Complete(Owned claim, int status, string body, string? location)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim.Record.ResponseStatus = status;
        claim.Record.ResponseBody = body;
        claim.Record.ResponseLocation = location;
    }

    /// <summary>
    /// After the request failed part-way: gives the key back if its answer was never committed (nothing was
    /// stored, so a retry may try again), or returns the answer that was committed with the record.
    /// </summary>
    public async Task<Replay?> ReleaseUnansweredAsync(Owned claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        db.Entry(claim.Record).State = EntityState.Detached;
        var released = await db.IdempotencyRecords.Where(r => r.Id == claim.Record.Id && r.ResponseStatus == null).ExecuteDeleteAsync(ct);
        if (released > 0)
        {
            return null;
        }
        var stored = await db.IdempotencyRecords.AsNoTracking().Where(r => r.Id == claim.Record.Id && r.ResponseStatus != null)
            .Select(r => new { r.ResponseStatus, r.ResponseBody, r.ResponseLocation }).FirstOrDefaultAsync(ct);
        return stored is null ? null : new Replay(stored.ResponseStatus!.Value, stored.ResponseBody ?? "", stored.ResponseLocation);
    }

    /// <summary>Gives the key back when the request failed validation, so a corrected retry may use it.</summary>
    public async Task ReleaseAsync(Owned claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        db.Entry(claim.Record).State = EntityState.Detached;
        await db.IdempotencyRecords.Where(r => r.Id == claim.Record.Id).ExecuteDeleteAsync(ct);
    }
}
