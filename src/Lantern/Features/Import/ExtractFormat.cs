using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;

namespace Lantern.Features.Import;

/// <summary>The words of the extract format (docs/import-format.md), version 1.</summary>
public static class ExtractFormat
{
    public const string Name = "lantern-extract";
    public const int Version = 1;

    public static IReadOnlyDictionary<string, AgencyKind> AgencyKinds { get; } = new Dictionary<string, AgencyKind>(StringComparer.Ordinal)
    {
        ["childrensSocialCare"] = AgencyKind.ChildrensSocialCare,
        ["police"] = AgencyKind.Police,
        ["health"] = AgencyKind.Health,
        ["school"] = AgencyKind.School,
        ["youthService"] = AgencyKind.YouthService,
        ["prosecution"] = AgencyKind.Prosecution,
        ["licensing"] = AgencyKind.Licensing,
        ["other"] = AgencyKind.Other,
    };

    public static IReadOnlyDictionary<string, Gender> Genders { get; } = new Dictionary<string, Gender>(StringComparer.Ordinal)
    {
        ["female"] = Gender.Female,
        ["male"] = Gender.Male,
        ["other"] = Gender.Other,
        ["notKnown"] = Gender.NotKnown,
    };

    /// <summary>Event types and the chronology entry each becomes; a youth service record is a case note of the youth service.</summary>
    public static IReadOnlyDictionary<string, EntryType> EventTypes { get; } = new Dictionary<string, EntryType>(StringComparer.Ordinal)
    {
        ["policeIncident"] = EntryType.PoliceIncident,
        ["crime"] = EntryType.Crime,
        ["intelligence"] = EntryType.Intelligence,
        ["healthAttendance"] = EntryType.HealthAttendance,
        ["sexualHealthAttendance"] = EntryType.SexualHealthAttendance,
        ["gpConcern"] = EntryType.GpConcern,
        ["schoolEvent"] = EntryType.SchoolEvent,
        ["youthService"] = EntryType.CaseNote,
        ["caseNote"] = EntryType.CaseNote,
        ["meeting"] = EntryType.Meeting,
    };

    public static IReadOnlyDictionary<string, Significance> Significances { get; } = new Dictionary<string, Significance>(StringComparer.Ordinal)
    {
        ["routine"] = Significance.Routine,
        ["significant"] = Significance.Significant,
        ["critical"] = Significance.Critical,
    };

    public static IReadOnlyDictionary<string, LinkConfidence> Confidences { get; } = new Dictionary<string, LinkConfidence>(StringComparer.Ordinal)
    {
        ["confirmed"] = LinkConfidence.Confirmed,
        ["tentative"] = LinkConfidence.Tentative,
        ["unconfirmed"] = LinkConfidence.Unconfirmed,
    };

    /// <summary>A child's part in an event.</summary>
    public static IReadOnlyList<string> ChildRoles { get; } = ["victim", "suspect", "present", "passenger", "patient", "pupil", "witness", "other"];

    /// <summary>The role an agency recorded for a person.</summary>
    public static IReadOnlyList<string> PersonRoles { get; } = ["parent", "suspect", "witness", "professional", "licenceHolder", "associate", "other"];

    public static IReadOnlyDictionary<string, LinkType> Relations { get; } = new Dictionary<string, LinkType>(StringComparer.Ordinal)
    {
        ["namedInRecord"] = LinkType.NamedInRecord,
        ["seenWith"] = LinkType.SeenWith,
        ["pickedUpIn"] = LinkType.PickedUpIn,
        ["foundAt"] = LinkType.FoundAt,
        ["phonedOrMessaged"] = LinkType.PhonedOrMessaged,
        ["livesAt"] = LinkType.LivesAt,
        ["worksAt"] = LinkType.WorksAt,
        ["drivesFor"] = LinkType.DrivesFor,
        ["keeperOf"] = LinkType.KeeperOf,
        ["drives"] = LinkType.Drives,
        ["uses"] = LinkType.UsesPhone,
        ["associatesWith"] = LinkType.AssociatesWith,
        ["missingWith"] = LinkType.MissingWith,
        ["missingTo"] = LinkType.MissingTo,
        ["exploitedAt"] = LinkType.ExploitedAt,
        ["parentOf"] = LinkType.ParentOf,
        ["siblingOf"] = LinkType.SiblingOf,
        ["householdMember"] = LinkType.HouseholdMember,
        ["operatorOf"] = LinkType.OperatorOf,
        ["other"] = LinkType.Other,
    };

    public static IReadOnlyDictionary<string, PlaceType> PlaceTypes { get; } = new Dictionary<string, PlaceType>(StringComparer.Ordinal)
    {
        ["home"] = PlaceType.Home,
        ["flat"] = PlaceType.Flat,
        ["takeaway"] = PlaceType.Takeaway,
        ["taxiOffice"] = PlaceType.TaxiOffice,
        ["hotel"] = PlaceType.Hotel,
        ["carPark"] = PlaceType.CarPark,
        ["park"] = PlaceType.Park,
        ["youthClub"] = PlaceType.YouthClub,
        ["childrensHome"] = PlaceType.ChildrensHome,
        ["school"] = PlaceType.School,
        ["shop"] = PlaceType.Shop,
        ["other"] = PlaceType.Other,
    };

    public static IReadOnlyDictionary<string, ReferralOutcome> Outcomes { get; } = new Dictionary<string, ReferralOutcome>(StringComparer.Ordinal)
    {
        ["noFurtherAction"] = ReferralOutcome.NoFurtherAction,
        ["earlyHelp"] = ReferralOutcome.EarlyHelp,
        ["childAndFamilyAssessment"] = ReferralOutcome.ChildAndFamilyAssessment,
        ["strategyDiscussion"] = ReferralOutcome.StrategyDiscussion,
        ["exploitationTeam"] = ReferralOutcome.ExploitationTeam,
        ["addedToOpenCase"] = ReferralOutcome.AddedToOpenCase,
    };

    /// <summary>Concern categories an agency records on a referral; the first two mark sexual harm or exploitation.</summary>
    public static IReadOnlyList<string> ConcernCategories { get; } =
        ["sexualExploitation", "sexualAbuse", "criminalExploitation", "physicalAbuse", "emotionalAbuse", "neglect", "domesticAbuse", "missing", "mentalHealth", "substanceMisuse", "other"];

    public static IReadOnlyDictionary<string, MissingKind> MissingKinds { get; } = new Dictionary<string, MissingKind>(StringComparer.Ordinal)
    {
        ["missing"] = MissingKind.Missing,
        ["absent"] = MissingKind.Absent,
    };

    public static IReadOnlyDictionary<string, PoliceRiskGrading> RiskGradings { get; } = new Dictionary<string, PoliceRiskGrading>(StringComparer.Ordinal)
    {
        ["noApparentRisk"] = PoliceRiskGrading.NoApparentRisk,
        ["low"] = PoliceRiskGrading.Low,
        ["medium"] = PoliceRiskGrading.Medium,
        ["high"] = PoliceRiskGrading.High,
    };

    /// <summary>What became of the return home interview, as the agency's history says.</summary>
    public static IReadOnlyDictionary<string, InterviewAnswer> InterviewOutcomes { get; } = new Dictionary<string, InterviewAnswer>(StringComparer.Ordinal)
    {
        ["offered"] = InterviewAnswer.Offered,
        ["accepted"] = InterviewAnswer.Accepted,
        ["declined"] = InterviewAnswer.Declined,
        ["notDone"] = InterviewAnswer.NotDone,
        ["done"] = InterviewAnswer.Done,
    };

    public static IReadOnlyDictionary<string, OffenceCategory> OffenceCategories { get; } = Words<OffenceCategory>();

    /// <summary>The outcomes of a crime, in the API's words (<c>policeNoFurtherAction</c>, <c>victimDoesNotSupport</c>...).</summary>
    public static IReadOnlyDictionary<string, CrimeOutcomeType> CrimeOutcomes { get; } = Words<CrimeOutcomeType>();

    public static IReadOnlyDictionary<string, ReviewDecision> ReviewDecisions { get; } = Words<ReviewDecision>();

    /// <summary>The record types of version 1, in the order a file must give a record before another refers to it.</summary>
    public static IReadOnlyList<string> Types { get; } = ["header", "agency", "child", "person", "vehicle", "phone", "place", "event", "referral", "missing", "crime", "resolution"];

    /// <summary>An enum's values by their names in camelCase, as the API writes them.</summary>
    private static Dictionary<string, T> Words<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), v => v, StringComparer.Ordinal);
}
