using System.Text;
using Lantern.Common;
using Lantern.Domain;
using Lantern.Hosting;
using Lantern.Security;

namespace Lantern.Features.Import;

/// <summary>An agency system loads its own agency's history: the extract format of docs/import-format.md, as JSON lines.</summary>
public static class ImportEndpoints
{
    public sealed record ImportErrorAnswer(int Line, string Field, string Message);

    public sealed record ImportAnswer(int Lines, int Taken, int Corrected, int Unchanged, int Skipped, IReadOnlyDictionary<string, int> TakenByType,
        IReadOnlyList<ImportErrorAnswer> Errors, int ErrorsNotListed, int WordingFlagged);

    public static void MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRequestRules.ImportPath, ImportAsync)
            .RequireAuthorization(Policies.AgencySystem)
            .ForAgencySystems(SystemAccess.ImportOwnExtract)
            .WithTags("Import")
            .WithName("ImportExtract")
            .WithSummary("Load your agency's extract")
            .WithDescription("The body is the extract as JSON lines (Content-Type: application/x-ndjson; docs/import-format.md), at most 256 MB. "
                + "Every record is your own agency's: leave out agency lines and `agency` fields, or give your own agency's code. The same extract twice changes nothing, "
                + "so no Idempotency-Key is needed; a changed line is recorded as a correction. A bad line writes nothing and is listed with its line number and field; "
                + "the other lines are taken. When no line at all could be taken, the answer is 400 with each problem keyed \"line N: field\".")
            .Accepts<string>(ApiRequestRules.ExtractMediaType)
            .Produces<ImportAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        app.MapGet("/api/v1/export", ExportAsync)
            .RequireAuthorization(Policies.AgencySystem)
            .ForAgencySystems(SystemAccess.ImportOwnExtract)
            .WithTags("Import")
            .WithName("ExportExtract")
            .WithSummary("Your agency's imported records, with what Lantern made of them")
            .WithDescription("JSON lines in the extract format: each record as your agency last sent it, followed by a `resolution` line naming the child, person, vehicle, "
                + "phone, place, referral or episode it became, the other source records that became the same one (`sameAs`), and clocks and whether each duty was met. "
                + "Loading the answer again changes nothing. Audited (2701).")
            .Produces<string>(contentType: ApiRequestRules.ExtractMediaType);
    }

    private static async Task ExportAsync(HttpContext http, DataScope scope, ExtractExport export, CancellationToken ct)
    {
        var system = scope.SystemFor(SystemAccess.ImportOwnExtract);
        http.Response.ContentType = ApiRequestRules.ExtractMediaType + "; charset=utf-8";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await export.ExportAsync(writer, system.Agency, ct);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, DataScope scope, ExtractImport import, CancellationToken ct)
    {
        var system = scope.SystemFor(SystemAccess.ImportOwnExtract);
        using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var summary = await import.ImportAsync(reader, new Importer(system.Agency), progress: null, ct);
        var answer = new ImportAnswer(summary.Lines, summary.Taken, summary.Corrected, summary.Unchanged, summary.Skipped, summary.TakenByType,
            [.. summary.Errors.Select(e => new ImportErrorAnswer(e.Line, e.Field, e.Message))], summary.ErrorsNotListed, summary.WordingFlagged);
        if (summary.Taken == 0 && summary.Unchanged == 0 && summary.Errors.Count > 0)
        {
            return Failure.Invalid(summary.Errors.Select(e => new FieldError($"line {e.Line}: {e.Field}", e.Message)), "No line of the extract could be taken: nothing was stored")
                .ToValidationProblem(f => f);
        }
        return TypedResults.Ok(answer);
    }
}
