using System.Globalization;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>A generated population and which records are the same person.</summary>
public sealed record SyntheticPopulation(IReadOnlyList<PersonRecord> Records, IReadOnlyDictionary<string, string> EntityOf);

/// <summary>
/// A made-up population of a northern English town with the communities that live there, and duplicate
/// records corrupted the way agencies corrupt them: typos, nicknames, transliteration variants, swapped
/// names, missing fields, guessed or swapped dates of birth, moved addresses and changed phones. Every name
/// and address is invented or common; nothing describes a real person. Deterministic for a given seed.
/// </summary>
public sealed class SyntheticPeople(NameVariants variants, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Generates <paramref name="count"/> records, about <paramref name="duplicateRate"/> of them extra records of someone already present.</summary>
    public SyntheticPopulation Generate(int count, double duplicateRate)
    {
        var originals = Math.Max(1, (int)Math.Round(count * (1 - duplicateRate)));
        var records = new List<PersonRecord>(count);
        var entityOf = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var e = 0; e < originals; e++)
        {
            var person = NewPerson($"p{e}");
            records.Add(person);
            entityOf[person.Id] = $"e{e}";
        }
        for (var d = originals; d < count; d++)
        {
            var source = _random.Next(originals);
            var copy = Corrupt(records[source]) with { Id = $"p{d}" };
            records.Add(copy);
            entityOf[copy.Id] = $"e{source}";
        }
        // Shuffle so duplicates are not all at the end of the file.
        for (var i = records.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (records[i], records[j]) = (records[j], records[i]);
        }
        return new SyntheticPopulation(records, entityOf);
    }

    public PersonRecord NewPerson(string id)
    {
        var community = SyntheticTown.PickCommunity(_random);
        var male = _random.Next(2) == 0;
        var given = Pick(male ? community.Male : community.Female);
        var year = 1940 + _random.Next(82);
        var month = 1 + _random.Next(12);
        var day = 1 + _random.Next(DateTime.DaysInMonth(year, month));
        var district = 1 + _random.Next(22);
        var postcode = $"BD{district} {_random.Next(10)}{SyntheticTown.UnitLetters[_random.Next(SyntheticTown.UnitLetters.Length)]}{SyntheticTown.UnitLetters[_random.Next(SyntheticTown.UnitLetters.Length)]}";
        return new PersonRecord(id)
        {
            Given = Title(given),
            Family = Title(Pick(community.Family)),
            Sex = male ? "M" : "F",
            DateOfBirth = string.Create(CultureInfo.InvariantCulture, $"{day:D2}/{month:D2}/{year:D4}"),
            Postcode = postcode,
            Address = $"{1 + _random.Next(250)} {Title(Pick(SyntheticTown.Streets))}",
            Locality = "Bradford",
            Phone = _random.NextDouble() < 0.7 ? $"07{_random.Next(100, 999)} {_random.Next(100_000, 999_999)}" : null,
        };
    }

    /// <summary>Another agency's record of the same person: one to three corruptions.</summary>
    public PersonRecord Corrupt(PersonRecord original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var r = original;
        var changes = 1 + _random.Next(3);
        for (var c = 0; c < changes; c++)
        {
            r = _random.Next(12) switch
            {
                0 => r with { Given = Typo(r.Given) },
                1 => r with { Family = Typo(r.Family) },
                2 => r with { Given = Variant(r.Given, nickname: true) },
                3 => r with { Given = Variant(r.Given, nickname: false), Family = Variant(r.Family, nickname: false) },
                4 => r with { Given = r.Family, Family = r.Given },
                5 => r with { DateOfBirth = SwapDayMonth(r.DateOfBirth) },
                6 => r with { DateOfBirth = GuessDate(r.DateOfBirth) },
                7 => r with { DateOfBirth = _random.Next(3) == 0 ? null : Typo(r.DateOfBirth) },
                8 => Moved(r),
                9 => r with { Phone = null },
                10 => r with { Postcode = null, Address = _random.Next(2) == 0 ? null : r.Address },
                _ => Reformatted(r),
            };
        }
        return r;
    }

    private PersonRecord Moved(PersonRecord r)
    {
        var moved = NewPerson(r.Id);
        return r with { Postcode = moved.Postcode, Address = moved.Address, Phone = _random.Next(2) == 0 ? moved.Phone : r.Phone };
    }

    // Agencies write the same facts differently: capitals, no space in the postcode, ISO dates, +44 phones.
    private static PersonRecord Reformatted(PersonRecord r) => r with
    {
        Given = r.Given?.ToUpperInvariant(),
        Family = r.Family?.ToUpperInvariant(),
        Postcode = r.Postcode?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
        DateOfBirth = r.DateOfBirth is { Length: 10 } d && d[2] == '/' ? $"{d[6..]}-{d[3..5]}-{d[..2]}" : r.DateOfBirth,
        Phone = r.Phone is { } p && p.StartsWith('0') ? "+44 " + p[1..] : r.Phone,
    };

    private string? Variant(string? name, bool nickname)
    {
        if (name is null)
        {
            return null;
        }
        var folded = NameText.Fold(name);
        var options = nickname ? variants.NicknamesOf(folded) : variants.VariantsOf(folded);
        return options.Count == 0 ? name : Title(options[_random.Next(options.Count)]);
    }

    private string? Typo(string? text) => SyntheticTown.Typo(_random, text);

    private static string? SwapDayMonth(string? dob) =>
        dob is { Length: 10 } d && d[2] == '/' && int.TryParse(d[..2], CultureInfo.InvariantCulture, out var day) && day <= 12
            ? $"{d[3..5]}/{d[..2]}/{d[6..]}" : dob;

    // A guessed date: the year is roughly right, the day and month are the placeholder 1 January.
    private string? GuessDate(string? dob) =>
        dob is { Length: 10 } d && d[2] == '/' && int.TryParse(d[6..], CultureInfo.InvariantCulture, out var year)
            ? $"01/01/{year + _random.Next(-1, 2)}" : dob;

    private string Pick(string[] list) => list[_random.Next(list.Length)];

    private static string Title(string s) => SyntheticTown.Title(s);
}
