using Lantern.Domain.Network;

namespace Lantern.Features.Network;

/// <summary>
/// The network's alert rules, bound from <c>Lantern:Network:Alerts</c> and checked at start: which links are concerning,
/// which say a household and which a professional's role, the thresholds, and which vehicles, phones and places are
/// generic (many children share them for good reasons). A list left unset takes the default shown in docs/network.md;
/// a list set replaces the default whole.
/// </summary>
public sealed class NetworkAlertOptions
{
    public const string Section = "Lantern:Network:Alerts";

    private IReadOnlySet<LinkType>? _concerning;
    private IReadOnlySet<LinkType>? _household;
    private IReadOnlySet<string>? _professional;
    private IReadOnlySet<PlaceType>? _workplaces;
    private IReadOnlySet<LinkType>? _inRole;
    private IReadOnlySet<LinkType>? _hotspot;
    private IReadOnlySet<LinkType>? _work;
    private IReadOnlySet<PlaceType>? _genericTypes;
    private IReadOnlySet<string>? _genericReferences;
    private IReadOnlySet<string>? _notGenericReferences;

    public static IReadOnlyList<LinkType> DefaultConcerningLinks { get; } =
    [
        LinkType.NamedInRecord, LinkType.SeenWith, LinkType.PickedUpIn, LinkType.FoundAt, LinkType.PhonedOrMessaged, LinkType.AssociatesWith,
        LinkType.MissingWith, LinkType.MissingTo, LinkType.ExploitedAt, LinkType.Other,
    ];

    public static IReadOnlyList<LinkType> DefaultHouseholdLinks { get; } = [LinkType.ParentOf, LinkType.HouseholdMember, LinkType.SiblingOf];

    public static IReadOnlyList<LinkType> DefaultInRoleLinks { get; } = [LinkType.NamedInRecord, LinkType.SeenWith, LinkType.AssociatesWith, LinkType.Other];

    public static IReadOnlyList<PlaceType> DefaultProfessionalWorkplaces { get; } = [PlaceType.School, PlaceType.YouthClub, PlaceType.ChildrensHome];

    public static IReadOnlyList<LinkType> DefaultHotspotLinks { get; } = [LinkType.SeenWith, LinkType.PickedUpIn, LinkType.FoundAt, LinkType.MissingTo, LinkType.ExploitedAt];

    public static IReadOnlyList<LinkType> DefaultWorkLinks { get; } = [LinkType.WorksAt, LinkType.DrivesFor];

    public static IReadOnlyList<PlaceType> DefaultGenericPlaceTypes { get; } = [PlaceType.School, PlaceType.YouthClub, PlaceType.ChildrensHome];

    /// <summary>How many children, of different households, an adult is linked to through concerning records before the alert is raised.</summary>
    public int MultipleVictimsChildren { get; init; } = 2;

    /// <summary>The same for a person already flagged as of concern: a lower threshold.</summary>
    public int MultipleVictimsChildrenOfConcern { get; init; } = 1;

    /// <summary>The link types between an adult and a child that count towards the alert.</summary>
    public IReadOnlyList<LinkType>? ConcerningLinks { get; init; }

    /// <summary>The link types that make an adult and a child, or two children, one household: a parent with his own children does not raise it.</summary>
    public IReadOnlyList<LinkType>? HouseholdLinks { get; init; }

    /// <summary>Roles an agency records for a person ("role": "professional" on an event) that mean he was there in his role.</summary>
    public IReadOnlyList<string>? ProfessionalRoles { get; init; }

    /// <summary>Places whose staff (a person who works at one) are professionals around children.</summary>
    public IReadOnlyList<PlaceType>? ProfessionalWorkplaces { get; init; }

    /// <summary>The links a professional's role explains (named in a record, seen with); a professional picking a child up still counts.</summary>
    public IReadOnlyList<LinkType>? InRoleLinks { get; init; }

    /// <summary>
    /// The links between an adult and a child that say he was there for his work (works at, drives for): a record holding one
    /// is not a concerning event about the vehicles and places it names.
    /// </summary>
    public IReadOnlyList<LinkType>? WorkLinks { get; init; }

    /// <summary>How many children a vehicle, phone or place is linked to within <see cref="HotspotMonths"/> before it is a hotspot.</summary>
    public int HotspotChildren { get; init; } = 3;

    public int HotspotMonths { get; init; } = 12;

    /// <summary>The link types between a child and a thing that count towards a hotspot.</summary>
    public IReadOnlyList<LinkType>? HotspotLinks { get; init; }

    /// <summary>How many children a connected group of concerning links holds before it is a possible organised network.</summary>
    public int OrganisedNetworkChildren { get; init; } = 3;

    /// <summary>How many adults the same group holds.</summary>
    public int OrganisedNetworkAdults { get; init; } = 2;

    /// <summary>A connected group of more records than this is split into its Leiden communities, each judged on its own.</summary>
    public int OrganisedNetworkLargeGroup { get; init; } = 150;

    /// <summary>A vehicle, phone or place linked to more children than this, by any link, is generic: learned from the data.</summary>
    public int GenericChildren { get; init; } = 25;

    /// <summary>Place types that are generic whatever their count (a school, a youth club, a children's home).</summary>
    public IReadOnlyList<PlaceType>? GenericPlaceTypes { get; init; }

    /// <summary>References (PLC-, PHN-, VEH-) an administrator sets as generic: a bus station, a taxi firm's switchboard.</summary>
    public IReadOnlyList<string>? Generic { get; init; }

    /// <summary>References an administrator sets as not generic, whatever their count or type.</summary>
    public IReadOnlyList<string>? NotGeneric { get; init; }

    public IReadOnlySet<LinkType> Concerning => _concerning ??= (ConcerningLinks ?? DefaultConcerningLinks).ToHashSet();

    public IReadOnlySet<LinkType> Household => _household ??= (HouseholdLinks ?? DefaultHouseholdLinks).ToHashSet();

    public IReadOnlySet<string> Professional => _professional ??= (ProfessionalRoles ?? ["professional"]).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<PlaceType> Workplaces => _workplaces ??= (ProfessionalWorkplaces ?? DefaultProfessionalWorkplaces).ToHashSet();

    public IReadOnlySet<LinkType> InRole => _inRole ??= (InRoleLinks ?? DefaultInRoleLinks).ToHashSet();

    public IReadOnlySet<LinkType> Hotspot => _hotspot ??= (HotspotLinks ?? DefaultHotspotLinks).ToHashSet();

    public IReadOnlySet<LinkType> WorkLinkTypes => _work ??= (WorkLinks ?? DefaultWorkLinks).ToHashSet();

    public IReadOnlySet<PlaceType> GenericTypes => _genericTypes ??= (GenericPlaceTypes ?? DefaultGenericPlaceTypes).ToHashSet();

    public IReadOnlySet<string> GenericReferences => _genericReferences ??= (Generic ?? []).Select(r => r.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> NotGenericReferences => _notGenericReferences ??= (NotGeneric ?? []).Select(r => r.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each problem with the setting it is about, so that a bad setting stops the start with its name.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        void Within(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add(($"{Section}:{name}", $"Must be from {min} to {max}; it was {value}."));
            }
        }
        Within(nameof(MultipleVictimsChildren), MultipleVictimsChildren, 2, 100);
        Within(nameof(MultipleVictimsChildrenOfConcern), MultipleVictimsChildrenOfConcern, 1, MultipleVictimsChildren);
        Within(nameof(HotspotChildren), HotspotChildren, 2, 1000);
        Within(nameof(HotspotMonths), HotspotMonths, 1, 120);
        Within(nameof(GenericChildren), GenericChildren, HotspotChildren, 100_000);
        Within(nameof(OrganisedNetworkChildren), OrganisedNetworkChildren, 2, 100);
        Within(nameof(OrganisedNetworkAdults), OrganisedNetworkAdults, 2, 100);
        Within(nameof(OrganisedNetworkLargeGroup), OrganisedNetworkLargeGroup, OrganisedNetworkChildren + OrganisedNetworkAdults, 100_000);
        if (Concerning.Count == 0)
        {
            errors.Add(($"{Section}:{nameof(ConcerningLinks)}", "Name at least one link type; with none no adult would ever raise the alert."));
        }
        if (Hotspot.Count == 0)
        {
            errors.Add(($"{Section}:{nameof(HotspotLinks)}", "Name at least one link type; with none nothing would ever be a hotspot."));
        }
        if (WorkLinkTypes.Intersect(Concerning.Union(Hotspot)).ToList() is { Count: > 0 } work)
        {
            errors.Add(($"{Section}:{nameof(WorkLinks)}", $"A link that says an adult was there for his work cannot also be concerning: {string.Join(", ", work)}."));
        }
        foreach (var (name, types) in new[] { (nameof(ConcerningLinks), Concerning), (nameof(HotspotLinks), Hotspot) })
        {
            if (types.Intersect(Household).ToList() is { Count: > 0 } both)
            {
                errors.Add(($"{Section}:{name}", $"A household link cannot also be concerning: {string.Join(", ", both)}."));
            }
        }
        if (GenericReferences.Intersect(NotGenericReferences, StringComparer.OrdinalIgnoreCase).ToList() is { Count: > 0 } twice)
        {
            errors.Add(($"{Section}:{nameof(NotGeneric)}", $"Set as both generic and not generic: {string.Join(", ", twice)}."));
        }
        if ((Generic ?? []).Concat(NotGeneric ?? []).Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(($"{Section}:{nameof(Generic)}", "Give each record by its reference (PLC-, PHN-, VEH-); an empty one was given."));
        }
        return errors;
    }
}
