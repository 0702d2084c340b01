namespace Lantern.Linking.Blocking;

/// <summary>
/// Generates candidate pairs for a whole data set from the union of the blocking rules. A pair found
/// by an earlier rule is not emitted again by a later one, so no set of seen pairs is held in memory.
/// Blocks larger than the cap are skipped (a very common name and year would otherwise explode).
/// </summary>
public static class CandidatePairs
{
    /// <summary>Counts of what blocking did, for the summary and the documentation.</summary>
    public sealed record Stats(long Pairs, long CappedBlocks, long CappedRecords, IReadOnlyList<long> PairsByRule);

    /// <param name="records">All records; in linking mode Source separates the two sides.</param>
    /// <param name="link">True to emit only pairs whose records come from different sources.</param>
    /// <param name="cap">Largest block that is expanded into pairs.</param>
    /// <param name="stats">What blocking did.</param>
    /// <returns>Pairs packed as (low index &lt;&lt; 32 | high index), sorted.</returns>
    public static long[] Generate(IReadOnlyList<PreparedRecord> records, bool link, int cap, out Stats stats)
    {
        ArgumentNullException.ThrowIfNull(records);
        var n = records.Count;
        var r = BlockingRules.Count;
        var keys = new ulong[n * r];
        Parallel.For(0, n, i => BlockingRules.Keys(records[i], keys.AsSpan(i * r, r)));
        var pairs = new List<long>(n * 4);
        long cappedBlocks = 0, cappedRecords = 0;
        var sortKeys = new ulong[n];
        var sortIdx = new int[n];
        var byRule = new long[r];
        for (var rule = 0; rule < r; rule++)
        {
            var before = pairs.Count;
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var k = keys[(i * r) + rule];
                if (k != 0)
                {
                    sortKeys[count] = k;
                    sortIdx[count] = i;
                    count++;
                }
            }
            Array.Sort(sortKeys, sortIdx, 0, count);
            var start = 0;
            while (start < count)
            {
                var end = start + 1;
                while (end < count && sortKeys[end] == sortKeys[start])
                {
                    end++;
                }
                var size = end - start;
                if (size > cap)
                {
                    cappedBlocks++;
                    cappedRecords += size;
                    // A skipped block does not count as having covered its pairs for later rules.
                    for (var p = start; p < end; p++)
                    {
                        keys[(sortIdx[p] * r) + rule] = 0;
                    }
                }
                else if (size > 1)
                {
                    for (var p = start; p < end; p++)
                    {
                        var i = sortIdx[p];
                        for (var q = p + 1; q < end; q++)
                        {
                            var j = sortIdx[q];
                            if (link && records[i].Source == records[j].Source)
                            {
                                continue;
                            }
                            if (!CoveredEarlier(keys, r, rule, i, j))
                            {
                                pairs.Add(Pack(i, j));
                            }
                        }
                    }
                }
                start = end;
            }
            byRule[rule] = pairs.Count - before;
        }
        var result = pairs.ToArray();
        Array.Sort(result);
        stats = new Stats(result.LongLength, cappedBlocks, cappedRecords, byRule);
        return result;
    }

    private static bool CoveredEarlier(ulong[] keys, int r, int rule, int i, int j)
    {
        var bi = i * r;
        var bj = j * r;
        for (var e = 0; e < rule; e++)
        {
            var k = keys[bi + e];
            if (k != 0 && k == keys[bj + e])
            {
                return true;
            }
        }
        return false;
    }

    public static long Pack(int i, int j) => i < j ? ((long)i << 32) | (uint)j : ((long)j << 32) | (uint)i;

    public static (int Left, int Right) Unpack(long pair) => ((int)(pair >> 32), (int)(pair & 0xFFFFFFFF));
}
