using Lantern.Linking.Blocking;
using Lantern.Linking.Model;
using Lantern.Linking.Synthetic;

namespace Lantern.Linking.Bench;

/// <summary>
/// Why true pairs were not linked, for the people steering the engine: never a candidate (no blocking key in
/// common), scored below the threshold, held back by a rule, or left out by clustering; each broken down by what
/// the two records look like (a missing or estimated date of birth, a partial record, a different given or family
/// name, a move...).
/// </summary>
internal static class MissedPairs
{
    private const int Shown = 6;

    public static void Report(LinkRun run, HouseholdPopulation population, double threshold, TextWriter output)
    {
        var records = run.Records;
        var linked = run.Matches.Select(p => (p.Left, p.Right)).ToHashSet();
        var scoredAbove = run.Suggestions.Concat(run.Matches).ToDictionary(p => (p.Left, p.Right), p => p);
        var keys = new ulong[records.Count * BlockingRules.Count];
        Parallel.For(0, records.Count, i => BlockingRules.Keys(records[i], keys.AsSpan(i * BlockingRules.Count, BlockingRules.Count)));
        var causes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var total = 0;
        // Examples of the pairs whose cause and shape start with one of these, separated by ';' (for example "below the threshold|moved").
        var wanted = (Environment.GetEnvironmentVariable("LANTERN_BENCH_MISSED") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        foreach (var group in Enumerable.Range(0, records.Count).GroupBy(i => population.EntityOf[records[i].Id]))
        {
            var members = group.ToArray();
            for (var x = 0; x < members.Length; x++)
            {
                for (var y = x + 1; y < members.Length; y++)
                {
                    var (i, j) = (Math.Min(members[x], members[y]), Math.Max(members[x], members[y]));
                    if (linked.Contains((i, j)))
                    {
                        continue;
                    }
                    total++;
                    var swapped = Comparisons.Compare(records[i], records[j], run.Scorer.Variants, levels);
                    string cause;
                    if (!SharesKey(keys, i, j))
                    {
                        cause = "never a candidate";
                    }
                    else if (scoredAbove.TryGetValue((i, j), out var p) && p.HoldBack != HoldBack.None)
                    {
                        cause = $"held back: {p.HoldBack}";
                    }
                    else if (run.Scorer.Score(records[i], records[j]) is var s && s.HoldBack != HoldBack.None)
                    {
                        cause = $"held back: {s.HoldBack}";
                    }
                    else if (s.Probability < threshold)
                    {
                        cause = "below the threshold";
                    }
                    else
                    {
                        cause = "candidate in a block over the cap";
                    }
                    var shape = Shape(records[i], records[j], levels, swapped);
                    if (!causes.TryGetValue(cause, out var shapes))
                    {
                        shapes = new Dictionary<string, int>(StringComparer.Ordinal);
                        causes[cause] = shapes;
                    }
                    shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                    if (wanted.FirstOrDefault(w => $"{cause}|{shape}".StartsWith(w, StringComparison.Ordinal)) is { } w
                        && (shown[w] = shown.GetValueOrDefault(w) + 1) <= 4)
                    {
                        output.WriteLine($"MISSED {cause} ({population.SourceOf[records[i].Id]}/{population.SourceOf[records[j].Id]}): {Show(records[i])} | {Show(records[j])}");
                        foreach (var line in run.Scorer.Explain(records[i], records[j]).Lines())
                        {
                            output.WriteLine("    " + line);
                        }
                    }
                }
            }
        }
        output.WriteLine($"  true pairs not linked: {total:N0}");
        foreach (var (cause, shapes) in causes.OrderByDescending(c => c.Value.Values.Sum()))
        {
            output.WriteLine($"    {cause}: {shapes.Values.Sum():N0}; "
                + string.Join("; ", shapes.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Shown).Select(s => $"{s.Key} {s.Value:N0}")));
        }
    }

    internal static string Show(PreparedRecord r) =>
        $"{string.Join(' ', r.Name.GivenTokens)} / {r.Family} / {r.DateOfBirth} {r.Sex} {r.Postcode.Value} {r.Address} {r.Phone} {r.Identifier}";

    private static bool SharesKey(ulong[] keys, int i, int j)
    {
        var r = BlockingRules.Count;
        for (var k = 0; k < r; k++)
        {
            var a = keys[(i * r) + k];
            if (a != 0 && a == keys[(j * r) + k])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What the two records look like, in a few words: each field that is missing or not the same.</summary>
    internal static string Shape(PreparedRecord a, PreparedRecord b, ReadOnlySpan<byte> levels, bool swapped)
    {
        var words = new List<string>();
        if (a.Family.Length == 0 || b.Family.Length == 0)
        {
            words.Add("partial");
        }
        if (swapped)
        {
            words.Add("swapped");
        }
        Word(words, levels, Field.Given, "given");
        if (a.Family.Length > 0 && b.Family.Length > 0)
        {
            Word(words, levels, Field.Family, "family");
        }
        if (a.DateOfBirth.IsMissing || b.DateOfBirth.IsMissing)
        {
            words.Add("no date");
        }
        else if (!a.DateOfBirth.IsComplete || !b.DateOfBirth.IsComplete)
        {
            words.Add("year only " + Comparisons.Levels[(int)Field.DateOfBirth][levels[(int)Field.DateOfBirth]].Code);
        }
        else if (levels[(int)Field.DateOfBirth] != 1)
        {
            var placeholder = a.DateOfBirth is { Month: 1, Day: 1 } || b.DateOfBirth is { Month: 1, Day: 1 };
            words.Add((placeholder ? "1 January " : "date ") + Comparisons.Levels[(int)Field.DateOfBirth][levels[(int)Field.DateOfBirth]].Code);
        }
        var postcode = levels[(int)Field.Postcode];
        var phone = levels[(int)Field.Phone];
        if (postcode == Comparisons.Missing)
        {
            words.Add("no postcode");
        }
        else if (postcode > 2)
        {
            words.Add("moved");
        }
        if (phone == 1)
        {
            words.Add("same phone");
        }
        if (levels[(int)Field.Identifier] is 1 or 2)
        {
            words.Add("same NHS number");
        }
        return words.Count == 0 ? "all the same" : string.Join(", ", words);
    }

    private static void Word(List<string> words, ReadOnlySpan<byte> levels, Field field, string name)
    {
        {
            var level = levels[(int)field];
            if (level != 1)
            {
                words.Add($"{name} {Comparisons.Levels[(int)field][level].Code}");
            }
        }
    }
}
