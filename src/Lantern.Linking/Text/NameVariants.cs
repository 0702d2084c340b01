using System.Collections.Immutable;
using System.Reflection;

namespace Lantern.Linking.Text;

/// <summary>
/// Variant-spelling groups (transliteration) and nickname pairs. A name may belong to several
/// groups; two names are variants when they share one. Nicknames are a separate, weaker relation.
/// </summary>
public sealed class NameVariants
{
    private readonly Dictionary<string, List<int>> _groupsByName = new(StringComparer.Ordinal);
    private readonly List<string> _groupKeys = [];
    private readonly Dictionary<string, HashSet<string>> _nicknames = new(StringComparer.Ordinal);

    public int GroupCount => _groupKeys.Count;

    public int NicknamePairCount { get; private set; }

    private static readonly Lazy<NameVariants> EmbeddedDefault = new(LoadEmbedded);

    /// <summary>The curated, Wikidata and nickname data shipped with the library (see Data/README.md).</summary>
    public static NameVariants Default => EmbeddedDefault.Value;

    /// <summary>Adds groups from text: one group per line, names separated by commas; '#' starts a comment.</summary>
    public void AddGroups(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }
            var names = text.Split(',').Select(NameText.Fold).Select(n => n.Replace(" ", "", StringComparison.Ordinal))
                .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count < 2)
            {
                continue;
            }
            var id = _groupKeys.Count;
            _groupKeys.Add(names[0]);
            foreach (var n in names)
            {
                if (!_groupsByName.TryGetValue(n, out var list))
                {
                    list = [];
                    _groupsByName[n] = list;
                }
                list.Add(id);
            }
        }
    }

    /// <summary>Adds nickname pairs from CSV rows <c>name,has_nickname,nickname</c> (a header row is skipped).</summary>
    public void AddNicknames(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            if (parts.Length < 3 || parts[1].Trim() != "has_nickname")
            {
                continue;
            }
            var a = NameText.Fold(parts[0]).Replace(" ", "", StringComparison.Ordinal);
            var b = NameText.Fold(parts[2]).Replace(" ", "", StringComparison.Ordinal);
            if (a.Length == 0 || b.Length == 0 || a == b)
            {
                continue;
            }
            if (AddNickname(a, b) | AddNickname(b, a))
            {
                NicknamePairCount++;
            }
        }
    }

    private bool AddNickname(string a, string b)
    {
        if (!_nicknames.TryGetValue(a, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _nicknames[a] = set;
        }
        return set.Add(b);
    }

    /// <summary>The groups <paramref name="name"/> belongs to (a copy, in ascending order).</summary>
    public IReadOnlyList<int> GroupsOf(string name) =>
        name.Length > 0 && _groupsByName.TryGetValue(name, out var groups) ? [.. groups.Order()] : [];

    /// <summary>Whether two names' groups (from <see cref="GroupsOf"/>) share one: <see cref="AreVariants"/> without the lookups.</summary>
    public static bool ShareGroup(ImmutableArray<int> a, ImmutableArray<int> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                if (a[i] == b[j])
                {
                    return true;
                }
            }
        }
        return false;
    }

    public bool AreVariants(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0 || !_groupsByName.TryGetValue(a, out var ga) || !_groupsByName.TryGetValue(b, out var gb))
        {
            return false;
        }
        foreach (var x in ga)
        {
            foreach (var y in gb)
            {
                if (x == y)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Every other spelling that shares a variant group with <paramref name="name"/>, in a stable order.</summary>
    public IReadOnlyList<string> VariantsOf(string name)
    {
        if (!_groupsByName.TryGetValue(name, out var groups))
        {
            return [];
        }
        return [.. _groupsByName.Where(kv => kv.Key != name && kv.Value.Any(groups.Contains)).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The nicknames and full forms listed for <paramref name="name"/>, in a stable order.</summary>
    public IReadOnlyList<string> NicknamesOf(string name) =>
        _nicknames.TryGetValue(name, out var set) ? [.. set.Order(StringComparer.Ordinal)] : [];

    public bool AreNicknames(string a, string b) =>
        a.Length > 0 && b.Length > 0 && _nicknames.TryGetValue(a, out var set) && set.Contains(b);

    /// <summary>
    /// A blocking key shared by the spellings of one name: the key of the name's first group, or the
    /// name itself. Names in several groups may get different keys; other blocking rules catch those.
    /// </summary>
    public string GroupKey(string name) =>
        name.Length > 0 && _groupsByName.TryGetValue(name, out var groups) ? _groupKeys[groups.Min()] : name;

    private static NameVariants LoadEmbedded()
    {
        var variants = new NameVariants();
        var assembly = typeof(NameVariants).Assembly;
        variants.AddGroups(Open(assembly, "curated-variants.txt"));
        variants.AddGroups(Open(assembly, "wikidata-arabic-latin-groups.txt"));
        variants.AddNicknames(Open(assembly, "nicknames.csv"));
        return variants;
    }

    private static StreamReader Open(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
        return new StreamReader(assembly.GetManifestResourceStream(name)!);
    }
}
