using System.Text;
using System.Text.Json;
using Lantern.Features.Import;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;
using Lantern.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Cli;

/// <summary>
/// `lantern synth extract`: a synthetic town's multi-agency history in the extract format, the same for a seed,
/// taken whole by the real importer, with a truth that covers every record and the hard cases it promises.
/// </summary>
public sealed class SynthExtractTests : IDisposable
{
    private static readonly string[] DecoyKinds = ["youthClub", "largeFamily", "namesake", "schoolTransport", "childrensHome", "fastFood", "olderBoyfriend"];

    private static readonly string[] Blaming = ["making her own choices", "putting herself at risk", "appears consensual", "went willingly"];

    private readonly string _folder = Directory.CreateTempSubdirectory("lantern-synth-extract-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (string Extract, string Truth) Generate(int seed, int children)
    {
        using var extract = new MemoryStream();
        using var truth = new MemoryStream();
        new SyntheticExtract(NameVariants.Default, seed, children).Write(extract, truth);
        return (Encoding.UTF8.GetString(extract.ToArray()), Encoding.UTF8.GetString(truth.ToArray()));
    }

    private string[] Args(int seed, string name) =>
        ["synth", "extract", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--children", "300",
            "--out", Path.Combine(_folder, name + ".jsonl"), "--truth", Path.Combine(_folder, name + ".json")];

    [Fact]
    public async Task SynthExtract_SameSeedTwice_SameFilesByteForByte_AnotherSeedDiffers()
    {
        var results = await Task.WhenAll(LanternProcess.RunAsync(Args(7, "a")), LanternProcess.RunAsync(Args(7, "b")), LanternProcess.RunAsync(Args(8, "c")));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Matches(@"^Wrote [0-9,]+ lines \(.*child.*\) about 300 children, [0-9]{4}-[0-9]{4}: [0-9]+ networks with [0-9]+ victims, [0-9]+ decoys", results[0].Output);
        byte[] Read(string name) => File.ReadAllBytes(Path.Combine(_folder, name));
        Assert.Equal(Read("a.jsonl"), Read("b.jsonl"));
        Assert.Equal(Read("a.json"), Read("b.json"));
        Assert.NotEqual(Read("a.jsonl"), Read("c.jsonl"));
        Assert.NotEqual(Read("a.json"), Read("c.json"));
    }

    [Theory]
    [InlineData("--children", "0")]
    [InlineData("--children", "2000001")]
    [InlineData("--out", "")]
    [InlineData("--truth", "")]
    [InlineData("--truth", "same")]
    public async Task SynthExtract_BadOption_ExitsTwoNamingTheOption(string option, string value)
    {
        var extract = Path.Combine(_folder, "x.jsonl");
        var args = new List<string> { "synth", "extract", "--children", option == "--children" ? value : "10" };
        if (option != "--out")
        {
            args.AddRange(["--out", extract]);
        }
        if (option != "--truth" || value == "same")
        {
            args.AddRange(["--truth", value == "same" ? extract : Path.Combine(_folder, "x.json")]);
        }

        var result = await LanternProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthExtract_SmallTown_ImportsThroughTheImporterOnSqlite_NothingSkipped()
    {
        var (extract, _) = Generate(seed: 5, children: 150);
        await using var app = await Scenarios.StartAsync(TestDatabase.Sqlite, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StringReader(extract);

        var summary = await scope.ServiceProvider.GetRequiredService<ExtractImport>().ImportAsync(reader, new Importer(null), null, Ct);

        Assert.Equal([], summary.Errors.Select(e => $"line {e.Line} {e.Field}: {e.Message}"));
        Assert.Equal(0, summary.Skipped);
        Assert.Equal(extract.Count(c => c == '\n'), summary.Lines);
        Assert.Equal(summary.Lines - 1, summary.Taken);
        foreach (var type in new[] { "child", "person", "vehicle", "phone", "place", "event", "referral", "missing" })
        {
            Assert.True(summary.TakenByType.GetValueOrDefault(type) > 0, $"no {type} lines taken");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SynthExtract_Truth_CoversEveryRecord_AndTheExtractHoldsTheHardCases(int seed)
    {
        var (extract, truthText) = Generate(seed, children: 150);
        var lines = extract.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        using var truth = JsonDocument.Parse(truthText);
        var root = truth.RootElement;

        // Every record line has exactly one truth entry, and every truth entry is a line.
        static string Key(JsonElement e) => $"{e.GetProperty("agency").GetString()}:{e.GetProperty("type").GetString()}:{e.GetProperty("id").GetString()}";
        var records = lines.Where(l => l.GetProperty("type").GetString() is not ("header" or "agency")).ToList();
        var truths = root.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(records.Select(Key).Order(), truths.Select(Key).Order());
        var entityOf = truths.ToDictionary(Key, t => t.GetProperty("entity").GetString()!);
        Assert.All(entityOf.Values, e => Assert.Matches("^(child|person|vehicle|phone|place|happening)-", e));
        var appearing = truths.SelectMany(t => new[] { t.GetProperty("entity").GetString()! }
            .Concat(t.TryGetProperty("names", out var n) ? n.EnumerateArray().Select(x => x.GetString()!) : [])
            .Concat(t.TryGetProperty("children", out var c) ? c.EnumerateArray().Select(x => x.GetString()!) : [])).ToHashSet();

        // Networks of at least three shapes, each naming entities of the extract, each with fragments in at least three agencies.
        var networks = root.GetProperty("networks").EnumerateArray().ToList();
        Assert.True(networks.Select(n => n.GetProperty("shape").GetString()).Distinct().Count() >= 3, "fewer than three shapes");
        foreach (var network in networks)
        {
            var id = network.GetProperty("id").GetString();
            foreach (var list in new[] { "members", "victims", "vehicles", "phones", "places" })
            {
                Assert.All(network.GetProperty(list).EnumerateArray(), e => Assert.Contains(e.GetString()!, appearing));
            }
            Assert.NotEmpty(network.GetProperty("victims").EnumerateArray());
            var agencies = truths.Where(t => t.TryGetProperty("network", out var n) && n.GetString() == id).Select(t => t.GetProperty("agency").GetString()).Distinct().Count();
            Assert.True(agencies >= 3, $"{id} has fragments in {agencies} agencies");
        }

        // A decoy of each kind, each naming entities of the extract.
        var decoys = root.GetProperty("decoys").EnumerateArray().ToList();
        Assert.Equal(DecoyKinds.Order(), decoys.Select(d => d.GetProperty("kind").GetString()).Distinct().Order());
        Assert.All(decoys, d => Assert.All(d.GetProperty("entities").EnumerateArray(), e => Assert.Contains(e.GetString()!, appearing)));

        // Each event, referral and missing episode's truth says when it happened, as its line does.
        var lineOf = records.ToDictionary(Key);
        Assert.All(truths.Where(t => t.GetProperty("type").GetString() is "event" or "referral" or "missing"), t =>
        {
            var line = lineOf[Key(t)];
            var field = t.GetProperty("type").GetString() switch { "event" => "occurredAt", "referral" => "receivedAt", _ => "missingFrom" };
            Assert.Equal(line.GetProperty(field).GetString(), t.GetProperty("at").GetString());
        });

        // A girl's one older boyfriend: one man and one girl, in records of several agencies tagged with the decoy, naming him.
        Assert.All(decoys.Where(d => d.GetProperty("kind").GetString() == "olderBoyfriend"), d =>
        {
            var entities = d.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Single(entities, e => e.StartsWith("child-", StringComparison.Ordinal));
            var man = Assert.Single(entities, e => e.StartsWith("person-", StringComparison.Ordinal));
            var tagged = truths.Where(t => t.TryGetProperty("decoy", out var x) && x.GetString() == d.GetProperty("id").GetString()).ToList();
            Assert.All(tagged.Where(t => t.TryGetProperty("children", out _)), t => Assert.Equal(entities.Where(e => e.StartsWith("child-", StringComparison.Ordinal)),
                t.GetProperty("children").EnumerateArray().Select(c => c.GetString())));
            Assert.True(tagged.Count(t => t.TryGetProperty("names", out var n) && n.EnumerateArray().Any(x => x.GetString() == man)) >= 2, "the boyfriend is named once or never");
        });

        // Namesakes: two true persons recorded under the same name.
        var persons = lines.Where(l => l.GetProperty("type").GetString() == "person" && l.TryGetProperty("name", out _)).ToList();
        Assert.Contains(decoys.Where(d => d.GetProperty("kind").GetString() == "namesake"), d =>
        {
            var pair = d.GetProperty("entities").EnumerateArray().Select(e => e.GetString()).ToList();
            var names = pair.Select(p => persons.Where(l => entityOf[Key(l)] == p).Select(l => NameText.Fold(l.GetProperty("name").GetString())).ToHashSet()).ToList();
            return names[0].Overlaps(names[1]);
        });

        // Twins: two true children one agency holds with the same date of birth and address.
        var children = lines.Where(l => l.GetProperty("type").GetString() == "child").ToList();
        var twinGroups = root.GetProperty("twins").EnumerateArray().Select(g => g.EnumerateArray().Select(e => e.GetString()).ToHashSet()).ToList();
        Assert.NotEmpty(twinGroups);
        Assert.Contains(children.Where(c => c.TryGetProperty("dateOfBirth", out _) && c.TryGetProperty("address", out _))
            .GroupBy(c => (c.GetProperty("agency").GetString(), c.GetProperty("dateOfBirth").GetString(), c.GetProperty("address").GetString())),
            g => g.Select(c => entityOf[Key(c)]).Distinct().Count() >= 2 && twinGroups.Any(t => g.Count(c => t.Contains(entityOf[Key(c)])) >= 2));

        // Partial plates and plates with O read as 0, in mentions.
        var plates = lines.Where(l => l.TryGetProperty("mentions", out _)).SelectMany(l => l.GetProperty("mentions").EnumerateArray())
            .Where(m => m.GetProperty("kind").GetString() == "vehicle").Select(m => m.GetProperty("value").GetString()!).ToList();
        Assert.Contains(plates, p => p.Contains('?', StringComparison.Ordinal));
        Assert.Contains(plates, p => p.Length >= 7 && p[4..].Contains('0', StringComparison.Ordinal) && !p.Contains('?', StringComparison.Ordinal));

        // A child known only by a first name and an age; victim-blaming words as practitioners wrote them.
        Assert.Contains(children, c => !c.TryGetProperty("familyName", out _) && c.TryGetProperty("approximateAge", out _));
        Assert.Contains(Blaming, w => extract.Contains(w, StringComparison.Ordinal));
        Assert.True(root.GetProperty("totals").GetProperty("victimBlamingLines").GetInt32() > 0);
    }
}
