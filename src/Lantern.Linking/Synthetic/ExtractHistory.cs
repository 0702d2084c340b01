using System.Globalization;
using System.Text.Json;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>
/// One run of <see cref="SyntheticExtract"/>: the town, the children of the history, the networks and decoys planned
/// first, then the lines written household by household, then the records that name several households' children.
/// One random sequence drives it all, in a fixed order, so a seed always makes the same files.
/// </summary>
internal sealed partial class ExtractHistory
{
    private sealed record AgencyDef(string Code, string Name, string Kind, RecordSource Habits, string Prefix);

    /// <summary>The agencies of the town: police, social care, the hospital trust, the sexual health service, three schools, the youth service.</summary>
    private static readonly AgencyDef[] Agencies =
    [
        new("NBP", "Northbridge Police", "police", RecordSource.Police, "NB"),
        new("NCS", "Northbridge Children's Social Care", "childrensSocialCare", RecordSource.ChildrensSocialCare, "LCS"),
        new("NHS", "Northbridge NHS Foundation Trust", "health", RecordSource.Nhs, "RXN"),
        new("SHS", "Northbridge Sexual Health Service", "health", RecordSource.Nhs, "GUM"),
        new("MPS", "Millbrook Primary School", "school", RecordSource.School, "MP"),
        new("CHA", "Castle Hill Academy", "school", RecordSource.School, "CH"),
        new("RHS", "Riverside High School", "school", RecordSource.School, "RH"),
        new("NYS", "Northbridge Youth Service", "youthService", RecordSource.YouthService, "YS"),
    ];

    private const int Pol = 0;
    private const int Csc = 1;
    private const int Nhs = 2;
    private const int Shs = 3;
    private const int Mps = 4;
    private const int Cha = 5;
    private const int Rhs = 6;
    private const int Yth = 7;
    private const int AgencyCount = 8;

    /// <summary>The record types that take an id, and the letter each agency's ids of that type start with.</summary>
    private const string TypeLetters = "CPVTLERM";

    private const int ChildType = 0;
    private const int PersonType = 1;
    private const int VehicleType = 2;
    private const int PhoneType = 3;
    private const int PlaceType = 4;
    private const int EventType = 5;
    private const int ReferralType = 6;
    private const int MissingType = 7;

    private readonly NameVariants _variants;
    private readonly int _seed;
    private readonly int _wanted;
    private readonly ExtractOutput _out;
    private readonly Random _random;
    private readonly AgencyRecords _records;
    private readonly DateOnly _start;
    private readonly DateOnly _end;
    private readonly DateOnly _census;
    private readonly int[,] _counters = new int[AgencyCount, TypeLetters.Length];
    private readonly long _idOffset;
    private List<Resident> _people = [];
    private int[] _children = [];
    private string[] _childTrue = [];
    private int[] _ordinal = [];
    private int[] _childRecord = [];
    private bool[] _childWritten = [];
    private readonly Dictionary<long, int> _personRecord = [];
    private readonly HashSet<long> _personWritten = [];
    private readonly List<(int Person, int Agency)> _householdParents = [];
    private readonly Dictionary<int, List<int>> _adultsOf = [];
    private int _happenings;
    private bool _blames;

    public ExtractHistory(NameVariants variants, int seed, int children, ExtractOutput output)
    {
        _variants = variants;
        _seed = seed;
        _wanted = children;
        _out = output;
        _random = new Random(seed);
        _records = new AgencyRecords(variants, _random);
        var (first, last) = SyntheticExtract.YearsOf(seed);
        _start = new DateOnly(first, 1, 1);
        _end = new DateOnly(last, 12, 31);
        _census = new DateOnly(first + 4, 9, 1);
        _idOffset = _random.NextInt64(10_000_000);
    }

    public SyntheticExtractSummary Write()
    {
        BuildTown();
        Plan();
        _out.TruthText(string.Create(CultureInfo.InvariantCulture,
            $"{{\"format\":\"lantern-synthetic-truth\",\"version\":1,\"seed\":{_seed},\"children\":{_children.Length},\"from\":\"{ExtractOutput.Date(_start)}\",\"to\":\"{ExtractOutput.Date(_end)}\",\"records\":["));
        Prelude();
        foreach (var household in Households())
        {
            Household(household);
        }
        foreach (var group in _groupEvents)
        {
            group();
        }
        _out.TruthText("\n]");
        var summary = new SyntheticExtractSummary(_out.Lines, _out.ByType, _out.ByAgency, _children.Length, _networks.Count,
            _networks.Sum(n => n.Victims.Count), _decoys.Count, _start.Year, _end.Year, _out.VictimBlamingLines);
        WriteTruthSections(summary);
        return summary;
    }

    /// <summary>
    /// The town as it was in the middle of the history, grown until it holds the children asked for: a large family
    /// first, then households in turn. A child of the history is a son, daughter, step-child or foster child under
    /// 18 on that day; the first ones made are taken, with one pair of twins at least.
    /// </summary>
    private void BuildTown()
    {
        var builder = new TownBuilder(_random, _variants, _census);
        _people = builder.BuildUntil(IsChild, _wanted, largeFamily: true);
        var all = _people.Where(IsChild).Select(p => p.Index).ToList();
        var chosen = all.Take(_wanted).ToList();
        if (!chosen.Any(c => _people[c].TwinGroup >= 0))
        {
            // Twins are one birth in sixty: a small town may need a few more households to have a pair.
            List<int>? twins = null;
            for (var wanted = _wanted + 50; twins is null; wanted += 50)
            {
                _people = builder.BuildUntil(IsChild, wanted, largeFamily: false);
                all = [.. _people.Where(IsChild).Select(p => p.Index)];
                var twin = all.Skip(_wanted).FirstOrDefault(c => _people[c].TwinGroup >= 0, -1);
                if (twin >= 0)
                {
                    twins = [.. all.Where(c => _people[c].TwinGroup == _people[twin].TwinGroup)];
                }
            }
            chosen = [.. all.Take(Math.Max(0, _wanted - twins.Count)), .. twins.Take(_wanted)];
        }
        _children = [.. chosen];
        _ordinal = new int[_people.Count];
        Array.Fill(_ordinal, -1);
        _childTrue = new string[_children.Length];
        for (var i = 0; i < _children.Length; i++)
        {
            _ordinal[_children[i]] = i;
            _childTrue[i] = string.Create(CultureInfo.InvariantCulture, $"child-{_children[i]}");
        }
        _childRecord = new int[_children.Length * AgencyCount];
        _childWritten = new bool[_children.Length * AgencyCount];
        var withChildren = _children.Select(c => _people[c].Household).ToHashSet();
        foreach (var p in _people)
        {
            if (p.Role is HouseholdRole.Head or HouseholdRole.Partner && withChildren.Contains(p.Household))
            {
                if (!_adultsOf.TryGetValue(p.Household, out var adults))
                {
                    _adultsOf[p.Household] = adults = [];
                }
                adults.Add(p.Index);
            }
        }
    }

    private static bool IsChild(Resident p) => p.Age < 18 && p.Role is HouseholdRole.Child or HouseholdRole.StepChild or HouseholdRole.FosterChild;

    /// <summary>The children of the history by household, in the order the town was made.</summary>
    private List<List<int>> Households()
    {
        var order = new List<List<int>>();
        var at = new Dictionary<int, List<int>>();
        for (var i = 0; i < _children.Length; i++)
        {
            var h = _people[_children[i]].Household;
            if (!at.TryGetValue(h, out var list))
            {
                at[h] = list = [];
                order.Add(list);
            }
            list.Add(i);
        }
        return order;
    }

    // ----- ids -----

    private string Format(int agency, int type, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Agencies[agency].Prefix}-{TypeLetters[type]}{((number * 7_368_787L) + _idOffset) % 10_000_000L:D7}");

    private string NewId(int agency, int type) => Format(agency, type, ++_counters[agency, type]);

    /// <summary>The agency's id for the child, the child's line to be written before anything that refers to it.</summary>
    private string ChildId(int ordinal, int agency)
    {
        var k = (ordinal * AgencyCount) + agency;
        if (_childRecord[k] == 0)
        {
            if (!_out.Holding)
            {
                throw new InvalidOperationException("A child's record is referred to after the child's household was written: plan it first.");
            }
            _childRecord[k] = ++_counters[agency, ChildType];
        }
        return Format(agency, ChildType, _childRecord[k]);
    }

    /// <summary>Plans the child's record at the agency, for a record written after the child's household.</summary>
    private void Need(int ordinal, int agency)
    {
        var k = (ordinal * AgencyCount) + agency;
        if (_childRecord[k] == 0)
        {
            _childRecord[k] = ++_counters[agency, ChildType];
        }
    }

    private bool Known(int ordinal, int agency) => _childRecord[(ordinal * AgencyCount) + agency] != 0;

    /// <summary>The agency's id for a person of the town: a household's parent is written with the household.</summary>
    private string PersonId(int person, int agency)
    {
        var key = ((long)person * AgencyCount) + agency;
        if (!_personRecord.TryGetValue(key, out var number))
        {
            _personRecord[key] = number = ++_counters[agency, PersonType];
            _householdParents.Add((person, agency));
        }
        return Format(agency, PersonType, number);
    }

    private static string PersonTrue(int person) => string.Create(CultureInfo.InvariantCulture, $"person-{person}");

    private string Happening() => string.Create(CultureInfo.InvariantCulture, $"happening-{++_happenings}");

    private static string PhoneTrue(string number) => "phone-" + new string([.. number.Where(char.IsAsciiDigit)]);

    // ----- the start of the file -----

    private void Prelude()
    {
        var w = _out.Begin("header", null, null);
        w.WriteString("format", "lantern-extract");
        w.WriteNumber("version", 1);
        _out.End();
        foreach (var a in Agencies)
        {
            w = _out.Begin("agency", null, null);
            w.WriteString("code", a.Code);
            w.WriteString("name", a.Name);
            w.WriteString("kind", a.Kind);
            _out.End();
        }
        foreach (var place in _places)
        {
            for (var a = 0; a < AgencyCount; a++)
            {
                if (place.Recorded[a])
                {
                    PlaceLine(place, a);
                }
            }
        }
        foreach (var vehicle in _vehicles)
        {
            for (var a = 0; a < AgencyCount; a++)
            {
                if (vehicle.Recorded[a])
                {
                    VehicleLine(vehicle, a);
                }
            }
        }
        foreach (var phone in _phones)
        {
            PhoneLine(phone);
        }
        foreach (var known in _knownPersons)
        {
            known();
        }
    }

    // ----- a household -----

    private void Household(List<int> household)
    {
        _out.Holding = true;
        _householdParents.Clear();
        HouseholdStory(household);
        _out.Holding = false;
        foreach (var ordinal in household)
        {
            for (var a = 0; a < AgencyCount; a++)
            {
                var k = (ordinal * AgencyCount) + a;
                if (_childRecord[k] != 0 && !_childWritten[k])
                {
                    ChildLine(ordinal, a);
                    _childWritten[k] = true;
                }
            }
        }
        foreach (var (person, agency) in _householdParents)
        {
            if (_personWritten.Add(((long)person * AgencyCount) + agency))
            {
                ParentLine(person, agency, household);
            }
        }
        _out.Release();
    }

    // ----- the truth after the records -----

    private void WriteTruthSections(SyntheticExtractSummary summary)
    {
        _out.TruthText(",\"networks\":[");
        for (var i = 0; i < _networks.Count; i++)
        {
            var n = _networks[i];
            _out.TruthText(i == 0 ? "\n" : ",\n");
            _out.TruthJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", n.True);
                w.WriteString("shape", n.ShapeName);
                w.WriteString("from", ExtractOutput.Date(n.From));
                w.WriteString("to", ExtractOutput.Date(n.To));
                Strings(w, "members", n.Members.Select(m => PersonTrue(m.Person)));
                Strings(w, "victims", n.Victims.Select(v => _childTrue[v]));
                if (n.Recruiter >= 0)
                {
                    w.WriteString("recruiter", _childTrue[n.Recruiter]);
                }
                Strings(w, "vehicles", n.Vehicles.Select(v => v.True));
                Strings(w, "phones", n.Phones.Select(PhoneTrue).Distinct());
                Strings(w, "places", n.Places.Select(p => p.True));
                w.WriteStartArray("namedAs");
                foreach (var m in n.Members)
                {
                    var p = _people[m.Person];
                    w.WriteStartObject();
                    w.WriteString("person", PersonTrue(m.Person));
                    w.WriteString("name", $"{p.Given} {p.Family}");
                    w.WriteString("nickname", m.Nick);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        _out.TruthText("\n],\"decoys\":[");
        for (var i = 0; i < _decoys.Count; i++)
        {
            var d = _decoys[i];
            _out.TruthText(i == 0 ? "\n" : ",\n");
            _out.TruthJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", d.True);
                w.WriteString("kind", d.Kind);
                w.WriteString("description", d.Description);
                Strings(w, "entities", d.Entities);
                w.WriteEndObject();
            });
        }
        _out.TruthText("\n],\"twins\":[");
        var twins = _children.Where(c => _people[c].TwinGroup >= 0).GroupBy(c => _people[c].TwinGroup).Where(g => g.Count() > 1).ToList();
        for (var i = 0; i < twins.Count; i++)
        {
            _out.TruthText(i == 0 ? "\n" : ",\n");
            _out.TruthJson(w => Strings(w, null, twins[i].Select(c => _childTrue[_ordinal[c]])));
        }
        _out.TruthText("\n],\"totals\":");
        _out.TruthJson(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("lines", summary.Lines);
            w.WriteStartObject("linesByType");
            foreach (var (type, count) in summary.LinesByType.OrderBy(t => Array.IndexOf(TypeOrder, t.Key)))
            {
                w.WriteNumber(type, count);
            }
            w.WriteEndObject();
            w.WriteStartObject("recordsByAgency");
            foreach (var a in Agencies)
            {
                w.WriteNumber(a.Code, summary.RecordsByAgency.GetValueOrDefault(a.Code));
            }
            w.WriteEndObject();
            w.WriteNumber("children", summary.Children);
            w.WriteNumber("networks", summary.Networks);
            w.WriteNumber("victims", summary.Victims);
            w.WriteNumber("decoys", summary.Decoys);
            w.WriteNumber("twinGroups", twins.Count);
            w.WriteNumber("victimBlamingLines", summary.VictimBlamingLines);
            w.WriteEndObject();
        });
        _out.TruthText("}\n");
    }

    private static readonly string[] TypeOrder = ["header", "agency", "place", "vehicle", "phone", "person", "child", "event", "referral", "missing"];

    private static void Strings(Utf8JsonWriter w, string? name, IEnumerable<string> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    // ----- chance and time -----

    private bool Chance(double p) => SyntheticTown.Chance(_random, p);

    private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];

    private DateOnly Day(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return from;
        }
        return from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));
    }

    /// <summary>A time on the day between the hours given (the later hour may pass midnight), never after the history ends.</summary>
    private DateTime At(DateOnly day, int fromHour, int toHour)
    {
        var minutes = (fromHour * 60) + _random.Next(Math.Max(1, (toHour - fromHour) * 60));
        var at = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(minutes);
        var last = _end.ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc);
        return at > last ? last : at;
    }

    private DateTime Later(DateTime from, int minHours, int maxHours)
    {
        var at = from.AddMinutes(_random.Next(minHours * 60, Math.Max(minHours * 60 + 1, maxHours * 60)));
        var last = _end.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc);
        return at > last ? (from > last ? from : last) : at;
    }

    private int AgeOn(int person, DateOnly day) => SyntheticTown.Age(_people[person].DateOfBirth, day);

    /// <summary>The school the child attends on the day: the primary from 4 to 10, a secondary (by district) from 11 to 16.</summary>
    private int SchoolOn(int ordinal, DateOnly day)
    {
        var p = _people[_children[ordinal]];
        var age = SyntheticTown.Age(p.DateOfBirth, day);
        return age switch
        {
            >= 4 and <= 10 => Mps,
            >= 11 and <= 16 => p.Home.District % 2 == 0 ? Cha : Rhs,
            _ => -1,
        };
    }

    /// <summary>The later of the child's birth (or a given age) and the start of the history.</summary>
    private DateOnly FromAge(int person, int age)
    {
        var d = _people[person].DateOfBirth.AddYears(age);
        return d < _start ? _start : d;
    }

    /// <summary>The earlier of the day before the child's 18th birthday and the end of the history.</summary>
    private DateOnly Until(int person, int age = 18)
    {
        var d = _people[person].DateOfBirth.AddYears(age).AddDays(-1);
        return d > _end ? _end : d;
    }
}
