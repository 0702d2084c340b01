using System.Globalization;

namespace Lantern.Linking.Blocking;

/// <summary>
/// The blocking rules: two records become a candidate pair when any rule gives them the same key.
/// A key of 0 means the rule does not apply to the record (a field it needs is missing).
/// </summary>
public static class BlockingRules
{
    public static readonly IReadOnlyList<string> Names =
    [
        "given and family name sounds (either order) + birth year",
        "given name variant group + date of birth",
        "postcode + given initial",
        "identifier",
        "phone",
        "family name sound + given initial + birth year and month",
        "date of birth + family initial",
        "email",
        "vehicle",
        "given and family names (either order) + postcode district (or locality)",
        "date of birth + postcode",
        "postcode + first word of address",
        "date of birth + postcode district (or locality)",
    ];

    public static int Count => Names.Count;

    public static void Keys(PreparedRecord r, Span<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(r);
        keys.Clear();
        var year = r.DateOfBirth.Year?.ToString(CultureInfo.InvariantCulture);
        var given = r.GivenKeys;
        var family = r.FamilyKeys;
        if (given.Metaphone.Length > 0 && family.Metaphone.Length > 0 && year is not null)
        {
            var (x, y) = Ordered(given.Metaphone, family.Metaphone);
            keys[0] = Hash(0, x, y + year);
        }
        if (given.GroupKey.Length > 1 && r.DobCompact.Length > 0)
        {
            keys[1] = Hash(1, given.GroupKey, r.DobCompact);
        }
        if (!r.Postcode.IsMissing && r.Given.Length > 0)
        {
            keys[2] = Hash(2, r.Postcode.Value, r.Given[..1]);
        }
        if (r.Identifier is not null)
        {
            keys[3] = Hash(3, r.Identifier, "");
        }
        if (r.Phone is not null)
        {
            keys[4] = Hash(4, r.Phone, "");
        }
        if (family.Metaphone.Length > 0 && year is not null && r.DateOfBirth.Month is { } month && r.Given.Length > 0)
        {
            keys[5] = Hash(5, family.Metaphone, r.Given[..1] + year + "-" + month.ToString(CultureInfo.InvariantCulture));
        }
        if (r.DobCompact.Length > 0 && r.Family.Length > 0)
        {
            keys[6] = Hash(6, r.DobCompact, r.Family[..1]);
        }
        if (r.Email is not null)
        {
            keys[7] = Hash(7, r.Email, "");
        }
        if (r.Vehicle is not null)
        {
            keys[8] = Hash(8, r.Vehicle.ConfusionKey, "");
        }
        var area = r.Postcode.Outward ?? (r.Locality.Length > 0 ? r.Locality : null);
        if (r.Family.Length > 0 && r.Given.Length > 1 && area is not null)
        {
            var (x, y) = Ordered(r.Given, r.Family);
            keys[9] = Hash(9, x, y + "|" + area);
        }
        var postcode = r.Postcode.IsMissing ? null : r.Postcode.Sector ?? r.Postcode.Value;
        if (postcode is not null && r.DobCompact.Length > 0)
        {
            keys[10] = Hash(10, r.DobCompact, postcode);
        }
        if (!r.Postcode.IsMissing && r.AddressTokens.Count > 0)
        {
            keys[11] = Hash(11, r.Postcode.Value, r.AddressTokens[0]);
        }
        if (area is not null && r.DobCompact.Length > 0)
        {
            keys[12] = Hash(12, r.DobCompact, area);
        }
    }

    private static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>FNV-1a, 64-bit: stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong Hash(int rule, string a, string b)
    {
        var h = 14695981039346656037UL;
        h = (h ^ (ulong)(rule + 1)) * 1099511628211UL;
        foreach (var c in a)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h = (h ^ 0x1F) * 1099511628211UL;
        foreach (var c in b)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h == 0 ? 1 : h;
    }
}
