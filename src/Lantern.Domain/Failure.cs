namespace Lantern.Domain;

/// <summary>The four ways a request can fail that are part of the work, not a fault.</summary>
public enum FailureKind
{
    /// <summary>Something given is missing or wrong; each problem names the field to fix.</summary>
    Validation = 1,

    /// <summary>There is no such record, or none the caller may see (the two are never told apart).</summary>
    NotFound = 2,

    /// <summary>The record is not in a state that allows this now (already decided, changed meanwhile).</summary>
    Conflict = 3,

    /// <summary>The caller may see the record but may not do this to it.</summary>
    Forbidden = 4,
}

/// <summary>One problem with one field, keyed by the field's name as the domain calls it (Rationale, ReturnedAt).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// An expected failure as a value: state transitions and handlers return one instead of throwing, and
/// the web layer maps it once to ProblemDetails (the API) and once to a page (error summary, 404, 403).
/// A validation failure names each field; a conflict may name the field the person should look at.
/// </summary>
public sealed record Failure
{
    private Failure(FailureKind kind, string title, IReadOnlyList<FieldError> errors)
    {
        Kind = kind;
        Title = title;
        Errors = errors;
    }

    public FailureKind Kind { get; }

    /// <summary>
    /// Whether the same request may succeed when made again: someone changed the record at the same moment.
    /// Any other failure stands until the request, or the record, is changed.
    /// </summary>
    public bool MayPassOnRetry { get; private init; }

    /// <summary>What went wrong in one sentence: the title of a ProblemDetails, or the page's summary.</summary>
    public string Title { get; }

    /// <summary>The fields to fix, in the order the form shows them; empty for not found and forbidden.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>The first problem's message, or the title when no field is named.</summary>
    public string Message => Errors.Count > 0 ? Errors[0].Message : Title;

    public static Failure Invalid(string field, string message) =>
        new(FailureKind.Validation, "There is a problem: nothing was saved", [new(field, message)]);

    public static Failure Invalid(IEnumerable<FieldError> errors, string title = "There is a problem: nothing was saved")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A validation failure names at least one field.", nameof(errors));
        }
        return new(FailureKind.Validation, title, list);
    }

    public static Failure NotFound(string title) => new(FailureKind.NotFound, title, []);

    public static Failure Forbidden(string title) => new(FailureKind.Forbidden, title, []);

    /// <summary>A conflict; <paramref name="field"/> names where a page shows it, when one field is at stake.</summary>
    public static Failure Conflict(string title, string? field = null) =>
        new(FailureKind.Conflict, title, field is null ? [] : [new(field, title)]);

    /// <summary>A conflict because someone else changed the record at the same moment: it may pass on a retry.</summary>
    public static Failure ChangedMeanwhile(string title, string? field = null) => Conflict(title, field) with { MayPassOnRetry = true };

    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>The problems found with what was given: the first problem of each field only, in the order found.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public int Count => _errors.Count;

    /// <summary>Adds the problem, unless the field has one already.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.Exists(e => e.Field == field))
        {
            _errors.Add(new(field, message));
        }
    }

    public void AddRange(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Add(error.Field, error.Message);
        }
    }

    /// <summary>The validation failure, or null when nothing was found.</summary>
    public Failure? ToFailure(string title) => _errors.Count == 0 ? null : Failure.Invalid(_errors, title);
}

/// <summary>A value, or the expected failure that stopped it.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;
    private readonly bool _hasValue;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        _hasValue = failure is null;
        Failure = failure;
    }

    public Failure? Failure { get; }

    /// <summary>Whether there is a value; a default result, made by neither, has none.</summary>
    public bool Succeeded => _hasValue;

    /// <summary>The value; reading it from a failed (or default) result is a programming error.</summary>
    public T Value => _hasValue ? _value! : throw new InvalidOperationException("The result has no value: " + (Failure?.ToString() ?? "it was never set"));

    internal static Result<T> Of(T value) => new(value, null);

    internal static Result<T> Of(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, failure);
    }

#pragma warning disable CA2225 // The named alternatives are Result.Success and Result.Fail.
    public static implicit operator Result<T>(T value) => Of(value);

    public static implicit operator Result<T>(Failure failure) => Of(failure);
#pragma warning restore CA2225
}

/// <summary>Makes results where the type cannot be inferred from a return statement.</summary>
public static class Result
{
    public static Result<T> Success<T>(T value) => Result<T>.Of(value);

    public static Result<T> Fail<T>(Failure failure) => Result<T>.Of(failure);
}
