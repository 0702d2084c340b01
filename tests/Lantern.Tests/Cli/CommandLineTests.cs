using System.Globalization;
using System.Text.RegularExpressions;
using Lantern.Domain.Auditing;
using Lantern.Testing;
using Microsoft.Data.Sqlite;

namespace Lantern.Tests.Cli;

/// <summary>A data folder with the demo partnership seeded once by the real `lantern seed-demo`.</summary>
public sealed class SeededDataFolder : IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lantern-cli-" + Guid.NewGuid().ToString("N"));

    public LanternProcess.Result Seed { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Seed = await LanternProcess.RunAsync(["seed-demo", "--data-dir", Path]);
    }

    /// <summary>A copy of the seeded database to tamper with.</summary>
    public string CopyTo(string name)
    {
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lantern-cli-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path, "lantern.db*"))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }
        return target;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Path, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class CommandLineTests(SeededDataFolder seeded) : IClassFixture<SeededDataFolder>
{
    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var result = await LanternProcess.RunAsync(["--help"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "serve", "migrate", "seed-demo", "users", "audit", "language", "--data-dir" })
        {
            Assert.Contains(verb, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeedDemo_EmptyFolder_PrintsSignInsAndRefusesASecondTime()
    {
        Assert.Equal(0, seeded.Seed.ExitCode);
        Assert.Contains("admin@northbridge.example", seeded.Seed.Output, StringComparison.Ordinal);
        var again = await LanternProcess.RunAsync(["seed-demo", "--data-dir", seeded.CopyTo("again")]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("only added to an empty database", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_UntouchedTrail_ExitsZero()
    {
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", seeded.CopyTo("intact")]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Audit trail intact: \d+ events verified", result.Output);
    }

    [Fact]
    public async Task AuditVerify_AlteredEvent_NamesIt()
    {
        var folder = seeded.CopyTo("altered");
        await ExecuteAsync(folder, "UPDATE AuditEvents SET Reason = 'nothing to see' WHERE Sequence = 5");
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken at event 5", result.Error, StringComparison.Ordinal);
        Assert.Contains("altered", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_RemovedEvent_NamesTheEventAfterTheGap()
    {
        var folder = seeded.CopyTo("removed");
        await ExecuteAsync(folder, "DELETE FROM AuditEvents WHERE Sequence = 4");
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken at event 5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_ReorderedEvents_AreReported()
    {
        var folder = seeded.CopyTo("reordered");
        await ExecuteAsync(folder,
            "UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 3;" +
            "UPDATE AuditEvents SET Sequence = 3 WHERE Sequence = 4;" +
            "UPDATE AuditEvents SET Sequence = 4 WHERE Sequence = -1;");
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken at event 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_ForgedEventInserted_EvenWithAValidHash_IsReported()
    {
        var folder = seeded.CopyTo("inserted");
        // Make room at 6, then insert an event whose own hash is right: the next event no longer chains to it.
        await ExecuteAsync(folder,
            "UPDATE AuditEvents SET Sequence = Sequence + 1000 WHERE Sequence >= 6;" +
            "UPDATE AuditEvents SET Sequence = Sequence - 999 WHERE Sequence >= 1006;");
        var previous = (string)(await ScalarAsync(folder, "SELECT Hash FROM AuditEvents WHERE Sequence = 5"))!;
        var forged = new AuditRecord(6, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 2002, "UserViewed", "allowed",
            null, "someone", null, null, "User", "x", null, null);
        var hash = AuditChain.Hash(previous, forged);
        await ExecuteAsync(folder,
            "INSERT INTO AuditEvents (Sequence, OccurredAt, Code, Action, Outcome, ActorName, RecordType, RecordId, PreviousHash, Hash) " +
            $"VALUES (6, {forged.OccurredAt.UtcTicks}, 2002, 'UserViewed', 'allowed', 'someone', 'User', 'x', '{previous}', '{hash}')");
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken at event 7", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditCheckpoint_ThenTrailCutShort_VerifyExitsOneSayingSoAndRecordsIt()
    {
        var folder = seeded.CopyTo("checkpoint");
        var settings = new Dictionary<string, string> { ["Lantern__Audit__Checkpoints__Directory"] = System.IO.Path.Combine(folder, "checkpoints") };
        var written = await LanternProcess.RunAsync(["audit", "checkpoint", "--data-dir", folder], environment: settings);
        Assert.Equal(0, written.ExitCode);
        var checkpointed = long.Parse(Regex.Match(written.Output, @"written: event (\d+),").Groups[1].Value, CultureInfo.InvariantCulture);
        var intact = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder], environment: settings);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("Checkpoints intact: 1 verified", intact.Output, StringComparison.Ordinal);

        await ExecuteAsync(folder, $"DELETE FROM AuditEvents WHERE Sequence >= {checkpointed - 1}");
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder], environment: settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"events {checkpointed - 1} to {checkpointed} were removed (the trail was cut short)", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync(folder, "SELECT COUNT(*) FROM AuditEvents WHERE Code = 9005"));
    }

    [Fact]
    public async Task AuditVerify_CheckpointIntervalOutOfRange_NamesTheSetting()
    {
        var result = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", seeded.CopyTo("interval")],
            environment: new Dictionary<string, string> { ["Lantern__Audit__Checkpoints__Interval"] = "00:00:10" });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Lantern:Audit:Checkpoints:Interval: must be from 00:01:00", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_PasswordFromStandardInput_CreatesAnAccountThatIsAudited()
    {
        var folder = seeded.CopyTo("users");
        var result = await LanternProcess.RunAsync(
            ["users", "create", "--email", "new.analyst@northbridge.example", "--name", "Nia Analyst", "--role", "IntelligenceAnalyst",
                "--agency", "Northbridge Police", "--team", "Intelligence Unit", "--data-dir", folder],
            standardInput: "correct horse battery staple\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created new.analyst@northbridge.example (Intelligence analyst)", result.Output, StringComparison.Ordinal);
        var verify = await LanternProcess.RunAsync(["audit", "verify", "--data-dir", folder]);
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("command-line", await ScalarAsync(folder, "SELECT ActorId FROM AuditEvents WHERE Code = 3001 ORDER BY Sequence DESC LIMIT 1"));
    }

    [Fact]
    public async Task UsersCreate_CommonPassword_IsRefusedSayingWhy()
    {
        var folder = seeded.CopyTo("weak-password");
        var result = await LanternProcess.RunAsync(
            ["users", "create", "--email", "weak.password@northbridge.example", "--name", "Weak Password", "--role", "Practitioner",
                "--agency", "Northbridge Police", "--data-dir", folder],
            standardInput: "password1234\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("password (standard input): Password is one of the most used passwords", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(folder, "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'weak.password@northbridge.example'"));
    }

    [Fact]
    public async Task UsersCreate_BadInput_NamesEachOptionAndCreatesNothing()
    {
        var folder = seeded.CopyTo("bad-users");
        var result = await LanternProcess.RunAsync(
            ["users", "create", "--email", "not-an-email", "--role", "Wizard", "--agency", "Nowhere Council", "--data-dir", folder],
            standardInput: "short\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--email: Enter an email address in the correct format", result.Error, StringComparison.Ordinal);
        Assert.Contains("--role: Select a role", result.Error, StringComparison.Ordinal);
        Assert.Contains("--agency: There is no agency called \"Nowhere Council\"", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_CorruptDatabaseFile_SaysWhatToDoWithoutAStackTrace()
    {
        var folder = Directory.CreateTempSubdirectory("lantern-corrupt-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "lantern.db"), new string('x', 8192), TestContext.Current.CancellationToken);
        string[][] commands = [["migrate", "--data-dir", folder], ["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"]];
        foreach (var command in commands)
        {
            var result = await LanternProcess.RunAsync(command);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("is not a Lantern database or is damaged", result.Error, StringComparison.Ordinal);
            Assert.Contains("move it aside", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_UnreachablePostgres_NamesHostAndSetting()
    {
        var result = await LanternProcess.RunAsync(["migrate"], environment: new Dictionary<string, string>
        {
            ["Lantern__Database__Provider"] = "Postgres",
            ["Lantern__Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=lantern;Username=lantern;Timeout=5",
        });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:1/lantern", result.Error, StringComparison.Ordinal);
        Assert.Contains("Lantern:Database:ConnectionString", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_PostgresWithoutConnectionString_SaysWhichSettingIsMissing()
    {
        var result = await LanternProcess.RunAsync(["migrate"], environment: new Dictionary<string, string>
        {
            ["Lantern__Database__Provider"] = "Postgres",
        });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Lantern:Database:ConnectionString is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_DataFolderFromEnvironment_CreatesTheDatabaseThere()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-env-" + Guid.NewGuid().ToString("N"));
        var result = await LanternProcess.RunAsync(["migrate"], environment: new Dictionary<string, string> { ["LANTERN_DATA_DIR"] = folder });
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "lantern.db")));
        var again = await LanternProcess.RunAsync(["migrate", "--data-dir", folder]);
        Assert.Contains("is up to date", again.Output, StringComparison.Ordinal);
    }

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "lantern.db")};Pooling=false");
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(string folder, string sql)
    {
        await using var connection = Open(folder);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(string folder, string sql)
    {
        await using var connection = Open(folder);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
