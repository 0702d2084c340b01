namespace Lantern.Domain.People;

/// <summary>How old someone is on a day: the one rule, used for a child's record, a referral and a screening.</summary>
public static class Age
{
    /// <summary>Whole years from <paramref name="dateOfBirth"/> to <paramref name="on"/> (a birthday counts on the day).</summary>
    public static int InYears(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > on ? age - 1 : age;
    }

    /// <summary>
    /// The age on <paramref name="on"/> from the date of birth when it is known; otherwise an estimate
    /// made on <paramref name="estimatedOn"/> (or, when that is not known, taken as made on the day),
    /// moved on by the whole years since, or back by the whole years before (a girl estimated at 19 today
    /// was about 16 three years ago; never below 0). Null when neither is known.
    /// </summary>
    public static int? On(DateOnly on, DateOnly? dateOfBirth, int? estimate = null, DateOnly? estimatedOn = null)
    {
        if (dateOfBirth is { } dob)
        {
            return InYears(dob, on);
        }
        if (estimate is { } years)
        {
            return estimatedOn is not { } made ? years
                : made <= on ? years + InYears(made, on)
                : Math.Max(0, years - InYears(on, made));
        }
        return null;
    }
}
