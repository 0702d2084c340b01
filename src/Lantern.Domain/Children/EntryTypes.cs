namespace Lantern.Domain.Children;

/// <summary>Words practitioners use for the record's values.</summary>
public static class ChildRecordNames
{
    public static string DisplayName(this EntryType type) => type switch
    {
        EntryType.Referral => "Referral",
        EntryType.ReferralDecision => "Referral decision",
        EntryType.PoliceIncident => "Police incident",
        EntryType.Crime => "Crime",
        EntryType.HealthAttendance => "Health attendance (A&E)",
        EntryType.SexualHealthAttendance => "Sexual health attendance",
        EntryType.GpConcern => "GP concern",
        EntryType.SchoolEvent => "School event",
        EntryType.MissingEpisode => "Missing episode",
        EntryType.ReturnInterview => "Return home interview",
        EntryType.Intelligence => "Intelligence",
        EntryType.Screening => "Screening",
        EntryType.Meeting => "Meeting",
        EntryType.DisruptionAction => "Disruption action",
        EntryType.CaseNote => "Case note",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string DisplayName(this Significance significance) => significance switch
    {
        Significance.Routine => "Routine",
        Significance.Significant => "Significant",
        Significance.Critical => "Critical",
        _ => throw new ArgumentOutOfRangeException(nameof(significance), significance, null),
    };

    public static string DisplayName(this LevelOfConcern level) => level switch
    {
        LevelOfConcern.NoCurrentConcern => "No current concern",
        LevelOfConcern.Emerging => "Emerging",
        LevelOfConcern.Moderate => "Moderate",
        LevelOfConcern.Significant => "Significant",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string DisplayName(this RelationshipKind kind) => kind switch
    {
        RelationshipKind.Parent => "Parent",
        RelationshipKind.Sibling => "Sibling",
        RelationshipKind.Carer => "Carer",
        RelationshipKind.HouseholdMember => "Household member",
        RelationshipKind.OtherFamily => "Other family",
        RelationshipKind.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The DfE ethnicity codes (main categories) and what they mean.</summary>
    public static IReadOnlyDictionary<string, string> Ethnicities { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WBRI"] = "White British",
        ["WIRI"] = "White Irish",
        ["WIRT"] = "Traveller of Irish heritage",
        ["WROM"] = "Gypsy or Roma",
        ["WOTH"] = "Any other White background",
        ["MWBC"] = "White and Black Caribbean",
        ["MWBA"] = "White and Black African",
        ["MWAS"] = "White and Asian",
        ["MOTH"] = "Any other mixed background",
        ["AIND"] = "Indian",
        ["APKN"] = "Pakistani",
        ["ABAN"] = "Bangladeshi",
        ["AOTH"] = "Any other Asian background",
        ["BCRB"] = "Black Caribbean",
        ["BAFR"] = "Black African",
        ["BOTH"] = "Any other Black background",
        ["CHNE"] = "Chinese",
        ["OOTH"] = "Any other ethnic group",
        ["REFU"] = "Refused",
        ["NOBT"] = "Information not yet obtained",
    };
}
