namespace Lantern.Linking.Text;

/// <summary>String similarity measures used by the comparison levels.</summary>
public static class StringSimilarity
{
    /// <summary>Jaro-Winkler similarity in [0, 1] with the usual prefix scale 0.1 over at most four characters.</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1.0 : 0.0;
        }
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }
        var jaro = Jaro(a, b);
        var prefix = 0;
        var limit = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + (prefix * 0.1 * (1.0 - jaro));
    }

    public static double Jaro(string a, string b)
    {
        if (a.Length > b.Length)
        {
            (a, b) = (b, a);
        }
        var window = Math.Max(0, (b.Length / 2) - 1);
        // Names are short; stack buffers keep the inner loop allocation-free.
        Span<bool> matchedB = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        Span<int> aMatchIndex = a.Length <= 128 ? stackalloc int[a.Length] : new int[a.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            aMatchIndex[i] = -1;
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedB[j] = true;
                    aMatchIndex[i] = j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0.0;
        }
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (aMatchIndex[i] < 0)
            {
                continue;
            }
            while (!matchedB[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
    }

    /// <summary>
    /// True when the strings differ by at most one insertion, deletion, substitution or swap of adjacent
    /// characters: the same answer as DamerauLevenshtein(a, b, 1) &lt;= 1 in one linear pass.
    /// </summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var first = -1;
            var diffs = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    if (++diffs == 1)
                    {
                        first = i;
                    }
                    else if (diffs > 2)
                    {
                        return false;
                    }
                }
            }
            if (diffs <= 1)
            {
                return true;
            }
            // Two differences: only an adjacent transposition is one edit.
            return first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first]
                && a.AsSpan(first + 2).SequenceEqual(b.AsSpan(first + 2));
        }
        if (Math.Abs(a.Length - b.Length) != 1)
        {
            return false;
        }
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        var s = 0;
        while (s < shorter.Length && shorter[s] == longer[s])
        {
            s++;
        }
        return shorter.AsSpan(s).SequenceEqual(longer.AsSpan(s + 1));
    }

    /// <summary>
    /// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), stopping
    /// early once it exceeds <paramref name="max"/>; returns max + 1 in that case.
    /// </summary>
    public static int DamerauLevenshtein(string a, string b, int max = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }
        var width = b.Length + 1;
        // Three rows on the stack: this runs for every candidate pair on dates, postcodes and identifiers.
        Span<int> buffer = width * 3 <= 384 ? stackalloc int[width * 3] : new int[width * 3];
        var prev2 = buffer[..width];
        var prev = buffer.Slice(width, width);
        var cur = buffer.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var oldPrev2 = prev2;
            prev2 = prev;
            prev = cur;
            cur = oldPrev2;
        }
        return prev[b.Length];
    }
}
