namespace Lantern.Auditing;

/// <summary>
/// Stable event codes. A number, once used, keeps its meaning for ever: auditors and partner
/// systems filter on them. Add new codes; never renumber. Ranges: 1xxx sign-in and access,
/// 2xxx reads of personal data, 3xxx writes, 9xxx system.
/// </summary>
public enum AuditCode
{
    SignedIn = 1001,
    SignedOut = 1002,
    SignInFailed = 1003,
    SignInLockedOut = 1004,
    AccessDenied = 1005,
    RecordNotInScope = 1006,

    UserListViewed = 2001,
    UserViewed = 2002,
    PractitionerDirectoryViewed = 2003,
    PractitionerViewed = 2004,
    AuditTrailViewed = 2005,
    ReferralViewed = 2101,
    FrontDoorQueueViewed = 2102,
    OwnReferralsViewed = 2103,
    OverdueListViewed = 2104,
    ChildViewed = 2201,
    ChildrenSearched = 2202,
    ChronologyExported = 2203,
    ScreeningViewed = 2301,
    ScreeningWorkListViewed = 2302,
    ScreeningHistoryRead = 2303,
    ScreeningFormOpened = 2304,
    LanguageReportViewed = 2401,
    LanguageReportExported = 2402,
    AlertViewed = 2501,

    UserCreated = 3001,
    AgencyCreated = 3101,
    TeamCreated = 3201,
    ReferralReceived = 3301,
    ReferralDecided = 3302,
    ReferralSignedOff = 3303,
    ReferralReturned = 3304,
    ReferralDraftSaved = 3305,
    ReferralAllocated = 3306,
    EscalationRaised = 3307,
    ChallengeRaised = 3308,
    ChallengeAnswered = 3309,
    RepeatedConcernAlertRaised = 3310,
    ChronologyEntryAdded = 3501,
    ChronologyEntryCorrected = 3502,
    InvolvementAdded = 3503,
    InvolvementEnded = 3504,
    ChildUpdated = 3505,
    FormDraftSaved = 3506,
    FormDraftCleared = 3507,
    MissingEpisodeRecorded = 3601,
    MissingEpisodeUpdated = 3602,
    ReturnInterviewUpdated = 3603,
    RepeatMissingAlertRaised = 3604,
    ScreeningRecorded = 3701,
    ScreeningReviewed = 3702,
    ApiKeyCreated = 3401,
    ApiKeyRevoked = 3402,
    LanguageWordingChallenged = 3801,
    LanguageWordingKept = 3802,
    PhraseAdded = 3803,
    PhraseEdited = 3804,
    PhraseRetired = 3805,
    PhraseRestored = 3806,
    AlertEvidenceAdded = 3901,
    AlertAcknowledged = 3902,
    AlertActioned = 3903,
    AlertClosed = 3904,
    IdentityLinkedOnArrival = 4001,
    IdentityReviewRequested = 4002,
    IdentityConfirmed = 4003,
    IdentityRejected = 4004,
    ChildMergeUndone = 4005,
    IdentityReviewViewed = 4006,
    IdentityCandidatesQueried = 4007,

    DemoDataSeeded = 9001,
    ExpiredDraftsRemoved = 9002,
}

public static class AuditOutcome
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
}
