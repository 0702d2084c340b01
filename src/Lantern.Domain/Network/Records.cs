using Lantern.Domain.Partnership;

namespace Lantern.Domain.Network;

/// <summary>What kind of name a person is known by.</summary>
public enum PersonNameKind
{
    /// <summary>A name as a record gave it ("Mohammed Khan", "Mo").</summary>
    Name = 1,

    /// <summary>Another name the same person uses.</summary>
    Alias = 2,

    /// <summary>What children or others call him ("Boss", "Daddy").</summary>
    Nickname = 3,
}

/// <summary>A name a person is known by, with its folded key for matching.</summary>
public sealed class PersonName : IAggregatePart
{
    private PersonName()
    {
    }

    internal PersonName(Guid personId, string value, PersonNameKind kind)
    {
        PersonId = personId;
        Value = value;
        Key = NameKey.Person(value) ?? value.ToLowerInvariant();
        Kind = kind;
    }

    public long Id { get; private init; }

    public Guid PersonId { get; private set; }

    public string Value { get; private init; } = "";

    public string Key { get; private init; } = "";

    public PersonNameKind Kind { get; private init; }

    object IAggregatePart.AggregateId => PersonId;
}

/// <summary>
/// An adult, or a young person who is not the subject of a child's record, as the agencies' records
/// describe him or her: names, aliases and nicknames, an age as written, a description. Phones, vehicles,
/// places and household are links. A person of concern is one an authorised user has flagged, with a reason.
/// </summary>
public sealed class Person : IVersioned
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int ReasonMaxLength = 4000;

    private readonly List<PersonName> _names = [];

    private Person()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>What people quote: PER- and ten characters.</summary>
    public string Reference { get; private init; } = "";

    /// <summary>The name shown first: the first name any record gave.</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>An age as first written ("about 40", "late 30s") and when it was written.</summary>
    public string? AgeAsWritten { get; private set; }

    public int? YoungestAge { get; private set; }

    public int? OldestAge { get; private set; }

    public DateOnly? AgeWrittenOn { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public bool OfConcern { get; private set; }

    public string? ConcernReason { get; private set; }

    public string? FlaggedByName { get; private set; }

    public DateTimeOffset? FlaggedAt { get; private set; }

    /// <summary>Set when a person decided this record is about the same person as another.</summary>
    public Guid? MergedIntoId { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<PersonName> Names => _names;

    public static Person Record(string reference, string name, PersonNameKind kind, DateTimeOffset at, string? ageAsWritten = null, DateOnly? ageWrittenOn = null,
        string? description = null, DateOnly? dateOfBirth = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var person = new Person { Reference = reference, DisplayName = name.Trim(), CreatedAt = at, DateOfBirth = dateOfBirth };
        person._names.Add(new PersonName(person.Id, name.Trim(), kind));
        person.SetAge(ageAsWritten, ageWrittenOn);
        person.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        return person;
    }

    /// <summary>Adds a name the person is known by, when it is not already one of them.</summary>
    public void AddName(string name, PersonNameKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = NameKey.Person(name);
        if (!_names.Any(n => n.Key == key))
        {
            _names.Add(new PersonName(Id, name.Trim(), kind));
        }
    }

    /// <summary>Takes an age as written when none is known yet (the first writing is kept; later ones stay on their links).</summary>
    public void SetAge(string? ageAsWritten, DateOnly? writtenOn)
    {
        if (AgeAsWritten is not null || string.IsNullOrWhiteSpace(ageAsWritten))
        {
            return;
        }
        AgeAsWritten = ageAsWritten.Trim();
        AgeWrittenOn = writtenOn;
        if (WrittenAge.Read(ageAsWritten) is { } range)
        {
            (YoungestAge, OldestAge) = range;
        }
    }

    /// <summary>Adds to the description what another record said.</summary>
    public void Describe(string? description) => Description = Descriptions.Add(Description, description, DescriptionMaxLength);

    /// <summary>Whether an age written on <paramref name="on"/> could be this person's.</summary>
    public bool AgeFits((int Youngest, int Oldest)? written, DateOnly on) =>
        YoungestAge is not { } youngest || OldestAge is not { } oldest || AgeWrittenOn is not { } made || WrittenAge.Compatible((youngest, oldest), made, written, on);

    /// <summary>Flags the person as a person of concern, with the reason; refused when already flagged or without a reason.</summary>
    public Failure? Flag(Actor by, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (MergedIntoId is not null)
        {
            return Failure.Conflict("This record was merged into another; flag that one");
        }
        if (OfConcern)
        {
            return Failure.Conflict("This person is already a person of concern");
        }
        if (CheckReason(reason, "Say why this person is of concern") is { } problem)
        {
            return problem;
        }
        OfConcern = true;
        ConcernReason = reason!.Trim();
        FlaggedByName = by.Name;
        FlaggedAt = at;
        return null;
    }

    /// <summary>Ends the flag, with the reason; the reason for flagging stays in the audit trail.</summary>
    public Failure? Unflag(Actor by, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!OfConcern)
        {
            return Failure.Conflict("This person is not a person of concern");
        }
        if (CheckReason(reason, "Say why this person is no longer of concern") is { } problem)
        {
            return problem;
        }
        OfConcern = false;
        ConcernReason = null;
        FlaggedByName = by.Name;
        FlaggedAt = at;
        return null;
    }

    /// <summary>Marks this record as about the same person as <paramref name="survivor"/>, whose names and flag it takes on.</summary>
    public Failure? MergeInto(Person survivor)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        if (survivor.Id == Id || MergedIntoId is not null || survivor.MergedIntoId is not null)
        {
            return Failure.Conflict("One of these records has already been merged");
        }
        foreach (var name in _names)
        {
            survivor.AddName(name.Value, name.Kind);
        }
        survivor.SetAge(AgeAsWritten, AgeWrittenOn);
        survivor.Describe(Description);
        survivor.DateOfBirth ??= DateOfBirth;
        if (OfConcern && !survivor.OfConcern)
        {
            (survivor.OfConcern, survivor.ConcernReason, survivor.FlaggedByName, survivor.FlaggedAt) = (true, ConcernReason, FlaggedByName, FlaggedAt);
        }
        MergedIntoId = survivor.Id;
        return null;
    }

    /// <summary>As <see cref="MergeInto(Person)"/>, saying what the survivor took on, so that undoing the merge can take exactly that back.</summary>
    public Result<PersonMergeTaken> MergeTracked(Person survivor)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        var keys = survivor._names.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var (hadAge, hadBirth, hadFlag, description) = (survivor.AgeAsWritten is not null, survivor.DateOfBirth is not null, survivor.OfConcern, survivor.Description);
        if (MergeInto(survivor) is { } refused)
        {
            return refused;
        }
        return new PersonMergeTaken([.. survivor._names.Select(n => n.Key).Where(k => !keys.Contains(k))],
            !hadAge && survivor.AgeAsWritten is not null, !hadBirth && survivor.DateOfBirth is not null, !hadFlag && survivor.OfConcern,
            description, survivor.Description);
    }

    /// <summary>
    /// Undoes a merge into <paramref name="survivor"/>: this record stands again, and the survivor gives back what it took
    /// on (names, age, date of birth, the flag, the description), keeping what was added to it since.
    /// </summary>
    public Failure? Unmerge(Person survivor, PersonMergeTaken taken)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(taken);
        if (MergedIntoId != survivor.Id)
        {
            return Failure.Conflict("This record is not merged into that one");
        }
        survivor._names.RemoveAll(n => taken.NameKeys.Contains(n.Key));
        if (taken.Age)
        {
            (survivor.AgeAsWritten, survivor.YoungestAge, survivor.OldestAge, survivor.AgeWrittenOn) = (null, null, null, null);
        }
        if (taken.DateOfBirth)
        {
            survivor.DateOfBirth = null;
        }
        // The flag goes back only while it is still the one taken on; one set or ended since is a person's own decision.
        if (taken.Flag && survivor.OfConcern && survivor.FlaggedAt == FlaggedAt && survivor.ConcernReason == ConcernReason)
        {
            (survivor.OfConcern, survivor.ConcernReason, survivor.FlaggedByName, survivor.FlaggedAt) = (false, null, null, null);
        }
        if (taken.DescriptionAfter is { } after && survivor.Description is { } now && now.StartsWith(after, StringComparison.Ordinal))
        {
            var since = now[after.Length..].TrimStart(';', ' ');
            survivor.Description = taken.DescriptionBefore is null ? (since.Length == 0 ? null : since)
                : since.Length == 0 ? taken.DescriptionBefore : taken.DescriptionBefore + "; " + since;
        }
        MergedIntoId = null;
        return null;
    }

    private static Failure? CheckReason(string? reason, string required) =>
        StorableText.Check(reason, "Reason", TextShape.MultiLine, required) is { } problem ? Failure.Invalid("Reason", problem)
        : reason!.Trim().Length > ReasonMaxLength ? Failure.Invalid("Reason", $"The reason must be {ReasonMaxLength:N0} characters or fewer")
        : null;
}

/// <summary>What a merge gave the surviving record: the name keys it took on, and whether it took the age, date of birth and flag.</summary>
public sealed record PersonMergeTaken(IReadOnlyList<string> NameKeys, bool Age, bool DateOfBirth, bool Flag, string? DescriptionBefore, string? DescriptionAfter);

/// <summary>A vehicle by its registration as written (possibly partial or misread), with what was said of it.</summary>
public sealed class Vehicle : IVersioned
{
    public const int DetailMaxLength = 200;

    private Vehicle()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public string Reference { get; private init; } = "";

    /// <summary>The registration as first written.</summary>
    public string Registration { get; private init; } = "";

    /// <summary>The folded plate (<see cref="VehicleRegistration.Key"/>); unique among full plates.</summary>
    public string Key { get; private init; } = "";

    public bool IsPartial { get; private init; }

    /// <summary>Make, model and colour as written ("silver Vauxhall Astra"), gathered from every record.</summary>
    public string? Description { get; private set; }

    public string? KeeperAsWritten { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public long Version { get; private set; }

    public static Vehicle Record(string reference, string registration, string key, DateTimeOffset at, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(registration);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var vehicle = new Vehicle { Reference = reference, Registration = registration.Trim(), Key = key, IsPartial = VehicleRegistration.IsPartial(key), CreatedAt = at };
        vehicle.Describe(description);
        return vehicle;
    }

    public void Describe(string? description) => Description = Descriptions.Add(Description, description, DetailMaxLength);

    public void SetKeeper(string? keeper)
    {
        if (!string.IsNullOrWhiteSpace(keeper))
        {
            KeeperAsWritten = keeper.Trim();
        }
    }
}

/// <summary>A phone number, as first written and in international form; who uses it is a link.</summary>
public sealed class Phone : IVersioned
{
    private Phone()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public string Reference { get; private init; } = "";

    public string Number { get; private init; } = "";

    /// <summary>The number in international form (<see cref="PhoneNumber.Key"/>); unique.</summary>
    public string Key { get; private init; } = "";

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public long Version { get; private set; }

    public static Phone Record(string reference, string number, string key, DateTimeOffset at, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var phone = new Phone { Reference = reference, Number = number.Trim(), Key = key, CreatedAt = at };
        phone.Describe(description);
        return phone;
    }

    public void Describe(string? description) => Description = Descriptions.Add(Description, description, Vehicle.DetailMaxLength);
}

/// <summary>What sort of place it is.</summary>
public enum PlaceType
{
    NotKnown = 0,
    Home = 1,
    Flat = 2,
    Takeaway = 3,
    TaxiOffice = 4,
    Hotel = 5,
    CarPark = 6,
    Park = 7,
    YouthClub = 8,
    ChildrensHome = 9,
    School = 10,
    Shop = 11,
    Other = 99,
}

/// <summary>A name a place is known by in one agency's records ("Star Grill", "the takeaway on Dunmore Street").</summary>
public sealed class PlaceName : IAggregatePart
{
    private PlaceName()
    {
    }

    internal PlaceName(Guid placeId, string value)
    {
        PlaceId = placeId;
        Value = value;
        Key = NameKey.Place(value) ?? value.ToLowerInvariant();
    }

    public long Id { get; private init; }

    public Guid PlaceId { get; private set; }

    public string Value { get; private init; } = "";

    public string Key { get; private init; } = "";

    object IAggregatePart.AggregateId => PlaceId;
}

/// <summary>A place by the names the agencies used, its type and its address.</summary>
public sealed class Place : IVersioned
{
    public const int AddressMaxLength = 500;

    private readonly List<PlaceName> _names = [];

    private Place()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public string Reference { get; private init; } = "";

    public string DisplayName { get; private set; } = "";

    public PlaceType Type { get; private set; }

    public string? Address { get; private set; }

    /// <summary>The postcode in the address, folded (<see cref="NameKey.Postcode"/>).</summary>
    public string? Postcode { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public long Version { get; private set; }

    public IReadOnlyList<PlaceName> Names => _names;

    public static Place Record(string reference, string name, DateTimeOffset at, PlaceType type = PlaceType.NotKnown, string? address = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var place = new Place { Reference = reference, DisplayName = name.Trim(), Type = type, CreatedAt = at };
        place._names.Add(new PlaceName(place.Id, name.Trim()));
        place.SetAddress(address);
        place.Describe(description);
        return place;
    }

    public void AddName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = NameKey.Place(name);
        if (!_names.Any(n => n.Key == key))
        {
            _names.Add(new PlaceName(Id, name.Trim()));
        }
    }

    public void SetAddress(string? address)
    {
        if (Address is null && !string.IsNullOrWhiteSpace(address))
        {
            Address = address.Trim();
            Postcode = NameKey.Postcode(address);
        }
    }

    public void SetType(PlaceType type)
    {
        if (Type == PlaceType.NotKnown)
        {
            Type = type;
        }
    }

    public void Describe(string? description) => Description = Descriptions.Add(Description, description, Vehicle.DetailMaxLength * 5);
}

/// <summary>What a context of harm is.</summary>
public enum ContextType
{
    Place = 1,
    PeerGroup = 2,
    School = 3,
    OnlineSpace = 4,
    Neighbourhood = 5,
}

/// <summary>
/// One version of a context's assessment and plan, as one person recorded it: a new assessment adds a version
/// and the earlier ones stay, so what the partnership once thought of the context, and who thought it, can be read back.
/// </summary>
public sealed class ContextAssessment : IAggregatePart
{
    private ContextAssessment()
    {
    }

    internal ContextAssessment(Guid contextId, int number, string assessment, string? plan, Actor by, DateTimeOffset at)
    {
        ContextId = contextId;
        Number = number;
        Assessment = assessment;
        Plan = plan;
        RecordedById = by.Id;
        RecordedByName = by.Name;
        RecordedAt = at;
    }

    public long Id { get; private init; }

    public Guid ContextId { get; private init; }

    /// <summary>1 for the first assessment, and one more for each after it.</summary>
    public int Number { get; private init; }

    public string Assessment { get; private init; } = "";

    public string? Plan { get; private init; }

    public Guid RecordedById { get; private init; }

    public string RecordedByName { get; private init; } = "";

    public DateTimeOffset RecordedAt { get; private init; }

    object IAggregatePart.AggregateId => ContextId;
}

/// <summary>
/// A place, peer group, school, neighbourhood or online space assessed as a context of harm (contextual
/// safeguarding): its own assessment and plan; the children, persons and places in it are links. A context
/// may be about one record of the network (the takeaway, the park), named when it is opened.
/// </summary>
public sealed class Context : IVersioned
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 10_000;

    private readonly List<ContextAssessment> _assessments = [];

    private Context()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public string Reference { get; private init; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The name folded for searching (<see cref="NameKey.Person"/>): case, accents and punctuation do not matter.</summary>
    public string Key { get; private set; } = "";

    public ContextType Type { get; private set; }

    /// <summary>The current assessment: the latest version's.</summary>
    public string? Assessment { get; private set; }

    /// <summary>The current plan: the latest version's.</summary>
    public string? Plan { get; private set; }

    /// <summary>The record of the network the context is about (a place, a person at the centre of a peer group), if any.</summary>
    public NodeKind? AboutKind { get; private init; }

    public Guid? AboutId { get; private init; }

    public AgencyId OwnerAgencyId { get; private init; }

    public string OpenedByName { get; private init; } = "";

    public DateTimeOffset CreatedAt { get; private init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>Every version of the assessment and plan, oldest first.</summary>
    public IReadOnlyList<ContextAssessment> Assessments => _assessments;

    public NodeRef Node => new(NodeKind.Context, Id);

    public NodeRef? About => AboutKind is { } kind && AboutId is { } id ? new NodeRef(kind, id) : null;

    /// <summary>Opens a context, owned by the opener's agency; every problem keyed by field.</summary>
    public static Result<Context> Open(string reference, string? name, ContextType? type, NodeRef? about, Actor by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(by);
        var errors = new List<FieldError>();
        CheckNameAndType(errors, name, type);
        if (about is { Kind: NodeKind.Child or NodeKind.Context })
        {
            errors.Add(new("About", "A context can be about a person, vehicle, phone or place; link children to it once it is open"));
        }
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        return new Context
        {
            Reference = reference,
            Name = name!.Trim(),
            Key = KeyOf(name),
            Type = type!.Value,
            AboutKind = about?.Kind,
            AboutId = about?.Id,
            OwnerAgencyId = by.Agency,
            OpenedByName = by.Name,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>
    /// Records a new version of the assessment and plan (and the name and type, which an assessment may correct);
    /// every problem keyed by field, or null when recorded. The earlier versions stay.
    /// </summary>
    public Failure? Assess(Actor by, string? name, ContextType? type, string? assessment, string? plan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        var errors = new List<FieldError>();
        CheckNameAndType(errors, name, type);
        StorableText.Check(errors, "Assessment", "Assessment", assessment, TextShape.MultiLine, TextMaxLength,
            $"The assessment must be {TextMaxLength:N0} characters or fewer", "Enter the assessment of the context");
        StorableText.Check(errors, "Plan", "Plan", plan, TextShape.MultiLine, TextMaxLength, $"The plan must be {TextMaxLength:N0} characters or fewer");
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        var newAssessment = assessment!.Trim();
        var newPlan = string.IsNullOrWhiteSpace(plan) ? null : plan.Trim();
        var newName = name!.Trim();
        if (newAssessment == Assessment && newPlan == Plan && newName == Name && type == Type)
        {
            return Failure.Invalid("Assessment", "Nothing has changed: change the assessment or the plan to record a new version");
        }
        if (newAssessment != Assessment || newPlan != Plan)
        {
            _assessments.Add(new ContextAssessment(Id, _assessments.Count + 1, newAssessment, newPlan, by, at));
        }
        Name = newName;
        Key = KeyOf(newName);
        Type = type!.Value;
        Assessment = newAssessment;
        Plan = newPlan;
        UpdatedAt = at;
        return null;
    }

    public static string Describe(ContextType type) => type switch
    {
        ContextType.Place => "Place",
        ContextType.PeerGroup => "Peer group",
        ContextType.School => "School",
        ContextType.OnlineSpace => "Online space",
        ContextType.Neighbourhood => "Neighbourhood",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string KeyOf(string name) => NameKey.Person(name) ?? name.Trim().ToLowerInvariant();

    private static void CheckNameAndType(List<FieldError> errors, string? name, ContextType? type)
    {
        StorableText.Check(errors, "Name", "Name", name, TextShape.OneLine, NameMaxLength, $"The name must be {NameMaxLength} characters or fewer", "Enter the context's name");
        if (type is not { } t || !Enum.IsDefined(t))
        {
            errors.Add(new("Type", "Select what kind of context this is"));
        }
    }
}

/// <summary>Descriptions gathered from several records: each new one added once, the whole kept within its length.</summary>
internal static class Descriptions
{
    public static string? Add(string? current, string? more, int max)
    {
        if (string.IsNullOrWhiteSpace(more) || (current?.Contains(more.Trim(), StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return current;
        }
        var text = current is null ? more.Trim() : current + "; " + more.Trim();
        return text.Length > max ? text[..max] : text;
    }
}
