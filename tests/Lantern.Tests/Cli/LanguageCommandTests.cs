using System.Text.Json;
using Lantern.Testing;

namespace Lantern.Tests.Cli;

/// <summary>`lantern language check` run as a person would from a shell: one text per line in, one JSON line out.</summary>
public sealed class LanguageCommandTests
{
    [Fact]
    public async Task LanguageCheck_OneTextPerLine_OneJsonLinePerText()
    {
        var input = string.Join("\n",
            "She is making her own choices.",
            "",
            "She did not consent.",
            "“It was my choice,” she said. Her boyfriend, 23, collects her.") + "\n";
        var result = await LanternProcess.RunAsync(["language", "check"], standardInput: input);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2, 3, 4], parsed.Select(p => p.GetProperty("line").GetInt32()));
        Assert.Equal([1, 0, 0, 1], parsed.Select(p => p.GetProperty("findings").GetArrayLength()));

        var first = parsed[0].GetProperty("findings")[0];
        Assert.Equal("making her own choices", first.GetProperty("phrase").GetString());
        Assert.Equal(7, first.GetProperty("start").GetInt32());
        Assert.Equal(22, first.GetProperty("length").GetInt32());
        Assert.Equal("own-choices", first.GetProperty("entryId").GetString());
        Assert.Equal("serious", first.GetProperty("severity").GetString());
        Assert.NotEmpty(first.GetProperty("alternatives").EnumerateArray());
        Assert.Equal("boyfriend, 23", parsed[3].GetProperty("findings")[0].GetProperty("phrase").GetString());
    }

    [Fact]
    public async Task LanguageCheck_WindowsLineEndings_SamePositions()
    {
        var result = await LanternProcess.RunAsync(["language", "check"], standardInput: "x\r\nHe absconded.\r\n");
        Assert.Equal(0, result.ExitCode);
        var second = JsonDocument.Parse(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]).RootElement;
        Assert.Equal(3, second.GetProperty("findings")[0].GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task LanguageCheck_BadPhraseList_ExitsOneNamingTheField()
    {
        var file = Path.Combine(Path.GetTempPath(), $"phrases-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "entries": [ { "id": "x", "patterns": ["choice"], "reason": "r", "alternatives": ["a"] } ] }""", TestContext.Current.CancellationToken);
        try
        {
            var result = await LanternProcess.RunAsync(["language", "check", "--phrases", file], standardInput: "text\n");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("entries[0].severity", result.Error, StringComparison.Ordinal);
            Assert.Equal("", result.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
