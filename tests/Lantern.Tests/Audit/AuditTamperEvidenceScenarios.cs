using System.Security.Cryptography;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Auditing;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Lantern.Tests.Audit;

/// <summary>One way of tampering with the trail or its checkpoints, and the words the report must use when it is found.</summary>
public sealed record Tampering(string Name, string DetectedAs, Func<AuditCorpus, AuditLog, Task> Apply);

/// <summary>
/// Finding 13's proof: every kind of tampering in the corpus, applied to the database or to the checkpoint
/// file of logs of several sizes, is reported by <c>lantern audit verify</c>, and an untouched log never is.
/// What cannot be found by design is listed apart and shown to pass unnoticed, so that the documented limit
/// is exactly where it is said to be (docs/security.md, "Audit tamper evidence (finding 13)").
/// </summary>
public abstract class AuditTamperEvidenceScenarios
{
    private readonly AuditCorpus _corpus;

    protected AuditTamperEvidenceScenarios(AuditCorpus corpus)
    {
        _corpus = corpus;
        Assert.SkipUnless(corpus.App.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    public static readonly int[] Sizes = [10, 100, 1000, 10_000];

    private static Task Edit(AuditCorpus c, long sequence, Action<UpdateSettersBuilder<AuditEvent>> set) =>
        c.ChangeAsync((events, ct) => events.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(set, ct));

    private static Task Delete(AuditCorpus c, Func<AuditEvent, bool> which) =>
        c.ChangeAsync(async (events, ct) =>
        {
            var sequences = (await events.AsNoTracking().ToListAsync(ct)).Where(which).Select(e => e.Sequence).ToList();
            return await events.Where(e => sequences.Contains(e.Sequence)).ExecuteDeleteAsync(ct);
        });

    /// <summary>A checkpoint line signed with a key that is not the deployment's.</summary>
    private static string Forged(ECDsa key, long number, long sequence, string head, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = AuditCheckpointKeys.KeyId(key);
        var signature = key.SignData(AuditCheckpoint.Payload(AuditCorpus.Node, number, sequence, head, at, id), HashAlgorithmName.SHA256);
        return AuditCheckpointStore.ToLine(new AuditCheckpoint(AuditCorpus.Node, number, sequence, head, at, id, Convert.ToBase64String(signature)));
    }

    private static List<AuditRecord> Records(AuditLog log) => [.. log.Rows.Select(AuditTrail.ToRecord)];

    private static AuditRecord Renumbered(AuditRecord r, long sequence) => r with { Sequence = sequence };

    private static async Task EditLines(AuditCorpus c, Func<List<string>, List<string>> edit) =>
        await AuditCorpus.WriteLinesAsync(c.CheckpointFile, edit([.. await File.ReadAllLinesAsync(c.CheckpointFile, TestContext.Current.CancellationToken)]));

    /// <summary>Tampering that the chain and the checkpoints must report, with the words the report uses.</summary>
    public static IReadOnlyList<Tampering> Detectable { get; } =
    [
        // Each stored field of an ordinary event, edited in place.
        new("edit the time of an event", "altered", (c, l) =>
        {
            var moved = l.Rows.Single(e => e.Sequence == l.Middle).OccurredAt.AddSeconds(1);
            return Edit(c, l.Middle, s => s.SetProperty(e => e.OccurredAt, moved));
        }),
        new("edit the code of an event", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Code, e => e.Code + 1))),
        new("edit the action of an event", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Action, "UserViewed"))),
        new("edit the outcome of an event", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Outcome, e => e.Outcome == AuditOutcome.Allowed ? AuditOutcome.Denied : AuditOutcome.Allowed))),
        new("edit the actor's id", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.ActorId, "user-99"))),
        new("edit the actor's user name", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.ActorName, "someone.else@agency.example"))),
        new("edit the agency", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.AgencyId, "agency-99"))),
        new("edit the role", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Role, "Administrator"))),
        new("edit the record type", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.RecordType, "User"))),
        new("edit the record id", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.RecordId, "rec-other"))),
        new("edit the reason", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Reason, "nothing to see"))),
        new("edit the correlation id", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.CorrelationId, "0HN-other"))),
        new("edit the hash", "altered", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.Hash, new string('a', 64)))),
        new("edit the previous hash", "previous-hash does not match", (c, l) => Edit(c, l.Middle, s => s.SetProperty(e => e.PreviousHash, new string('b', 64)))),
        new("edit the sequence number", "removed, inserted or reordered", (c, l) =>
            c.ReplaceRowsAsync(l.Rows.Select(e => e.Sequence == l.Middle ? AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(e), l.Last + 1000), e.PreviousHash, e.Hash) : e))),

        // Events removed.
        new("delete the first event", "removed, inserted or reordered", (c, l) => Delete(c, e => e.Sequence == 1)),
        new("delete an event in the middle", "removed, inserted or reordered", (c, l) => Delete(c, e => e.Sequence == l.Middle)),
        new("delete the event the newest checkpoint names", "missing from the trail", (c, l) => Delete(c, e => e.Sequence == l.NewestCovered)),
        new("delete the tail from the newest checkpoint's record on", "no record of checkpoint", (c, l) => Delete(c, e => e.Sequence >= l.NewestRecord)),
        new("truncate before the newest checkpoint", "cut short", (c, l) => Delete(c, e => e.Sequence > l.Checkpoints[1].Sequence)),
        new("delete every event", "every event was removed", (c, l) => Delete(c, _ => true)),

        // Events added or moved.
        new("insert a forged event in the middle", "removed, inserted or reordered", (c, l) =>
        {
            var records = Records(l);
            var at = (int)l.Middle - 1;
            var forged = records[at] with { ActorName = "forged", Reason = "inserted" };
            var previous = l.Rows[at].PreviousHash;
            var row = AuditTrail.ToRow(forged, previous, AuditChain.Hash(previous, forged));
            return c.ReplaceRowsAsync([.. l.Rows.Take(at), row, .. l.Rows.Skip(at).Select(e => AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(e), e.Sequence + 1), e.PreviousHash, e.Hash))]);
        }),
        new("swap two events", "removed, inserted or reordered", (c, l) =>
        {
            var rows = l.Rows.ToList();
            var i = (int)l.Middle - 1;
            (rows[i], rows[i + 1]) = (AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(rows[i + 1]), rows[i].Sequence), rows[i + 1].PreviousHash, rows[i + 1].Hash),
                AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(rows[i]), rows[i + 1].Sequence), rows[i].PreviousHash, rows[i].Hash));
            return c.ReplaceRowsAsync(rows);
        }),
        new("replay an event (a copy put in again)", "removed, inserted or reordered", (c, l) =>
        {
            var at = (int)l.Middle;
            var copy = l.Rows[at - 1];
            return c.ReplaceRowsAsync([.. l.Rows.Take(at), AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(copy), at + 1), copy.PreviousHash, copy.Hash),
                .. l.Rows.Skip(at).Select(e => AuditTrail.ToRow(Renumbered(AuditTrail.ToRecord(e), e.Sequence + 1), e.PreviousHash, e.Hash))]);
        }),

        // The trail rewritten with every hash recomputed, so that the chain alone holds.
        new("rewrite everything with recomputed hashes", "rewritten", (c, l) =>
            c.ReplaceRowsAsync(AuditCorpus.Rechain(Records(l).Select(r => r.Sequence == 2 ? r with { Reason = "rewritten" } : r)))),
        new("rewrite with recomputed hashes after truncating", "rewritten", (c, l) =>
        {
            var keep = Records(l).Take((int)l.Checkpoints[0].Sequence).ToList();
            var invented = Enumerable.Range(keep.Count + 1, l.Rows.Count - keep.Count)
                .Select(i => keep[^1] with { Sequence = i, RecordId = $"invented-{i}", Reason = null });
            return c.ReplaceRowsAsync(AuditCorpus.Rechain([.. keep, .. invented]));
        }),
        new("rewrite without one event, renumbered, hashes recomputed", "rewritten", (c, l) =>
            c.ReplaceRowsAsync(AuditCorpus.Rechain(Records(l).Where(r => r.Sequence != l.Middle).Select((r, i) => Renumbered(r, i + 1))))),
        new("rewrite the newest checkpointed event and all after it", "rewritten", (c, l) =>
        {
            var records = Records(l);
            var from = (int)l.NewestCovered - 1;
            var rewritten = records.Skip(from).Select(r => r.Sequence == l.NewestCovered ? r with { Outcome = AuditOutcome.Denied, Reason = "changed" } : r);
            return c.ReplaceRowsAsync([.. l.Rows.Take(from), .. AuditCorpus.Rechain(rewritten, l.Rows[from].PreviousHash)]);
        }),

        // The checkpoints and their key.
        new("append a forged checkpoint (signed with another key)", "neither the checkpoint key", async (c, l) =>
        {
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.AppendAllTextAsync(c.CheckpointFile, Forged(other, 5, l.Last, l.Rows[^1].Hash, l.Checkpoints[^1].At.AddMinutes(5)) + "\n");
        }),
        new("rewrite the trail and re-sign every checkpoint with another key", "neither the checkpoint key", async (c, l) =>
        {
            var rows = AuditCorpus.Rechain(Records(l).Select(r => r.Sequence == 2 ? r with { Reason = "rewritten" } : r));
            await c.ReplaceRowsAsync(rows);
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await AuditCorpus.WriteLinesAsync(c.CheckpointFile,
                l.Checkpoints.Select(cp => Forged(other, cp.Number, cp.Sequence, rows[(int)cp.Sequence - 1].Hash, cp.At)));
        }),
        new("edit a checkpoint's head hash", "does not match its signature", (c, l) =>
            EditLines(c, lines => [.. lines.Select((s, i) => i == 1 ? s.Replace(l.Checkpoints[1].Head, new string('c', 64), StringComparison.Ordinal) : s)])),
        new("edit a checkpoint's event number", "does not match its signature", (c, l) =>
            EditLines(c, lines => [.. lines.Select((s, i) => i == 1 ? s.Replace($"\"seq\":{l.Checkpoints[1].Sequence},", $"\"seq\":{l.Checkpoints[0].Sequence},", StringComparison.Ordinal) : s)])),
        new("delete a checkpoint line in the middle", "missing from every store", (c, l) => EditLines(c, lines => [.. lines.Where((_, i) => i != 1)])),
        new("delete the newest checkpoint line", "no store holds it", (c, l) => EditLines(c, lines => lines[..^1])),
        new("reorder checkpoint lines", "reordered or repeated", (c, l) => EditLines(c, lines => [lines[0], lines[2], lines[1], lines[3]])),
        new("repeat a checkpoint line", "reordered or repeated", (c, l) => EditLines(c, lines => [.. lines, lines[1]])),
        new("cut the checkpoint file short mid-line", "cannot be read", (c, l) => EditLines(c, lines => [.. lines[..^1], lines[^1][..40]])),
        new("remove the checkpoint file", "no store holds it", (c, l) =>
        {
            File.Delete(c.CheckpointFile);
            return Task.CompletedTask;
        }),
        new("remove the checkpoint folder", "checkpoint folder", (c, l) =>
        {
            Directory.Delete(c.App.CheckpointDirectory, recursive: true);
            return Task.CompletedTask;
        }),
        new("replace the checkpoint key", "neither the checkpoint key", async (c, l) =>
        {
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(c.KeyFile, other.ExportPkcs8PrivateKeyPem());
        }),
        new("remove the checkpoint key", "none can be checked", (c, l) =>
        {
            File.Delete(c.KeyFile);
            return Task.CompletedTask;
        }),
    ];

    /// <summary>
    /// Tampering no check of this design can see (docs/security.md says so): the tail written after the newest
    /// checkpoint's record, events added at the end, and an attacker who holds the database and the only store
    /// or the key. A second store on another machine catches the last two (<see cref="AuditCheckpointScenarios"/>).
    /// </summary>
    public static IReadOnlyList<Tampering> NotDetectableByDesign { get; } =
    [
        new("delete the tail after the newest checkpoint's record", "", (c, l) => Delete(c, e => e.Sequence > l.NewestRecord)),
        new("rewrite the tail after the newest checkpoint's record", "", (c, l) =>
        {
            var records = Records(l);
            var keep = (int)l.NewestRecord;
            return c.ReplaceRowsAsync([.. l.Rows.Take(keep), .. AuditCorpus.Rechain(records.Skip(keep).Select(r => r with { Reason = "rewritten" }), l.Rows[keep - 1].Hash)]);
        }),
        new("append forged events with valid hashes", "", (c, l) =>
        {
            var last = AuditTrail.ToRecord(l.Rows[^1]);
            return c.ReplaceRowsAsync([.. l.Rows, .. AuditCorpus.Rechain([last with { Sequence = last.Sequence + 1, RecordId = "forged" }], l.Rows[^1].Hash)]);
        }),
        new("rewrite everything without the checkpoint records and remove the checkpoint folder", "", async (c, l) =>
        {
            var kept = Records(l).Where(r => r.Code != (int)AuditCode.AuditCheckpointWritten).Select((r, i) => Renumbered(r, i + 1));
            await c.ReplaceRowsAsync(AuditCorpus.Rechain(kept.Select(r => r.Sequence == 2 ? r with { Reason = "rewritten" } : r)));
            Directory.Delete(c.App.CheckpointDirectory, recursive: true);
        }),
        new("rewrite everything, replace the key and re-sign every checkpoint", "", async (c, l) =>
        {
            var rows = AuditCorpus.Rechain(Records(l).Select(r => r.Sequence == 2 ? r with { Reason = "rewritten" } : r));
            await c.ReplaceRowsAsync(rows);
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(c.KeyFile, other.ExportPkcs8PrivateKeyPem());
            await AuditCorpus.WriteLinesAsync(c.CheckpointFile,
                l.Checkpoints.Select(cp => Forged(other, cp.Number, cp.Sequence, rows[(int)cp.Sequence - 1].Hash, cp.At)));
        }),
    ];

    public static TheoryData<string, int> DetectableCases() => Cases(Detectable);

    public static TheoryData<string, int> NotDetectableCases() => Cases(NotDetectableByDesign);

    public static TheoryData<int> AllSizes() => [.. Sizes];

    private static TheoryData<string, int> Cases(IReadOnlyList<Tampering> kinds)
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in kinds)
        {
            foreach (var size in Sizes)
            {
                data.Add(kind.Name, size);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllSizes))]
    public async Task Verify_UntouchedLog_IsIntactWithEveryCheckpointChecked(int size)
    {
        var log = await _corpus.RestoreAsync(size);
        var report = await _corpus.VerifyAsync();
        Assert.True(report.IsIntact, Problems(report));
        Assert.Equal(log.Rows.Count, report.Chain.EventsVerified);
        Assert.Equal(4, report.Checkpoints.Checkpoints);
        Assert.Equal(log.NewestCovered, report.Checkpoints.NewestSequence);
        Assert.Equal(AuditCorpus.TailEvents + 1, report.Checkpoints.EventsAfterNewest);
    }

    [Theory]
    [MemberData(nameof(DetectableCases))]
    public async Task Verify_TamperedLog_IsReportedNamingWhatWasDone(string tampering, int size)
    {
        var kind = Detectable.Single(k => k.Name == tampering);
        var log = await _corpus.RestoreAsync(size);
        await kind.Apply(_corpus, log);
        var report = await _corpus.VerifyAsync();
        Assert.False(report.IsIntact, $"not detected: {tampering} in a log of {size}");
        Assert.Contains(kind.DetectedAs, Problems(report), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotDetectableCases))]
    public async Task Verify_TamperingBeyondTheDesign_PassesUnnoticedAsDocumented(string tampering, int size)
    {
        var log = await _corpus.RestoreAsync(size);
        await NotDetectableByDesign.Single(k => k.Name == tampering).Apply(_corpus, log);
        var report = await _corpus.VerifyAsync();
        Assert.True(report.IsIntact, Problems(report));
    }

    [Fact]
    public void Corpus_HasAtLeastTwentyDetectableKinds_EachNamedOnce()
    {
        Assert.True(Detectable.Count >= 20, $"{Detectable.Count} kinds");
        Assert.Equal(Detectable.Count + NotDetectableByDesign.Count, Detectable.Concat(NotDetectableByDesign).Select(k => k.Name).Distinct().Count());
    }

    private static string Problems(AuditReport report) =>
        string.Join("\n", (report.Chain.IsIntact ? [] : new[] { report.Chain.Problem! }).Concat(report.Checkpoints.Problems));
}

public sealed class SqliteAuditTamperEvidenceScenarios(SqliteAuditCorpus corpus) : AuditTamperEvidenceScenarios(corpus), IClassFixture<SqliteAuditCorpus>;

public sealed class PostgresAuditTamperEvidenceScenarios(PostgresAuditCorpus corpus) : AuditTamperEvidenceScenarios(corpus), IClassFixture<PostgresAuditCorpus>;
