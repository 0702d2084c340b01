using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Lantern.Hosting;

/// <summary>
/// What every request to the API must be before anything else looks at it, authentication included: a
/// body is JSON (<c>Content-Type: application/json</c>, UTF-8), not encoded (no <c>Content-Encoding</c>
/// but <c>identity</c>), and at most <see cref="MaximumBodyBytes"/>. Anything else is refused with 415 or
/// 413 problem details, so a wrong media type is never mistaken for a wrong key (401).
/// </summary>
public static class ApiRequestRules
{
    /// <summary>1 MB: several times the largest referral Lantern accepts, even with every character escaped.</summary>
    public const int MaximumBodyBytes = 1024 * 1024;

    public const string MediaType = "application/json";

    /// <summary>An agency's extract: JSON lines, one record a line (docs/import-format.md).</summary>
    public const string ExtractMediaType = "application/x-ndjson";

    public const string ImportPath = "/api/v1/import";

    /// <summary>256 MB: an extract is sent whole; a larger history is sent in several files, or loaded with <c>lantern import</c>.</summary>
    public const int MaximumExtractBytes = 256 * 1024 * 1024;

    public static IApplicationBuilder UseApiRequestRules(this IApplicationBuilder app) =>
        app.Use(static (context, next) => CheckAsync(context, next));

    /// <summary>
    /// The endpoint takes <typeparamref name="TRequest"/> as JSON; the OpenAPI description also lists the
    /// answers every API request may get for its body (413, 415).
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Accepts<TRequest>(MediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>Turns a server's own refusal of a body (too large, cut short) into its status rather than 500.</summary>
    public static int StatusCodeOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api"))
        {
            return next(context);
        }
        var extract = request.Path.Equals(ImportPath, StringComparison.OrdinalIgnoreCase);
        var maximum = extract ? MaximumExtractBytes : MaximumBodyBytes;
        // The server stops reading at the limit too (a body sent in chunks has no length to check first).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maximum;
        }
        if (!CarriesBody(context))
        {
            return next(context);
        }
        if (EncodingProblem(request) is { } encoding)
        {
            context.Response.Headers.AcceptEncoding = "identity";
            return ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Encoding not supported", encoding);
        }
        if (MediaTypeProblem(request, extract ? ExtractMediaType : MediaType) is { } mediaType)
        {
            return ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, extract ? "Send the extract as JSON lines" : "Send the body as JSON", mediaType);
        }
        if (request.ContentLength > maximum)
        {
            return (extract ? ExtractTooLarge() : TooLarge()).ExecuteAsync(context);
        }
        return next(context);
    }

    /// <summary>The answer to a body over <see cref="MaximumBodyBytes"/>, from whichever reader finds it.</summary>
    public static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large", detail: $"Send a body of at most {MaximumBodyBytes:N0} bytes (1 MB). Nothing was stored.");

    public static ProblemHttpResult ExtractTooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The extract is too large", detail: $"Send at most {MaximumExtractBytes:N0} bytes (256 MB) at a time, or load it with lantern import. Nothing was stored.");

    /// <summary>Every write, and any request that says it has a body.</summary>
    private static bool CarriesBody(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method)
        || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;

    private static string? EncodingProblem(HttpRequest request)
    {
        var encodings = request.Headers.ContentEncoding;
        if (encodings.Count == 0)
        {
            return null;
        }
        var all = string.Join(',', encodings.ToArray()).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return all.All(e => e.Equals("identity", StringComparison.OrdinalIgnoreCase))
            ? null
            : "Send the body unencoded: leave out the Content-Encoding header (or send Content-Encoding: identity). Compressed bodies are not accepted.";
    }

    private static string? MediaTypeProblem(HttpRequest request, string expected)
    {
        var Fix = $"Send Content-Type: {expected} (UTF-8, the only charset accepted) with a {(expected == MediaType ? "JSON body" : "body of JSON lines")}.";
        var values = request.Headers.ContentType;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return "The request has no Content-Type. " + Fix;
        }
        if (values.Count > 1 || !MediaTypeHeaderValue.TryParse(values.ToString(), out var parsed))
        {
            return "The Content-Type must be one media type, not a list. " + Fix;
        }
        if (!parsed.MediaType.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            return $"The body must be {(expected == MediaType ? "JSON" : "JSON lines")}, not {parsed.MediaType}. " + Fix;
        }
        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return $"The charset {charset} is not accepted. " + Fix;
        }
        return null;
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
