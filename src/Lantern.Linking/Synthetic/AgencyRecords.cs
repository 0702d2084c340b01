using System.Globalization;
using System.Text;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>
/// Writes one agency's record of a person with that agency's habits: the police in capitals with aliases,
/// estimated dates and no fixed abode; children's social care with full names and the step-family's name;
/// the NHS with ISO dates, the NHS number and an address that may be out of date; schools with preferred names
/// and the parent's phone; the youth service with first names, postcode districts and guessed years. A further
/// record of someone also gets the slips any agency makes: typos, other spellings, nicknames, swapped names,
/// swapped day and month, a mistyped digit, a missing phone or address, another format.
/// </summary>
internal sealed class AgencyRecords(NameVariants variants, Random random)
{
    [Flags]
    private enum Slip
    {
        None = 0,
        GivenTypo = 1,
        FamilyTypo = 2,
        GivenVariant = 4,
        FamilyVariant = 8,
        Nickname = 16,
        Swapped = 32,
        DayMonthSwapped = 64,
        DateTypo = 128,
        NoPhone = 256,
        NoAddress = 512,
        Reformatted = 1024,
    }

    // Relative frequency of each slip, in the order of the flags above.
    private static readonly double[] SlipWeights = [2, 2, 1.5, 1, 1, 0.7, 1, 1, 1, 0.5, 1];

    private static readonly double SlipTotal = SyntheticTown.Sum(SlipWeights);

    private static readonly string[] NoFixedAbode = ["NFA", "No fixed abode", "N.F.A.", "NO FIXED ABODE"];

    private readonly Dictionary<string, string[]> _variants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _nicknames = new(StringComparer.Ordinal);

    /// <summary>
    /// How likely each agency (indexed by <see cref="RecordSource"/>) is to hold a record of the person: schools
    /// only for ages 4 to 18, the youth service 11 to 25, the police mostly adults and teenagers, the NHS everyone,
    /// children's social care mostly children and their parents.
    /// </summary>
    public static void Weights(Resident p, bool parentOfChild, Span<double> weights)
    {
        var age = p.Age;
        (double Police, double Social, double Nhs, double School, double Youth) w = age switch
        {
            < 4 => (0, 2, 6, 0, 0),
            <= 10 => (0, 2, 4, 5, 0),
            <= 17 => (2, 2, 3, 5, 2.5),
            <= 25 => (3, age <= 21 ? 1 : 0.5, 4, age == 18 ? 1 : 0, 2),
            _ => (age < 60 ? 2.5 : 0.5, parentOfChild ? 2.5 : 0.2, 6, 0, 0),
        };
        if (p.Role == HouseholdRole.FosterChild)
        {
            w.Social *= 3;
        }
        if (parentOfChild && age <= 25)
        {
            w.Social += 2;
        }
        weights[(int)RecordSource.Police] = w.Police;
        weights[(int)RecordSource.ChildrensSocialCare] = w.Social;
        weights[(int)RecordSource.Nhs] = w.Nhs;
        weights[(int)RecordSource.School] = w.School;
        weights[(int)RecordSource.YouthService] = w.Youth;
    }

    public PersonRecord Write(Resident p, RecordSource source, bool further, string id)
    {
        var age = p.Age;
        var (home, past) = HomeAsWritten(p, source);
        if (source == RecordSource.YouthService && Chance(0.25))
        {
            return Partial(p, home, id);
        }
        var slips = further ? Slips() : Slip.None;
        var (given, family) = Names(p, source, slips);
        var postcode = home.Postcode;
        var address = home.Line;
        var locality = Chance(source switch
        {
            RecordSource.Police => 0.6,
            RecordSource.YouthService => 0.5,
            RecordSource.School => 0.8,
            _ => 0.92,
        }) ? home.Locality : null;
        if (source == RecordSource.Police && age is >= 18 and <= 65 && Chance(p.Role is HouseholdRole.SingleAdult or HouseholdRole.Housemate ? 0.08 : 0.03))
        {
            postcode = null;
            address = NoFixedAbode[random.Next(NoFixedAbode.Length)];
            locality = null;
        }
        else if (source == RecordSource.Police)
        {
            address = address.Replace(",", "", StringComparison.Ordinal).ToUpperInvariant();
        }
        else if (source == RecordSource.School && Chance(0.2))
        {
            postcode = postcode.Replace(" ", "", StringComparison.Ordinal);
        }
        var phone = Phone(p, source, age, past, home);
        if ((slips & Slip.NoPhone) != 0)
        {
            phone = null;
        }
        if ((slips & Slip.NoAddress) != 0)
        {
            postcode = null;
            address = Chance(0.5) ? null : address;
        }
        if ((slips & Slip.Reformatted) != 0)
        {
            given = given?.ToUpperInvariant();
            family = family?.ToUpperInvariant();
            postcode = postcode?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            phone = phone is { } ph && ph.StartsWith('0') ? "+44 " + ph[1..] : phone;
        }
        return new PersonRecord(id)
        {
            Given = given,
            Family = family,
            DateOfBirth = DateAsWritten(p, source, slips),
            Sex = source switch
            {
                RecordSource.ChildrensSocialCare => p.Male ? "Male" : "Female",
                RecordSource.YouthService => Chance(0.7) ? (p.Male ? "Male" : "Female") : null,
                _ => p.Male ? "M" : "F",
            },
            Postcode = postcode,
            Address = address,
            Locality = locality,
            Phone = phone,
            Identifier = Identifier(p, source),
        };
    }

    private PersonRecord Partial(Resident p, Home home, string id) => new(id)
    {
        Given = p.KnownAs ?? (Chance(0.2) ? Nickname(p.Given) : p.Given),
        Sex = Chance(0.4) ? (p.Male ? "Male" : "Female") : null,
        Postcode = string.Create(CultureInfo.InvariantCulture, $"BD{home.District}"),
        Phone = Chance(0.2) ? p.Mobile : null,
    };

    // An agency that has not caught up with a move holds the old address; a looked-after child's records are spread over placements.
    private (Home Home, bool Past) HomeAsWritten(Resident p, RecordSource source)
    {
        if (p.PastHomes.Length == 0)
        {
            return (p.Home, false);
        }
        var chance = p.Role == HouseholdRole.FosterChild ? 0.45 : source switch
        {
            RecordSource.Nhs => 0.25,
            RecordSource.Police => 0.15,
            RecordSource.ChildrensSocialCare or RecordSource.YouthService => 0.1,
            _ => 0.05,
        };
        return Chance(chance) ? (p.PastHomes[random.Next(p.PastHomes.Length)], true) : (p.Home, false);
    }

    private (string? Given, string? Family) Names(Resident p, RecordSource source, Slip slips)
    {
        // Known by the second name: Mohammed Imran is Imran at school and often to the police.
        var bySecondName = p.Middle is not null && p.KnownAs == p.Middle;
        var full = p.Middle is null ? p.Given : $"{p.Given} {p.Middle}";
        var roll = random.NextDouble();
        string given = source switch
        {
            RecordSource.Police when bySecondName => roll < 0.55 ? full : roll < 0.8 ? p.Given : p.Middle!,
            RecordSource.Police => roll < 0.15 ? p.KnownAs ?? Nickname(p.Given) : roll < 0.35 ? full : p.Given,
            RecordSource.ChildrensSocialCare => roll < 0.85 ? full : p.Given,
            RecordSource.Nhs => bySecondName || roll < 0.7 ? full : p.Given,
            RecordSource.School when bySecondName => roll < 0.5 ? p.Middle! : full,
            RecordSource.School => p.KnownAs is not null && roll < 0.55 ? p.KnownAs : roll < 0.9 ? p.Given : full,
            RecordSource.YouthService when bySecondName => roll < 0.7 ? p.Middle! : full,
            RecordSource.YouthService => p.KnownAs is not null && roll < 0.6 ? p.KnownAs : roll < 0.75 ? Nickname(p.Given) : p.Given,
            _ => full,
        };
        var family = p.Family;
        if (p.OtherFamily is not null && Chance(OtherFamilyChance(p.OtherKind, source)))
        {
            family = p.OtherFamily;
        }
        if (p.OtherKind == OtherFamilyKind.DoubleBarrelled && Chance(0.35) && family.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
        {
            family = Chance(0.6) ? family[..dash] : family[(dash + 1)..];
        }
        var suffix = random.NextDouble();
        if (p.Suffix == NameSuffix.Junior)
        {
            (given, family) = suffix < 0.25 ? (given + " Jnr", family) : suffix < 0.45 ? (given, family + " Jnr") : suffix < 0.5 ? (given + " Junior", family) : (given, family);
        }
        else if (p.Suffix == NameSuffix.Senior)
        {
            (given, family) = suffix < 0.15 ? (given + " Snr", family) : suffix < 0.25 ? (given, family + " Snr") : (given, family);
        }
        if ((slips & Slip.Nickname) != 0)
        {
            given = ReplaceFirstWord(given, Nickname(FirstWord(given)));
        }
        if ((slips & Slip.GivenVariant) != 0)
        {
            given = ReplaceFirstWord(given, Variant(FirstWord(given)));
        }
        if ((slips & Slip.FamilyVariant) != 0)
        {
            family = Variant(family);
        }
        if ((slips & Slip.GivenTypo) != 0)
        {
            given = SyntheticTown.Typo(random, given)!;
        }
        if ((slips & Slip.FamilyTypo) != 0)
        {
            family = SyntheticTown.Typo(random, family)!;
        }
        if ((slips & Slip.Swapped) != 0)
        {
            (given, family) = (family, given);
        }
        if (source == RecordSource.Police)
        {
            return (given.ToUpperInvariant(), family.ToUpperInvariant());
        }
        return (given, source == RecordSource.Nhs && Chance(0.3) ? family.ToUpperInvariant() : family);
    }

    private static double OtherFamilyChance(OtherFamilyKind kind, RecordSource source) => kind switch
    {
        OtherFamilyKind.Maiden => source switch
        {
            RecordSource.Police => 0.3,
            RecordSource.Nhs => 0.25,
            RecordSource.ChildrensSocialCare or RecordSource.YouthService => 0.1,
            _ => 0.05,
        },
        OtherFamilyKind.Title => 0.35,
        OtherFamilyKind.StepFamily => source switch
        {
            RecordSource.School => 0.5,
            RecordSource.ChildrensSocialCare => 0.4,
            RecordSource.YouthService => 0.3,
            RecordSource.Police => 0.2,
            _ => 0.1,
        },
        OtherFamilyKind.Faith => 0.3,
        _ => 0,
    };

    private string? DateAsWritten(Resident p, RecordSource source, Slip slips)
    {
        var dob = p.DateOfBirth;
        if ((slips & Slip.DayMonthSwapped) != 0 && dob.Day <= 12 && dob.Day != dob.Month)
        {
            dob = new DateOnly(dob.Year, dob.Day, dob.Month);
        }
        var roll = random.NextDouble();
        var text = source switch
        {
            RecordSource.Police => roll < 0.05 ? Dmy(Estimated(dob)) : roll < 0.07 ? "01/01/1900" : roll < 0.09 ? null : Dmy(dob),
            RecordSource.YouthService => roll < 0.12 ? dob.Year.ToString("D4", CultureInfo.InvariantCulture)
                : roll < 0.22 ? Dmy(Estimated(dob)) : roll < 0.28 ? null : Dmy(dob),
            RecordSource.ChildrensSocialCare => roll < 0.015 ? Dmy(Estimated(dob)) : roll < 0.02 ? null : Dmy(dob),
            RecordSource.Nhs => Iso(dob),
            RecordSource.School => roll < 0.75 ? Dmy(dob) : dob.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            _ => Dmy(dob),
        };
        return (slips & Slip.DateTypo) != 0 && text is not null ? DigitSlip(text) : text;
    }

    // The usual placeholder for a guessed birthday: 1 January of the year, the year itself a guess.
    private DateOnly Estimated(DateOnly dob) => new(dob.Year + (Chance(0.5) ? 0 : random.Next(2) * 2 - 1), 1, 1);

    // Written by hand: DateOnly.ToString with a format string is a measurable share of making a million records.
    private static string Dmy(DateOnly d) => string.Create(10, d, static (span, date) =>
    {
        Two(span, date.Day);
        span[2] = '/';
        Two(span[3..], date.Month);
        span[5] = '/';
        Four(span[6..], date.Year);
    });

    private static string Iso(DateOnly d) => string.Create(10, d, static (span, date) =>
    {
        Four(span, date.Year);
        span[4] = '-';
        Two(span[5..], date.Month);
        span[7] = '-';
        Two(span[8..], date.Day);
    });

    private static void Two(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
    }

    private static void Four(Span<char> span, int value)
    {
        Two(span, value / 100);
        Two(span[2..], value % 100);
    }

    private string? Phone(Resident p, RecordSource source, int age, bool past, Home home)
    {
        var own = past && p.PreviousMobile is not null ? p.PreviousMobile : p.Mobile;
        var contact = p.Contact;
        var child = age < 16 || (age < 18 && own is null);
        var roll = random.NextDouble();
        var phone = source switch
        {
            RecordSource.Police => roll < 0.2 ? own : null,
            RecordSource.ChildrensSocialCare when child => roll < 0.75 ? contact : roll < 0.85 ? own : null,
            RecordSource.ChildrensSocialCare => roll < 0.75 ? own ?? home.Landline : roll < 0.85 ? home.Landline : null,
            RecordSource.Nhs when child => roll < 0.7 ? contact : own,
            RecordSource.Nhs => roll < 0.85 ? own ?? home.Landline : home.Landline,
            RecordSource.School => age >= 16 && roll < 0.3 ? own ?? contact : roll < 0.9 ? contact : null,
            RecordSource.YouthService => roll < 0.6 ? own ?? contact : roll < 0.7 ? contact : null,
            _ => own,
        };
        if (phone is null)
        {
            return null;
        }
        return source switch
        {
            RecordSource.Police or RecordSource.School or RecordSource.YouthService when Chance(0.5) => phone.Replace(" ", "", StringComparison.Ordinal),
            RecordSource.Nhs when Chance(0.1) && phone.StartsWith("07", StringComparison.Ordinal) => "+44 " + phone[1..],
            _ => phone,
        };
    }

    // Only the NHS number is shared across agencies; a police or school reference would be another scheme.
    private string? Identifier(Resident p, RecordSource source)
    {
        var chance = source switch
        {
            RecordSource.Nhs => 1,
            RecordSource.ChildrensSocialCare => 0.6,
            RecordSource.School => 0.05,
            RecordSource.Police => 0.03,
            _ => 0,
        };
        if (!Chance(chance))
        {
            return null;
        }
        var nhs = Chance(0.01) ? DigitSlip(p.Nhs) : p.Nhs;
        var spaced = source switch
        {
            RecordSource.Nhs => 0.5,
            RecordSource.ChildrensSocialCare => 0.3,
            _ => 0,
        };
        return Chance(spaced) ? $"{nhs[..3]} {nhs[3..6]} {nhs[6..]}" : nhs;
    }

    private Slip Slips()
    {
        var roll = random.NextDouble();
        var count = roll < 0.5 ? 0 : roll < 0.85 ? 1 : 2;
        var slips = Slip.None;
        for (var i = 0; i < count; i++)
        {
            slips |= (Slip)(1 << SyntheticTown.PickWeighted(random, SlipWeights, SlipTotal));
        }
        return slips;
    }

    private string DigitSlip(string text)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var at = random.Next(text.Length);
            if (char.IsAsciiDigit(text[at]))
            {
                var digit = (char)('0' + ((text[at] - '0' + 1 + random.Next(9)) % 10));
                return string.Concat(text.AsSpan(0, at), new ReadOnlySpan<char>(in digit), text.AsSpan(at + 1));
            }
        }
        return text;
    }

    private string Nickname(string given)
    {
        var options = Cached(_nicknames, given, variants.NicknamesOf);
        return options.Length == 0 ? given : SyntheticTown.Title(options[random.Next(options.Length)]);
    }

    private string Variant(string name)
    {
        var options = Cached(_variants, name, variants.VariantsOf);
        return options.Length == 0 ? name : SyntheticTown.Title(options[random.Next(options.Length)]);
    }

    // The variant and nickname lists are looked up once per name: the town has a few hundred names.
    private static string[] Cached(Dictionary<string, string[]> cache, string name, Func<string, IReadOnlyList<string>> lookup)
    {
        if (!cache.TryGetValue(name, out var options))
        {
            options = [.. lookup(NameText.Fold(name))];
            cache[name] = options;
        }
        return options;
    }

    private static string FirstWord(string text) => text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? text[..space] : text;

    private static string ReplaceFirstWord(string text, string word) =>
        text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? new StringBuilder(word).Append(text.AsSpan(space)).ToString() : word;

    private bool Chance(double p) => SyntheticTown.Chance(random, p);
}
