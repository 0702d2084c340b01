using System.Globalization;

namespace Lantern.Domain.Investigations;

/// <summary>
/// The rules about crimes and their outcomes, with no I/O: which outcomes are decisions not to prosecute, which
/// allegations are of sexual abuse or exploitation of a child, and so which decisions open a mandatory review.
/// </summary>
public static class InvestigationRules
{
    /// <summary>Under 18 on the day: a child in law.</summary>
    public const int AdultAge = 18;

    /// <summary>
    /// Whether an outcome ends the case against the suspect without a charge, caution or conviction: police no further
    /// action in any of its forms, a prosecutor's decision not to charge, a victim who does not support, filed
    /// undetected, a time limit passed, a prosecution dropped or lost. These are the decisions that, on an allegation of
    /// sexual abuse or exploitation of a child, open the mandatory review. A charge, caution or conviction does not;
    /// nor does a suspect's death or a case passed to another body, which end nothing the review could reopen.
    /// </summary>
    public static bool IsNoCharge(CrimeOutcomeType type) => type switch
    {
        CrimeOutcomeType.Charged or CrimeOutcomeType.YouthCaution or CrimeOutcomeType.AdultCaution or CrimeOutcomeType.TakenIntoConsideration
            or CrimeOutcomeType.Convicted or CrimeOutcomeType.SuspectDied or CrimeOutcomeType.FurtherActionByAnotherBody => false,
        CrimeOutcomeType.CommunityResolution or CrimeOutcomeType.ProsecutionNotInPublicInterest or CrimeOutcomeType.FormalActionNotInPublicInterest
            or CrimeOutcomeType.SuspectUnderAge or CrimeOutcomeType.SuspectTooIll or CrimeOutcomeType.VictimOrWitnessUnavailable
            or CrimeOutcomeType.VictimDeclinedSuspectNotIdentified or CrimeOutcomeType.EvidentialDifficulties or CrimeOutcomeType.VictimDoesNotSupport
            or CrimeOutcomeType.TimeLimitExpired or CrimeOutcomeType.FiledUndetected or CrimeOutcomeType.FurtherInvestigationNotInPublicInterest
            or CrimeOutcomeType.Diversion or CrimeOutcomeType.PoliceNoFurtherAction or CrimeOutcomeType.ProsecutorDeclinedToCharge
            or CrimeOutcomeType.ProsecutionDiscontinued or CrimeOutcomeType.Acquitted => true,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Who makes a decision of this type.</summary>
    public static Decider DecidedBy(CrimeOutcomeType type) => type switch
    {
        CrimeOutcomeType.ProsecutionNotInPublicInterest or CrimeOutcomeType.ProsecutorDeclinedToCharge or CrimeOutcomeType.ProsecutionDiscontinued => Decider.Prosecutor,
        CrimeOutcomeType.Convicted or CrimeOutcomeType.Acquitted => Decider.Court,
        CrimeOutcomeType.Charged or CrimeOutcomeType.YouthCaution or CrimeOutcomeType.AdultCaution or CrimeOutcomeType.TakenIntoConsideration
            or CrimeOutcomeType.SuspectDied or CrimeOutcomeType.CommunityResolution or CrimeOutcomeType.FormalActionNotInPublicInterest
            or CrimeOutcomeType.SuspectUnderAge or CrimeOutcomeType.SuspectTooIll or CrimeOutcomeType.VictimOrWitnessUnavailable
            or CrimeOutcomeType.VictimDeclinedSuspectNotIdentified or CrimeOutcomeType.EvidentialDifficulties or CrimeOutcomeType.VictimDoesNotSupport
            or CrimeOutcomeType.TimeLimitExpired or CrimeOutcomeType.FiledUndetected or CrimeOutcomeType.FurtherActionByAnotherBody
            or CrimeOutcomeType.FurtherInvestigationNotInPublicInterest or CrimeOutcomeType.Diversion or CrimeOutcomeType.PoliceNoFurtherAction => Decider.Police,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Where a crime stands after a decision of this type.</summary>
    public static CrimeStatus StatusAfter(CrimeOutcomeType type) => type switch
    {
        CrimeOutcomeType.Charged => CrimeStatus.Charged,
        _ => CrimeStatus.Finalised,
    };

    /// <summary>Whether the category is sexual abuse or sexual exploitation.</summary>
    public static bool IsSexual(OffenceCategory category) => category switch
    {
        OffenceCategory.SexualOffence or OffenceCategory.SexualExploitation => true,
        OffenceCategory.CriminalExploitation or OffenceCategory.Violence or OffenceCategory.AbductionOrHarbouring or OffenceCategory.Other => false,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>
    /// Whether a victim was a child when the offence is alleged to have begun. Her age then decides, not her age when she
    /// told: a woman of 19 reporting abuse at 13 was a child; a woman of 18 reporting an offence at 18 was not. A victim
    /// whose age then is not known is taken to have been a child: she is on a child's record, and a review that was not
    /// needed costs less than one that was needed and never happened.
    /// </summary>
    public static bool WasAChild(int? ageAtOffence) => ageAtOffence is not { } age || age < AdultAge;

    /// <summary>
    /// Whether a decision on an allegation opens the mandatory review: a decision not to prosecute (by the police or
    /// the prosecutor) on a sexual offence or sexual exploitation, with at least one victim who was a child at the time.
    /// </summary>
    public static bool OpensReview(CrimeOutcomeType type, OffenceCategory category, IEnumerable<int?> victimAgesAtOffence)
    {
        ArgumentNullException.ThrowIfNull(victimAgesAtOffence);
        return IsNoCharge(type) && IsSexual(category) && victimAgesAtOffence.Any(WasAChild);
    }

    /// <summary>Everything wrong with a crime as given, keyed by the API's field names.</summary>
    public static void CheckCrime(FieldErrors errors, string? crimeReference, string? offence, OffenceCategory? category, DateOnly? offenceFrom, DateOnly? offenceTo,
        DateOnly? reportedOn, string? investigatingOfficer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text(errors, "crimeReference", "The crime reference", crimeReference, Crime.ReferenceMaxLength, "Enter the police crime reference");
        Text(errors, "offence", "The offence", offence, Crime.OffenceMaxLength, "Enter the offence, for example \"Sexual activity with a child\"");
        if (category is not { } c || !Enum.IsDefined(c))
        {
            errors.Add("category", "Select the category of the offence");
        }
        if (offenceFrom is not { } from)
        {
            errors.Add("offenceFrom", "Enter the day the offence is alleged to have happened, or begun");
        }
        else if (from > today)
        {
            errors.Add("offenceFrom", "The day of the offence must be today or in the past");
        }
        else if (from.Year < 1900)
        {
            errors.Add("offenceFrom", "The day of the offence must be in 1900 or later");
        }
        if (offenceTo is { } to)
        {
            if (to > today)
            {
                errors.Add("offenceTo", "The last day of the offence must be today or in the past");
            }
            else if (offenceFrom is { } start && to < start)
            {
                errors.Add("offenceTo", "The last day of the offence must be on or after the first");
            }
        }
        if (reportedOn is not { } reported)
        {
            errors.Add("reportedOn", "Enter the day the offence was reported");
        }
        else if (reported > today)
        {
            errors.Add("reportedOn", "The day it was reported must be today or in the past");
        }
        else if (offenceFrom is { } began && reported < began)
        {
            errors.Add("reportedOn", "The report must be on or after the day the offence began");
        }
        if (!string.IsNullOrWhiteSpace(investigatingOfficer))
        {
            Text(errors, "investigatingOfficer", "The investigating officer", investigatingOfficer, Crime.NameMaxLength, null);
        }
    }

    /// <summary>What is wrong with a decision on a crime reported on <paramref name="reportedOn"/>, or null.</summary>
    public static Failure? CheckOutcome(CrimeOutcomeType? type, DateOnly? decidedOn, string? reason, string? decidedBy, DateOnly reportedOn, DateOnly? today = null)
    {
        var errors = new FieldErrors();
        CheckOutcome(errors, "", type, decidedOn, reason, decidedBy, reportedOn, today);
        return errors.ToFailure("The outcome has problems to fix; nothing was stored");
    }

    /// <summary>What is wrong with a decision, each error under <paramref name="prefix"/> and the API's field names.</summary>
    public static void CheckOutcome(FieldErrors errors, string prefix, CrimeOutcomeType? type, DateOnly? decidedOn, string? reason, string? decidedBy,
        DateOnly? reportedOn, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (type is not { } t || !Enum.IsDefined(t))
        {
            errors.Add(prefix + "type", "Select the outcome");
        }
        if (decidedOn is not { } on)
        {
            errors.Add(prefix + "decidedOn", "Enter the day the decision was made");
        }
        else if (today is { } now && on > now)
        {
            errors.Add(prefix + "decidedOn", "The day of the decision must be today or in the past");
        }
        else if (reportedOn is { } reported && on < reported)
        {
            errors.Add(prefix + "decidedOn", string.Create(CultureInfo.InvariantCulture, $"The decision must be on or after the day the offence was reported ({reported:yyyy-MM-dd})"));
        }
        if (type is { } known && Enum.IsDefined(known) && IsNoCharge(known))
        {
            Text(errors, prefix + "reason", "The reason", reason, Crime.ReasonMaxLength, "Give the reason for the decision: a decision not to prosecute is recorded with its reason", TextShape.MultiLine);
        }
        else if (!string.IsNullOrWhiteSpace(reason))
        {
            Text(errors, prefix + "reason", "The reason", reason, Crime.ReasonMaxLength, null, TextShape.MultiLine);
        }
        Text(errors, prefix + "decidedBy", "Who decided", decidedBy, Crime.NameMaxLength, "Enter who made the decision, for example \"DI Jane Cole\" or \"CPS North\"");
    }

    private static void Text(FieldErrors errors, string field, string label, string? value, int max, string? required, TextShape shape = TextShape.OneLine)
    {
        if (StorableText.Check(value, label, shape, required) is { } problem)
        {
            errors.Add(field, problem);
        }
        else if (value is { } v && v.Length > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{label} must be {max:N0} characters or fewer"));
        }
    }
}
