using Lantern.Testing;

namespace Lantern.Tests.Linking;

/// <summary>`lantern synth people` as a person runs it: a town of households, or the simple town, and its truth.</summary>
public sealed class SynthCommandTests
{
    private static readonly string[] Roles = ["head", "partner", "child", "step_child", "grandparent", "foster_child", "housemate", "single"];

    private static (string People, string Truth) Files()
    {
        var folder = Directory.CreateTempSubdirectory("lantern-synth-").FullName;
        return (Path.Combine(folder, "people.csv"), Path.Combine(folder, "truth.csv"));
    }

    [Fact]
    public async Task SynthPeople_Default_WritesHouseholdsWithNhsNumbersAndTheirTruth()
    {
        var (people, truth) = Files();
        var result = await LanternProcess.RunAsync(["synth", "people", "--count", "3000", "--seed", "4", "--out", people, "--truth", truth]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("id,given_name,family_name,date_of_birth,sex,postcode,address,locality,phone,identifier", File.ReadLines(people).First());
        Assert.Equal("id,entity_id,household_id,role", File.ReadLines(truth).First());
        var rows = File.ReadLines(truth).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(3000, rows.Count);
        Assert.Equal(2400, rows.Select(r => r[1]).Distinct().Count());
        Assert.All(rows, r => Assert.Contains(r[3], Roles));
        Assert.True(rows.Select(r => r[2]).Distinct().Count() < 1500, "people share households");
        // The NHS number, the last column, on the NHS's records at least.
        var identifiers = File.ReadLines(people).Skip(1).Select(l => l.Split(',')[^1]).ToList();
        Assert.True(identifiers.Count(i => i.Length > 0) > identifiers.Count / 4, $"{identifiers.Count(i => i.Length > 0)} of {identifiers.Count} rows with an identifier");
        Assert.All(identifiers.Where(i => i.Length > 0), i => Assert.Matches("^[0-9]{3} ?[0-9]{3} ?[0-9]{4}$", i));
        Assert.Contains("identifier=identifier", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthPeople_Simple_WritesEachPersonAsAHouseholdWithoutARole()
    {
        var (people, truth) = Files();
        var result = await LanternProcess.RunAsync(["synth", "people", "--count", "500", "--simple", "--out", people, "--truth", truth]);
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadLines(truth).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(500, rows.Count);
        Assert.All(rows, r => Assert.Equal((r[1], ""), (r[2], r[3])));
        Assert.Equal(10, File.ReadLines(people).First().Split(',').Length);
        // The simple town has no NHS numbers: the identifier column is there but empty.
        var lines = File.ReadLines(people).Skip(1).ToList();
        Assert.Equal(500, lines.Count);
        Assert.All(lines, l => Assert.EndsWith(",", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SynthPeople_SameSeedTwice_WritesTheSameFilesByteForByte(bool simple)
    {
        var first = Files();
        var second = Files();
        string[] Args((string People, string Truth) files) =>
            ["synth", "people", "--count", "2000", "--seed", "12", "--out", files.People, "--truth", files.Truth, .. simple ? ["--simple"] : Array.Empty<string>()];
        var results = await Task.WhenAll(LanternProcess.RunAsync(Args(first)), LanternProcess.RunAsync(Args(second)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(File.ReadAllBytes(first.People), File.ReadAllBytes(second.People));
        Assert.Equal(File.ReadAllBytes(first.Truth), File.ReadAllBytes(second.Truth));
        Assert.Equal(2001, File.ReadLines(first.People).Count());
    }

    [Fact]
    public async Task SynthPeople_BadRate_NamesTheOptionAndExits2()
    {
        var (people, truth) = Files();
        var result = await LanternProcess.RunAsync(["synth", "people", "--count", "10", "--duplicate-rate", "1.5", "--out", people, "--truth", truth]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--duplicate-rate", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
