using Lantern.Domain.People;

namespace Lantern.Domain.Children;

public readonly record struct ChildId(Guid Value)
{
    public static ChildId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>The child's details as a practitioner sets them on the record's edit page.</summary>
public sealed record ChildDetails
{
    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? KnownAs { get; init; }

    public Gender? Gender { get; init; }

    public string? Ethnicity { get; init; }

    public string? NhsNumber { get; init; }

    public string? UniquePupilNumber { get; init; }

    public string? PoliceReference { get; init; }

    public string? School { get; init; }

    public bool LookedAfter { get; init; }

    public bool ChildProtectionPlan { get; init; }

    public bool ChildInNeed { get; init; }
}

/// <summary>What a new record about a child starts with: usually what the first referral said.</summary>
public sealed record NewChild
{
    public required string GivenName { get; init; }

    public required string FamilyName { get; init; }

    public string? KnownAs { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public int? EstimatedAge { get; init; }

    public string? NhsNumber { get; init; }

    public string? UniquePupilNumber { get; init; }

    public string? PoliceReference { get; init; }

    public string? School { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }
}

/// <summary>
/// A child known to the partnership: who they are, where they live, who they live with, their legal
/// status and the current level of concern. Every agency's fragments about the child hang off this
/// record as chronology entries; involvements say who works with the child (and give access).
/// </summary>
public sealed class Child : IVersioned
{
    public const int NameMaxLength = 200;
    public const int KnownAsMaxLength = 500;
    public const int AddressMaxLength = 500;
    public const int PostcodeMaxLength = 10;
    public const int VulnerabilityMaxLength = 1000;

    private readonly List<ChildAddress> _addresses = [];
    private readonly List<ChildRelationship> _relationships = [];
    private readonly List<ChildVulnerability> _vulnerabilities = [];

    private Child()
    {
    }

    public ChildId Id { get; private init; } = ChildId.New();

    public string GivenName { get; private set; } = "";

    public string FamilyName { get; private set; } = "";

    /// <summary>Names the child uses or is called by others, and aliases, separated by commas.</summary>
    public string? KnownAs { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>An estimated age when the date of birth is not known, as of <see cref="EstimatedAgeOn"/>.</summary>
    public int? EstimatedAge { get; private set; }

    public DateOnly? EstimatedAgeOn { get; private set; }

    public Gender Gender { get; private set; } = Gender.NotKnown;

    /// <summary>The DfE ethnicity code (for example WBRI, MWBC, REFU, NOBT).</summary>
    public string? Ethnicity { get; private set; }

    public string? NhsNumber { get; private set; }

    public string? UniquePupilNumber { get; private set; }

    public string? PoliceReference { get; private set; }

    public string? School { get; private set; }

    public bool LookedAfter { get; private set; }

    public bool ChildProtectionPlan { get; private set; }

    public bool ChildInNeed { get; private set; }

    /// <summary>The practitioner's current level of concern; set by screening.</summary>
    public LevelOfConcern? LevelOfConcern { get; private set; }

    /// <summary>Set when something (repeat missing episodes) asks for a fresh screening; cleared by the screening.</summary>
    public DateTimeOffset? ScreeningRequestedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    /// <summary>
    /// Set when a person decided this record is about the same child as another: the record is kept, with
    /// its own details, but everything that hung off it now hangs off the other, and it is no longer listed.
    /// </summary>
    public ChildId? MergedIntoId { get; private set; }

    public DateTimeOffset? MergedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<ChildAddress> Addresses => _addresses;

    public IReadOnlyList<ChildRelationship> Relationships => _relationships;

    public IReadOnlyList<ChildVulnerability> Vulnerabilities => _vulnerabilities;

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>Age on a date from the date of birth, or the estimate moved on by the whole years since it was made.</summary>
    public int? AgeOn(DateOnly date) => Age.On(date, DateOfBirth, EstimatedAge, EstimatedAgeOn);

    /// <summary>A new record about a child, opened <paramref name="on"/> (an estimated age is as of that day).</summary>
    public static Child Open(NewChild details, DateTimeOffset at, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(details);
        var child = new Child
        {
            GivenName = details.GivenName,
            FamilyName = details.FamilyName,
            KnownAs = details.KnownAs,
            DateOfBirth = details.DateOfBirth,
            EstimatedAge = details.DateOfBirth is null ? details.EstimatedAge : null,
            EstimatedAgeOn = details.DateOfBirth is null && details.EstimatedAge is not null ? on : null,
            NhsNumber = details.NhsNumber,
            UniquePupilNumber = details.UniquePupilNumber,
            PoliceReference = details.PoliceReference,
            School = details.School,
            CreatedAt = at,
        };
        if (details.Address is { } address)
        {
            child._addresses.Add(new ChildAddress(child.Id, address, details.Postcode, on));
        }
        return child;
    }

    /// <summary>Changes the child's details; every problem keyed by field, or null when changed.</summary>
    public Failure? ChangeDetails(ChildDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = new List<FieldError>();
        var givenRequired = $"Enter the child's first name (up to {NameMaxLength} characters)";
        StorableText.Check(errors, "GivenName", "Given name", details.GivenName, TextShape.OneLine, NameMaxLength, givenRequired, givenRequired);
        var familyRequired = $"Enter the child's last name (up to {NameMaxLength} characters)";
        StorableText.Check(errors, "FamilyName", "Family name", details.FamilyName, TextShape.OneLine, NameMaxLength, familyRequired, familyRequired);
        StorableText.Check(errors, "KnownAs", "Other names", details.KnownAs, TextShape.OneLine, KnownAsMaxLength, $"Other names must be {KnownAsMaxLength} characters or fewer");
        if (details.Gender is not { } gender || !Enum.IsDefined(gender))
        {
            errors.Add(new("Gender", "Select the child's gender, or not known"));
        }
        if (!string.IsNullOrEmpty(details.Ethnicity) && !ChildRecordNames.Ethnicities.ContainsKey(details.Ethnicity))
        {
            errors.Add(new("Ethnicity", "Select an ethnicity from the DfE list"));
        }
        // A number already on the record is kept as it is (some were recorded before the check digit was
        // checked); a new or changed one must be a real NHS number.
        var given = People.NhsNumber.WithoutSeparators(details.NhsNumber);
        var nhs = given is null || given == NhsNumber ? given : People.NhsNumber.Normalise(given);
        if (StorableText.Find(details.NhsNumber, TextShape.OneLine) is { } nhsProblem)
        {
            errors.Add(new("NhsNumber", StorableText.Message(nhsProblem, "NHS number")));
        }
        else if (given is not null && nhs is null)
        {
            errors.Add(new("NhsNumber", People.NhsNumber.Problem));
        }
        StorableText.Check(errors, "UniquePupilNumber", "Unique pupil number", details.UniquePupilNumber, TextShape.OneLine, 13, "The unique pupil number must be 13 characters");
        StorableText.Check(errors, "PoliceReference", "Police reference", details.PoliceReference, TextShape.OneLine, 40, "The police reference must be 40 characters or fewer");
        StorableText.Check(errors, "School", "School", details.School, TextShape.OneLine, 200, "The school must be 200 characters or fewer");
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        GivenName = details.GivenName!.Trim();
        FamilyName = details.FamilyName!.Trim();
        KnownAs = Clean(details.KnownAs);
        Gender = details.Gender!.Value;
        Ethnicity = Clean(details.Ethnicity);
        NhsNumber = nhs;
        UniquePupilNumber = Clean(details.UniquePupilNumber);
        PoliceReference = Clean(details.PoliceReference);
        School = Clean(details.School);
        LookedAfter = details.LookedAfter;
        ChildProtectionPlan = details.ChildProtectionPlan;
        ChildInNeed = details.ChildInNeed;
        return null;
    }

    /// <summary>The child now lives at a new address: the current one ends today and the new one starts.</summary>
    public Failure? MoveTo(string? address, string? postcode, DateOnly today)
    {
        var errors = new List<FieldError>();
        var addressRequired = $"Enter the address (up to {AddressMaxLength} characters)";
        StorableText.Check(errors, "Address", "Address", address, TextShape.OneLine, AddressMaxLength, addressRequired, addressRequired);
        StorableText.Check(errors, "Postcode", "Postcode", postcode, TextShape.OneLine, PostcodeMaxLength, "Enter a real postcode, like NB1 4AA");
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        foreach (var current in _addresses.Where(a => a.To is null))
        {
            current.End(today);
        }
        _addresses.Add(new ChildAddress(Id, address!.Trim(), Clean(postcode)?.ToUpperInvariant(), today));
        return null;
    }

    /// <summary>Adds a member of the household or someone else close to the child.</summary>
    public Failure? AddRelationship(string? name, RelationshipKind? kind, bool livesWithChild, string? contact)
    {
        var errors = new List<FieldError>();
        var nameRequired = $"Enter the person's name (up to {NameMaxLength} characters)";
        StorableText.Check(errors, "Name", "Name", name, TextShape.OneLine, NameMaxLength, nameRequired, nameRequired);
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            errors.Add(new("Kind", "Select how they are related to the child"));
        }
        StorableText.Check(errors, "Contact", "Contact details", contact, TextShape.OneLine, 200, "Contact details must be 200 characters or fewer");
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        _relationships.Add(new ChildRelationship(Id, name!.Trim(), kind!.Value, livesWithChild, Clean(contact)));
        return null;
    }

    /// <summary>Records a known vulnerability, shown at the top of the record and beside every new referral.</summary>
    public Failure? AddVulnerability(string? description, string recordedBy, DateTimeOffset at)
    {
        if (StorableText.Check(description, "The vulnerability", TextShape.MultiLine, "Describe the vulnerability") is { } problem)
        {
            return Failure.Invalid("NewVulnerability", problem);
        }
        var text = description!.Trim();
        if (text.Length > VulnerabilityMaxLength)
        {
            return Failure.Invalid("NewVulnerability", $"The vulnerability must be {VulnerabilityMaxLength:N0} characters or fewer");
        }
        _vulnerabilities.Add(new ChildVulnerability(Id, text, recordedBy, at));
        return null;
    }

    /// <summary>This record is about the same child as <paramref name="survivor"/>, which now carries what hung off this one.</summary>
    public Failure? MergeInto(Child survivor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        if (survivor.Id == Id)
        {
            return Failure.Invalid("Survivor", "A record cannot be merged into itself");
        }
        if (MergedIntoId is not null || survivor.MergedIntoId is not null)
        {
            return Failure.Conflict("One of these records has already been merged into another; open the record it was merged into");
        }
        MergedIntoId = survivor.Id;
        MergedAt = at;
        return null;
    }

    /// <summary>
    /// When <paramref name="merged"/> is joined into this record, what it says about the child's safety is kept
    /// on this one: a looked-after, child protection or child in need status, the higher level of concern, and a
    /// screening asked for. Undoing the merge leaves them: a person reviews a status, never the service silently.
    /// </summary>
    public void TakeOnSafetyOf(Child merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        LookedAfter |= merged.LookedAfter;
        ChildProtectionPlan |= merged.ChildProtectionPlan;
        ChildInNeed |= merged.ChildInNeed;
        if (merged.LevelOfConcern is { } level && (LevelOfConcern is null || level > LevelOfConcern))
        {
            LevelOfConcern = level;
        }
        if (merged.ScreeningRequestedAt is { } asked && (ScreeningRequestedAt is null || asked < ScreeningRequestedAt))
        {
            ScreeningRequestedAt = asked;
        }
    }

    /// <summary>Undoes <see cref="MergeInto"/>: the record stands on its own again.</summary>
    public Failure? Unmerge()
    {
        if (MergedIntoId is null)
        {
            return Failure.Conflict("This record is not merged into another");
        }
        MergedIntoId = null;
        MergedAt = null;
        return null;
    }

    /// <summary>Something (repeat missing episodes) asks for a fresh screening of the child.</summary>
    public void RequestScreening(DateTimeOffset at) => ScreeningRequestedAt = at;

    /// <summary>A screening (or a manager's review of the latest one) sets the child's level of concern; any request for one is met.</summary>
    public void SetLevelOfConcern(LevelOfConcern level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, null);
        }
        LevelOfConcern = level;
        ScreeningRequestedAt = null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>An address the child lived at, from when to when (open while current).</summary>
public sealed class ChildAddress : IAggregatePart
{
    private ChildAddress()
    {
    }

    internal ChildAddress(ChildId child, string address, string? postcode, DateOnly? from)
    {
        ChildId = child;
        Address = address;
        Postcode = postcode;
        From = from;
    }

    public long Id { get; private init; }

    public ChildId ChildId { get; private init; }

    public string Address { get; private init; } = "";

    public string? Postcode { get; private init; }

    public DateOnly? From { get; private init; }

    public DateOnly? To { get; private set; }

    object IAggregatePart.AggregateId => ChildId;

    internal void End(DateOnly on) => To = on;
}

/// <summary>A parent, sibling, carer or other member of the household, or someone else close to the child.</summary>
public sealed class ChildRelationship : IAggregatePart
{
    private ChildRelationship()
    {
    }

    internal ChildRelationship(ChildId child, string name, RelationshipKind kind, bool livesWithChild, string? contact)
    {
        ChildId = child;
        Name = name;
        Kind = kind;
        LivesWithChild = livesWithChild;
        Contact = contact;
    }

    public long Id { get; private init; }

    public ChildId ChildId { get; private init; }

    public string Name { get; private init; } = "";

    public RelationshipKind Kind { get; private init; }

    public bool LivesWithChild { get; private init; }

    public string? Contact { get; private init; }

    object IAggregatePart.AggregateId => ChildId;
}

/// <summary>A known vulnerability shown at the top of the child's record and beside every new referral about them.</summary>
public sealed class ChildVulnerability : IAggregatePart
{
    private ChildVulnerability()
    {
    }

    internal ChildVulnerability(ChildId child, string description, string recordedBy, DateTimeOffset at)
    {
        ChildId = child;
        Description = description;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public long Id { get; private init; }

    public ChildId ChildId { get; private init; }

    public string Description { get; private init; } = "";

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = "";

    public DateTimeOffset? EndedAt { get; private set; }

    object IAggregatePart.AggregateId => ChildId;
}
