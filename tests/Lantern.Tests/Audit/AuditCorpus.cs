using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Auditing;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Audit;

/// <summary>
/// One audit trail of a given size as the real app writes it: ordinary events in four parts, a checkpoint
/// (and its record, 9003) after each, then three events no checkpoint covers yet. Kept as rows and files so
/// that each tampering starts from the same untouched log.
/// </summary>
public sealed record AuditLog(int Size, IReadOnlyList<AuditEvent> Rows, IReadOnlyDictionary<string, byte[]> Files, byte[] Key,
    IReadOnlyList<AuditCheckpoint> Checkpoints)
{
    /// <summary>The event the newest checkpoint names.</summary>
    public long NewestCovered => Checkpoints[^1].Sequence;

    /// <summary>The trail's record (9003) of the newest checkpoint; what follows it no checkpoint covers.</summary>
    public long NewestRecord => NewestCovered + 1;

    /// <summary>An ordinary event (not a checkpoint's record) well inside what the checkpoints cover.</summary>
    public long Middle
    {
        get
        {
            var ordinary = Rows.Where(e => e.Sequence < NewestCovered && e.Code != (int)AuditCode.AuditCheckpointWritten).ToList();
            return ordinary[ordinary.Count / 2].Sequence;
        }
    }

    public long Last => Rows[^1].Sequence;
}

/// <summary>A deployment whose audit trail the tamper scenarios rebuild, break and verify; one node, named <c>node-a</c>.</summary>
public abstract class AuditCorpus : IAsyncLifetime
{
    public const string Node = "node-a";
    public const int TailEvents = 3;

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<int, AuditLog> _logs = [];
    private byte[] _key = [];

    protected AuditCorpus(TestDatabase database)
    {
        App = new TestApp(database, Start);
        App.Settings["Lantern:Audit:Checkpoints:Node"] = Node;
    }

    /// <summary>Over an app a scenario started and owns.</summary>
    protected AuditCorpus(TestApp app)
    {
        App = app;
    }

    public TestApp App { get; }

    public string CheckpointFile => AuditCheckpointStore.FileOf(App.CheckpointDirectory, Node);

    public string KeyFile => Path.Combine(App.DataDir, "audit-checkpoint-key.pem");

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        if (App.IsAvailable)
        {
            // Made at start; every log is signed with it, whatever a tampering did to the file.
            _key = await File.ReadAllBytesAsync(KeyFile);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Puts the untouched log of <paramref name="size"/> events back: the rows, the checkpoint files and the key.</summary>
    public async Task<AuditLog> RestoreAsync(int size)
    {
        if (!_logs.TryGetValue(size, out var log))
        {
            log = _logs[size] = await BuildAsync(size);
        }
        await ReplaceRowsAsync(log.Rows);
        if (Directory.Exists(App.CheckpointDirectory))
        {
            Directory.Delete(App.CheckpointDirectory, recursive: true);
        }
        Directory.CreateDirectory(App.CheckpointDirectory);
        foreach (var (file, bytes) in log.Files)
        {
            await File.WriteAllBytesAsync(file, bytes);
        }
        await File.WriteAllBytesAsync(KeyFile, log.Key);
        return log;
    }

    /// <summary>What <c>lantern audit verify</c> reports now.</summary>
    public async Task<AuditReport> VerifyAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await AuditReport.VerifyAsync(scope.ServiceProvider, TestContext.Current.CancellationToken);
    }

    public async Task<List<AuditEvent>> RowsAsync() =>
        await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>Replaces the whole trail with these rows, as someone with write access to the database could.</summary>
    public async Task ReplaceRowsAsync(IEnumerable<AuditEvent> rows)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var ct = TestContext.Current.CancellationToken;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.AuditEvents.ExecuteDeleteAsync(ct);
        db.AuditEvents.AddRange(rows.Select(Copy));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task ChangeAsync(Func<IQueryable<AuditEvent>, CancellationToken, Task<int>> change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var changed = await change(scope.ServiceProvider.GetRequiredService<LanternDbContext>().AuditEvents, TestContext.Current.CancellationToken);
        Assert.True(changed > 0, "the tampering changed no row");
    }

    public static AuditEvent Copy(AuditEvent e) => AuditTrail.ToRow(AuditTrail.ToRecord(e), e.PreviousHash, e.Hash);

    /// <summary>The records chained afresh from the genesis hash, as someone rewriting the trail would do.</summary>
    public static List<AuditEvent> Rechain(IEnumerable<AuditRecord> records, string? from = null)
    {
        var previous = from ?? AuditChain.Genesis;
        var rows = new List<AuditEvent>();
        foreach (var record in records)
        {
            var hash = AuditChain.Hash(previous, record);
            rows.Add(AuditTrail.ToRow(record, previous, hash));
            previous = hash;
        }
        return rows;
    }

    public static async Task WriteLinesAsync(string file, IEnumerable<string> lines) =>
        await File.WriteAllTextAsync(file, string.Concat(lines.Select(l => l + "\n")), TestContext.Current.CancellationToken);

    private async Task<AuditLog> BuildAsync(int size)
    {
        var ct = TestContext.Current.CancellationToken;
        await ReplaceRowsAsync([]);
        if (Directory.Exists(App.CheckpointDirectory))
        {
            Directory.Delete(App.CheckpointDirectory, recursive: true);
        }
        await File.WriteAllBytesAsync(KeyFile, _key, ct);
        var written = 0;
        var checkpoints = new List<AuditCheckpoint>();
        for (var part = 1; part <= 4; part++)
        {
            var upTo = size * part / 4;
            await AddEventsAsync(written, upTo - written, ct);
            written = upTo;
            App.Time.Advance(TimeSpan.FromMinutes(5));
            await using var scope = App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(scheduled: true, ct);
            checkpoints.Add(result.Checkpoint ?? throw new InvalidOperationException(result.Problem));
        }
        await AddEventsAsync(written, TailEvents, ct);
        var files = AuditCheckpointStore.Files(App.CheckpointDirectory).ToDictionary(f => f, File.ReadAllBytes);
        return new AuditLog(size, await RowsAsync(), files, _key, checkpoints);
    }

    /// <summary>Events as practice writes them, every field in use, some with text that looks like the canonical form.</summary>
    private async Task AddEventsAsync(int from, int count, CancellationToken ct)
    {
        const int Batch = 50;
        for (var start = from; start < from + count; start += Batch)
        {
            var entries = Enumerable.Range(start, Math.Min(Batch, from + count - start)).Select(i => new AuditEntry(
                (i % 3) switch { 0 => AuditCode.ChildViewed, 1 => AuditCode.ReferralViewed, _ => AuditCode.ChronologyEntryAdded },
                i % 11 == 0 ? AuditOutcome.Denied : AuditOutcome.Allowed,
                i % 2 == 0 ? "Child" : "Referral",
                $"rec-{i}",
                (i % 4) switch { 0 => null, 1 => "", 2 => "reason=5:x\nrole=1:y", _ => $"reviewed {i}" },
                new AuditActor($"user-{i % 7}", $"worker{i % 7}@agency.example", $"agency-{i % 3}", i % 5 == 0 ? "TeamManager" : "Practitioner"))).ToList();
            App.Time.Advance(TimeSpan.FromSeconds(7));
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().SaveAsync(entries, ct);
        }
    }
}

public sealed class SqliteAuditCorpus() : AuditCorpus(TestDatabase.Sqlite);

public sealed class PostgresAuditCorpus() : AuditCorpus(TestDatabase.Postgres);
