using System.Globalization;
using System.Text.Json;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>The lines of records that stand for something (children, people, vehicles, phones, places).</summary>
internal sealed partial class ExtractHistory
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "yyyy-MM-dd", "d MMM yyyy"];

    private readonly List<(string Kind, string Value, string? Detail, string True)> _mentions = [];
    private readonly Dictionary<long, string> _professionalIds = [];

    /// <summary>Ends a record line, counting it when its text blames the child.</summary>
    private void End(string entity, string? network = null, string? decoy = null)
    {
        if (_blames)
        {
            _out.VictimBlamingLines++;
            _blames = false;
        }
        _out.End(entity, network, decoy ?? (network is null ? _householdDecoy : null));
    }

    private void ChildLine(int ordinal, int agency)
    {
        var p = _people[_children[ordinal]];
        var id = Format(agency, ChildType, _childRecord[(ordinal * AgencyCount) + agency]);
        var w = _out.Begin("child", Agencies[agency].Code, id);
        var census = Math.Clamp(SyntheticTown.Age(p.DateOfBirth, _census), 0, 25);
        if (agency == Shs && Chance(0.4))
        {
            // Seen at the clinic under a first name only, the age as she gave it.
            w.WriteString("givenName", p.KnownAs ?? p.Given);
            w.WriteNumber("approximateAge", Math.Clamp(census + _random.Next(-1, 2), 0, 25));
            w.WriteString("approximateAgeOn", ExtractOutput.Date(_census));
            w.WriteString("gender", p.Male ? "male" : "female");
            End(_childTrue[ordinal]);
            return;
        }
        var record = _records.Write(p, Agencies[agency].Habits, further: Chance(0.5), id);
        var given = string.IsNullOrWhiteSpace(record.Given) ? p.Given : record.Given;
        w.WriteString("givenName", given);
        if (!string.IsNullOrWhiteSpace(record.Family))
        {
            w.WriteString("familyName", record.Family);
        }
        if (agency is Csc or Mps or Cha or Rhs or Yth && p.KnownAs is not null && Chance(0.5))
        {
            w.WriteString("knownAs", p.KnownAs);
        }
        if (ParseDate(record.DateOfBirth) is { } born)
        {
            w.WriteString("dateOfBirth", ExtractOutput.Date(born));
        }
        else
        {
            w.WriteNumber("approximateAge", census);
            w.WriteString("approximateAgeOn", ExtractOutput.Date(_census));
        }
        if (record.Sex is { } sex)
        {
            w.WriteString("gender", sex.StartsWith('M') ? "male" : "female");
        }
        if (agency is Nhs or Csc or Shs && record.Identifier is { } nhs && ValidNhsNumber(nhs))
        {
            w.WriteString("nhsNumber", nhs);
        }
        if (agency is Mps or Cha or Rhs)
        {
            w.WriteString("uniquePupilNumber", string.Create(CultureInfo.InvariantCulture, $"N{830 + (p.Home.District % 9)}{((p.Index * 48_271L) + _idOffset) % 100_000_000L:D8}"));
            w.WriteString("school", Agencies[agency].Name);
        }
        if (record.Address is { Length: > 0 } address)
        {
            w.WriteString("address", record.Locality is null ? address : $"{address}, {record.Locality}");
        }
        if (record.Postcode is { Length: > 0 and <= 10 } postcode)
        {
            w.WriteString("postcode", postcode);
        }
        End(_childTrue[ordinal]);
    }

    /// <summary>A date as an agency wrote it, when it can be read as one and is not after the history (a typed slip can make it either).</summary>
    private DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year >= 1900 && date <= _end ? date : null;

    /// <summary>Ten digits with a valid modulus-11 check digit: an NHS number with a slip that breaks it is left off, as a system would refuse it.</summary>
    private static bool ValidNhsNumber(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 10 || text.Any(c => c != ' ' && !char.IsAsciiDigit(c)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }
        var check = 11 - (sum % 11);
        return check != 10 && (check == 11 ? 0 : check) == digits[9];
    }

    /// <summary>A parent or carer of a household, as the police or social care hold them: named, with a phone, and the children they are parent of.</summary>
    private void ParentLine(int person, int agency, List<int> household)
    {
        var p = _people[person];
        var w = _out.Begin("person", Agencies[agency].Code, Format(agency, PersonType, _personRecord[((long)person * AgencyCount) + agency]));
        var name = p.Middle is not null && Chance(0.3) ? $"{p.Given} {p.Middle} {p.Family}" : $"{p.Given} {p.Family}";
        w.WriteString("name", agency == Pol ? name.ToUpperInvariant() : name);
        if (p.OtherFamily is not null)
        {
            w.WriteStartArray("aliases");
            w.WriteStringValue($"{p.Given} {p.OtherFamily}");
            w.WriteEndArray();
        }
        if (agency == Pol || Chance(0.6))
        {
            w.WriteString("dateOfBirth", ExtractOutput.Date(p.DateOfBirth));
        }
        w.WriteString("role", "parent");
        if ((p.Mobile ?? p.Home.Landline) is { } phone)
        {
            w.WriteStartArray("phones");
            w.WriteStartObject();
            w.WriteString("number", agency == Pol ? phone.Replace(" ", "", StringComparison.Ordinal) : phone);
            w.WriteString("relation", "uses");
            w.WriteEndObject();
            w.WriteEndArray();
            _out.Names(PhoneTrue(phone));
        }
        var listed = false;
        foreach (var ordinal in household)
        {
            if (!Known(ordinal, agency))
            {
                continue;
            }
            if (!listed)
            {
                w.WriteStartArray("household");
                listed = true;
            }
            var child = _people[_children[ordinal]];
            w.WriteStartObject();
            w.WriteString("child", Format(agency, ChildType, _childRecord[(ordinal * AgencyCount) + agency]));
            w.WriteString("relation", child.Mother == person || child.Father == person ? "parentOf" : "householdMember");
            w.WriteEndObject();
            _out.Names(_childTrue[ordinal]);
        }
        if (listed)
        {
            w.WriteEndArray();
        }
        End(PersonTrue(person));
    }

    private static string AgeText(int age, Random random) => random.Next(4) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"about {age}"),
        1 => age % 10 >= 7 ? string.Create(CultureInfo.InvariantCulture, $"late {age / 10 * 10}s") : string.Create(CultureInfo.InvariantCulture, $"{age / 10 * 10}s"),
        2 => string.Create(CultureInfo.InvariantCulture, $"{age - 2}-{age + 3}"),
        _ => age.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A man of a network as the police hold him (full name, aliases, nickname, phones, cars, places) or as social care does (a nickname, an age).</summary>
    private void MemberLine(Network network, Member m, int agency) => MemberLine(m, network.From, agency, network.True, null);

    /// <summary>A man as the police or social care hold him, from the day his age was written; of a network or of a decoy.</summary>
    private void MemberLine(Member m, DateOnly from, int agency, string? network, string? decoy)
    {
        var p = _people[m.Person];
        var id = NewId(agency, PersonType);
        m.Ids[agency] = id;
        var w = _out.Begin("person", Agencies[agency].Code, id);
        var age = SyntheticTown.Age(p.DateOfBirth, from);
        if (agency == Pol)
        {
            var name = p.Middle is not null && Chance(0.4) ? $"{p.Given} {p.Middle} {p.Family}" : $"{p.Given} {p.Family}";
            w.WriteString("name", Chance(0.7) ? name.ToUpperInvariant() : name);
            var variants = _variants.VariantsOf(NameText.Fold(p.Given));
            var variant = variants.Count > 0 ? variants[0] : null;
            if (variant is not null)
            {
                w.WriteStartArray("aliases");
                w.WriteStringValue($"{SyntheticTown.Title(variant)} {p.Family}");
                w.WriteEndArray();
            }
            w.WriteStartArray("nicknames");
            w.WriteStringValue(m.Nick);
            w.WriteEndArray();
            if (Chance(0.7))
            {
                w.WriteString("dateOfBirth", ExtractOutput.Date(p.DateOfBirth));
            }
            w.WriteString("age", AgeText(age, _random));
            w.WriteString("ageWrittenOn", ExtractOutput.Date(from));
            w.WriteString("role", "suspect");
            w.WriteStartArray("phones");
            foreach (var phone in new[] { m.Phone, m.Burner }.OfType<string>())
            {
                w.WriteStartObject();
                w.WriteString("number", phone);
                w.WriteString("relation", "uses");
                w.WriteEndObject();
                _out.Names(PhoneTrue(phone));
            }
            w.WriteEndArray();
            if (m.Vehicles.Count > 0)
            {
                w.WriteStartArray("vehicles");
                foreach (var v in m.Vehicles)
                {
                    w.WriteStartObject();
                    w.WriteString("registration", Chance(0.5) ? v.Plate.Replace(" ", "", StringComparison.Ordinal) : v.Plate);
                    w.WriteString("relation", v.Keeper == $"{p.Given} {p.Family}" ? "keeperOf" : "drives");
                    w.WriteEndObject();
                    _out.Names(v.True);
                }
                w.WriteEndArray();
            }
            if (m.Places.Count > 0)
            {
                w.WriteStartArray("places");
                foreach (var (place, relation) in m.Places)
                {
                    w.WriteStartObject();
                    w.WriteString("name", place.NameAt(Pol));
                    w.WriteString("address", place.Address);
                    w.WriteString("placeType", place.PlaceType);
                    w.WriteString("relation", relation);
                    w.WriteEndObject();
                    _out.Names(place.True);
                }
                w.WriteEndArray();
            }
            w.WriteString("confidence", "tentative");
            w.WriteString("grade", Pick(Grades));
        }
        else
        {
            if (Chance(0.35))
            {
                w.WriteString("name", p.KnownAs ?? p.Given);
            }
            w.WriteStartArray("nicknames");
            w.WriteStringValue(m.Nick);
            w.WriteEndArray();
            w.WriteString("age", AgeText(age + _random.Next(-3, 4), _random));
            w.WriteString("ageWrittenOn", ExtractOutput.Date(from));
            w.WriteString("description", Pick(MenDescribed));
            w.WriteString("role", "associate");
            if (Chance(0.4))
            {
                w.WriteStartArray("phones");
                w.WriteStartObject();
                w.WriteString("number", m.Phone);
                w.WriteEndObject();
                w.WriteEndArray();
                _out.Names(PhoneTrue(m.Phone));
            }
        }
        End(PersonTrue(m.Person), network, decoy);
    }

    private static readonly string[] Grades = ["B2", "C3", "B3", "2/B/P", "C2", "E4"];

    private static readonly string[] MenDescribed =
    [
        "Older male, said to drive and to buy the girls alcohol.",
        "Adult male seen collecting young people from the area in a car.",
        "Man in his 20s or 30s who the girls call by a nickname; no surname known.",
        "Described by the young person as a friend who lets them use his flat.",
    ];

    /// <summary>A professional the agency works with (a youth worker, a school-transport driver), with the place or vehicle of the work.</summary>
    private void ProfessionalLine(int person, int agency, string description, PlaceDef? place, string? relation, VehicleDef? vehicle)
    {
        var p = _people[person];
        var id = NewId(agency, PersonType);
        _professionalIds[((long)person * AgencyCount) + agency] = id;
        var w = _out.Begin("person", Agencies[agency].Code, id);
        w.WriteString("name", agency is Mps or Cha or Rhs ? $"Mr {p.Family}" : $"{p.KnownAs ?? p.Given} {p.Family}");
        w.WriteString("description", SyntheticTown.Title(description[..1]) + description[1..]);
        w.WriteString("role", "professional");
        if (place is not null)
        {
            w.WriteStartArray("places");
            w.WriteStartObject();
            w.WriteString("name", place.NameAt(agency));
            w.WriteString("placeType", place.PlaceType);
            w.WriteString("relation", relation ?? "worksAt");
            w.WriteEndObject();
            w.WriteEndArray();
            _out.Names(place.True);
        }
        if (vehicle is not null)
        {
            w.WriteStartArray("vehicles");
            w.WriteStartObject();
            w.WriteString("registration", vehicle.Plate);
            w.WriteString("relation", "drives");
            w.WriteEndObject();
            w.WriteEndArray();
            _out.Names(vehicle.True);
        }
        if (p.Mobile is { } phone)
        {
            w.WriteStartArray("phones");
            w.WriteStartObject();
            w.WriteString("number", phone);
            w.WriteEndObject();
            w.WriteEndArray();
            _out.Names(PhoneTrue(phone));
        }
        End(PersonTrue(person));
    }

    private void PlaceLine(PlaceDef place, int agency)
    {
        var id = NewId(agency, PlaceType);
        place.Ids[agency] = id;
        var w = _out.Begin("place", Agencies[agency].Code, id);
        w.WriteString("name", place.NameAt(agency));
        w.WriteString("placeType", place.PlaceType);
        if (agency is Pol or Csc)
        {
            w.WriteString("address", place.Address);
        }
        End(place.True);
    }

    private void VehicleLine(VehicleDef vehicle, int agency)
    {
        var id = NewId(agency, VehicleType);
        vehicle.Ids[agency] = id;
        var w = _out.Begin("vehicle", Agencies[agency].Code, id);
        w.WriteString("registration", vehicle.Plate);
        w.WriteString("colour", vehicle.Colour);
        w.WriteString("make", vehicle.Make);
        w.WriteString("model", vehicle.Model);
        if (vehicle.Keeper is not null && agency == Pol)
        {
            w.WriteString("keeper", vehicle.Keeper);
        }
        End(vehicle.True);
    }

    private void PhoneLine(PhoneDef phone)
    {
        var w = _out.Begin("phone", Agencies[Pol].Code, phone.Id);
        w.WriteString("number", phone.Number);
        w.WriteString("description", phone.Description);
        End(PhoneTrue(phone.Number));
    }

    // ----- parts of event lines -----

    private Utf8JsonWriter BeginEvent(int agency, string eventType, DateTime at, string summary, string? significance = null)
    {
        var w = _out.Begin("event", Agencies[agency].Code, NewId(agency, EventType));
        _out.At = at;
        w.WriteString("eventType", eventType);
        w.WriteString("occurredAt", ExtractOutput.Instant(at));
        w.WriteString("summary", summary);
        if (significance is not null)
        {
            w.WriteString("significance", significance);
        }
        return w;
    }

    private void Kids(Utf8JsonWriter w, int agency, IEnumerable<int> ordinals, string role)
    {
        w.WriteStartArray("children");
        foreach (var ordinal in ordinals)
        {
            w.WriteStartObject();
            w.WriteString("child", ChildId(ordinal, agency));
            w.WriteString("role", role);
            w.WriteEndObject();
            _out.AboutChild(_childTrue[ordinal]);
        }
        w.WriteEndArray();
    }

    private void Kid(Utf8JsonWriter w, int agency, int ordinal, string role) => Kids(w, agency, [ordinal], role);

    /// <summary>Records of the line's agency the event names by id: each written as <c>{ kind: id, relation, role }</c>.</summary>
    private void Refs(Utf8JsonWriter w, string list, string kind, IEnumerable<(string Id, string True, string Relation, string? Role)> refs)
    {
        var started = false;
        foreach (var (id, truth, relation, role) in refs)
        {
            if (!started)
            {
                w.WriteStartArray(list);
                started = true;
            }
            w.WriteStartObject();
            w.WriteString(kind, id);
            w.WriteString("relation", relation);
            if (role is not null)
            {
                w.WriteString("role", role);
            }
            w.WriteEndObject();
            _out.Names(truth);
        }
        if (started)
        {
            w.WriteEndArray();
        }
    }

    private void Mention(string kind, string value, string? detail, string truth) => _mentions.Add((kind, value, detail, truth));

    private void Mentions(Utf8JsonWriter w)
    {
        if (_mentions.Count == 0)
        {
            return;
        }
        w.WriteStartArray("mentions");
        foreach (var (kind, value, detail, truth) in _mentions)
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteString("value", value);
            if (detail is not null)
            {
                w.WriteString("detail", detail);
            }
            w.WriteEndObject();
            _out.Names(truth);
        }
        w.WriteEndArray();
        _mentions.Clear();
    }
}
