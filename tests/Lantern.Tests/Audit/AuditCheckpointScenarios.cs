using Lantern.Auditing;
using Lantern.Domain.Auditing;
using Lantern.Jobs;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Audit;

/// <summary>
/// Checkpoints as a deployment writes them: by the scheduled work when due, by several writers and nodes at
/// once, into a second store alike; and what the second store catches that one store alone cannot.
/// </summary>
public sealed class AuditCheckpointScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database, string? secondStore = null)
    {
        var app = new TestApp(database);
        app.Settings["Lantern:Audit:Checkpoints:Node"] = AuditCorpus.Node;
        if (secondStore is not null)
        {
            app.Settings["Lantern:Audit:Checkpoints:SecondDirectory"] = Path.Combine(app.DataDir, secondStore);
        }
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    /// <summary>Another node of the same deployment, with a name of its own.</summary>
    private static async Task<TestApp> StartSecondNodeAsync(TestApp first, string node)
    {
        var second = new TestApp(first);
        second.Settings["Lantern:Audit:Checkpoints:Node"] = node;
        await second.InitializeAsync();
        return second;
    }

    private static async Task<AuditCheckpointResult> CheckpointAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(scheduled: false, Ct);
    }

    private static async Task<AuditReport> VerifyAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await AuditReport.VerifyAsync(scope.ServiceProvider, Ct);
    }

    private static async Task AuditSomethingAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().SaveAsync(
            AuditEntry.System(AuditCode.ChildViewed, "Child", "rec-1", "read"), Ct);
    }

    private static Task<List<string?>> RecordedAsync(TestApp app, AuditCode code) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.Code == (int)code).OrderBy(e => e.Sequence).Select(e => e.RecordId).ToListAsync(Ct));

    private static string FileOf(TestApp app, string node = AuditCorpus.Node) => AuditCheckpointStore.FileOf(app.CheckpointDirectory, node);

    private static string Problems(AuditReport report) => string.Join("\n", report.Checkpoints.Problems) + report.Chain.Problem;

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task ScheduledWork_IntervalPassedAndTrailGrew_WritesACheckpointAndRecordsIt(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetServices<IScheduledWork>().OfType<AuditCheckpointWork>().Single();

        await work.RunAsync(Ct);
        Assert.Single(await File.ReadAllLinesAsync(FileOf(app), Ct));
        Assert.Equal(["node-a#1"], await RecordedAsync(app, AuditCode.AuditCheckpointWritten));

        // Not yet due: the interval has not passed.
        await AuditSomethingAsync(app);
        await work.RunAsync(Ct);
        Assert.Single(await File.ReadAllLinesAsync(FileOf(app), Ct));

        // Due, and the trail grew: a second checkpoint, covering the event just written.
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await work.RunAsync(Ct);
        var lines = await File.ReadAllLinesAsync(FileOf(app), Ct);
        Assert.Equal(2, lines.Length);
        Assert.Equal(["node-a#1", "node-a#2"], await RecordedAsync(app, AuditCode.AuditCheckpointWritten));

        // Due again, but only the checkpoint's own record was written since: nothing new to cover.
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await work.RunAsync(Ct);
        Assert.Equal(2, (await File.ReadAllLinesAsync(FileOf(app), Ct)).Length);

        var report = await VerifyAsync(app);
        Assert.True(report.IsIntact, Problems(report));
        Assert.Equal(2, report.Checkpoints.Checkpoints);
        Assert.Equal(1, report.Checkpoints.EventsAfterNewest);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Checkpoint_TwoNodesAndTwoWritersOnANodeAtOnce_NeverCorruptAFileAndTheTrailVerifies(TestDatabase database)
    {
        await using var first = await StartAsync(database);
        await using var second = await StartSecondNodeAsync(first, "node-b");

        for (var round = 0; round < 3; round++)
        {
            await AuditSomethingAsync(first);
            var results = await Task.WhenAll(CheckpointAsync(first), CheckpointAsync(first), CheckpointAsync(second), CheckpointAsync(second));
            // A writer that finds its node's file held by the other writes nothing and records why.
            Assert.All(results, r => Assert.True(r.Written || r.Problem!.Contains("cannot be opened", StringComparison.Ordinal), r.Problem));
            Assert.Contains(results.Take(2), r => r.Written);
            Assert.Contains(results.Skip(2), r => r.Written);
        }

        var written = await RecordedAsync(first, AuditCode.AuditCheckpointWritten);
        foreach (var node in new[] { "node-a", "node-b" })
        {
            var numbers = AuditCheckpointStore.Read(FileOf(first, node)).Select(l => l.Checkpoint!.Number).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), numbers);
            Assert.Equal(numbers.Count, written.Count(id => id!.StartsWith(node + "#", StringComparison.Ordinal)));
        }
        var report = await VerifyAsync(first);
        Assert.True(report.IsIntact, Problems(report));
        Assert.Equal(written.Count, report.Checkpoints.Checkpoints);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Checkpoint_TrailShorterThanTheLastCheckpoint_RefusesAndRecordsWhy(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        await AuditSomethingAsync(app);
        var written = await CheckpointAsync(app);
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence >= written.Checkpoint!.Sequence - 1).ExecuteDeleteAsync(Ct));

        var refused = await CheckpointAsync(app);

        Assert.False(refused.Written);
        Assert.Contains($"before event {written.Checkpoint!.Sequence} of checkpoint node-a#1", refused.Problem, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(FileOf(app), Ct));
        Assert.Equal(["node-a"], await RecordedAsync(app, AuditCode.AuditCheckpointFailed));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SecondStore_WrittenAlike_NamesARemovedCheckpointFile(TestDatabase database)
    {
        await using var app = await StartAsync(database, secondStore: "second");
        await CheckpointAsync(app);
        await AuditSomethingAsync(app);
        await CheckpointAsync(app);
        var secondFile = AuditCheckpointStore.FileOf(Path.Combine(app.DataDir, "second"), AuditCorpus.Node);
        Assert.Equal(await File.ReadAllTextAsync(FileOf(app), Ct), await File.ReadAllTextAsync(secondFile, Ct));
        Assert.True((await VerifyAsync(app)).IsIntact);

        File.Delete(FileOf(app));

        var report = await VerifyAsync(app);
        Assert.False(report.IsIntact);
        Assert.Contains("The checkpoint file of node node-a is missing", Problems(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SecondStore_UnwritableForOneCheckpoint_RecordsItSoTheGapIsNoAlarm_ButARemovedLineIs(TestDatabase database)
    {
        await using var app = await StartAsync(database, secondStore: "second");
        var secondFile = AuditCheckpointStore.FileOf(Path.Combine(app.DataDir, "second"), AuditCorpus.Node);
        await CheckpointAsync(app);
        AuditCheckpointResult missed;
        await using (new FileStream(secondFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            await AuditSomethingAsync(app);
            missed = await CheckpointAsync(app);
        }
        await AuditSomethingAsync(app);
        await CheckpointAsync(app);

        Assert.True(missed.Written);
        Assert.NotNull(missed.SecondStoreProblem);
        Assert.Equal(["node-a#2"], await RecordedAsync(app, AuditCode.AuditCheckpointFailed));
        Assert.Equal([1L, 3L], AuditCheckpointStore.Read(secondFile).Select(l => l.Checkpoint!.Number));
        var report = await VerifyAsync(app);
        Assert.True(report.IsIntact, Problems(report));

        await File.WriteAllTextAsync(secondFile, (await File.ReadAllLinesAsync(secondFile, Ct))[0] + "\n", Ct);

        report = await VerifyAsync(app);
        Assert.Contains("The second store lacks checkpoint node-a#3 that the other store holds", Problems(report), StringComparison.Ordinal);
    }

    /// <summary>The two tamperings one store cannot show (<see cref="AuditTamperEvidenceScenarios.NotDetectableByDesign"/>) are caught by a second.</summary>
    [Theory]
    [InlineData(TestDatabase.Sqlite, "rewrite everything without the checkpoint records and remove the checkpoint folder", "the trail was rewritten")]
    [InlineData(TestDatabase.Sqlite, "rewrite everything, replace the key and re-sign every checkpoint", "neither the checkpoint key")]
    [InlineData(TestDatabase.Postgres, "rewrite everything without the checkpoint records and remove the checkpoint folder", "the trail was rewritten")]
    [InlineData(TestDatabase.Postgres, "rewrite everything, replace the key and re-sign every checkpoint", "neither the checkpoint key")]
    public async Task SecondStore_TamperingOneStoreCannotShow_IsReported(TestDatabase database, string tampering, string detectedAs)
    {
        await using var app = await StartAsync(database, secondStore: "second");
        var corpus = new AttachedCorpus(app);
        var checkpoints = new List<AuditCheckpoint>();
        for (var i = 0; i < 4; i++)
        {
            await AuditSomethingAsync(app);
            checkpoints.Add((await CheckpointAsync(app)).Checkpoint!);
        }
        var rows = await corpus.RowsAsync();
        Assert.True((await VerifyAsync(app)).IsIntact);

        await AuditTamperEvidenceScenarios.NotDetectableByDesign.Single(k => k.Name == tampering)
            .Apply(corpus, new AuditLog(rows.Count, rows, new Dictionary<string, byte[]>(), [], checkpoints));

        var report = await VerifyAsync(app);
        Assert.False(report.IsIntact);
        Assert.Contains(detectedAs, Problems(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FirstTime_CreatesTheCheckpointKeyReadableByItsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are a Unix matter");
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var key = Path.Combine(app.DataDir, "audit-checkpoint-key.pem");
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(key, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_NameEachSetting()
    {
        var options = new AuditCheckpointOptions { Interval = TimeSpan.FromSeconds(10), Node = "web 1", Directory = "/x", SecondDirectory = "/x/" };
        Assert.Equal(["Lantern:Audit:Checkpoints:Interval", "Lantern:Audit:Checkpoints:Node", "Lantern:Audit:Checkpoints:SecondDirectory"],
            options.Validate().Select(e => e.Field));
        Assert.Equal("web-1.example", AuditCheckpointOptions.DefaultNode("web 1.example"));
    }

    /// <summary>The tamper corpus's operations over an app a scenario started itself.</summary>
    private sealed class AttachedCorpus(TestApp app) : AuditCorpus(app);
}
