namespace Lantern.Domain.Partnership;

/// <summary>The kind of organisation an agency is; it decides which regime governs its processing.</summary>
public enum AgencyKind
{
    ChildrensSocialCare = 1,
    Police = 2,
    Health = 3,
    School = 4,
    YouthService = 5,
    Prosecution = 6,
    Licensing = 7,
    Other = 8,
}

public static class AgencyKinds
{
    public static string DisplayName(this AgencyKind kind) => kind switch
    {
        AgencyKind.ChildrensSocialCare => "Children's social care",
        AgencyKind.Police => "Police",
        AgencyKind.Health => "Health",
        AgencyKind.School => "School",
        AgencyKind.YouthService => "Youth service",
        AgencyKind.Prosecution => "Crown Prosecution Service",
        AgencyKind.Licensing => "Licensing",
        AgencyKind.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown agency kind"),
    };
}
