using Lantern.Testing;

namespace Lantern.Tests.Cli;

/// <summary>`lantern import` as an operator runs it: progress, a summary, each problem by line and field, and an exit code scripts can test.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lantern-import-" + Guid.NewGuid().ToString("N"));

    public ImportCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    [Fact]
    public async Task Import_TwiceThenABadFile_SummaryEachTime_ExitCodeSaysWhetherLinesWereSkipped()
    {
        var data = Path.Combine(_folder, "data");
        var extract = Write("police.jsonl",
            """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""",
            """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
            """{"type":"child","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02"}""",
            """{"type":"event","id":"E-1","eventType":"policeIncident","occurredAt":"2008-03-14T19:30:00Z","summary":"Found in a car with an older man.","children":[{"child":"C-1","role":"passenger"}],"mentions":[{"kind":"vehicle","value":"NB19 XKR"}]}""");

        var first = await LanternProcess.RunAsync(["import", extract, "--data-dir", data]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("4 lines: 3 taken (0 corrections), 0 unchanged, 0 skipped. Taken: 1 agency, 1 child, 1 event.", first.Output, StringComparison.Ordinal);
        Assert.Contains("4 lines read: 3 taken", first.Error, StringComparison.Ordinal);

        var again = await LanternProcess.RunAsync(["import", extract, "--data-dir", data]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("4 lines: 0 taken (0 corrections), 3 unchanged, 0 skipped.", again.Output, StringComparison.Ordinal);

        var bad = Write("bad.jsonl",
            """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""",
            """{"type":"event","id":"E-2","eventType":"crime","summary":"x","children":[{"child":"C-1"}]}""");
        var refused = await LanternProcess.RunAsync(["import", bad, "--data-dir", data]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("line 2 occurredAt: Give occurredAt", refused.Output, StringComparison.Ordinal);

        var missing = await LanternProcess.RunAsync(["import", Path.Combine(_folder, "nothing.jsonl"), "--data-dir", data]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nothing.jsonl: file not found", missing.Error, StringComparison.Ordinal);
    }
}
