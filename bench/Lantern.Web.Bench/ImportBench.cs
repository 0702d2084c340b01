using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Data;
using Lantern.Features.Import;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Web.Bench;

/// <summary>
/// The import of an extract of N lines (default 100,000) into the real app's database (SQLite, or PostgreSQL with
/// `postgres` when LANTERN_TEST_POSTGRES is set), then the same file again: lines a second, the time of each
/// run and the process's peak memory. The extract is four agencies' records of one town's children (households
/// sharing a family name and address, twins sharing a birthday, each child in one to three agencies' records
/// under their own ids and spellings), men of a few common names with nicknames, phones (a taxi office's shared
/// by many) and cars, and events about one or two children naming them, partial plates included. It measures
/// speed; it is not the synthetic town with hidden networks the network's alerts are tested on.
/// </summary>
internal static class ImportBench
{
    private static readonly string[] Given = ["Amira", "Leah", "Kayleigh", "Chloe", "Jade", "Sophie", "Aisha", "Ruby", "Mia", "Zara", "Ella", "Grace", "Holly", "Megan", "Paige", "Katherine", "Rebecca", "Sana", "Hannah", "Emily"];
    private static readonly string[] Family = ["Khan", "Smith", "Ahmed", "Jones", "Hussain", "Brown", "Ali", "Taylor", "Patel", "Wilson", "Begum", "Evans", "Shah", "Walsh", "Quarmby", "Riley", "Iqbal", "Moore"];
    private static readonly string[] Men = ["Mohammed", "Tariq", "John", "Paul", "Imran", "Shabir", "Gary", "Adil", "Lee", "Kabeer"];
    private static readonly string[] Nicknames = ["Boss", "Daddy", "Mo", "T", "Uncle", "Kingy", "Baz", "Chef"];
    private static readonly string[] Places = ["Star Grill", "the takeaway on Dunmore Street", "Hope Road flats", "Castle Park", "Northbridge Youth Club", "Fairfield children's home", "the bus station"];
    private static readonly (string Code, string Name, string Kind, string[] Types)[] Agencies =
    [
        ("NBP", "Northbridge Police", "police", ["policeIncident", "crime", "intelligence"]),
        ("CSC", "Northbridge Children's Social Care", "childrensSocialCare", ["caseNote", "meeting"]),
        ("NHS", "Northbridge NHS Foundation Trust", "health", ["healthAttendance", "sexualHealthAttendance"]),
        ("SCH", "Castle Hill Academy", "school", ["schoolEvent"]),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        // `town N`: the synthetic town's history of N children (`lantern synth extract`), hidden networks and decoys included.
        var town = args.Count > 0 && args[0] == "town";
        var rest = town ? args.Skip(1).ToList() : args;
        var size = rest.Count > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : town ? 10_000 : 100_000;
        var postgres = rest.Count > 1 && rest[1] == "postgres";
        var file = Path.Combine(Path.GetTempPath(), $"lantern-import-bench-{Environment.ProcessId}.jsonl");
        var truthFile = file + ".truth.json";
        try
        {
            if (town)
            {
                SyntheticExtractSummary made;
                using (var extract = File.Create(file))
                using (var truth = File.Create(truthFile))
                {
                    made = new SyntheticExtract(NameVariants.Default, 1, size).Write(extract, truth);
                }
                var byType = string.Join(", ", made.LinesByType.OrderByDescending(t => t.Value).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value:N0} {t.Key}")));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Extract: the synthetic town of {size:N0} children, {made.FirstYear}-{made.LastYear}: {made.Lines:N0} lines ({byType}), "
                    + $"{made.Networks} hidden networks with {made.Victims} victims, {made.Decoys} decoys, {new FileInfo(file).Length / 1_048_576.0:N0} MB"));
            }
            else
            {
                var counts = Write(file, size, seed: 1);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Extract: {size:N0} lines ({counts.Children:N0} agency records of {counts.People:N0} children, {counts.Persons:N0} persons, {counts.Events:N0} events), {new FileInfo(file).Length / 1_048_576.0:N0} MB"));
            }
            // The test host finds the app's content root through MvcTestingAppManifest.json in the current folder.
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
            await using var app = new TestApp(postgres ? TestDatabase.Postgres : TestDatabase.Sqlite);
            await app.InitializeAsync();
            if (!app.IsAvailable)
            {
                output.WriteLine("PostgreSQL asked for, but LANTERN_TEST_POSTGRES is not set.");
                return 2;
            }
            output.WriteLine(postgres ? "Database: PostgreSQL" : "Database: SQLite (embedded)");
            var first = await TimeAsync(app, file, output, "First import");
            var second = await TimeAsync(app, file, output, "Same file again");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Second import {first.TotalSeconds / second.TotalSeconds:N1} times faster than the first"));
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            var (children, entries, persons, vehicles, phones, places, links, pairs, audit) = (await db.Children.CountAsync(), await db.ChronologyEntries.CountAsync(),
                await db.Persons.CountAsync(), await db.Vehicles.CountAsync(), await db.Phones.CountAsync(), await db.Places.CountAsync(), await db.Links.CountAsync(),
                await db.IdentityMatches.CountAsync(), await db.AuditEvents.CountAsync());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stored: {children:N0} children's records, {entries:N0} chronology entries, {persons:N0} persons, {vehicles:N0} vehicles, {phones:N0} phones, "
                + $"{places:N0} places, {links:N0} links, {pairs:N0} identity decisions or pairs for review, {audit:N0} audit events"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak memory of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB"));
            var alerts = await db.Alerts.AsNoTracking().GroupBy(a => a.Rule).Select(g => new { Rule = g.Key, Count = g.Count() }).OrderBy(g => g.Rule).ToListAsync();
            output.WriteLine("Alerts raised: " + (alerts.Count == 0 ? "none" : string.Join(", ", alerts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Rule} {a.Count:N0}")))));
            if (town)
            {
                await JoinsAsync(db, truthFile, output);
            }
            return 0;
        }
        finally
        {
            File.Delete(file);
            File.Delete(truthFile);
        }
    }

    /// <summary>
    /// How well the agencies' records of one child (and of one man) were joined, scored against the synthetic town's truth:
    /// pairwise precision and recall over the source records, and the false joins among twins, the hardest case.
    /// </summary>
    private static async Task JoinsAsync(LanternDbContext db, string truthFile, TextWriter output)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(truthFile));
        var entity = new Dictionary<(string, string, string), string>();
        foreach (var r in truth.RootElement.GetProperty("records").EnumerateArray())
        {
            entity[(r.GetProperty("agency").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("id").GetString()!)] = r.GetProperty("entity").GetString()!;
        }
        var twinOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = 0;
        foreach (var twins in truth.RootElement.GetProperty("twins").EnumerateArray())
        {
            group++;
            foreach (var t in twins.EnumerateArray())
            {
                twinOf[t.GetString()!] = group;
            }
        }
        var codes = await db.Agencies.AsNoTracking().Where(a => a.Code != null).ToDictionaryAsync(a => a.Id, a => a.Code!);
        var childMerged = await db.Children.AsNoTracking().Where(c => c.MergedIntoId != null).ToDictionaryAsync(c => c.Id.Value, c => c.MergedIntoId!.Value.Value);
        var personMerged = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId != null).ToDictionaryAsync(p => p.Id, p => p.MergedIntoId!.Value);
        foreach (var (kind, merged, what) in new[] { ("child", childMerged, "children"), ("person", personMerged, "men and women named") })
        {
            var records = await db.SourceRecords.AsNoTracking().Where(r => r.Kind == kind).Select(r => new { r.AgencyId, r.SourceId, r.TargetId }).ToListAsync();
            var rows = records
                .Select(r =>
                {
                    var target = r.TargetId;
                    for (var hops = 0; hops < 100 && merged.TryGetValue(target, out var into); hops++)
                    {
                        target = into;
                    }
                    return (Lantern: target, True: entity.GetValueOrDefault((codes[r.AgencyId], kind, r.SourceId)));
                })
                .Where(r => r.True is not null)
                .ToList();
            static long Pairs(long n) => n * (n - 1) / 2;
            var joined = rows.GroupBy(r => r.Lantern).Sum(g => Pairs(g.Count()));
            var same = rows.GroupBy(r => r.True).Sum(g => Pairs(g.Count()));
            var right = rows.GroupBy(r => (r.Lantern, r.True)).Sum(g => Pairs(g.Count()));
            var twinsJoined = rows.GroupBy(r => r.Lantern)
                .Sum(g => g.Where(r => twinOf.ContainsKey(r.True!)).GroupBy(r => r.True).Select(t => (Twin: twinOf[t.Key!], Count: (long)t.Count()))
                    .GroupBy(t => t.Twin).Sum(t => t.Count() < 2 ? 0 : (Pairs(t.Sum(x => x.Count)) - t.Sum(x => Pairs(x.Count)))));
            var precision = joined == 0 ? 1 : (double)right / joined;
            var recall = same == 0 ? 1 : (double)right / same;
            var twinWords = kind == "child" ? string.Create(CultureInfo.InvariantCulture, $"; twins' records wrongly joined: {twinsJoined:N0} pairs") : "";
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Joins of {what}: {rows.Count:N0} source records of {rows.Select(r => r.True).Distinct().Count():N0} true entities became {rows.Select(r => r.Lantern).Distinct().Count():N0} records; pairs precision {precision:0.000}, recall {recall:0.000}, F1 {f1:0.000}{twinWords}"));
        }
        var waiting = await db.IdentityMatches.CountAsync(m => m.Status == IdentityMatchStatus.AwaitingReview);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pairs of children put to a person to decide: {waiting:N0}"));
    }

    internal static async Task<TimeSpan> TimeAsync(TestApp app, string file, TextWriter output, string what)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StreamReader(file);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var summary = await scope.ServiceProvider.GetRequiredService<ExtractImport>().ImportAsync(reader, new Importer(null), null, CancellationToken.None);
        watch.Stop();
        // Processor time too: on a shared machine the elapsed time includes waiting for the processor.
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {watch.Elapsed.TotalSeconds:N1} s ({cpu.TotalSeconds:N1} s of processor), {summary.Lines / watch.Elapsed.TotalSeconds:N0} lines/s; {summary.Taken:N0} taken, {summary.Unchanged:N0} unchanged, {summary.Skipped:N0} skipped"));
        foreach (var e in summary.Errors.Take(5))
        {
            output.WriteLine($"  line {e.Line} {e.Field}: {e.Message}");
        }
        return watch.Elapsed;
    }

    private sealed record Counts(int Children, int People, int Persons, int Events);

    /// <summary>Writes the extract; deterministic for a seed.</summary>
    private static Counts Write(string file, int lines, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        void Line(object o) => writer.WriteLine(JsonSerializer.Serialize(o));
        Line(new { type = "header", format = "lantern-extract", version = 1 });
        foreach (var a in Agencies)
        {
            Line(new { type = "agency", code = a.Code, name = a.Name, kind = a.Kind });
        }
        var budget = lines - 1 - Agencies.Length;
        var childRecords = budget / 8;
        var personRecords = budget / 16;
        var events = budget - childRecords - personRecords;

        // The town's children, in households: brothers and sisters share a family name, an address and a postcode;
        // one household in thirty has twins (the same birthday too).
        var people = new List<(string Given, string Family, DateOnly Born, string Address, string Postcode)>();
        while (people.Count < childRecords / 2 + 1)
        {
            var family = Family[random.Next(Family.Length)];
            var address = $"{random.Next(1, 200)} {Family[random.Next(Family.Length)]} Street, Northbridge";
            var postcode = $"NB{random.Next(1, 9)} {random.Next(1, 9)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
            var size = random.Next(1, 5);
            var born = new DateOnly(2004, 1, 1).AddDays(random.Next(0, 365 * 16));
            for (var i = 0; i < size; i++)
            {
                var twin = i > 0 && random.Next(30) == 0;
                var sibling = born.AddDays(random.Next(300, 1500) * i);
                people.Add((Given[random.Next(Given.Length)], family, twin ? people[^1].Born : sibling > Youngest ? Youngest.AddDays(-random.Next(0, 365)) : sibling, address, postcode));
            }
        }
        // Each child is in one to three agencies' records, each under its own id and its own way of writing the child.
        var ids = new List<(int Agency, string Id)>[Agencies.Length];
        for (var a = 0; a < Agencies.Length; a++)
        {
            ids[a] = [];
        }
        var written = 0;
        for (var p = 0; written < childRecords; p = (p + 1) % people.Count)
        {
            var child = people[p];
            var agency = random.Next(Agencies.Length);
            var id = $"{Agencies[agency].Code}-C{written}";
            var knownBirthday = random.Next(10) != 0;
            Line(new
            {
                type = "child",
                agency = Agencies[agency].Code,
                id,
                givenName = random.Next(20) == 0 ? child.Given.ToUpperInvariant() : child.Given,
                familyName = random.Next(25) == 0 ? null : child.Family,
                dateOfBirth = knownBirthday ? child.Born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                approximateAge = knownBirthday ? (int?)null : Math.Clamp(2024 - child.Born.Year, 0, 25),
                address = random.Next(4) == 0 ? null : child.Address,
                postcode = random.Next(3) == 0 ? null : child.Postcode,
            });
            ids[agency].Add((agency, id));
            written++;
        }
        // Men of a few common names, some known only by a nickname; a taxi office's phone shared by many drivers.
        var persons = new List<string>[Agencies.Length];
        for (var a = 0; a < Agencies.Length; a++)
        {
            persons[a] = [];
        }
        for (var i = 0; i < personRecords; i++)
        {
            var agency = random.Next(Agencies.Length);
            var id = $"{Agencies[agency].Code}-P{i}";
            var nicknameOnly = random.Next(6) == 0;
            Line(new
            {
                type = "person",
                agency = Agencies[agency].Code,
                id,
                name = nicknameOnly ? null : $"{Men[random.Next(Men.Length)]} {Family[random.Next(Family.Length)]}",
                nicknames = random.Next(3) == 0 || nicknameOnly ? new[] { Nicknames[random.Next(Nicknames.Length)] } : null,
                age = $"about {random.Next(18, 60)}",
                phones = new[] { new { number = random.Next(10) == 0 ? "01632 960 555" : $"07700 9{random.Next(0, 99_999):00000}", relation = "uses" } },
                vehicles = random.Next(2) == 0 ? new[] { new { registration = Plate(random), relation = "drives" } } : null,
            });
            persons[agency].Add(id);
        }
        for (var i = 0; i < events; i++)
        {
            var agency = random.Next(Agencies.Length);
            if (ids[agency].Count == 0)
            {
                agency = Array.FindIndex(ids, l => l.Count > 0);
            }
            var about = Enumerable.Range(0, random.Next(4) == 0 ? 2 : 1).Select(_ => ids[agency][random.Next(ids[agency].Count)].Id).Distinct()
                .Select(c => new { child = c, role = "victim" }).ToArray();
            var named = persons[agency].Count > 0 && random.Next(3) == 0 ? new[] { new { person = persons[agency][random.Next(persons[agency].Count)], relation = "seenWith" } } : null;
            var when = new DateTimeOffset(2004, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 60 * 24 * 365 * 20));
            Line(new
            {
                type = "event",
                agency = Agencies[agency].Code,
                id = $"{Agencies[agency].Code}-E{i}",
                eventType = Agencies[agency].Types[random.Next(Agencies[agency].Types.Length)],
                occurredAt = when.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                summary = "Seen with an older man near the takeaway late at night and taken home; said she was with friends.",
                children = about,
                persons = named,
                mentions = random.Next(3) == 0
                    ? new[] { new { kind = "vehicle", value = random.Next(4) == 0 ? Plate(random)[..5] + " ??" : Plate(random) }, new { kind = "place", value = Places[random.Next(Places.Length)] } }
                    : null,
            });
        }
        return new Counts(childRecords, people.Count, personRecords, events);
    }

    /// <summary>The latest birthday: every child of the town is born by then.</summary>
    private static readonly DateOnly Youngest = new(2022, 12, 31);

    private static string Plate(Random random)
    {
        const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        return $"NB{random.Next(10, 30)} {Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}";
    }
}
