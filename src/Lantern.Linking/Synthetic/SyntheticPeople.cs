using System.Globalization;
using System.Text;
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
    private sealed record Community(double Share, string[] Male, string[] Female, string[] Family);

    private static readonly Community[] Communities =
    [
        new(0.55,
            ["jack", "oliver", "harry", "george", "thomas", "james", "william", "daniel", "joshua", "samuel", "matthew", "ryan", "liam", "connor", "callum", "jordan", "lewis", "adam", "luke", "michael", "robert", "david", "john", "paul", "mark", "stephen", "christopher", "andrew", "anthony", "kieran", "jake", "nathan", "dylan", "ethan", "charlie", "alfie", "archie", "leo", "noah", "toby"],
            ["olivia", "amelia", "emily", "jessica", "sophie", "chloe", "lucy", "hannah", "charlotte", "ellie", "megan", "lauren", "rebecca", "katie", "bethany", "jade", "amy", "rachel", "sarah", "laura", "emma", "nicola", "michelle", "kelly", "stacey", "gemma", "natalie", "danielle", "leanne", "kayleigh", "courtney", "paige", "mia", "isla", "poppy", "ruby", "grace", "evie", "millie", "lily"],
            ["smith", "jones", "taylor", "brown", "wilson", "johnson", "walker", "wright", "robinson", "thompson", "white", "hughes", "edwards", "green", "hall", "wood", "harris", "lewis", "martin", "jackson", "clarke", "clark", "turner", "hill", "scott", "cooper", "morris", "ward", "moore", "king", "watson", "baker", "harrison", "morgan", "patterson", "holmes", "sutcliffe", "greenwood", "ackroyd", "barraclough", "hirst", "haigh", "butterworth", "crowther", "sykes", "priestley", "lister", "firth", "holroyd", "illingworth"]),
        new(0.25,
            ["muhammad", "mohammed", "ahmed", "ali", "hassan", "hussain", "imran", "asif", "tariq", "zahid", "shahid", "khalid", "waqas", "usman", "umar", "bilal", "hamza", "zain", "ibrahim", "yusuf", "adnan", "faisal", "kamran", "rizwan", "naveed", "javed", "arslan", "danyal", "ayaan", "rayyan", "haroon", "irfan", "sohail", "shoaib", "junaid", "nadeem", "wasim", "zubair", "abdullah", "abdulrahman"],
            ["ayesha", "fatima", "zainab", "maryam", "amina", "khadija", "sana", "nadia", "samina", "shabana", "rubina", "nasreen", "parveen", "shazia", "farzana", "sadia", "hafsa", "sumaya", "yasmin", "noor", "aleena", "anaya", "eman", "hira", "iqra", "mahnoor", "alishba", "laiba", "zara", "saima", "bushra", "tahira", "rukhsana", "shamim", "naila", "uzma", "asma", "kiran", "sobia", "mehreen"],
            ["khan", "hussain", "ahmed", "ali", "akhtar", "iqbal", "mahmood", "rashid", "shah", "butt", "bhatti", "qureshi", "chaudhry", "malik", "mirza", "sheikh", "raja", "javed", "aslam", "anwar", "arshad", "ashraf", "aziz", "bashir", "hanif", "latif", "majid", "nawaz", "rafiq", "rehman", "saleem", "sadiq", "siddiqui", "yousaf", "zaman", "kazmi", "naqvi", "hameed", "riaz", "younis"]),
        new(0.04,
            ["mohammed", "abdul", "shahid", "jamal", "rahim", "karim", "mizanur", "habibur", "rubel", "sumon", "anwar", "faruk"],
            ["fatema", "rahima", "nasima", "shirin", "taslima", "rokeya", "salma", "hasina", "jesmin", "sultana", "begum", "nazma"],
            ["miah", "begum", "uddin", "rahman", "islam", "alam", "hossain", "chowdhury", "ahmed", "khatun", "ali", "hoque"]),
        new(0.04,
            ["raj", "arjun", "vikram", "sanjay", "amit", "rahul", "harpreet", "gurpreet", "jaswinder", "manjit", "sunil", "deepak"],
            ["priya", "anjali", "sunita", "kavita", "neha", "pooja", "harjit", "manpreet", "rajinder", "simran", "asha", "meena"],
            ["patel", "singh", "kaur", "sharma", "gill", "sandhu", "sidhu", "mistry", "mehta", "desai", "parmar", "chauhan"]),
        new(0.05,
            ["piotr", "tomasz", "pawel", "krzysztof", "marek", "michal", "jakub", "lukasz", "marcin", "andrzej", "jan", "adrian"],
            ["anna", "katarzyna", "magdalena", "agnieszka", "joanna", "monika", "ewa", "natalia", "karolina", "aleksandra", "zofia", "julia"],
            ["nowak", "kowalski", "wisniewski", "wojcik", "kowalczyk", "kaminski", "lewandowski", "zielinski", "szymanski", "wozniak", "dabrowski", "kozlowski"]),
        new(0.03,
            ["kwame", "kofi", "emmanuel", "samuel", "tunde", "chidi", "david", "daniel", "marcus", "tyrone", "jermaine", "andre"],
            ["abena", "ama", "blessing", "grace", "chioma", "ngozi", "precious", "joy", "shanice", "tanisha", "aaliyah", "kezia"],
            ["mensah", "owusu", "okafor", "adeyemi", "okoro", "boateng", "campbell", "williams", "brown", "francis", "grant", "henry"]),
        new(0.02,
            ["omar", "mustafa", "yousef", "khaled", "ahmad", "mahmoud", "osama", "tarek", "walid", "samir", "nabil", "ziad"],
            ["layla", "noura", "rania", "hala", "dina", "lina", "mariam", "salma", "yasmine", "huda", "amal", "reem"],
            ["al-hussein", "haddad", "khalil", "nasser", "saleh", "hamdan", "abbas", "mansour", "yassin", "darwish", "osman", "hassan"]),
        new(0.02,
            ["milan", "roman", "jozef", "lukas", "marek", "patrik", "denis", "stefan"],
            ["maria", "jana", "monika", "veronika", "simona", "nikola", "denisa", "lucia"],
            ["horvath", "balog", "lakatos", "kovac", "gazi", "bandy", "oracko", "dudi"]),
    ];

    private static readonly string[] Streets =
    [
        "manningham lane", "lumb lane", "oak lane", "whetley hill", "toller lane", "heaton road", "duckworth lane", "allerton road",
        "thornton road", "great horton road", "legrams lane", "little horton lane", "manchester road", "wakefield road", "leeds road",
        "otley road", "keighley road", "bolton road", "killinghall road", "harrogate road", "idle road", "kings road", "queens road",
        "st pauls road", "carlisle road", "victor road", "marlborough road", "southfield lane", "beacon road", "cemetery road",
        "parkside road", "park lane", "bowling old lane", "rooley lane", "tong street", "sticker lane", "holme lane", "cutler heights lane",
        "westgate", "sunbridge road", "church street", "high street", "mill lane", "chapel street", "school street", "station road",
        "victoria road", "albert road", "garden street", "green lane", "moor lane", "spring gardens", "primrose street", "clover street",
    ];

    private const string UnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

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
        var roll = _random.NextDouble();
        var community = Communities[^1];
        foreach (var c in Communities)
        {
            if (roll < c.Share)
            {
                community = c;
                break;
            }
            roll -= c.Share;
        }
        var male = _random.Next(2) == 0;
        var given = Pick(male ? community.Male : community.Female);
        var year = 1940 + _random.Next(82);
        var month = 1 + _random.Next(12);
        var day = 1 + _random.Next(DateTime.DaysInMonth(year, month));
        var district = 1 + _random.Next(22);
        var postcode = $"BD{district} {_random.Next(10)}{UnitLetters[_random.Next(UnitLetters.Length)]}{UnitLetters[_random.Next(UnitLetters.Length)]}";
        return new PersonRecord(id)
        {
            Given = Title(given),
            Family = Title(Pick(community.Family)),
            Sex = male ? "M" : "F",
            DateOfBirth = string.Create(CultureInfo.InvariantCulture, $"{day:D2}/{month:D2}/{year:D4}"),
            Postcode = postcode,
            Address = $"{1 + _random.Next(250)} {Title(Pick(Streets))}",
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

    private string? Typo(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 3)
        {
            return text;
        }
        var sb = new StringBuilder(text);
        var at = 1 + _random.Next(text.Length - 2);
        switch (_random.Next(4))
        {
            case 0:
                sb[at] = (char)('a' + _random.Next(26));
                break;
            case 1:
                sb.Remove(at, 1);
                break;
            case 2:
                sb.Insert(at, (char)('a' + _random.Next(26)));
                break;
            default:
                (sb[at], sb[at + 1 < sb.Length ? at + 1 : at - 1]) = (sb[at + 1 < sb.Length ? at + 1 : at - 1], sb[at]);
                break;
        }
        return sb.ToString();
    }

    private static string? SwapDayMonth(string? dob) =>
        dob is { Length: 10 } d && d[2] == '/' && int.TryParse(d[..2], CultureInfo.InvariantCulture, out var day) && day <= 12
            ? $"{d[3..5]}/{d[..2]}/{d[6..]}" : dob;

    // A guessed date: the year is roughly right, the day and month are the placeholder 1 January.
    private string? GuessDate(string? dob) =>
        dob is { Length: 10 } d && d[2] == '/' && int.TryParse(d[6..], CultureInfo.InvariantCulture, out var year)
            ? $"01/01/{year + _random.Next(-1, 2)}" : dob;

    private string Pick(string[] list) => list[_random.Next(list.Length)];

    private static string Title(string s) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s);
}
