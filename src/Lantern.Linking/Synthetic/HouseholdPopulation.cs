using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>A person's place in the household they live in.</summary>
public enum HouseholdRole
{
    /// <summary>The adult the household is recorded under (for a couple, the first of the two).</summary>
    Head,

    /// <summary>The head's partner, married or not.</summary>
    Partner,

    /// <summary>A child (of any age) of both the head and the partner, or of a single parent.</summary>
    Child,

    /// <summary>A child of only one of the couple: a step-child of the other.</summary>
    StepChild,

    /// <summary>A parent of the head or the partner living with the family.</summary>
    Grandparent,

    /// <summary>A looked-after child placed with the household; they move between placements.</summary>
    FosterChild,

    /// <summary>An unrelated adult: a lodger, or one of a house share.</summary>
    Housemate,

    /// <summary>An adult living alone.</summary>
    SingleAdult,
}

/// <summary>Which agency wrote a record; each has its own habits (see docs/linking.md).</summary>
public enum RecordSource
{
    Police,
    ChildrensSocialCare,
    Nhs,
    School,
    YouthService,
}

/// <summary>How the people behind two records are related, the first that holds in this order.</summary>
public enum PairRelationship
{
    /// <summary>Both records are of the same person: the only pairs that should be linked.</summary>
    SamePerson,

    /// <summary>Twins (or triplets): same date of birth, family name and address.</summary>
    Twin,

    /// <summary>The same mother and the same father.</summary>
    Sibling,

    /// <summary>One parent in common, or two children of a step-family with none in common.</summary>
    HalfOrStepSibling,

    /// <summary>A parent (or a step-parent in the same household) and their child.</summary>
    ParentChild,

    GrandparentGrandchild,

    /// <summary>The couple at the head of a household.</summary>
    Partners,

    /// <summary>Living at the same address otherwise: a lodger, a housemate, a foster child, an in-law.</summary>
    SameHouseholdOther,

    /// <summary>Unrelated people with the same first given name and family name (folded), like the town's many Mohammed Khans.</summary>
    SameNameUnrelated,

    Unrelated,
}

/// <summary>
/// The truth about one person of a synthetic town. <see cref="MotherId"/> and <see cref="FatherId"/> are entity
/// ids of people in the same population (every child's parents are somewhere in the town, at home or not), or
/// null when not known (an adult's parents usually are not). <see cref="Given"/> is the person's first given
/// name and <see cref="Family"/> their current family name, as they are properly written; <see cref="OtherFamily"/>
/// another family name some agencies write for them instead.
/// </summary>
public sealed record PersonFacts(string EntityId, string HouseholdId, HouseholdRole Role, string? MotherId, string? FatherId, string? TwinGroup)
{
    public string Given { get; init; } = "";

    public string? Middle { get; init; }

    public string Family { get; init; } = "";

    /// <summary>
    /// The family name some agencies write in place of <see cref="Family"/>, never the same name: a married woman's
    /// maiden name, Begum or Bibi, a step-child's step-parent's name, Singh or Kaur for a Sikh family name. Null when none.
    /// </summary>
    public string? OtherFamily { get; init; }

    public DateOnly DateOfBirth { get; init; }

    /// <summary>M or F.</summary>
    public string Sex { get; init; } = "";

    /// <summary>The person's NHS number: ten digits with a valid check digit, one per person.</summary>
    public string NhsNumber { get; init; } = "";
}

/// <summary>
/// A generated town of households and the agencies' records of its people, with the truth: which records are
/// the same person (<see cref="EntityOf"/>, record id to entity id), who each person is (<see cref="People"/>,
/// by entity id), and which agency wrote each record (<see cref="SourceOf"/>).
/// </summary>
public sealed record HouseholdPopulation(
    IReadOnlyList<PersonRecord> Records,
    IReadOnlyDictionary<string, string> EntityOf,
    IReadOnlyDictionary<string, PersonFacts> People,
    IReadOnlyDictionary<string, RecordSource> SourceOf)
{
    /// <summary>The records and who is who, without the household facts, for code written for <see cref="SyntheticPeople"/>.</summary>
    public SyntheticPopulation ToSyntheticPopulation() => new(Records, EntityOf);

    /// <summary>The household the person with entity id <paramref name="entityId"/> lives in.</summary>
    public string HouseholdOf(string entityId) => People[entityId].HouseholdId;

    /// <summary>How the people behind two records are related (see <see cref="PairRelationship"/> for the order).</summary>
    public PairRelationship RelationshipOf(string recordIdA, string recordIdB) =>
        RelationshipBetween(People[EntityOf[recordIdA]], People[EntityOf[recordIdB]]);

    /// <summary>How two people are related, checked in the order of <see cref="PairRelationship"/>.</summary>
    public PairRelationship RelationshipBetween(PersonFacts a, PersonFacts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.EntityId == b.EntityId)
        {
            return PairRelationship.SamePerson;
        }
        if (a.TwinGroup is not null && a.TwinGroup == b.TwinGroup)
        {
            return PairRelationship.Twin;
        }
        var sameMother = a.MotherId is not null && a.MotherId == b.MotherId;
        var sameFather = a.FatherId is not null && a.FatherId == b.FatherId;
        if (sameMother && sameFather)
        {
            return PairRelationship.Sibling;
        }
        var sameHousehold = a.HouseholdId == b.HouseholdId;
        if (sameMother || sameFather || (sameHousehold && IsChild(a.Role) && IsChild(b.Role)))
        {
            return PairRelationship.HalfOrStepSibling;
        }
        if (IsParentOf(a, b) || IsParentOf(b, a))
        {
            return PairRelationship.ParentChild;
        }
        if (IsGrandparentOf(a, b) || IsGrandparentOf(b, a))
        {
            return PairRelationship.GrandparentGrandchild;
        }
        if (sameHousehold && IsCouple(a.Role) && IsCouple(b.Role))
        {
            return PairRelationship.Partners;
        }
        if (sameHousehold)
        {
            return PairRelationship.SameHouseholdOther;
        }
        var given = NameText.Fold(a.Given);
        var family = NameText.Fold(a.Family);
        return given.Length > 0 && family.Length > 0 && given == NameText.Fold(b.Given) && family == NameText.Fold(b.Family)
            ? PairRelationship.SameNameUnrelated
            : PairRelationship.Unrelated;
    }

    private static bool IsChild(HouseholdRole role) => role is HouseholdRole.Child or HouseholdRole.StepChild;

    private static bool IsCouple(HouseholdRole role) => role is HouseholdRole.Head or HouseholdRole.Partner;

    // A step-parent counts as a parent: the couple at the head of a household and the children in it.
    private static bool IsParentOf(PersonFacts parent, PersonFacts child) =>
        child.MotherId == parent.EntityId || child.FatherId == parent.EntityId
        || (parent.HouseholdId == child.HouseholdId && IsCouple(parent.Role) && IsChild(child.Role));

    private bool IsGrandparentOf(PersonFacts grandparent, PersonFacts child)
    {
        if (grandparent.HouseholdId == child.HouseholdId && grandparent.Role == HouseholdRole.Grandparent && IsChild(child.Role))
        {
            return true;
        }
        foreach (var parentId in (ReadOnlySpan<string?>)[child.MotherId, child.FatherId])
        {
            if (parentId is not null && People.TryGetValue(parentId, out var parent)
                && (parent.MotherId == grandparent.EntityId || parent.FatherId == grandparent.EntityId))
            {
                return true;
            }
        }
        return false;
    }
}
