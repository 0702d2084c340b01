using Lantern.Linking.Blocking;
using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking.Index;

/// <summary>Settings of the in-memory index.</summary>
public sealed record IndexOptions
{
    /// <summary>Posting lists longer than this are not read at query time (a generic value, such as a switchboard number).</summary>
    public int QueryCap { get; init; } = 300;

    public int ReferenceYear { get; init; } = 2000;

    /// <summary>Name posting lists longer than this are not read whole by a search (a one-word search for "Mohammed").</summary>
    public int SearchCap { get; init; } = 10_000;

    /// <summary>Of a name posting list longer than <see cref="SearchCap"/>, a search reads this many records.</summary>
    public int SearchSample { get; init; } = 1_000;

    /// <summary>Shrink every value's share towards the model's rate (see <see cref="Scorer.ShrinkAllFrequencies"/>): for an index that starts small.</summary>
    public bool ShrinkFrequencies { get; init; }
}

/// <summary>One answer to a search: the record, its weight of evidence, and why it matched.</summary>
public sealed record SearchHit(string Id, double Weight, PairExplanation Explanation);

/// <summary>One answer to "who might this be?", with the rule (if any) that keeps it from being linked without a person deciding.</summary>
public sealed record IndexMatch(string Id, double Weight, double Probability, HoldBack HoldBack = HoldBack.None);

/// <summary>
/// An in-memory inverted index over the blocking keys, answering "who might this be?" for one record by
/// scoring only the records that share a key with it. Records are added and removed one at a time, and
/// term frequencies follow, so nothing is rebuilt. Reads may run in parallel with each other, but not with
/// a write: the caller serialises writes (for example behind a lock or a single writer queue).
/// </summary>
public sealed class PersonIndex
{
    private readonly List<PreparedRecord?> _slots = [];
    private readonly Stack<int> _free = new();
    private readonly Dictionary<string, int> _slotOfId = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, List<int>> _postings = [];
    private readonly RecordPreparer _preparer;
    private readonly IndexOptions _options;

    public PersonIndex(ModelParameters model, NameVariants variants, IndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? new IndexOptions();
        _preparer = new RecordPreparer(variants, _options.ReferenceYear);
        Scorer = new Scorer(model, new TermFrequencies(), variants) { ShrinkAllFrequencies = _options.ShrinkFrequencies };
    }

    public Scorer Scorer { get; }

    public int Count => _slotOfId.Count;

    public bool Contains(string id) => _slotOfId.ContainsKey(id);

    /// <summary>Adds a record; a record with the same id is replaced.</summary>
    public void Add(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Remove(record.Id);
        var prepared = _preparer.Prepare(record);
        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
            _slots[slot] = prepared;
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(prepared);
        }
        _slotOfId[record.Id] = slot;
        Scorer.Frequencies.Add(prepared);
        Span<ulong> keys = stackalloc ulong[BlockingRules.Count + SearchKeys.Count];
        AllKeys(prepared, keys);
        foreach (var key in keys)
        {
            if (key == 0)
            {
                continue;
            }
            if (!_postings.TryGetValue(key, out var list))
            {
                list = new List<int>(2);
                _postings[key] = list;
            }
            list.Add(slot);
        }
    }

    private static void AllKeys(PreparedRecord prepared, Span<ulong> keys)
    {
        BlockingRules.Keys(prepared, keys[..BlockingRules.Count]);
        SearchKeys.Indexed(prepared, keys[BlockingRules.Count..]);
        // Two rules can give one record the same key only by a hash collision; a slot is listed once per key.
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] != 0 && keys[..i].Contains(keys[i]))
            {
                keys[i] = 0;
            }
        }
    }

    /// <summary>Removes a record by id; returns false when it was not there.</summary>
    public bool Remove(string id)
    {
        if (!_slotOfId.Remove(id, out var slot))
        {
            return false;
        }
        var prepared = _slots[slot]!;
        Scorer.Frequencies.Remove(prepared);
        Span<ulong> keys = stackalloc ulong[BlockingRules.Count + SearchKeys.Count];
        AllKeys(prepared, keys);
        foreach (var key in keys)
        {
            if (key != 0 && _postings.TryGetValue(key, out var list))
            {
                // Swap-remove: posting order does not matter, and this keeps removal cheap on long lists.
                var at = list.IndexOf(slot);
                list[at] = list[^1];
                list.RemoveAt(list.Count - 1);
                if (list.Count == 0)
                {
                    _postings.Remove(key);
                }
            }
        }
        _slots[slot] = null;
        _free.Push(slot);
        return true;
    }

    /// <summary>
    /// Records that might be the same person as <paramref name="record"/>, best first, at or above
    /// <paramref name="minimumProbability"/>. A record with the same id as the query is left out.
    /// </summary>
    public IReadOnlyList<IndexMatch> Query(PersonRecord record, int maxResults = 10, double minimumProbability = 0.5)
    {
        ArgumentNullException.ThrowIfNull(record);
        var query = _preparer.Prepare(record);
        Span<ulong> keys = stackalloc ulong[BlockingRules.Count];
        BlockingRules.Keys(query, keys);
        var seen = new HashSet<int>();
        var results = new List<IndexMatch>();
        var minimumWeight = ModelParameters.ToWeight(minimumProbability);
        foreach (var key in keys)
        {
            if (key == 0 || !_postings.TryGetValue(key, out var list) || list.Count > _options.QueryCap)
            {
                continue;
            }
            foreach (var slot in list)
            {
                if (!seen.Add(slot))
                {
                    continue;
                }
                var candidate = _slots[slot]!;
                if (candidate.Id == record.Id)
                {
                    continue;
                }
                var score = Scorer.Score(query, candidate);
                if (score.Weight >= minimumWeight)
                {
                    results.Add(new IndexMatch(candidate.Id, score.Weight, score.Probability, score.HoldBack));
                }
            }
        }
        results.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Id, b.Id));
        return results.Count > maxResults ? results[..maxResults] : results;
    }

    /// <summary>
    /// A search by what a person typed (names, perhaps a date of birth or a postcode): records sharing a blocking
    /// key or a name key (the sound of both names in either order, of one name alone, a variant group, or the first
    /// letters of the family name) are scored, and those with evidence for them beyond the starting point come back
    /// best first, each with its explanation. Variants, nicknames, swapped names and misspellings that keep a name's
    /// sound or its first letters are found.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(PersonRecord record, int maxResults = 50)
    {
        ArgumentNullException.ThrowIfNull(record);
        var query = _preparer.Prepare(record);
        Span<ulong> blocking = stackalloc ulong[BlockingRules.Count];
        BlockingRules.Keys(query, blocking);
        Span<ulong> names = stackalloc ulong[SearchKeys.QueryCount];
        SearchKeys.Query(query, names);
        var seen = new HashSet<int>();
        var scored = new List<(int Slot, double Weight)>();
        // A list longer than its cap is not read whole: a blocking key's is a generic value and is skipped; of a name
        // key's (a one-word search for "Smith") the first SearchSample records are read, so that a common name finds
        // some of its people rather than none, and the caller can ask for more to be typed.
        void Read(ReadOnlySpan<ulong> keys, int cap, int sample)
        {
            foreach (var key in keys)
            {
                if (key == 0 || !_postings.TryGetValue(key, out var list))
                {
                    continue;
                }
                var read = list.Count <= cap ? list.Count : Math.Min(list.Count, sample);
                foreach (var slot in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[..read])
                {
                    if (seen.Add(slot))
                    {
                        var weight = Scorer.Score(query, _slots[slot]!).Weight;
                        if (weight > Scorer.Model.PriorWeight)
                        {
                            scored.Add((slot, weight));
                        }
                    }
                }
            }
        }
        Read(blocking, _options.QueryCap, 0);
        Read(names, _options.SearchCap, _options.SearchSample);
        var nicknames = new List<ulong>();
        SearchKeys.Nicknames(query, _preparer.Variants, nicknames);
        Read(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nicknames), _options.SearchCap, _options.SearchSample);
        scored.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(_slots[a.Slot]!.Id, _slots[b.Slot]!.Id));
        return [.. scored.Take(maxResults).Select(s => new SearchHit(_slots[s.Slot]!.Id, s.Weight, Scorer.Explain(query, _slots[s.Slot]!)))];
    }

    /// <summary>Why <paramref name="record"/> and the indexed record <paramref name="id"/> scored as they did.</summary>
    public PairExplanation Explain(PersonRecord record, string id)
    {
        ArgumentNullException.ThrowIfNull(record);
        var slot = _slotOfId.TryGetValue(id, out var s) ? s : throw new KeyNotFoundException($"no record '{id}' in the index");
        return Scorer.Explain(_preparer.Prepare(record), _slots[slot]!);
    }
}
