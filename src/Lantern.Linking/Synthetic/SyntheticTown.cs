using System.Globalization;
using System.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>Where a community's names come from; the household generator gives each its own naming habits.</summary>
internal enum Origin
{
    English,
    Pakistani,
    Bangladeshi,
    Indian,
    Polish,
    AfricanCaribbean,
    Arab,
    Roma,
}

/// <summary>One community of the town: its share of the population and its common given and family names, commonest first.</summary>
internal sealed record Community(Origin Origin, double Share, string[] Male, string[] Female, string[] Family);

/// <summary>
/// The made-up northern English town both synthetic generators draw on: its communities' names, its streets,
/// and the typing slips agencies make. Every name and street is invented or common; nothing describes a real person.
/// </summary>
internal static class SyntheticTown
{
    /// <summary>The communities in the order of <see cref="Origin"/>: the generators index their tables by <c>(int)Origin</c>.</summary>
    public static readonly Community[] Communities =
    [
        new(Origin.English, 0.55,
            ["jack", "oliver", "harry", "george", "thomas", "james", "william", "daniel", "joshua", "samuel", "matthew", "ryan", "liam", "connor", "callum", "jordan", "lewis", "adam", "luke", "michael", "robert", "david", "john", "paul", "mark", "stephen", "christopher", "andrew", "anthony", "kieran", "jake", "nathan", "dylan", "ethan", "charlie", "alfie", "archie", "leo", "noah", "toby"],
            ["olivia", "amelia", "emily", "jessica", "sophie", "chloe", "lucy", "hannah", "charlotte", "ellie", "megan", "lauren", "rebecca", "katie", "bethany", "jade", "amy", "rachel", "sarah", "laura", "emma", "nicola", "michelle", "kelly", "stacey", "gemma", "natalie", "danielle", "leanne", "kayleigh", "courtney", "paige", "mia", "isla", "poppy", "ruby", "grace", "evie", "millie", "lily"],
            ["smith", "jones", "taylor", "brown", "wilson", "johnson", "walker", "wright", "robinson", "thompson", "white", "hughes", "edwards", "green", "hall", "wood", "harris", "lewis", "martin", "jackson", "clarke", "clark", "turner", "hill", "scott", "cooper", "morris", "ward", "moore", "king", "watson", "baker", "harrison", "morgan", "patterson", "holmes", "sutcliffe", "greenwood", "ackroyd", "barraclough", "hirst", "haigh", "butterworth", "crowther", "sykes", "priestley", "lister", "firth", "holroyd", "illingworth"]),
        new(Origin.Pakistani, 0.25,
            ["muhammad", "mohammed", "ahmed", "ali", "hassan", "hussain", "imran", "asif", "tariq", "zahid", "shahid", "khalid", "waqas", "usman", "umar", "bilal", "hamza", "zain", "ibrahim", "yusuf", "adnan", "faisal", "kamran", "rizwan", "naveed", "javed", "arslan", "danyal", "ayaan", "rayyan", "haroon", "irfan", "sohail", "shoaib", "junaid", "nadeem", "wasim", "zubair", "abdullah", "abdulrahman"],
            ["ayesha", "fatima", "zainab", "maryam", "amina", "khadija", "sana", "nadia", "samina", "shabana", "rubina", "nasreen", "parveen", "shazia", "farzana", "sadia", "hafsa", "sumaya", "yasmin", "noor", "aleena", "anaya", "eman", "hira", "iqra", "mahnoor", "alishba", "laiba", "zara", "saima", "bushra", "tahira", "rukhsana", "shamim", "naila", "uzma", "asma", "kiran", "sobia", "mehreen"],
            ["khan", "hussain", "ahmed", "ali", "akhtar", "iqbal", "mahmood", "rashid", "shah", "butt", "bhatti", "qureshi", "chaudhry", "malik", "mirza", "sheikh", "raja", "javed", "aslam", "anwar", "arshad", "ashraf", "aziz", "bashir", "hanif", "latif", "majid", "nawaz", "rafiq", "rehman", "saleem", "sadiq", "siddiqui", "yousaf", "zaman", "kazmi", "naqvi", "hameed", "riaz", "younis"]),
        new(Origin.Bangladeshi, 0.04,
            ["mohammed", "abdul", "shahid", "jamal", "rahim", "karim", "mizanur", "habibur", "rubel", "sumon", "anwar", "faruk"],
            ["fatema", "rahima", "nasima", "shirin", "taslima", "rokeya", "salma", "hasina", "jesmin", "sultana", "begum", "nazma"],
            ["miah", "begum", "uddin", "rahman", "islam", "alam", "hossain", "chowdhury", "ahmed", "khatun", "ali", "hoque"]),
        new(Origin.Indian, 0.04,
            ["raj", "arjun", "vikram", "sanjay", "amit", "rahul", "harpreet", "gurpreet", "jaswinder", "manjit", "sunil", "deepak"],
            ["priya", "anjali", "sunita", "kavita", "neha", "pooja", "harjit", "manpreet", "rajinder", "simran", "asha", "meena"],
            ["patel", "singh", "kaur", "sharma", "gill", "sandhu", "sidhu", "mistry", "mehta", "desai", "parmar", "chauhan"]),
        new(Origin.Polish, 0.05,
            ["piotr", "tomasz", "pawel", "krzysztof", "marek", "michal", "jakub", "lukasz", "marcin", "andrzej", "jan", "adrian"],
            ["anna", "katarzyna", "magdalena", "agnieszka", "joanna", "monika", "ewa", "natalia", "karolina", "aleksandra", "zofia", "julia"],
            ["nowak", "kowalski", "wisniewski", "wojcik", "kowalczyk", "kaminski", "lewandowski", "zielinski", "szymanski", "wozniak", "dabrowski", "kozlowski"]),
        new(Origin.AfricanCaribbean, 0.03,
            ["kwame", "kofi", "emmanuel", "samuel", "tunde", "chidi", "david", "daniel", "marcus", "tyrone", "jermaine", "andre"],
            ["abena", "ama", "blessing", "grace", "chioma", "ngozi", "precious", "joy", "shanice", "tanisha", "aaliyah", "kezia"],
            ["mensah", "owusu", "okafor", "adeyemi", "okoro", "boateng", "campbell", "williams", "brown", "francis", "grant", "henry"]),
        new(Origin.Arab, 0.02,
            ["omar", "mustafa", "yousef", "khaled", "ahmad", "mahmoud", "osama", "tarek", "walid", "samir", "nabil", "ziad"],
            ["layla", "noura", "rania", "hala", "dina", "lina", "mariam", "salma", "yasmine", "huda", "amal", "reem"],
            ["al-hussein", "haddad", "khalil", "nasser", "saleh", "hamdan", "abbas", "mansour", "yassin", "darwish", "osman", "hassan"]),
        new(Origin.Roma, 0.02,
            ["milan", "roman", "jozef", "lukas", "marek", "patrik", "denis", "stefan"],
            ["maria", "jana", "monika", "veronika", "simona", "nikola", "denisa", "lucia"],
            ["horvath", "balog", "lakatos", "kovac", "gazi", "bandy", "oracko", "dudi"]),
    ];

    // The communities' shares, which add up to 1.
    private static readonly double[] CommunityShares = [.. Communities.Select(c => c.Share)];

    public static readonly string[] Streets =
    [
        "manningham lane", "lumb lane", "oak lane", "whetley hill", "toller lane", "heaton road", "duckworth lane", "allerton road",
        "thornton road", "great horton road", "legrams lane", "little horton lane", "manchester road", "wakefield road", "leeds road",
        "otley road", "keighley road", "bolton road", "killinghall road", "harrogate road", "idle road", "kings road", "queens road",
        "st pauls road", "carlisle road", "victor road", "marlborough road", "southfield lane", "beacon road", "cemetery road",
        "parkside road", "park lane", "bowling old lane", "rooley lane", "tong street", "sticker lane", "holme lane", "cutler heights lane",
        "westgate", "sunbridge road", "church street", "high street", "mill lane", "chapel street", "school street", "station road",
        "victoria road", "albert road", "garden street", "green lane", "moor lane", "spring gardens", "primrose street", "clover street",
    ];

    public const string UnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>
    /// English given names with the year they were most given: a baby born in 2010 is more likely a Jack or an
    /// Olivia, one born in 1965 a David or a Susan. Commonest first within each list.
    /// </summary>
    public static readonly (string Name, int Peak)[] EnglishMale =
    [
        ("jack", 2005), ("oliver", 2012), ("harry", 2008), ("george", 2012), ("thomas", 2000), ("james", 1995), ("william", 2005),
        ("daniel", 1992), ("joshua", 2000), ("samuel", 2000), ("matthew", 1988), ("ryan", 1992), ("liam", 1995), ("connor", 2000),
        ("callum", 1998), ("jordan", 1995), ("lewis", 2000), ("adam", 1990), ("luke", 1995), ("michael", 1975), ("robert", 1960),
        ("david", 1965), ("john", 1950), ("paul", 1968), ("mark", 1970), ("stephen", 1968), ("christopher", 1980), ("andrew", 1975),
        ("anthony", 1975), ("kieran", 1995), ("jake", 2000), ("nathan", 1995), ("dylan", 2005), ("ethan", 2008), ("charlie", 2012),
        ("alfie", 2012), ("archie", 2015), ("leo", 2020), ("noah", 2020), ("toby", 2005), ("peter", 1955), ("brian", 1945),
        ("keith", 1955), ("alan", 1950), ("kenneth", 1940), ("ronald", 1938), ("gary", 1970), ("darren", 1975), ("craig", 1982),
        ("lee", 1980), ("dean", 1980), ("wayne", 1975), ("jamie", 1990), ("carl", 1978),
    ];

    public static readonly (string Name, int Peak)[] EnglishFemale =
    [
        ("olivia", 2012), ("amelia", 2012), ("emily", 2003), ("jessica", 1998), ("sophie", 2000), ("chloe", 2000), ("lucy", 2000),
        ("hannah", 1998), ("charlotte", 2000), ("ellie", 2008), ("megan", 1998), ("lauren", 1995), ("rebecca", 1990), ("katie", 1995),
        ("bethany", 1995), ("jade", 1992), ("amy", 1990), ("rachel", 1985), ("sarah", 1982), ("laura", 1988), ("emma", 1985),
        ("nicola", 1978), ("michelle", 1975), ("kelly", 1980), ("stacey", 1985), ("gemma", 1985), ("natalie", 1985), ("danielle", 1988),
        ("leanne", 1985), ("kayleigh", 1992), ("courtney", 1995), ("paige", 1998), ("mia", 2012), ("isla", 2015), ("poppy", 2012),
        ("ruby", 2010), ("grace", 2008), ("evie", 2012), ("millie", 2008), ("lily", 2010), ("margaret", 1940), ("susan", 1960),
        ("patricia", 1950), ("linda", 1955), ("julie", 1965), ("karen", 1965), ("tracey", 1970), ("joanne", 1975), ("lisa", 1972),
        ("dorothy", 1932), ("jean", 1940), ("christine", 1955), ("sharon", 1968), ("helen", 1970), ("deborah", 1965),
    ];

    /// <summary>The spellings a family uses when every son's first given name is the Prophet's, commonest first.</summary>
    public static readonly string[] Mohammed = ["Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed"];

    /// <summary>Family names some agencies record for a South Asian woman in place of her husband's.</summary>
    public static readonly string[] WomensFamilyTitles = ["Begum", "Bibi", "Kauser", "Akhtar", "Khatun"];

    /// <summary>
    /// Namesakes: many unrelated men of one name born within a few years of each other in one postcode district,
    /// as a town's commonest names are. (first given name, family name, district, central year of birth)
    /// </summary>
    public static readonly (string Given, string Family, int District, int Year)[] NameClusters =
    [
        ("Mohammed", "Khan", 8, 1984), ("Muhammad", "Hussain", 3, 1987), ("Mohammed", "Ali", 9, 1981),
    ];

    /// <summary>The town each Bradford postcode district is in, BD1 to BD22.</summary>
    public static string LocalityOf(int district) => district switch
    {
        16 => "Bingley",
        17 => "Baildon",
        18 => "Shipley",
        19 => "Cleckheaton",
        >= 20 => "Keighley",
        _ => "Bradford",
    };

    public const int Districts = 22;

    /// <summary>Where each community mostly lives: relative weights of BD1 to BD22 (unlisted districts take the last weight).</summary>
    public static double[] DistrictWeights(Origin origin) => origin switch
    {
        Origin.English => Weights(0.9, (1, 0.3), (3, 0.4), (5, 0.4), (7, 0.4), (8, 0.3), (9, 0.5), (10, 1.2)),
        Origin.Pakistani => Weights(0.1, (1, 0.2), (2, 0.3), (3, 2.5), (4, 1), (5, 2), (7, 2), (8, 3), (9, 2), (15, 0.5), (18, 0.8), (21, 1.5)),
        Origin.Bangladeshi => Weights(0.05, (3, 3), (8, 2), (5, 0.8), (7, 0.5), (9, 0.5), (21, 0.5), (4, 0.3)),
        Origin.Indian => Weights(0.1, (9, 1.5), (15, 1), (18, 1), (2, 0.6), (3, 0.8), (8, 0.5), (10, 0.4), (7, 0.4)),
        Origin.Polish => Weights(0.15, (3, 1.5), (8, 1.2), (7, 1), (5, 1), (4, 1), (1, 0.6), (21, 0.7), (18, 0.4)),
        Origin.AfricanCaribbean => Weights(0.15, (8, 1.5), (3, 1.2), (5, 1), (7, 1), (4, 1), (9, 0.6), (1, 0.5)),
        Origin.Arab => Weights(0.1, (8, 1.5), (7, 1.2), (3, 1), (5, 0.8), (9, 0.6)),
        Origin.Roma => Weights(0.05, (3, 1.5), (8, 1.2), (4, 1), (5, 1), (7, 0.5), (21, 0.4)),
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    private static double[] Weights(double otherwise, params (int District, double Weight)[] listed)
    {
        var weights = new double[Districts + 1];
        for (var d = 1; d <= Districts; d++)
        {
            weights[d] = otherwise;
        }
        foreach (var (district, weight) in listed)
        {
            weights[district] = weight;
        }
        return weights;
    }

    public static string Title(string s) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s);

    /// <summary>One typing slip: a letter changed, dropped or added, or two adjacent letters swapped.</summary>
    public static string? Typo(Random random, string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 3)
        {
            return text;
        }
        var sb = new StringBuilder(text);
        var at = 1 + random.Next(text.Length - 2);
        switch (random.Next(4))
        {
            case 0:
                sb[at] = (char)('a' + random.Next(26));
                break;
            case 1:
                sb.Remove(at, 1);
                break;
            case 2:
                sb.Insert(at, (char)('a' + random.Next(26)));
                break;
            default:
                // The letter is never the last, so it has a next one to swap with.
                (sb[at], sb[at + 1]) = (sb[at + 1], sb[at]);
                break;
        }
        return sb.ToString();
    }

    /// <summary>A person's age in whole years on <paramref name="on"/>.</summary>
    public static int Age(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        return on < dateOfBirth.AddYears(age) ? age - 1 : age;
    }

    /// <summary>True with probability <paramref name="p"/> (one draw).</summary>
    public static bool Chance(Random random, double p) => random.NextDouble() < p;

    /// <summary>A community drawn by its share of the town (one draw).</summary>
    public static Community PickCommunity(Random random) => Communities[PickWeighted(random, CommunityShares, 1)];

    /// <summary>An index drawn in proportion to <paramref name="weights"/> (one draw).</summary>
    public static int PickWeighted(Random random, ReadOnlySpan<double> weights) => PickWeighted(random, weights, Sum(weights));

    /// <summary>
    /// An index drawn in proportion to <paramref name="weights"/>, whose sum <paramref name="total"/> the caller
    /// knows (one draw). Rounding can leave the roll past the last weight: that takes the last index with any weight.
    /// </summary>
    public static int PickWeighted(Random random, ReadOnlySpan<double> weights, double total)
    {
        var roll = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
            {
                return i;
            }
            roll -= weights[i];
        }
        for (var i = weights.Length - 1; i > 0; i--)
        {
            if (weights[i] > 0)
            {
                return i;
            }
        }
        return 0;
    }

    public static double Sum(ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += w;
        }
        return sum;
    }

    /// <summary>The running sums of <paramref name="weights"/>, for <see cref="PickCumulative"/>.</summary>
    public static double[] Cumulative(ReadOnlySpan<double> weights)
    {
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    /// <summary>An index drawn in proportion to the weights whose running sums are <paramref name="cumulative"/> (one draw, a binary search).</summary>
    public static int PickCumulative(Random random, double[] cumulative)
    {
        var roll = random.NextDouble() * cumulative[^1];
        var at = Array.BinarySearch(cumulative, roll);
        return Math.Min(cumulative.Length - 1, at < 0 ? ~at : at + 1);
    }
}
