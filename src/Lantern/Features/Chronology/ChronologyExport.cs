using System.Globalization;
using System.Text;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Chronology;

/// <summary>Everything an export shows, read once and then written as PDF or CSV.</summary>
public sealed record ChronologyExportDocument(
    string ChildName,
    string ChildBorn,
    string ExportingAgency,
    string ExportedBy,
    DateTimeOffset ExportedAt,
    string FiltersApplied,
    TwelveMonthCounts Counts,
    IReadOnlyList<ChronologyLine> Lines,
    WorkingDayCalendar Calendar)
{
    public string ExportedAtUk => Calendar.UkTime(ExportedAt);

    public string UkTime(DateTimeOffset instant) => Calendar.UkTime(instant);
}

public enum ChronologyExportFormat
{
    Pdf = 1,
    Csv = 2,
}

/// <summary>
/// A child's chronology for a meeting or a review, as PDF or CSV, with the same filters as the
/// child's page. Authorized twice (signed in, then the need-to-know scope: a child outside it is
/// not found) and audited before the file leaves.
/// </summary>
public sealed class ChronologyExport(LanternDbContext db, DataScope scope, AuditTrail audit, ChronologyQuery chronology, WorkingDayCalendar calendar, TimeProvider time)
{
    public static void MapChronologyExport(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Under the pages' sign-in cookie: practitioners download from the child's page. Excluded from
        // the OpenAPI document, which describes the agency systems' API.
        app.MapGet("/children/{id:guid}/chronology.pdf", (Guid id, HttpRequest request, ChronologyExport export, CancellationToken ct) =>
                export.ExportAsync(id, request.Query, ChronologyExportFormat.Pdf, ct))
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        app.MapGet("/children/{id:guid}/chronology.csv", (Guid id, HttpRequest request, ChronologyExport export, CancellationToken ct) =>
                export.ExportAsync(id, request.Query, ChronologyExportFormat.Csv, ct))
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
    }

    public async Task<IResult> ExportAsync(Guid id, IQueryCollection query, ChronologyExportFormat format, CancellationToken ct)
    {
        // The page's own reading of the filters. They do not depend on the child, so a bad one says
        // nothing about whether the child exists.
        var (filter, errors) = ChronologyFilters.Parse(query);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The chronology filters are not valid");
        }
        var childId = new ChildId(id);
        var child = await scope.Children(db.Children.AsNoTracking())
            .Where(c => c.Id == childId)
            .Select(c => new { c.GivenName, c.FamilyName, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn })
            .FirstOrDefaultAsync(ct);
        if (child is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", childId.ToString(), $"chronology export ({Name(format)}): not found or not in scope"), ct);
            return TypedResults.NotFound();
        }

        var mine = scope.User.AgencyId;
        var filtered = filter.Agency ?? mine;
        var names = await db.Agencies.AsNoTracking().Where(a => a.Id == mine || a.Id == filtered).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var exportingAgency = names.GetValueOrDefault(scope.User.AgencyId) ?? "Agency not known";
        var filtersApplied = Describe(filter, filter.Agency is { } a ? names.GetValueOrDefault(a) : null);
        var now = time.GetUtcNow();
        var born = child.DateOfBirth is { } dob
            ? "born " + dob.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : child.EstimatedAge is { } age ? $"date of birth not known (estimated age {age})" : "date of birth not known";
        var document = new ChronologyExportDocument(
            $"{child.GivenName} {child.FamilyName}", born, exportingAgency, scope.User.DisplayName, now, filtersApplied,
            await chronology.CountsAsync(childId, ct), await chronology.ReadAsync(childId, filter, ct), calendar);

        var (content, contentType) = format switch
        {
            ChronologyExportFormat.Pdf => (ChronologyExportPdf.Render(document), "application/pdf"),
            ChronologyExportFormat.Csv => (ChronologyExportCsv.Render(document), "text/csv; charset=utf-8"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        // Audited before the file leaves (fail closed): no export without its event.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChronologyExported, "Child", childId.ToString(),
            $"{Name(format)}; entries: {document.Lines.Count}; filters: {filtersApplied}"), ct);
        return new ExportFile(content, contentType, FileName(exportingAgency, calendar.LocalDate(now), format));
    }

    /// <summary>The filters in words, for the top of an export and its audit event.</summary>
    public static string Describe(ChronologyFilter filter, string? agencyName)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var english = CultureInfo.GetCultureInfo("en-GB");
        string Day(DateOnly d) => d.ToString("d MMM yyyy", english);
        return string.Join(", ",
            filter.Agency is null ? "all agencies" : $"agency {agencyName ?? "not known"}",
            filter.Type is { } type ? $"type {type.DisplayName()}" : "all types",
            filter.MinimumSignificance is { } significance ? $"significance {significance.DisplayName()} or higher" : "any significance",
            (filter.From, filter.To) switch
            {
                ({ } from, { } to) => $"from {Day(from)} to {Day(to)}",
                ({ } from, null) => $"from {Day(from)}",
                (null, { } to) => $"up to {Day(to)}",
                _ => "all dates",
            },
            filter.OldestFirst ? "oldest first" : "newest first");
    }

    private static string Name(ChronologyExportFormat format) => format switch
    {
        ChronologyExportFormat.Pdf => "PDF",
        ChronologyExportFormat.Csv => "CSV",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// For example chronology-northbridge-police-2026-03-30.pdf: the agency and the day it was exported,
    /// which a CSV (having no pages) carries nowhere else. Never the child's name: file names end up in
    /// download folders, mail attachments and logs.
    /// </summary>
    public static string FileName(string agency, DateOnly day, ChronologyExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var slug = new StringBuilder();
        foreach (var c in agency.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var name = slug.ToString().Trim('-');
        var extension = format == ChronologyExportFormat.Pdf ? "pdf" : "csv";
        return $"chronology-{(name.Length == 0 ? "agency" : name)}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
    }

    /// <summary>The file, as a download that no browser or proxy keeps: it is personal data.</summary>
    private sealed class ExportFile(byte[] content, string contentType, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(content, contentType, fileName).ExecuteAsync(httpContext);
        }
    }
}
