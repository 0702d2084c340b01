using System.Text.Json;
using Lantern.Testing;

namespace Lantern.Tests.Cli;

/// <summary>`lantern alerts list` as an operator runs it after an import of old records: the alert of then, dated then, with its members and records.</summary>
public sealed class NetworkAlertsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lantern-alerts-" + Guid.NewGuid().ToString("N"));

    public NetworkAlertsCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AlertsList_AfterAnImportOfOldRecords_JsonGivesTheAlertDatedAtTheRecord_WithMembersAndRecords()
    {
        var data = Path.Combine(_folder, "data");
        var extract = Path.Combine(_folder, "police.jsonl");
        await File.WriteAllLinesAsync(extract,
        [
            """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""",
            """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
            """{"type":"child","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02"}""",
            """{"type":"child","id":"C-2","givenName":"Kayleigh","familyName":"Dunmore","approximateAge":14}""",
            """{"type":"person","id":"P-1","name":"Tariq Raza","age":"about 40"}""",
            """{"type":"event","id":"E-1","eventType":"crime","occurredAt":"2007-10-02T19:30:00Z","summary":"Found in a flat with an older man.","children":[{"child":"C-1"}],"persons":[{"person":"P-1","relation":"seenWith"}],"confidence":"tentative","grade":"B2"}""",
            """{"type":"event","id":"E-2","eventType":"crime","occurredAt":"2008-03-14T19:30:00Z","summary":"Found in a car with an older man.","children":[{"child":"C-2"}],"persons":[{"person":"P-1","relation":"pickedUpIn"}],"confidence":"confirmed"}""",
        ], TestContext.Current.CancellationToken);

        var import = await LanternProcess.RunAsync(["import", extract, "--data-dir", data]);
        Assert.True(import.ExitCode == 0, import.Error);

        var listed = await LanternProcess.RunAsync(["alerts", "list", "--json", "--data-dir", data]);
        Assert.True(listed.ExitCode == 0, listed.Error);
        using var json = JsonDocument.Parse(listed.Output);
        var alert = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("MultipleVictims", alert.GetProperty("rule").GetString());
        Assert.Equal("open", alert.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2008, 3, 14, 19, 30, 0, TimeSpan.Zero), alert.GetProperty("evidenceCompleteAt").GetDateTimeOffset());
        Assert.True(alert.GetProperty("raisedAt").GetDateTimeOffset() > new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var members = alert.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["Person", "Child", "Child"], members.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(["NBP:event:E-1", "NBP:event:E-2"], members.Skip(1).Select(m => Assert.Single(m.GetProperty("records").EnumerateArray()).GetProperty("sourceId").GetString()).Order());
        Assert.All(members.Skip(1), m => Assert.Equal("Northbridge Police", m.GetProperty("records")[0].GetProperty("agency").GetString()));
        Assert.Equal(["Tentative, B2", "Confirmed"], alert.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("grade").GetString()));

        var text = await LanternProcess.RunAsync(["alerts", "list", "--status", "open", "--data-dir", data]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("MultipleVictims  Open  evidence complete 2008-03-14 19:30:00Z", text.Output, StringComparison.Ordinal);
        var bad = await LanternProcess.RunAsync(["alerts", "list", "--status", "gone", "--data-dir", data]);
        Assert.Equal(2, bad.ExitCode);
    }
}
