using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Mentions;
using Lantern.Domain.People;
using Lantern.Notifications;

namespace Lantern.Features.FrontDoor;

/// <summary>Every problem with a referral, each keyed by the field to fix (JSON path on the API).</summary>
public static class ReferralValidation
{
    public const int MaxMentions = 100;

    /// <summary>Every problem with the referral, or null when it can be received.</summary>
    public static Failure? Validate(ReferralRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        // One problem a field: the first found says what to fix first.
        void Add(string field, string message)
        {
            if (!errors.Exists(e => e.Field == field))
            {
                errors.Add(new(field, message));
            }
        }

        var child = request.Child ?? new ChildDetails();
        Required(child.GivenName, "child.givenName", "Given name", "Enter the child's first name", 200, Add);
        Required(child.FamilyName, "child.familyName", "Family name", "Enter the child's last name", 200, Add);
        Optional(child.KnownAs, "child.knownAs", "Known as", 200, Add);
        if (child.DateOfBirth is null && child.ApproximateAge is null)
        {
            Add("child.dateOfBirth", "Enter the child's date of birth, or their approximate age if you do not know it");
        }
        if (child.DateOfBirth is { } dob)
        {
            if (dob > today)
            {
                Add("child.dateOfBirth", "Date of birth must be today or in the past");
            }
            else if (dob < today.AddYears(-18))
            {
                Add("child.dateOfBirth", "The child must be under 18; for an adult, contact adult social care");
            }
        }
        if (child.ApproximateAge is { } age && (age < 0 || age > 17))
        {
            Add("child.approximateAge", "Approximate age must be between 0 and 17");
        }
        Optional(child.Address, "child.address", "Address", 500, Add);
        Optional(child.Postcode, "child.postcode", "Postcode", 10, Add);
        Optional(child.School, "child.school", "School", 200, Add);
        Optional(child.NhsNumber, "child.nhsNumber", "NHS number", 40, Add);
        if (!string.IsNullOrWhiteSpace(child.NhsNumber) && !NhsNumber.IsValid(child.NhsNumber))
        {
            Add("child.nhsNumber", NhsNumber.Problem);
        }
        Optional(child.UniquePupilNumber, "child.uniquePupilNumber", "Unique pupil number", 13, Add);
        Optional(child.PoliceReference, "child.policeReference", "Police reference", 40, Add);

        var concern = request.Concern ?? new ConcernDetails();
        Required(concern.WhatHappened, "concern.whatHappened", "What happened", "Describe what happened", 10_000, Add, TextShape.MultiLine);
        Required(concern.WhyWorried, "concern.whyWorried", "Why you are worried", "Say why you are worried about the child", 10_000, Add, TextShape.MultiLine);

        errors.AddRange(MentionRules.Check([.. (request.Mentions ?? []).Select(m => (m?.Kind, m?.Value, m?.Detail))], MaxMentions, "mentions"));

        var referrer = request.Referrer ?? new ReferrerDetails();
        Required(referrer.Name, "referrer.name", "Referrer's name", "Enter the referrer's name", 200, Add);
        Optional(referrer.Role, "referrer.role", "Referrer's role", 200, Add);
        Optional(referrer.Phone, "referrer.phone", "Phone number", 40, Add);
        Optional(referrer.Email, "referrer.email", "Email address", 256, Add);
        if (StorableText.IsBlank(referrer.Phone) && StorableText.IsBlank(referrer.Email))
        {
            Add("referrer.phone", "Enter a phone number or email address so the front door can reach the referrer");
        }
        // The acknowledgement is mailed to this address: one the mail library cannot send to is refused here, never stored.
        if (!string.IsNullOrWhiteSpace(referrer.Email) && !MailAddresses.IsSendable(referrer.Email))
        {
            Add("referrer.email", MailAddresses.Problem);
        }
        if (request.FamilyAware is null)
        {
            Add("familyAware", "Say whether the family knows about this referral");
        }
        if (request.LawfulBasis is null)
        {
            Add("lawfulBasis", "Say on what basis you are sharing this information");
        }
        return errors.Count == 0 ? null : Failure.Invalid(errors, "The referral has problems to fix; nothing was stored");
    }

    public static DateOnly Today(WorkingDayCalendar calendar, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(time);
        return calendar.LocalDate(time.GetUtcNow());
    }

    // The one text rule first (a character that cannot be stored, a line break in a name, nothing visible), then the length.
    private static void Required(string? value, string field, string label, string message, int max, Action<string, string> add, TextShape shape = TextShape.OneLine)
    {
        if (StorableText.Check(value, label, shape, message) is { } problem)
        {
            add(field, problem);
        }
        else
        {
            Length(value, field, max, add);
        }
    }

    private static void Optional(string? value, string field, string label, int max, Action<string, string> add, TextShape shape = TextShape.OneLine)
    {
        if (StorableText.Check(value, label, shape) is { } problem)
        {
            add(field, problem);
        }
        else
        {
            Length(value, field, max, add);
        }
    }

    private static void Length(string? value, string field, int max, Action<string, string> add)
    {
        if (value is not null && value.Trim().Length > max)
        {
            add(field, $"Must be {max:N0} characters or fewer");
        }
    }
}
