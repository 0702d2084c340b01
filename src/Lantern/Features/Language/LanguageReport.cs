using System.Globalization;
using System.Text;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Lantern.Features.Chronology;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Language;

/// <summary>The months (first and last, inclusive, UK time) and the agency a report covers.</summary>
public sealed record LanguageReportFilter(DateOnly From, DateOnly To, AgencyId? Agency)
{
    public const string MonthFormat = "yyyy-MM";

    public static string Month(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>
    /// From the query (from=2026-01&amp;to=2026-06&amp;agency=...), each bad value named; without
    /// months, the twelve months up to and including this one.
    /// </summary>
    public static (LanguageReportFilter Filter, IReadOnlyList<(string Field, string Message)> Errors) Parse(IQueryCollection query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<(string, string)>();
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        DateOnly? ReadMonth(string field, string what)
        {
            var text = query[field].ToString().Trim();
            if (text.Length == 0)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                return month;
            }
            errors.Add((field, $"The {what} month must be a month like {Month(thisMonth)}"));
            return null;
        }
        var to = ReadMonth("to", "last") ?? thisMonth;
        var from = ReadMonth("from", "first") ?? to.AddMonths(-11);
        if (errors.Count == 0 && from > to)
        {
            errors.Add(("from", "The first month must be the same as or before the last month"));
        }
        AgencyId? agency = null;
        var agencyText = query["agency"].ToString().Trim();
        if (agencyText.Length > 0)
        {
            if (Guid.TryParse(agencyText, out var id))
            {
                agency = new AgencyId(id);
            }
            else
            {
                errors.Add(("agency", "Select an agency from the list"));
            }
        }
        return (new LanguageReportFilter(from, to, agency), errors);
    }

    public string Query() =>
        $"from={Month(From)}&to={Month(To)}" + (Agency is { } a ? $"&agency={a}" : "");
}

/// <summary>One line of the report: how often a phrase list entry was found on saving, in a month, in an agency's team.</summary>
public sealed record LanguageReportRow(DateOnly Month, string Agency, string Team, string EntryId, int Found, int Kept, int Changed, int NotSaved, int Imported);

/// <summary>One phrase list entry over the whole period.</summary>
public sealed record LanguageReportPhrase(string EntryId, Severity Severity, string? Reason, int Found, int Kept, int Changed, int NotSaved, int Imported);

public sealed record LanguageReportData(
    LanguageReportFilter Filter,
    bool AllAgencies,
    string AgencyName,
    IReadOnlyList<LanguageReportPhrase> Phrases,
    IReadOnlyList<LanguageReportRow> Rows)
{
    public int Found => Phrases.Sum(p => p.Found);

    public int Kept => Phrases.Sum(p => p.Kept);

    public int Changed => Phrases.Sum(p => p.Changed);

    public int NotSaved => Phrases.Sum(p => p.NotSaved);

    /// <summary>Phrases in records loaded from agencies' extracts, counted in the month the record was written.</summary>
    public int Imported => Phrases.Sum(p => p.Imported);

    public string Period => Filter.From == Filter.To
        ? LanguageReportFilter.MonthName(Filter.From)
        : $"{LanguageReportFilter.MonthName(Filter.From)} to {LanguageReportFilter.MonthName(Filter.To)}";
}

/// <summary>
/// The language guard's report for managers: how often each phrase was found when forms were saved,
/// by agency, team and month (UK time), and whether it was kept with a note or changed. A training
/// signal: it names no child, shows no text and no note, and names no practitioner. A team manager
/// sees their own agency; service managers and heads of service see the partnership.
/// </summary>
public sealed class LanguageReport(LanternDbContext db, CurrentUser user, CurrentLanguageGuard guards, AuditTrail audit, WorkingDayCalendar calendar)
{
    public bool PartnershipWide => user.Role is Role.ServiceManager or Role.HeadOfService;

    public static void MapLanguageReport(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Under the pages' sign-in cookie, downloaded from the report page; not part of the agency systems' API.
        app.MapGet("/reports/language.csv", (HttpRequest request, LanguageReport report, TimeProvider time, CancellationToken ct) =>
                report.CsvAsync(request.Query, time, ct))
            .RequireAuthorization(Policies.LanguageReports)
            .ExcludeFromDescription();
    }

    /// <summary>The agencies a user may choose between: every agency for the partnership's leads, otherwise their own.</summary>
    public async Task<IReadOnlyList<(AgencyId Id, string Name)>> AgenciesAsync(CancellationToken ct)
    {
        var query = db.Agencies.AsNoTracking();
        if (!PartnershipWide)
        {
            query = query.Where(a => a.Id == user.AgencyId);
        }
        return [.. (await query.OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name))];
    }

    /// <summary>Reads the report and records the read in the audit trail; a team manager's report is always their own agency's.</summary>
    public async Task<LanguageReportData> ReadAsync(LanguageReportFilter filter, AuditCode code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!PartnershipWide)
        {
            filter = filter with { Agency = user.AgencyId };
        }
        var start = calendar.AtLocalTime(filter.From, TimeSpan.Zero);
        var end = calendar.AtLocalTime(filter.To.AddMonths(1), TimeSpan.Zero);
        var query = db.LanguageFindings.AsNoTracking().Where(f => f.SeenAt >= start && f.SeenAt < end);
        if (filter.Agency is { } agency)
        {
            query = query.Where(f => f.AgencyId == agency);
        }
        var found = await query.Select(f => new { f.SeenAt, f.AgencyId, f.TeamId, f.EntryId, f.Severity, f.Outcome }).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var guard = await guards.GetAsync(db, ct);
        var reasons = (guard.Phrases.Entries ?? []).Where(e => e?.Id is not null).ToDictionary(e => e!.Id!, e => e!.Reason, StringComparer.Ordinal);

        static (int Kept, int Changed, int NotSaved, int Imported) Count<T>(IEnumerable<T> items, Func<T, LanguageFindingOutcome> outcome)
        {
            int kept = 0, changed = 0, notSaved = 0, imported = 0;
            foreach (var item in items)
            {
                switch (outcome(item))
                {
                    case LanguageFindingOutcome.KeptWithNote:
                        kept++;
                        break;
                    case LanguageFindingOutcome.ChangedBeforeSaving:
                        changed++;
                        break;
                    case LanguageFindingOutcome.NotYetSaved:
                        notSaved++;
                        break;
                    case LanguageFindingOutcome.Imported:
                        imported++;
                        break;
                    default:
                        throw new InvalidOperationException("Unknown outcome " + outcome(item));
                }
            }
            return (kept, changed, notSaved, imported);
        }

        var phrases = found.GroupBy(f => f.EntryId)
            .Select(g =>
            {
                var (kept, changed, notSaved, imported) = Count(g, f => f.Outcome);
                return new LanguageReportPhrase(g.Key, g.Max(f => f.Severity), reasons.GetValueOrDefault(g.Key), g.Count(), kept, changed, notSaved, imported);
            })
            .OrderByDescending(p => p.Found).ThenBy(p => p.EntryId, StringComparer.Ordinal)
            .ToList();
        var rows = found
            .Select(f =>
            {
                var local = calendar.ToLocalTime(f.SeenAt);
                return new
                {
                    Month = new DateOnly(local.Year, local.Month, 1),
                    Agency = agencies.GetValueOrDefault(f.AgencyId) ?? "",
                    Team = f.TeamId is { } team ? teams.GetValueOrDefault(team) ?? "" : f.Outcome == LanguageFindingOutcome.Imported ? "Imported records" : "No team",
                    f.EntryId,
                    f.Outcome,
                };
            })
            .GroupBy(f => (f.Month, f.Agency, f.Team, f.EntryId))
            .Select(g =>
            {
                var (kept, changed, notSaved, imported) = Count(g, f => f.Outcome);
                return new LanguageReportRow(g.Key.Month, g.Key.Agency, g.Key.Team, g.Key.EntryId, g.Count(), kept, changed, notSaved, imported);
            })
            .OrderBy(r => r.Month).ThenBy(r => r.Agency, StringComparer.Ordinal).ThenBy(r => r.Team, StringComparer.Ordinal)
            .ThenByDescending(r => r.Found).ThenBy(r => r.EntryId, StringComparer.Ordinal)
            .ToList();
        var agencyName = filter.Agency is { } chosen ? agencies.GetValueOrDefault(chosen) ?? "an agency that does not exist" : "all agencies";
        await audit.SaveAsync(AuditEntry.Allowed(code, "LanguageReport", null,
            $"{LanguageReportFilter.Month(filter.From)} to {LanguageReportFilter.Month(filter.To)}; {agencyName}; {found.Count} findings"), ct);
        return new LanguageReportData(filter, filter.Agency is null, agencyName, phrases, rows);
    }

    public static readonly string[] CsvColumns =
        ["month", "agency", "team", "phrase", "found", "kept with a note", "changed before saving", "not saved", "in imported records"];

    private async Task<IResult> CsvAsync(IQueryCollection query, TimeProvider time, CancellationToken ct)
    {
        var (filter, errors) = LanguageReportFilter.Parse(query, calendar.LocalDate(time.GetUtcNow()));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The report's filters are not valid");
        }
        var data = await ReadAsync(filter, AuditCode.LanguageReportExported, ct);
        var csv = new StringBuilder();
        void Row(IEnumerable<string> cells) => csv.Append(string.Join(',', cells.Select(ChronologyExportCsv.Field))).Append("\r\n");
        Row(CsvColumns);
        foreach (var row in data.Rows)
        {
            Row([LanguageReportFilter.Month(row.Month), row.Agency, row.Team, row.EntryId,
                .. new[] { row.Found, row.Kept, row.Changed, row.NotSaved, row.Imported }.Select(n => n.ToString(CultureInfo.InvariantCulture))]);
        }
        var name = $"language-report-{LanguageReportFilter.Month(data.Filter.From)}-to-{LanguageReportFilter.Month(data.Filter.To)}.csv";
        return new CsvFile([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())], name);
    }

    private sealed class CsvFile(byte[] content, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(content, "text/csv; charset=utf-8", fileName).ExecuteAsync(httpContext);
        }
    }
}
