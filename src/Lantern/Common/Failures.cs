using Lantern.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Common;

/// <summary>
/// The one mapping of expected failures (<see cref="Failure"/>) to what a caller sees: ProblemDetails on
/// the API (400 naming each field, 404, 409, 403), and on a page an error summary naming each field, the
/// not-found page or the forbidden page. Nothing else turns a failure into a response.
/// </summary>
public static class Failures
{
    /// <summary>The API's answer: a validation problem keyed by the API's field names, or a problem with the failure's status.</summary>
    public static IResult ToHttpResult(this Failure failure, Func<string, string>? fieldName = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var name = fieldName ?? ApiJson.FieldName;
        return failure.Kind switch
        {
            FailureKind.Validation => failure.ToValidationProblem(name),
            FailureKind.NotFound or FailureKind.Conflict or FailureKind.Forbidden => failure.ToProblem(),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
        };
    }

    /// <summary>A validation failure as the API's typed 400, each problem keyed by the API's name for its field.</summary>
    public static ValidationProblem ToValidationProblem(this Failure failure, Func<string, string>? fieldName = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return TypedResults.ValidationProblem(ByField(failure, fieldName ?? ApiJson.FieldName), title: failure.Title);
    }

    /// <summary>A failure other than validation as the API's typed problem (404, 409, 403).</summary>
    public static ProblemHttpResult ToProblem(this Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Kind == FailureKind.Validation)
        {
            throw new ArgumentException("A validation failure is answered with ToValidationProblem.", nameof(failure));
        }
        return TypedResults.Problem(statusCode: failure.StatusCode(), title: failure.Title, detail: Detail(failure));
    }

    /// <summary>The HTTP status the API gives a failure.</summary>
    public static int StatusCode(this Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            FailureKind.Validation => StatusCodes.Status400BadRequest,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
        };
    }

    /// <summary>The failure as ProblemDetails, for an answer that is stored (an idempotent response).</summary>
    public static ProblemDetails ToProblemDetails(this Failure failure, Func<string, string>? fieldName = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Kind == FailureKind.Validation)
        {
            return new ValidationProblemDetails(ByField(failure, fieldName ?? ApiJson.FieldName)) { Status = StatusCodes.Status400BadRequest, Title = failure.Title };
        }
        return new ProblemDetails { Status = failure.StatusCode(), Title = failure.Title, Detail = Detail(failure) };
    }

    /// <summary>
    /// Puts each problem of a validation failure or conflict on the page's fields: <paramref name="field"/>
    /// turns a domain field (Rationale) into the page's (Decision.Rationale). A problem with no field goes
    /// to the summary alone.
    /// </summary>
    public static void AddTo(this Failure failure, ModelStateDictionary modelState, Func<string, string> field)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(field);
        if (failure.Errors.Count == 0)
        {
            modelState.AddModelError("", failure.Title);
            return;
        }
        foreach (var error in failure.Errors)
        {
            modelState.AddModelError(field(error.Field), error.Message);
        }
    }

    /// <summary>Puts the failure's problems on fields named <paramref name="prefix"/> followed by the domain's name.</summary>
    public static void AddTo(this Failure failure, ModelStateDictionary modelState, string prefix = "") =>
        failure.AddTo(modelState, f => prefix + f);

    /// <summary>
    /// The page's answer: not found and forbidden as their pages; a validation failure or conflict shown on
    /// the form (<paramref name="redisplay"/>, or the page itself) with an error summary.
    /// </summary>
    public static IActionResult ToPageResult(this Failure failure, PageModel page, Func<string, string> field, Func<IActionResult>? redisplay = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(page);
        switch (failure.Kind)
        {
            case FailureKind.NotFound:
                return page.NotFound();
            case FailureKind.Forbidden:
                return page.Forbid();
            case FailureKind.Validation:
            case FailureKind.Conflict:
                failure.AddTo(page.ModelState, field);
                return redisplay?.Invoke() ?? page.Page();
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null);
        }
    }

    /// <summary>
    /// The answer to a page's own script (a background save): the failure as ProblemDetails with its status,
    /// which the script reads; never an error page.
    /// </summary>
    public static IActionResult ToBackgroundResult(this Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ObjectResult(failure.ToProblemDetails()) { StatusCode = failure.StatusCode() };
    }

    public static IActionResult ToPageResult(this Failure failure, PageModel page, string prefix = "", Func<IActionResult>? redisplay = null) =>
        failure.ToPageResult(page, f => prefix + f, redisplay);

    /// <summary>Each field's problems, keyed by the caller's name for the field.</summary>
    private static Dictionary<string, string[]> ByField(Failure failure, Func<string, string> name) =>
        failure.Errors.GroupBy(e => name(e.Field), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>The detail of a problem other than validation: the failure's message, where it says more than the title.</summary>
    private static string? Detail(Failure failure) => failure.Errors.Count > 0 && failure.Message != failure.Title ? failure.Message : null;
}
