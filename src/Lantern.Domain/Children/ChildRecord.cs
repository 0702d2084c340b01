namespace Lantern.Domain.Children;

public enum Gender
{
    NotKnown = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

/// <summary>The practitioner's level of concern, lowest first.</summary>
public enum LevelOfConcern
{
    NoCurrentConcern = 1,
    Emerging = 2,
    Moderate = 3,
    Significant = 4,
}

public enum RelationshipKind
{
    Parent = 1,
    Sibling = 2,
    Carer = 3,
    HouseholdMember = 4,
    OtherFamily = 5,
    Other = 6,
}

/// <summary>What kind of fragment a chronology entry is.</summary>
public enum EntryType
{
    Referral = 1,
    ReferralDecision = 2,
    PoliceIncident = 3,
    Crime = 4,
    HealthAttendance = 5,
    SexualHealthAttendance = 6,
    GpConcern = 7,
    SchoolEvent = 8,
    MissingEpisode = 9,
    ReturnInterview = 10,
    Intelligence = 11,
    Screening = 12,
    Meeting = 13,
    DisruptionAction = 14,
    CaseNote = 15,
}

public enum Significance
{
    Routine = 1,
    Significant = 2,
    Critical = 3,
}
