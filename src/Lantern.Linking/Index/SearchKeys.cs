using Lantern.Linking.Blocking;
using Lantern.Linking.Text;

namespace Lantern.Linking.Index;

/// <summary>
/// Keys that let a search by name alone find records: blocking needs a date of birth, a postcode or an
/// identifier beside a name, and a person searching often has only a name, perhaps misspelt or in the wrong order.
/// </summary>
internal static class SearchKeys
{
    /// <summary>Keys an indexed record is listed under.</summary>
    public const int Count = 7;

    /// <summary>
    /// Keys a search reads (first letters, a name's sound with the other's initial, and a given name's spellings
    /// with the family initial, in both orders).
    /// </summary>
    public const int QueryCount = 10;

    /// <summary>At most this many nicknames or full forms of a typed given name are searched for.</summary>
    public const int MaxNicknames = 12;

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
        // A family name misspelt so that neither its sound nor its first three letters survive (Sarah Snith):
        // the given name's spellings and the family initial.
        if (given.GroupKey.Length > 0 && r.Family.Length > 0)
        {
            keys[6] = BlockingRules.Hash(105, given.GroupKey, r.Family[..1]);
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
        if (given.GroupKey.Length > 0 && r.Family.Length > 0)
        {
            keys[8] = BlockingRules.Hash(105, given.GroupKey, r.Family[..1]);
        }
        if (family.GroupKey.Length > 0 && r.Given.Length > 0)
        {
            keys[9] = BlockingRules.Hash(105, family.GroupKey, r.Given[..1]);
        }
    }

    /// <summary>
    /// Keys for the nicknames and full forms of the typed given name (Bob for Robert, Robert for Bob), whose
    /// sound and initial differ from it: each form's spellings with the family initial, and the family name's
    /// sound with each form's initial.
    /// </summary>
    public static void Nicknames(PreparedRecord r, NameVariants variants, List<ulong> keys)
    {
        if (r.GivenKeys.Value.Length == 0 || r.Family.Length == 0)
        {
            return;
        }
        foreach (var form in variants.NicknamesOf(r.GivenKeys.Value).Take(MaxNicknames))
        {
            keys.Add(BlockingRules.Hash(105, variants.GroupKey(form), r.Family[..1]));
            if (r.FamilyKeys.Metaphone.Length > 0 && form[0] != r.Given[0])
            {
                keys.Add(BlockingRules.Hash(104, r.FamilyKeys.Metaphone, form[..1]));
            }
        }
    }

    private static ulong Pair(int rule, string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? BlockingRules.Hash(rule, a, b) : BlockingRules.Hash(rule, b, a);
}
