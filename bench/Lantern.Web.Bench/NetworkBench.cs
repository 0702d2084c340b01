using System.Globalization;
using System.Text.Json;
using Lantern.Data;
using Lantern.Features.Network;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Web.Bench;

/// <summary>
/// The network's alerts scored against the truth of the synthetic town (`lantern synth extract`), seed by seed: each
/// town's history imported into the real app on SQLite, as an agency's extract is, the alerts raised as the records
/// arrive, the organised networks found by one run of the scheduled work, then every alert read back and judged by the
/// records behind it. It reports, per seed and over all seeds: which hidden networks were alerted; per network, the days
/// between the first record by which its evidence allowed an alert (one of its men named with two of its girls, one of
/// its cars, phones or places with three within twelve months, or its records joining three of its girls and two of its
/// men) and the alert's own evidence time; and the alerts that found no network, per 1,000 children, by the decoy they
/// came from (youth club, large family, namesake, school transport, children's home, fast-food place, a girl's one
/// older boyfriend) or "other".
/// </summary>
internal static class NetworkBench
{
    /// <summary>The network's rules: alerts about a person or a thing, not about one child.</summary>
    private static readonly string[] Rules = [MultipleVictimsRule.RuleKey, HotspotRule.RuleKey, OrganisedNetworkRule.RuleKey];

    private static readonly string[] NetworkLists = ["members", "vehicles", "phones", "places"];

    private static readonly string[] Kinds = ["youthClub", "largeFamily", "namesake", "schoolTransport", "childrensHome", "fastFood", "olderBoyfriend", "networkPartly", "other"];

    private static readonly Dictionary<string, string> KindWords = new(StringComparer.Ordinal)
    {
        ["youthClub"] = "youth club",
        ["largeFamily"] = "large family",
        ["namesake"] = "namesake",
        ["schoolTransport"] = "school transport",
        ["childrensHome"] = "children's home",
        ["fastFood"] = "fast-food place",
        ["olderBoyfriend"] = "one older boyfriend",
        ["networkPartly"] = "a network's record, fewer than two of its girls",
        ["other"] = "other",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var children = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8_000;
        List<int> seeds = args.Count > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [1, 2, 3];
        // The test host finds the app's content root through MvcTestingAppManifest.json in the current folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var results = new List<SeedResult>();
        foreach (var seed in seeds)
        {
            results.Add(await SeedAsync(children, seed, output));
            output.WriteLine();
        }
        Summary(results, output);
        return 0;
    }

    private sealed record SeedResult(int Seed, int Children, int Networks, int Alerted, int NetworkAlerts, List<double> Delays, Dictionary<string, Dictionary<string, int>> False, Dictionary<string, int> Raised);

    private sealed record TruthRecord(string Entity, DateTimeOffset? At, string[] Children, string[] Names, string? Network, string? Decoy);

    private sealed record TruthNetwork(string Id, string Shape, HashSet<string> Entities, HashSet<string> Victims);

    private sealed record TruthDecoy(string Id, string Kind, HashSet<string> Entities);

    private static async Task<SeedResult> SeedAsync(int size, int seed, TextWriter output)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lantern-network-bench-{Environment.ProcessId}-{seed}.jsonl");
        var truthFile = file + ".truth.json";
        try
        {
            SyntheticExtractSummary made;
            using (var extract = File.Create(file))
            using (var truth = File.Create(truthFile))
            {
                made = new SyntheticExtract(NameVariants.Default, seed, size).Write(extract, truth);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seed {seed}: the synthetic town of {made.Children:N0} children, {made.FirstYear}-{made.LastYear}: {made.Lines:N0} lines, {made.Networks} hidden networks with {made.Victims} victims, {made.Decoys} decoys"));
            await using var app = new TestApp(TestDatabase.Sqlite);
            // The report is the output: the host's own warnings (a new database's migrations) are left out of it.
            app.Settings["Logging:LogLevel:Default"] = "Error";
            app.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
            app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Error";
            app.Settings["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error";
            await app.InitializeAsync();
            await ImportBench.TimeAsync(app, file, output, "Import");
            await using var scope = app.Services.CreateAsyncScope();
            // The organised networks are the scheduled work's: one run after the import, as a node's next sweep would do.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var groups = await scope.ServiceProvider.GetRequiredService<OrganisedNetworks>().EvaluateAsync(CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Organised networks over the whole network: {watch.Elapsed.TotalSeconds:N1} s, {groups} alerts raised or updated"));
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            return await ScoreAsync(db, truthFile, seed, made.Children, output);
        }
        finally
        {
            File.Delete(file);
            File.Delete(truthFile);
        }
    }

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(x => x.GetString()!)] : [];

    private static async Task<SeedResult> ScoreAsync(LanternDbContext db, string truthFile, int seed, int size, TextWriter output)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(truthFile));
        var root = truth.RootElement;
        var records = new Dictionary<string, TruthRecord>(StringComparer.Ordinal);
        foreach (var r in root.GetProperty("records").EnumerateArray())
        {
            var key = $"{r.GetProperty("agency").GetString()}:{r.GetProperty("type").GetString()}:{r.GetProperty("id").GetString()}";
            records[key] = new TruthRecord(r.GetProperty("entity").GetString()!,
                r.TryGetProperty("at", out var at) ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture) : null,
                Strings(r, "children"), Strings(r, "names"),
                r.TryGetProperty("network", out var n) ? n.GetString() : null, r.TryGetProperty("decoy", out var d) ? d.GetString() : null);
        }
        var networks = root.GetProperty("networks").EnumerateArray().Select(n => new TruthNetwork(n.GetProperty("id").GetString()!, n.GetProperty("shape").GetString()!,
            [.. NetworkLists.SelectMany(l => Strings(n, l))], [.. Strings(n, "victims")])).ToList();
        var decoys = root.GetProperty("decoys").EnumerateArray().Select(d => new TruthDecoy(d.GetProperty("id").GetString()!, d.GetProperty("kind").GetString()!,
            [.. Strings(d, "entities")])).ToDictionary(d => d.Id);

        // Lantern's records to the true entities they hold (a merged record to its survivor's).
        var codes = await db.Agencies.AsNoTracking().Where(a => a.Code != null).ToDictionaryAsync(a => a.Id, a => a.Code!);
        var childMerged = await db.Children.AsNoTracking().Where(c => c.MergedIntoId != null).ToDictionaryAsync(c => c.Id.Value, c => c.MergedIntoId!.Value.Value);
        var personMerged = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId != null).ToDictionaryAsync(p => p.Id, p => p.MergedIntoId!.Value);
        var entitiesOf = new Dictionary<Guid, Dictionary<string, int>>();
        foreach (var r in await db.SourceRecords.AsNoTracking().Where(r => r.Kind != "event" && r.Kind != "referral" && r.Kind != "missing")
                     .Select(r => new { r.AgencyId, r.Kind, r.SourceId, r.TargetId }).ToListAsync())
        {
            var merged = r.Kind == "child" ? childMerged : r.Kind == "person" ? personMerged : [];
            var target = r.TargetId;
            for (var hops = 0; hops < 100 && merged.TryGetValue(target, out var into); hops++)
            {
                target = into;
            }
            if (records.TryGetValue($"{codes[r.AgencyId]}:{r.Kind}:{r.SourceId}", out var t))
            {
                var counts = entitiesOf.TryGetValue(target, out var c) ? c : entitiesOf[target] = new(StringComparer.Ordinal);
                counts[t.Entity] = counts.GetValueOrDefault(t.Entity) + 1;
            }
        }
        string? EntityOf(Guid id) => entitiesOf.TryGetValue(id, out var c) ? c.MaxBy(e => e.Value).Key : null;

        var alerts = await db.Alerts.AsNoTracking().Include(a => a.Evidence).Where(a => Rules.Contains(a.Rule)).ToListAsync();
        var entryIds = alerts.SelectMany(a => a.Evidence).Where(e => e.RecordType == "ChronologyEntry").Select(e => Guid.Parse(e.RecordReference)).Distinct().ToList();
        var entrySource = new Dictionary<Guid, string>();
        foreach (var chunk in entryIds.Chunk(500))
        {
            foreach (var e in await db.ChronologyEntries.AsNoTracking().Where(e => chunk.Contains(e.Id) && e.SourceRecord != null).Select(e => new { e.Id, e.SourceRecord }).ToListAsync())
            {
                entrySource[e.Id] = e.SourceRecord!;
            }
        }
        TruthRecord? RecordOf(string type, string reference) =>
            (type == "ChronologyEntry" ? entrySource.GetValueOrDefault(Guid.Parse(reference)) : reference) is { } key ? records.GetValueOrDefault(key) : null;

        // Each network: the first record by which its evidence allowed an alert.
        var allowed = networks.ToDictionary(n => n.Id, n => FirstAllowed(n, records.Values.Where(r => r.Network == n.Id && r.At is not null)));
        var found = networks.ToDictionary(n => n.Id, _ => new List<(string Rule, DateTimeOffset At)>());
        var falseAlerts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var raised = new Dictionary<string, int>(StringComparer.Ordinal);
        var networkAlerts = 0;
        var networksHeld = new List<int>();
        var examples = new List<string>();
        foreach (var alert in alerts)
        {
            raised[alert.Rule] = raised.GetValueOrDefault(alert.Rule) + 1;
            var evidence = alert.Evidence.Select(e => (Record: RecordOf(e.RecordType, e.RecordReference), e.At,
                Child: e.Member is { } m && m.StartsWith("Child:", StringComparison.Ordinal) ? EntityOf(Guid.Parse(m[6..])) : null)).ToList();
            var hit = false;
            var held = 0;
            foreach (var n in networks)
            {
                // The alert is about the network once its records join two of the network's girls: the later of that record and the alert's own evidence time.
                var second = evidence.Where(e => e.Record?.Network == n.Id && e.Child is not null && n.Victims.Contains(e.Child)).OrderBy(e => e.At)
                    .DistinctBy(e => e.Child).Skip(1).Select(e => (DateTimeOffset?)e.At).FirstOrDefault();
                if (second is { } joined)
                {
                    hit = true;
                    held++;
                    var complete = alert.EvidenceCompleteAt ?? alert.RaisedAt;
                    found[n.Id].Add((alert.Rule, joined > complete ? joined : complete));
                }
            }
            if (alert.Rule == OrganisedNetworkRule.RuleKey)
            {
                networksHeld.Add(held);
            }
            if (hit)
            {
                networkAlerts++;
                continue;
            }
            var prefix = alert.SubjectType.ToLowerInvariant() + "-";
            var subject = EntityOf(Guid.Parse(alert.SubjectId))
                ?? evidence.Where(e => e.Record is not null).SelectMany(e => e.Record!.Names).Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                    .GroupBy(n => n, StringComparer.Ordinal).MaxBy(g => g.Count())?.Key;
            var kind = decoys.Values.FirstOrDefault(d => subject is not null && d.Entities.Contains(subject))?.Kind
                ?? evidence.Where(e => e.Record?.Decoy is not null).GroupBy(e => decoys[e.Record!.Decoy!].Kind).MaxBy(g => g.Count())?.Key
                ?? (evidence.Any(e => e.Record?.Network is not null) ? "networkPartly" : "other");
            var byRule = falseAlerts.TryGetValue(kind, out var r) ? r : falseAlerts[kind] = new(StringComparer.Ordinal);
            byRule[alert.Rule] = byRule.GetValueOrDefault(alert.Rule) + 1;
            if (examples.Count < 12)
            {
                examples.Add(string.Create(CultureInfo.InvariantCulture,
                    $"    {KindWords[kind]}: {alert.Rule} about {subject ?? alert.SubjectType}, {alert.EvidenceCompleteAt:yyyy-MM-dd}; children {string.Join(", ", evidence.Select(e => e.Child).Distinct())}; records of {string.Join(", ", evidence.Select(e => e.Record?.Network ?? (e.Record?.Decoy is { } d ? decoys[d].Kind : "-")).Distinct())}"));
            }
        }

        output.WriteLine("Alerts raised: " + (raised.Count == 0 ? "none" : string.Join(", ", raised.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}")))));
        var alerted = networks.Count(n => found[n.Id].Count > 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Hidden networks alerted: {alerted} of {networks.Count}, by {networkAlerts:N0} alerts ({(alerted == 0 ? 0 : (double)networkAlerts / alerted):N1} a network alerted)"));
        output.WriteLine($"  {"network",-11} {"shape",-12} {"girls",5}  {"evidence allowed",-16}  {"alert's evidence",-16}  {"delay (days)",12}  rules");
        var delays = new List<double>();
        foreach (var n in networks)
        {
            var first = allowed[n.Id];
            var hits = found[n.Id];
            var at = hits.Count == 0 ? (DateTimeOffset?)null : hits.Min(h => h.At);
            var delay = at is { } a && first is { } f ? (a - f).TotalDays : (double?)null;
            if (delay is { } d)
            {
                delays.Add(d);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {n.Id,-11} {n.Shape,-12} {n.Victims.Count,5}  {first?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never",-16}  {at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "not alerted",-16}  {(delay is { } x ? x.ToString("N1", CultureInfo.InvariantCulture) : "-"),12}  {string.Join(", ", hits.Select(h => h.Rule).Distinct().Order(StringComparer.Ordinal))}"));
        }
        if (networksHeld.Count > 0)
        {
            output.WriteLine("Organised-network alerts by how many hidden networks each holds: "
                + string.Join(", ", networksHeld.GroupBy(h => h).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} network{(g.Key == 1 ? "" : "s")}: {g.Count()}"))));
        }
        var falseTotal = falseAlerts.Values.Sum(r => r.Values.Sum());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alerts finding no network: {falseTotal:N0}, {falseTotal * 1000.0 / size:N2} per 1,000 children"));
        foreach (var kind in Kinds.Where(falseAlerts.ContainsKey))
        {
            var byRule = falseAlerts[kind];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {KindWords[kind],-48} {byRule.Values.Sum(),6:N0}  {byRule.Values.Sum() * 1000.0 / size,7:N2} per 1,000 children  ({string.Join(", ", byRule.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))})"));
        }
        if (examples.Count > 0)
        {
            output.WriteLine("  the first of them: the rule, its subject's true entity, when, the children's true entities, whose records joined them");
            examples.ForEach(output.WriteLine);
        }
        return new SeedResult(seed, size, networks.Count, alerted, networkAlerts, delays, falseAlerts, raised);
    }

    /// <summary>
    /// The first record by which the network's own records allowed an alert: one of its men named in records about two of
    /// its girls, one of its cars, phones or places in records about three of them within twelve months, or its records
    /// joining three of its girls and two of its men into one connected group.
    /// </summary>
    private static DateTimeOffset? FirstAllowed(TruthNetwork network, IEnumerable<TruthRecord> records)
    {
        var seen = new Dictionary<string, List<(DateTimeOffset At, string Girl)>>(StringComparer.Ordinal);
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string x)
        {
            while (parent.TryGetValue(x, out var up) && up != x)
            {
                x = up;
            }
            return x;
        }
        foreach (var r in records.OrderBy(r => r.At))
        {
            var girls = r.Children.Where(network.Victims.Contains).ToList();
            if (girls.Count == 0)
            {
                continue;
            }
            // Or a connected group of its records holding three of its girls and two of its men (the organised network's rule).
            var joined = girls.Concat(r.Names.Where(network.Entities.Contains)).Select(Root).Distinct(StringComparer.Ordinal).ToList();
            foreach (var other in joined.Skip(1))
            {
                parent[other] = joined[0];
            }
            var group = parent.Keys.Concat(joined).Where(x => Root(x) == Root(joined[0])).Distinct(StringComparer.Ordinal).ToList();
            if (group.Count(x => network.Victims.Contains(x)) >= 3 && group.Count(x => x.StartsWith("person-", StringComparison.Ordinal)) >= 2)
            {
                return r.At;
            }
            foreach (var e in r.Names.Where(network.Entities.Contains))
            {
                var list = seen.TryGetValue(e, out var l) ? l : seen[e] = [];
                list.AddRange(girls.Select(g => (r.At!.Value, g)));
                var person = e.StartsWith("person-", StringComparison.Ordinal);
                var within = list.Where(x => person || x.At >= r.At!.Value.AddMonths(-12)).Select(x => x.Girl).Distinct().Count();
                if (within >= (person ? 2 : 3))
                {
                    return r.At;
                }
            }
        }
        return null;
    }

    private static void Summary(List<SeedResult> results, TextWriter output)
    {
        var children = results.Sum(r => r.Children);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Over {results.Count} seeds ({string.Join(", ", results.Select(r => r.Seed))}), {children:N0} children:"));
        output.WriteLine("  hidden networks alerted: " + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"seed {r.Seed} {r.Alerted}/{r.Networks}")))
            + string.Create(CultureInfo.InvariantCulture, $"; all {results.Sum(r => r.Alerted)}/{results.Sum(r => r.Networks)}, by {results.Sum(r => r.NetworkAlerts):N0} alerts ({(double)results.Sum(r => r.NetworkAlerts) / Math.Max(1, results.Sum(r => r.Alerted)):N1} a network alerted)"));
        var delays = results.SelectMany(r => r.Delays).Order().ToList();
        if (delays.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  delay after the evidence allowed an alert (days): median {delays[delays.Count / 2]:N1}, 90th percentile {delays[Math.Min(delays.Count - 1, (int)(delays.Count * 0.9))]:N1}, longest {delays[^1]:N1}; within a day {delays.Count(d => d is >= 0 and < 1)} of {delays.Count}, before it (an alert holding more than the network's own records) {delays.Count(d => d < 0)}"));
        }
        output.WriteLine("  alerts raised: " + string.Join(", ", results.SelectMany(r => r.Raised).GroupBy(r => r.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(x => x.Value):N0}"))));
        output.WriteLine($"  alerts finding no network, per 1,000 children:  {"all seeds",9}  {string.Join("  ", results.Select(r => $"{"seed " + r.Seed,8}"))}");
        foreach (var kind in Kinds.Append("all"))
        {
            int Count(SeedResult r) => kind == "all" ? r.False.Values.Sum(x => x.Values.Sum()) : r.False.TryGetValue(kind, out var x) ? x.Values.Sum() : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(kind == "all" ? "all" : KindWords[kind]),-48} {results.Sum(Count) * 1000.0 / children,9:N2}  {string.Join("  ", results.Select(r => (Count(r) * 1000.0 / r.Children).ToString("N2", CultureInfo.InvariantCulture).PadLeft(8)))}"));
        }
    }
}
