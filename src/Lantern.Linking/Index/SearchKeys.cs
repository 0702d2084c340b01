using Lantern.Linking.Blocking;

namespace Lantern.Linking.Index;

/// <summary>
/// Keys that let a search by name alone find records: blocking needs a date of birth, a postcode or an
/// identifier beside a name, and a person searching often has only a name, perhaps misspelt or in the wrong order.
/// </summary>
internal static class SearchKeys
{
    /// <summary>Keys an indexed record is listed under.</summary>
    public const int Count = 6;

    /// <summary>Keys a search reads (first letters, and a name's sound with the other's initial, in both orders).</summary>
    public const int QueryCount = 8;

    public static void Indexed(PreparedRecord r, Span<ulong> keys)
    {
        keys.Clear();
        var given = r.GivenKeys;
        var family = r.FamilyKeys;
        if (given.Metaphone.Length > 0 && family.Metaphone.Length > 0)
        {
            keys[0] = Pair(100, given.Metaphone, family.Metaphone);
            keys[1] = Pair(101, given.GroupKey, family.Metaphone);
        }
        if (family.Metaphone.Length > 0)
        {
            keys[2] = BlockingRules.Hash(102, family.Metaphone, "");
        }
        if (given.Metaphone.Length > 0)
        {
            keys[3] = BlockingRules.Hash(102, given.Metaphone, "");
        }
        if (r.Family.Length >= 3 && r.Given.Length > 0)
        {
            keys[4] = BlockingRules.Hash(103, r.Family[..3], r.Given[..1]);
        }
        // A nickname and a misspelt family name (Kate Macallister for Katherine Mcallister): the family name's sound and the given initial.
        if (family.Metaphone.Length > 0 && r.Given.Length > 0)
        {
            keys[5] = BlockingRules.Hash(104, family.Metaphone, r.Given[..1]);
        }
    }

    public static void Query(PreparedRecord r, Span<ulong> keys)
    {
        keys.Clear();
        var given = r.GivenKeys;
        var family = r.FamilyKeys;
        if (given.Metaphone.Length > 0 && family.Metaphone.Length > 0)
        {
            keys[0] = Pair(100, given.Metaphone, family.Metaphone);
            keys[1] = Pair(101, given.GroupKey, family.Metaphone);
            // Swapped: the typed family name is the record's given name.
            keys[2] = Pair(101, family.GroupKey, given.Metaphone);
        }
        else
        {
            // One name typed: it may be either of the record's names (rule 102 lists both).
            var only = family.Metaphone.Length > 0 ? family : given;
            if (only.Metaphone.Length > 0)
            {
                keys[3] = BlockingRules.Hash(102, only.Metaphone, "");
            }
        }
        if (r.Family.Length >= 3 && r.Given.Length > 0)
        {
            keys[4] = BlockingRules.Hash(103, r.Family[..3], r.Given[..1]);
        }
        if (r.Given.Length >= 3 && r.Family.Length > 0)
        {
            keys[5] = BlockingRules.Hash(103, r.Given[..3], r.Family[..1]);
        }
        if (family.Metaphone.Length > 0 && r.Given.Length > 0)
        {
            keys[6] = BlockingRules.Hash(104, family.Metaphone, r.Given[..1]);
        }
        if (given.Metaphone.Length > 0 && r.Family.Length > 0)
        {
            keys[7] = BlockingRules.Hash(104, given.Metaphone, r.Family[..1]);
        }
    }

    private static ulong Pair(int rule, string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? BlockingRules.Hash(rule, a, b) : BlockingRules.Hash(rule, b, a);
}
