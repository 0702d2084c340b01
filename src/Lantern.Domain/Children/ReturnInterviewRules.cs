namespace Lantern.Domain.Children;

/// <summary>Where the return home interview stands, as far as the rules care.</summary>
public enum InterviewStage
{
    /// <summary>The child has not returned: there is nothing to offer yet.</summary>
    NotReturned = 1,

    /// <summary>Returned; nothing recorded about the interview yet.</summary>
    Due = 2,

    Offered = 3,

    Accepted = 4,

    /// <summary>Done, declined or recorded as not done: the clock has stopped.</summary>
    Closed = 5,
}

/// <summary>What a practitioner records about the return home interview.</summary>
public enum InterviewAnswer
{
    Offered = 1,
    Accepted = 2,
    Declined = 3,
    NotDone = 4,
    Done = 5,
}

/// <summary>
/// The return home interview's clock and the order its steps may be recorded in. The guidance asks
/// for the interview within 72 hours of the return, and for a decision not to hold one to be
/// recorded with its reason, so a decline or "not done" needs a reason and "done" needs findings.
/// </summary>
public static class ReturnInterviewRules
{
    public const int ReasonMaxLength = 2000;
    public const int FactorsMaxLength = 4000;
    public const int FindingsMaxLength = 10_000;

    /// <summary>When the interview is due: the configured hours after the return (elapsed hours, not working hours).</summary>
    public static DateTimeOffset DueBy(DateTimeOffset returnedAt, ChildRecordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return returnedAt + TimeSpan.FromHours(options.ReturnInterviewHours);
    }

    /// <summary>
    /// Whether <paramref name="answer"/> may be recorded now: null, or the problem keyed by field (a
    /// conflict when the interview is not open to this step, a validation problem otherwise).
    /// </summary>
    public static Failure? Check(InterviewStage stage, InterviewAnswer? answer, string? reason, string? pushFactors, string? pullFactors, string? findings)
    {
        if (stage == InterviewStage.NotReturned)
        {
            return Failure.Conflict("Record the child's return first: the interview is offered after the return", "Answer");
        }
        if (stage == InterviewStage.Closed)
        {
            return Failure.Conflict("The return home interview is already closed", "Answer");
        }
        if (answer is not { } a || !Enum.IsDefined(a))
        {
            return Failure.Invalid("Answer", "Select what happened with the return home interview");
        }
        switch (a)
        {
            case InterviewAnswer.Offered:
                if (stage != InterviewStage.Due)
                {
                    return Failure.Invalid("Answer", stage == InterviewStage.Offered ? "The interview has already been offered" : "The child has already accepted the interview");
                }
                break;
            case InterviewAnswer.Accepted:
                if (stage == InterviewStage.Accepted)
                {
                    return Failure.Invalid("Answer", "The child has already accepted the interview");
                }
                break;
            case InterviewAnswer.Declined:
                if (string.IsNullOrWhiteSpace(reason))
                {
                    return Failure.Invalid("Reason", "Say why the child declined the interview");
                }
                break;
            case InterviewAnswer.NotDone:
                if (string.IsNullOrWhiteSpace(reason))
                {
                    return Failure.Invalid("Reason", "Say why the interview was not done");
                }
                break;
            case InterviewAnswer.Done:
                if (string.IsNullOrWhiteSpace(findings))
                {
                    return Failure.Invalid("Findings", "Enter what the interview found");
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer), a, null);
        }
        if (reason is { Length: > ReasonMaxLength })
        {
            return Failure.Invalid("Reason", $"The reason must be {ReasonMaxLength:N0} characters or fewer");
        }
        if (pushFactors is { Length: > FactorsMaxLength })
        {
            return Failure.Invalid("PushFactors", $"Push factors must be {FactorsMaxLength:N0} characters or fewer");
        }
        if (pullFactors is { Length: > FactorsMaxLength })
        {
            return Failure.Invalid("PullFactors", $"Pull factors must be {FactorsMaxLength:N0} characters or fewer");
        }
        if (findings is { Length: > FindingsMaxLength })
        {
            return Failure.Invalid("Findings", $"The findings must be {FindingsMaxLength:N0} characters or fewer");
        }
        return null;
    }

    /// <summary>Whether the interview's clock stops with this answer.</summary>
    public static bool Closes(InterviewAnswer answer) => answer switch
    {
        InterviewAnswer.Offered or InterviewAnswer.Accepted => false,
        InterviewAnswer.Declined or InterviewAnswer.NotDone or InterviewAnswer.Done => true,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    /// <summary>
    /// Whether the episodes that began at <paramref name="missingFrom"/> make a repeat missing child
    /// as of <paramref name="now"/>: the configured number within the configured days.
    /// </summary>
    public static bool IsRepeatMissing(IEnumerable<DateTimeOffset> missingFrom, DateTimeOffset now, ChildRecordOptions options)
    {
        ArgumentNullException.ThrowIfNull(missingFrom);
        ArgumentNullException.ThrowIfNull(options);
        var since = now - TimeSpan.FromDays(options.RepeatMissingDays);
        return missingFrom.Count(m => m >= since && m <= now) >= options.RepeatMissingEpisodes;
    }

    public static string DisplayName(this InterviewAnswer answer) => answer switch
    {
        InterviewAnswer.Offered => "Offered",
        InterviewAnswer.Accepted => "Accepted",
        InterviewAnswer.Declined => "Declined",
        InterviewAnswer.NotDone => "Not done",
        InterviewAnswer.Done => "Done",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };
}
