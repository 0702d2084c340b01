using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>What a synthetic extract holds, for the one-line summary and the truth file's totals.</summary>
public sealed record SyntheticExtractSummary(
    long Lines,
    IReadOnlyDictionary<string, long> LinesByType,
    IReadOnlyDictionary<string, long> RecordsByAgency,
    int Children,
    int Networks,
    int Victims,
    int Decoys,
    int FirstYear,
    int LastYear,
    long VictimBlamingLines);

/// <summary>
/// Writes several years of a made-up town's multi-agency history in the extract format (docs/import-format.md,
/// version 1) and the truth about it: the town of households of <see cref="SyntheticHouseholds"/> as it was in the
/// years of the history, each child recorded by each agency in its own way (<see cref="AgencyRecords"/>), ordinary
/// referrals, missing episodes, school and health events; hidden exploitation networks of several shapes whose
/// fragments are scattered across the agencies; and honest decoys a naive linker would flag. Deterministic for a
/// seed: the same seed and number of children make byte-identical files, and nothing depends on the clock.
/// Streams: the town is held in memory, the lines are written as they are made.
/// </summary>
public sealed class SyntheticExtract
{
    /// <summary>Children beyond this would need more years of births than the town's history has.</summary>
    public const int MaxChildren = 2_000_000;

    private readonly NameVariants _variants;
    private readonly int _seed;
    private readonly int _children;

    public SyntheticExtract(NameVariants variants, int seed, int children)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(children);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(children, MaxChildren);
        _variants = variants;
        _seed = seed;
        _children = children;
    }

    /// <summary>The years of the history: nine years, the first from 2003 to 2006 by the seed (2006 to 2014 for seed 3).</summary>
    public static (int First, int Last) YearsOf(int seed)
    {
        var first = 2003 + (((seed % 4) + 4) % 4);
        return (first, first + 8);
    }

    /// <summary>Writes the extract (JSON lines) to <paramref name="extract"/> and the truth (one JSON document) to <paramref name="truth"/>.</summary>
    public SyntheticExtractSummary Write(Stream extract, Stream truth)
    {
        ArgumentNullException.ThrowIfNull(extract);
        ArgumentNullException.ThrowIfNull(truth);
        using var output = new ExtractOutput(extract, truth);
        return new ExtractHistory(_variants, _seed, _children, output).Write();
    }
}
