using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Language;
using Lantern.Domain.Mentions;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Domain.Records;
using Lantern.Domain.Referrals;
using Lantern.Features.Identity;
using Lantern.Features.Language;
using Lantern.Features.Network;
using Lantern.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Import;

/// <summary>One problem with one line: its number, the field and what to fix.</summary>
public sealed record ImportError(int Line, string Field, string Message);

/// <summary>How far an import has gone, reported after each batch of lines.</summary>
public sealed record ImportProgress(int Lines, int Taken, int Unchanged, int Skipped);

/// <summary>
/// What an import did: lines read, taken (new or corrected), unchanged, skipped, and every problem (the first 1,000); and how
/// many phrases of the language guard were found in the free text it took, each flagged for review, the words left as written.
/// </summary>
public sealed record ImportSummary(int Lines, int Taken, int Corrected, int Unchanged, int Skipped, IReadOnlyDictionary<string, int> TakenByType,
    IReadOnlyList<ImportError> Errors, int ErrorsNotListed, int WordingFlagged);

/// <summary>Who imports: an agency system may import only as its own agency; the command line imports as any agency the file names.</summary>
public sealed record Importer(AgencyId? OnlyAgency);

/// <summary>
/// Loads an agency's extract (docs/import-format.md): one JSON object a line, a header first. Each line is
/// checked whole before anything is written, so a bad line writes nothing and is reported with its number and
/// field; good lines are written in batches, each batch in one transaction with its audit event. A line seen
/// before (same agency, type and id) with the same content changes nothing; with changed content it is a
/// correction: the line it replaces is kept, an event's entries are corrected (never overwritten), and links
/// the old line made are withdrawn and made again. Records refer to records on earlier lines (or imported
/// before) by the source's ids.
/// </summary>
public sealed partial class ExtractImport(LanternDbContext db, IdentityResolution identity, IdentityIndex index, AuditTrail audit, MentionLinker mentions, TimeProvider time,
    WorkingDayCalendar calendar, IOptions<ChildRecordOptions> childRecords, CurrentLanguageGuard guards, Investigations.NoChargeReviews reviews, ILogger<ExtractImport> logger)
{
    public const int BatchSize = 1000;
    public const int MaxErrorsListed = 1000;
    public const int MaxListItems = 100;

    private const string Imported = "Import";

    private static readonly Type[] NewRowsWrittenDirectly =
        [typeof(ChronologyEntry), typeof(Mention), typeof(Link), typeof(SourceRecord), typeof(LanguageFindingRecord), typeof(IdentityMatch)];

    /// <summary>SQLite's page cache while an import runs (256 MB): the indexes a large extract writes to stay in memory.</summary>
    private const int SqliteCacheKibibytes = 262_144;

    private readonly Dictionary<string, Agency> _agencies = new(StringComparer.Ordinal);

    private LanguageGuard _guard = LanguageGuard.Shipped;

    /// <summary>A field given twice on a line is a problem of that line, never the first or last silently kept.</summary>
    private static readonly JsonDocumentOptions LineOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public async Task<ImportSummary> ImportAsync(TextReader reader, Importer importer, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(importer);
        // One connection for the whole file, rather than one a query, with a page cache to fit a large import's indexes.
        // On SQLite the batches commit without waiting for the disk (synchronous=NORMAL: safe from a crash of the process,
        // not yet from a power cut); the summary's own audit event then commits with synchronous=FULL, which puts every
        // batch before it on the disk too, before the import answers. Until it answers nothing is acknowledged, and a file
        // loaded again after a power cut takes whatever was lost, as the same file loaded twice changes nothing.
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size=-{SqliteCacheKibibytes}; PRAGMA synchronous=NORMAL;", ct);
            }
            var summary = await ImportOpenAsync(reader, importer, progress, ct);
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", ct);
            }
            await audit.SaveAsync([AuditEntry.Allowed(AuditCode.ExtractImported, "Extract", "whole file", string.Create(CultureInfo.InvariantCulture,
                $"{summary.Lines} lines: {summary.Taken} taken ({summary.Corrected} corrections), {summary.Unchanged} unchanged, {summary.Skipped} skipped; {summary.WordingFlagged} phrases flagged for review"))], ct);
            return summary;
        }
        finally
        {
            if (sqlite)
            {
                // The connection goes back to the pool as every other: durable commits, the default cache, its memory given back.
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL; PRAGMA cache_size=-2000; PRAGMA shrink_memory;", CancellationToken.None);
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ImportSummary> ImportOpenAsync(TextReader reader, Importer importer, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var run = new Run(importer);
        _guard = await guards.GetAsync(db, ct);
        var batch = new List<(int Number, string Text)>(BatchSize);
        var number = 0;
        var headerSeen = false;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (ReadHeader(number, text, run) is false)
                {
                    run.SkippedLines = CountRest(reader, ref number) + 1;
                    break;
                }
                continue;
            }
            batch.Add((number, text));
            if (batch.Count == BatchSize)
            {
                await ProcessBatchAsync(batch, run, ct);
                batch.Clear();
                progress?.Report(new ImportProgress(number, run.Taken, run.Unchanged, run.SkippedLines));
            }
        }
        if (batch.Count > 0)
        {
            await ProcessBatchAsync(batch, run, ct);
        }
        if (!headerSeen)
        {
            run.Error(1, "type", "The file is empty: the first line must be the header {\"type\":\"header\",\"format\":\"lantern-extract\",\"version\":1}");
        }
        progress?.Report(new ImportProgress(number, run.Taken, run.Unchanged, run.SkippedLines));
        return new ImportSummary(number, run.Taken, run.Corrected, run.Unchanged, run.SkippedLines, run.ByType, run.Errors, run.ErrorsNotListed, run.WordingFlagged);
    }

    private static int CountRest(TextReader reader, ref int number)
    {
        var skipped = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                skipped++;
            }
        }
        return skipped;
    }

    private static bool ReadHeader(int number, string text, Run run)
    {
        var errors = new List<FieldError>();
        try
        {
            using var json = JsonDocument.Parse(text, LineOptions);
            var f = new ExtractFields(json.RootElement, "", errors);
            if (f.Text("type", 20) != "header" || f.Text("format", 40) != ExtractFormat.Name)
            {
                errors.Add(new("type", $"The first line must be the header {{\"type\":\"header\",\"format\":\"{ExtractFormat.Name}\",\"version\":{ExtractFormat.Version}}}"));
            }
            else if (f.Number("version", 1, 1000) is not ExtractFormat.Version)
            {
                errors.Add(new("version", $"This Lantern reads version {ExtractFormat.Version} of the format; convert the file or upgrade Lantern"));
            }
            run.DefaultAgency = f.Text("agency", Agency.CodeMaxLength);
        }
        catch (JsonException e)
        {
            errors.Add(new("", JsonProblem(e)));
        }
        foreach (var e in errors)
        {
            run.Error(number, e.Field, e.Message);
        }
        return errors.Count == 0;
    }

    private static string JsonProblem(JsonException e) =>
        $"Not one JSON object: {e.Message.Split(" Path:", StringSplitOptions.None)[0].Split(" LineNumber:", StringSplitOptions.None)[0]}";

    /// <summary>
    /// One batch in one transaction, under the audit trail's lock. If saving fails for a reason no check foresaw,
    /// the batch is done again one line at a time, so the one line at fault is reported and the others are kept.
    /// </summary>
    private async Task ProcessBatchAsync(List<(int Number, string Text)> lines, Run run, CancellationToken ct)
    {
        var opened = new List<(ChildId Child, PersonRecord Record, string Reference)>();
        var saved = new List<Link>();
        try
        {
            await SaveBatchAsync(lines, run, opened, saved, ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException && lines.Count > 1)
        {
            db.ChangeTracker.Clear();
            _agencies.Clear();
            opened.Clear();
            LogBatchRetried(logger, lines[0].Number, e.GetType().Name);
            foreach (var line in lines)
            {
                try
                {
                    await SaveBatchAsync([line], run, opened, saved, ct);
                }
                catch (Exception one) when (one is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    db.ChangeTracker.Clear();
                    _agencies.Clear();
                    run.Failed(line.Number, "The line could not be stored; nothing of it was written. Check it against the format");
                }
            }
        }
        db.ChangeTracker.Clear();
        _agencies.Clear();
        // What the entries name is read into the network, the network's alert rules are evaluated once around the batch's
        // links and the mentions', and new children are checked again against records opened meanwhile.
        await mentions.LinkAfterSaveAsync(ct, saved);
        db.ChangeTracker.Clear();
        await identity.RecheckOpenedAsync([.. opened.Select(o => new OpenedRecord(o.Child, o.Record, Imported, o.Reference))], audit, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Saves lines as one batch. Children it opens are found by its later lines before they are saved (pending in the identity
    /// index); if the batch is not saved they are taken out of the index again, and only a saved batch's are checked again.
    /// </summary>
    private async Task SaveBatchAsync(List<(int Number, string Text)> lines, Run run, List<(ChildId, PersonRecord, string)> opened, List<Link> saved, CancellationToken ct)
    {
        var mine = new List<(ChildId Child, PersonRecord Record, string Reference)>();
        try
        {
            await SaveLinesAsync(lines, run, mine, saved, ct);
        }
        catch
        {
            index.RemovePending(mine.Select(o => o.Child));
            throw;
        }
        opened.AddRange(mine);
    }

    private async Task SaveLinesAsync(List<(int Number, string Text)> lines, Run run, List<(ChildId, PersonRecord, string)> opened, List<Link> saved, CancellationToken ct)
    {
        run.BeginBatch();
        IReadOnlyList<Link> made = [];
        await audit.SaveAsync([], async token =>
        {
            var now = time.GetUtcNow();
            var batch = new Batch(db, new NetworkResolver(db, now));
            made = batch.Network.Links;
            // Each line is parsed once: its ids are read for the batch's one query, then the line itself.
            var parsed = lines.Select(l => (l.Number, l.Text, Json: Parse(l.Text))).ToList();
            try
            {
                await batch.PrefetchAsync(parsed.Select(p => p.Json.Document).OfType<JsonDocument>(), token);
                // Once a batch: its own children are found as pending, and others' by the check after the save.
                await index.CatchUpAsync(db, token);
                identity.CaughtUp = true;
                var audits = new List<AuditEntry>();
                foreach (var (number, text, json) in parsed)
                {
                    audits.AddRange(await LineAsync(number, text, json, run, batch, opened, token));
                }
                // The batch's new rows of the kinds nothing changes again are written by one prepared statement a table (on SQLite).
                await AppendOnlyWriter.WriteAddedAsync(db, NewRowsWrittenDirectly, token);
                run.BatchWordingFlagged = batch.WordingFlagged;
                if (run.BatchTaken + run.BatchUnchanged + run.BatchSkipped > 0)
                {
                    audits.Add(AuditEntry.Allowed(AuditCode.ExtractImported, "Extract", $"lines {lines[0].Number}-{lines[^1].Number}",
                        $"{run.BatchTaken} taken ({run.BatchCorrected} corrections), {run.BatchUnchanged} unchanged, {run.BatchSkipped} skipped"
                        + (batch.WordingFlagged > 0 ? $"; {batch.WordingFlagged} phrases flagged for review" : "")));
                }
                return audits;
            }
            finally
            {
                identity.CaughtUp = false;
                foreach (var p in parsed)
                {
                    p.Json.Document?.Dispose();
                }
            }
        }, ct);
        saved.AddRange(made);
        run.CommitBatch();
    }

    /// <summary>A line parsed, or why it is not one JSON document.</summary>
    private static (JsonDocument? Document, string? Problem) Parse(string text)
    {
        try
        {
            return (JsonDocument.Parse(text, LineOptions), null);
        }
        catch (JsonException e)
        {
            return (null, JsonProblem(e));
        }
    }

    /// <summary>One line: read and checked whole, then written; the audit events it makes.</summary>
    private async Task<IReadOnlyList<AuditEntry>> LineAsync(int number, string text, (JsonDocument? Document, string? Problem) parsed, Run run, Batch batch,
        List<(ChildId, PersonRecord, string)> opened, CancellationToken ct)
    {
        if (parsed.Document is not { } json)
        {
            run.Skip(number, "", parsed.Problem!);
            return [];
        }
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            run.Skip(number, "", "Each line must be one JSON object");
            return [];
        }
        var errors = new List<FieldError>();
        var f = new ExtractFields(json.RootElement, "", errors);
        var type = f.Text("type", 20, required: true, what: "the record's type");
        if (type is not null && !ExtractFormat.Types.Contains(type))
        {
            f.Fail("type", $"Type must be one of: {string.Join(", ", ExtractFormat.Types.Skip(1))}");
        }
        if (type == "header")
        {
            f.Fail("type", "Only the first line is the header");
        }
        if (type == "resolution")
        {
            // What an export says Lantern made of the line before: read as nothing, so an export loads again unchanged.
            return [];
        }
        if (errors.Count > 0 || type is null)
        {
            run.Skip(number, errors);
            return [];
        }
        if (type == "agency")
        {
            return await AgencyLineAsync(number, f, run, ct);
        }
        var agency = await AgencyOfAsync(f, run);
        var id = f.Text("id", SourceRecord.SourceIdMaxLength, required: true, what: "the source system's id of the record");
        if (agency is null || id is null || errors.Count > 0)
        {
            run.Skip(number, errors);
            return [];
        }
        var hash = Hash(json.RootElement, agency.Code!);
        var existing = await batch.SourceAsync(agency.Id, type, id, ct);
        if (existing is not null && existing.Hash == hash)
        {
            run.BatchUnchanged++;
            return [];
        }
        var line = new Line(number, type, id, agency, text, hash, existing, f, time.GetUtcNow());
        var made = type switch
        {
            "child" => await ChildAsync(line, batch, opened, ct),
            "person" => await PersonAsync(line, batch, ct),
            "vehicle" or "phone" or "place" => await ThingAsync(line, batch, ct),
            "event" => await EventAsync(line, batch, ct),
            "referral" => await ReferralAsync(line, batch, ct),
            "missing" => await MissingAsync(line, batch, ct),
            "crime" => await CrimeAsync(line, batch, ct),
            _ => throw new InvalidOperationException("Unknown type " + type),
        };
        if (made is null)
        {
            run.Skip(number, errors);
            return [];
        }
        run.Take(type, existing is not null);
        return made;
    }

    private async Task<IReadOnlyList<AuditEntry>> AgencyLineAsync(int number, ExtractFields f, Run run, CancellationToken ct)
    {
        var code = f.Text("code", Agency.CodeMaxLength, required: true, what: "the agency's code");
        var name = f.Text("name", Agency.NameMaxLength, required: true, what: "the agency's name");
        var kind = f.Choice("kind", ExtractFormat.AgencyKinds, required: true);
        if (f.Errors.Count > 0)
        {
            run.Skip(number, f.Errors);
            return [];
        }
        var found = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct) ?? await db.Agencies.FirstOrDefaultAsync(a => a.Code == null && a.Name == name, ct);
        if (run.Importer.OnlyAgency is { } own && found?.Id != own)
        {
            run.Skip(number, "code", "An agency system imports only as its own agency: leave out agency lines, or give your own agency's code");
            return [];
        }
        if (found is not null && found.Code == code)
        {
            _agencies[code!] = found;
            run.BatchUnchanged++;
            return [];
        }
        if (found is null)
        {
            var created = Agency.Create(name, kind!.Value, time.GetUtcNow());
            if (created.Failure is { } problem)
            {
                run.Skip(number, problem.Errors.Select(e => new FieldError(e.Field.ToLowerInvariant(), e.Message)).ToList());
                return [];
            }
            found = created.Value;
            db.Agencies.Add(found);
        }
        found.GiveCode(code!);
        _agencies[code!] = found;
        run.Take("agency", corrected: false);
        return [AuditEntry.Allowed(AuditCode.AgencyCreated, "Agency", found.Id.ToString(), $"from an extract, code {code}")];
    }

    /// <summary>The agency a record is from: the line's code, or the header's; an agency system's own agency only.</summary>
    private async Task<Agency?> AgencyOfAsync(ExtractFields f, Run run)
    {
        var code = f.Text("agency", Agency.CodeMaxLength) ?? run.DefaultAgency;
        Agency? agency = null;
        if (code is not null && !_agencies.TryGetValue(code, out agency))
        {
            agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code);
            if (agency is not null)
            {
                _agencies[code] = agency;
            }
        }
        if (code is null && run.Importer.OnlyAgency is { } own)
        {
            agency = await db.Agencies.FirstAsync(a => a.Id == own);
        }
        if (agency is null)
        {
            f.Fail("agency", code is null
                ? "Give the agency's code on the line or in the header"
                : $"No agency has the code {code}: give an agency line for it first");
            return null;
        }
        if (run.Importer.OnlyAgency is { } mine && agency.Id != mine)
        {
            f.Fail("agency", "An agency system imports only its own agency's records");
            return null;
        }
        return agency;
    }

    /// <summary>
    /// A new record is audited with its batch (one event names the lines); a correction is audited on its own,
    /// naming the record it corrected and the source record.
    /// </summary>
    private static IReadOnlyList<AuditEntry> Corrected(Line line, string recordType, string recordId) =>
        line.Existing is null ? [] : [AuditEntry.Allowed(AuditCode.ExtractRecordCorrected, recordType, recordId, Key(line))];

    /// <summary>
    /// What a line says, as a hash: its agency's code and its fields without the agency field, in the order given and
    /// without spacing, so that a line that names its agency and one that takes it from the header (an export's and
    /// the original's) are the same line.
    /// </summary>
    public static string Hash(JsonElement line, string agency)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in line.EnumerateObject().Where(p => p.Name != "agency"))
            {
                field.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes(agency + "\n"), .. buffer.ToArray()]))[..32];
    }

    private static string Key(Line line) => $"{line.Agency.Code}:{line.Type}:{line.Id}";

    /// <summary>Keeps the source record: a new one, or a correction of one seen before (the line it replaces kept).</summary>
    private void Keep(Line line, Guid target, Batch batch, string? entries = null)
    {
        if (line.Existing is { } existing)
        {
            db.SourceRecordVersions.Add(new SourceRecordVersion { SourceRecordId = existing.Id, Hash = existing.Hash, Line = existing.Line, ReplacedAt = line.At });
            existing.Hash = line.Hash;
            existing.Line = line.Text;
            existing.LastImportedAt = line.At;
            existing.Corrections++;
            existing.TargetId = target;
            existing.Entries = entries ?? existing.Entries;
            return;
        }
        var record = new SourceRecord
        {
            AgencyId = line.Agency.Id,
            Kind = line.Type,
            SourceId = line.Id,
            TargetId = target,
            Entries = entries,
            Hash = line.Hash,
            Line = line.Text,
            FirstImportedAt = line.At,
            LastImportedAt = line.At,
        };
        db.SourceRecords.Add(record);
        batch.Remember(record);
    }

    /// <summary>Withdraws the links an earlier version of the line made: the corrected line makes its own.</summary>
    private async Task WithdrawLinksAsync(Line line, CancellationToken ct)
    {
        if (line.Existing is null)
        {
            return;
        }
        var key = Key(line);
        foreach (var link in await db.Links.Where(l => l.RecordType == Imported && l.RecordId == key && l.WithdrawnAt == null).ToListAsync(ct))
        {
            link.Withdraw("Corrected by a later extract from the same agency", line.At);
        }
    }

    private async Task<IReadOnlyList<AuditEntry>?> ChildAsync(Line line, Batch batch, List<(ChildId, PersonRecord, string)> opened, CancellationToken ct)
    {
        var f = line.Fields;
        var today = DateOnly.FromDateTime(line.At.UtcDateTime);
        var given = f.Text("givenName", Child.NameMaxLength, required: true, what: "the child's first name");
        var family = f.Text("familyName", Child.NameMaxLength);
        var knownAs = f.Text("knownAs", Child.KnownAsMaxLength);
        var born = f.Date("dateOfBirth", today);
        var age = f.Number("approximateAge", 0, 25);
        // An age is as of the day it was written: "about 14" in a record of 2008 is a woman now.
        var ageOn = f.Date("approximateAgeOn", today) ?? today;
        f.Choice("gender", ExtractFormat.Genders);
        var nhs = f.Text("nhsNumber", 20);
        if (nhs is not null && Domain.People.NhsNumber.Normalise(nhs) is null)
        {
            f.Fail("nhsNumber", "Not a valid NHS number: check the ten digits");
        }
        var upn = f.Text("uniquePupilNumber", 20);
        var police = f.Text("policeReference", 50);
        var address = f.Text("address", Child.AddressMaxLength);
        var postcode = f.Text("postcode", Child.PostcodeMaxLength);
        var school = f.Text("school", 200);
        if (f.Errors.Count > 0)
        {
            return null;
        }
        if (line.Existing is { } existing)
        {
            // The child's record is the partnership's, kept by practitioners: a correction from the source is kept
            // with the source record (and its replaced line), never written over what practitioners recorded.
            Keep(line, existing.TargetId, batch);
            return [AuditEntry.Allowed(AuditCode.ExtractRecordCorrected, "Child", existing.TargetId.ToString(), Key(line))];
        }
        var reference = Key(line);
        var record = new PersonRecord(reference)
        {
            Given = given,
            Family = family,
            DateOfBirth = born?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Identifier = nhs is null ? null : Domain.People.NhsNumber.Normalise(nhs),
            Address = address,
            Postcode = postcode,
        };
        var (child, audits) = await identity.FindOrOpenAsync(record, Imported, reference, () => Child.Open(new NewChild
        {
            GivenName = given!,
            FamilyName = family ?? "",
            KnownAs = knownAs,
            DateOfBirth = born,
            EstimatedAge = age,
            NhsNumber = nhs is null ? null : Domain.People.NhsNumber.Normalise(nhs),
            UniquePupilNumber = upn,
            PoliceReference = police,
            School = school,
            Address = address,
            Postcode = postcode?.ToUpperInvariant(),
        }, line.At, ageOn), ct);
        batch.Standing(child);
        if (db.Entry(child).State == EntityState.Added)
        {
            opened.Add((child.Id, record, reference));
            index.AddPending(child);
        }
        Keep(line, child.Id.Value, batch);
        return audits;
    }

    private async Task<IReadOnlyList<AuditEntry>?> PersonAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        var today = DateOnly.FromDateTime(line.At.UtcDateTime);
        var name = f.Text("name", Person.NameMaxLength);
        var aliases = f.Strings("aliases", MaxListItems, Person.NameMaxLength);
        var nicknames = f.Strings("nicknames", MaxListItems, Person.NameMaxLength);
        if (name is null && aliases.Count == 0 && nicknames.Count == 0 && !f.Errors.Any(e => e.Field.StartsWith("name", StringComparison.Ordinal)))
        {
            f.Fail("name", "Give a name, an alias or a nickname: a person may be known only by a nickname");
        }
        var age = f.Text("age", WrittenAge.MaxLength);
        var ageOn = f.Date("ageWrittenOn", today) ?? today;
        var born = f.Date("dateOfBirth", today);
        var description = f.Text("description", Person.DescriptionMaxLength, shape: TextShape.MultiLine);
        var role = f.Text("role", 40);
        if (role is not null && !ExtractFormat.PersonRoles.Contains(role))
        {
            f.Fail("role", $"Role must be one of: {string.Join(", ", ExtractFormat.PersonRoles)}");
        }
        var confidence = f.Choice("confidence", ExtractFormat.Confidences) ?? LinkConfidence.Unconfirmed;
        var grade = f.Text("grade", Link.GradeMaxLength);
        var phones = Things(f, "phones", "number", PhoneNumber.MaxLength);
        var vehicles = Things(f, "vehicles", "registration", VehicleRegistration.MaxLength);
        var places = Things(f, "places", "name", MentionRules.ValueMaxLength);
        var household = new List<(NodeRef Node, LinkType Type)>();
        foreach (var h in f.Objects("household", MaxListItems))
        {
            var type = h.Choice("relation", ExtractFormat.Relations) ?? LinkType.HouseholdMember;
            var child = h.Text("child", SourceRecord.SourceIdMaxLength);
            var other = h.Text("person", SourceRecord.SourceIdMaxLength);
            if ((child is null) == (other is null))
            {
                h.Fail("child", "Give either a child's id or a person's id, from earlier lines of the same agency");
                continue;
            }
            var target = await batch.TargetAsync(line.Agency.Id, child is null ? "person" : "child", (child ?? other)!, ct);
            if (target is null)
            {
                h.Fail(child is null ? "person" : "child", $"No {(child is null ? "person" : "child")} with id {child ?? other} from {line.Agency.Code} has been imported: give it on an earlier line");
                continue;
            }
            household.Add((new NodeRef(child is null ? NodeKind.Person : NodeKind.Child, target.Value), type));
        }
        if (f.Errors.Count > 0)
        {
            return null;
        }
        await WithdrawLinksAsync(line, ct);
        var names = new List<(string Value, PersonNameKind Kind)>();
        if (name is not null)
        {
            names.Add((name, PersonNameKind.Name));
        }
        names.AddRange(aliases.Select(a => (a, PersonNameKind.Alias)));
        names.AddRange(nicknames.Select(n => (n, PersonNameKind.Nickname)));
        var resolved = new List<(NodeRef Node, LinkType Type)>();
        foreach (var (value, detail, relation, type) in phones)
        {
            if (await batch.Network.PhoneAsync(value, detail, ct) is { } p)
            {
                resolved.Add((new NodeRef(NodeKind.Phone, p.Id), relation ?? LinkType.UsesPhone));
            }
        }
        foreach (var (value, detail, relation, type) in vehicles)
        {
            if (await batch.Network.VehicleAsync(value, detail, ct) is { } v)
            {
                resolved.Add((new NodeRef(NodeKind.Vehicle, v.Id), relation ?? LinkType.Drives));
            }
        }
        foreach (var (value, detail, relation, type) in places)
        {
            if (await batch.Network.PlaceAsync(value, detail, type ?? PlaceType.NotKnown, ct) is { } p)
            {
                resolved.Add((new NodeRef(NodeKind.Place, p.Id), relation ?? LinkType.AssociatesWith));
            }
        }
        var person = line.Existing is { } existing
            ? await db.Persons.FirstAsync(p => p.Id == existing.TargetId, ct)
            : await FindPersonAsync(names, born, resolved.Select(r => r.Node).ToHashSet(), batch, ct);
        if (person is null)
        {
            var (first, kind) = names[0];
            person = Person.Record(RecordReference.New("PER"), first, kind, line.At, age, ageOn, description, born);
            db.Persons.Add(person);
            batch.Persons.Add(person);
        }
        foreach (var (value, kind) in names)
        {
            person.AddName(value, kind);
        }
        person.SetAge(age, ageOn);
        person.Describe(description);
        if (role is not null)
        {
            person.Describe($"Recorded as {role} by {line.Agency.Name}");
        }
        var me = new NodeRef(NodeKind.Person, person.Id);
        var source = new LinkSource(Imported, Key(line), line.Agency.Id, line.At);
        foreach (var (node, type) in resolved.Concat(household).DistinctBy(r => (r.Node, r.Type)))
        {
            if (node != me)
            {
                batch.Network.Add(Link.Make(me, node, type, confidence, source, line.Agency.Name, line.At, grade));
            }
        }
        Keep(line, person.Id, batch);
        return Corrected(line, "Person", person.Reference);
    }

    /// <summary>
    /// The person already recorded that a new source record is: the one of the same name with the same date of
    /// birth, or failing that the one of the same name already linked to a phone, vehicle or place the line gives.
    /// A name alone never decides (see <see cref="PersonMatching"/>).
    /// </summary>
    private async Task<Person?> FindPersonAsync(IReadOnlyList<(string Value, PersonNameKind Kind)> names, DateOnly? born, HashSet<NodeRef> things, Batch batch, CancellationToken ct)
    {
        if (born is null && things.Count == 0)
        {
            return null;
        }
        var keys = names.Select(n => NameKey.Person(n.Value)).OfType<string>().Distinct().ToList();
        // Read as ids and dates only: a common name has many records, and only the one chosen is loaded.
        // By the names' index first: a query through each person's names would read every person.
        // The few keys and ids inlined, so that SQLite looks them up in its indexes rather than scanning.
        var named = await db.PersonNames.AsNoTracking().Where(n => EF.Constant(keys).Contains(n.Key)).Select(n => n.PersonId).Distinct().OrderBy(id => id).Take(PersonMatching.MaxCandidates * 4).ToListAsync(ct);
        if (named.Count == 0 && batch.Persons.Count == 0)
        {
            return null;
        }
        var candidates = await db.Persons.AsNoTracking().IgnoreAutoIncludes()
            .Where(p => EF.Constant(named).Contains(p.Id) && p.MergedIntoId == null)
            .OrderBy(p => p.CreatedAt).Take(PersonMatching.MaxCandidates)
            .Select(p => new { p.Id, p.DateOfBirth }).ToListAsync(ct);
        candidates.AddRange(batch.Persons.Where(p => p.Names.Any(n => keys.Contains(n.Key))).Select(p => new { p.Id, p.DateOfBirth }));
        candidates = [.. candidates.DistinctBy(c => c.Id)];
        Guid? chosen = null;
        if (born is not null && candidates.Where(c => c.DateOfBirth == born).Take(2).ToList() is [var same])
        {
            chosen = same.Id;
        }
        else if (things.Count > 0 && candidates.Count > 0)
        {
            var ids = candidates.Select(c => c.Id).ToList();
            var thingIds = things.Select(t => t.Id).ToList();
            var linked = (await db.Links.AsNoTracking()
                    .Where(l => l.WithdrawnAt == null && l.FromKind == NodeKind.Person && ids.Contains(l.FromId) && thingIds.Contains(l.ToId))
                    .Select(l => l.FromId).ToListAsync(ct))
                .Concat(batch.Network.Links.Where(l => l.FromKind == NodeKind.Person && ids.Contains(l.FromId) && things.Contains(l.To)).Select(l => l.FromId))
                .ToHashSet();
            var fitting = candidates.Where(c => linked.Contains(c.Id) && (born is null || c.DateOfBirth is null || c.DateOfBirth == born)).ToList();
            chosen = fitting.Count == 1 ? fitting[0].Id : null;
        }
        return chosen is not { } id ? null
            : batch.Persons.FirstOrDefault(p => p.Id == id) ?? await db.Persons.FirstAsync(p => p.Id == id, ct);
    }

    /// <summary>The phones, vehicles or places a person line gives: the value, a detail, the relation and (for places) the type.</summary>
    private static List<(string Value, string? Detail, LinkType? Relation, PlaceType? Type)> Things(ExtractFields f, string list, string field, int max)
    {
        var found = new List<(string, string?, LinkType?, PlaceType?)>();
        foreach (var item in f.Objects(list, MaxListItems))
        {
            var value = item.Text(field, max, required: true, what: $"the {field}");
            var detail = item.Text(field == "name" ? "address" : "description", Place.AddressMaxLength);
            var relation = item.Choice("relation", ExtractFormat.Relations);
            var type = field == "name" ? item.Choice("placeType", ExtractFormat.PlaceTypes) : null;
            if (value is not null)
            {
                if (field == "number" && PhoneNumber.Key(value) is null)
                {
                    item.Fail(field, "Not a phone number: give the digits, with + and the country code for a number abroad");
                    continue;
                }
                if (field == "registration" && VehicleRegistration.Key(value) is null)
                {
                    item.Fail(field, "No registration can be read: give the letters and digits seen, ? for each not seen");
                    continue;
                }
                found.Add((value, detail, relation, type));
            }
        }
        return found;
    }

    private async Task<IReadOnlyList<AuditEntry>?> ThingAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        (NodeKind Kind, Guid Id, string Reference)? made = null;
        switch (line.Type)
        {
            case "vehicle":
                {
                    var registration = f.Text("registration", VehicleRegistration.MaxLength, required: true, what: "the registration as written");
                    var described = string.Join(" ", new[] { f.Text("colour", 40), f.Text("make", 60), f.Text("model", 60), f.Text("description", Vehicle.DetailMaxLength) }.OfType<string>());
                    var keeper = f.Text("keeper", Person.NameMaxLength);
                    if (registration is not null && VehicleRegistration.Key(registration) is null)
                    {
                        f.Fail("registration", "No registration can be read: give the letters and digits seen, ? for each not seen");
                    }
                    if (f.Errors.Count > 0)
                    {
                        return null;
                    }
                    var v = (await batch.Network.VehicleAsync(registration!, described.Length == 0 ? null : described, ct))!;
                    v.SetKeeper(keeper);
                    made = (NodeKind.Vehicle, v.Id, v.Reference);
                    break;
                }
            case "phone":
                {
                    var number = f.Text("number", PhoneNumber.MaxLength, required: true, what: "the number as written");
                    var description = f.Text("description", Vehicle.DetailMaxLength);
                    if (number is not null && PhoneNumber.Key(number) is null)
                    {
                        f.Fail("number", "Not a phone number: give the digits, with + and the country code for a number abroad");
                    }
                    if (f.Errors.Count > 0)
                    {
                        return null;
                    }
                    var p = (await batch.Network.PhoneAsync(number!, description, ct))!;
                    made = (NodeKind.Phone, p.Id, p.Reference);
                    break;
                }
            default:
                {
                    var name = f.Text("name", MentionRules.ValueMaxLength, required: true, what: "the place's name as the agency uses it");
                    var type = f.Choice("placeType", ExtractFormat.PlaceTypes) ?? PlaceType.NotKnown;
                    var address = f.Text("address", Place.AddressMaxLength);
                    var description = f.Text("description", Vehicle.DetailMaxLength);
                    if (name is not null && NameKey.Place(name) is null)
                    {
                        f.Fail("name", "Give a name with letters or digits");
                    }
                    if (f.Errors.Count > 0)
                    {
                        return null;
                    }
                    var p = (await batch.Network.PlaceAsync(name!, address ?? description, type, ct))!;
                    if (address is not null)
                    {
                        p.SetAddress(address);
                        p.Describe(description);
                    }
                    made = (NodeKind.Place, p.Id, p.Reference);
                    break;
                }
        }
        var (kind, id, reference) = made.Value;
        Keep(line, id, batch);
        return Corrected(line, NetworkRecords.KindName(kind), reference);
    }

    private async Task<IReadOnlyList<AuditEntry>?> EventAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        var type = f.Choice("eventType", ExtractFormat.EventTypes, required: true);
        var occurred = f.Instant("occurredAt", line.At, required: true);
        var summary = f.Text("summary", ChronologyEntry.SummaryMaxLength, required: true, shape: TextShape.MultiLine, what: "what happened");
        var significance = f.Choice("significance", ExtractFormat.Significances) ?? Significance.Routine;
        var author = f.Text("recordedBy", 200) ?? line.Agency.Name;
        var confidence = f.Choice("confidence", ExtractFormat.Confidences) ?? LinkConfidence.Unconfirmed;
        var grade = f.Text("grade", Link.GradeMaxLength);
        var children = new List<(ChildId Child, string? Role)>();
        var childItems = f.Objects("children", MaxListItems);
        if (childItems.Count == 0 && !f.Errors.Any(e => e.Field.StartsWith("children", StringComparison.Ordinal)))
        {
            f.Fail("children", "Give at least one child the event is about: an event lands in a child's chronology");
        }
        foreach (var c in childItems)
        {
            var id = c.Text("child", SourceRecord.SourceIdMaxLength, required: true, what: "the child's id");
            var role = c.Text("role", 20);
            if (role is not null && !ExtractFormat.ChildRoles.Contains(role))
            {
                c.Fail("role", $"Role must be one of: {string.Join(", ", ExtractFormat.ChildRoles)}");
            }
            if (await ChildOfAsync(c, "child", id, line, batch, ct) is { } found)
            {
                children.Add((found, role));
            }
        }
        var refs = new List<(NodeRef Node, LinkType Type, string? Role)>();
        foreach (var (list, kind, nodeKind) in new[] { ("persons", "person", NodeKind.Person), ("vehicles", "vehicle", NodeKind.Vehicle), ("phones", "phone", NodeKind.Phone), ("places", "place", NodeKind.Place) })
        {
            foreach (var item in f.Objects(list, MaxListItems))
            {
                var id = item.Text(kind, SourceRecord.SourceIdMaxLength, required: true, what: $"the {kind}'s id");
                var relation = item.Choice("relation", ExtractFormat.Relations) ?? LinkType.NamedInRecord;
                var role = item.Text("role", 40);
                if (id is null)
                {
                    continue;
                }
                if (await batch.TargetAsync(line.Agency.Id, kind, id, ct) is { } target)
                {
                    refs.Add((new NodeRef(nodeKind, target), relation, role));
                }
                else
                {
                    item.Fail(kind, $"No {kind} with id {id} from {line.Agency.Code} has been imported: give it on an earlier line");
                }
            }
        }
        var named = Mentions(f);
        var text = Summary(summary, f, line.At);
        if (f.Errors.Count > 0)
        {
            return null;
        }
        await WithdrawLinksAsync(line, ct);
        var previous = ParseEntries(line.Existing?.Entries);
        var entries = new List<string>();
        foreach (var (child, role) in children.DistinctBy(c => c.Child))
        {
            var entry = new NewEntry(occurred!.Value, type!.Value, role is null ? text : $"{text}\nThe child's part: {role}.", significance, line.Agency.Id, author,
                SourceRecord: Key(line), Mentions: MentionRules.Clean(named),
                CorrectionReason: line.Existing is null ? null : "Corrected by a later extract from the same agency");
            ChronologyEntry row;
            if (previous.TryGetValue(child.Value, out var old) && await LatestAsync(old, ct) is { } latest && latest.Correct(entry, line.At) is { Succeeded: true } corrected)
            {
                row = corrected.Value;
            }
            else
            {
                row = ChronologyEntry.Record(child, entry with { CorrectionReason = null }, line.At);
            }
            db.ChronologyEntries.Add(row);
            Flag(line, batch, occurred.Value, row.Id, ("summary", summary));
            entries.Add($"{child.Value}:{row.Id}");
            var source = new LinkSource(Imported, Key(line), line.Agency.Id, occurred.Value);
            foreach (var (node, linkType, linkRole) in refs)
            {
                batch.Network.Add(Link.Make(new NodeRef(NodeKind.Child, child.Value), node, linkType, confidence, source, author, line.At, grade,
                    note: linkRole is null ? null : Link.RoleNote(linkRole)));
            }
        }
        Keep(line, Guid.Parse(entries[0].Split(':')[1], CultureInfo.InvariantCulture), batch, string.Join(' ', entries));
        return Corrected(line, "Event", Key(line));
    }

    /// <summary>
    /// A referral from the agency's history, about a child of the extract: received and (if the history says so)
    /// decided at its own times, the decision kept as made. Its clock is the one its receipt started, so a decision
    /// taken after it is shown as late, and an undecided one is owed now. The receipt and the decision join the
    /// child's chronology at their own times. A changed referral line is kept as a correction of the source record.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>?> ReferralAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        var childId = f.Text("child", SourceRecord.SourceIdMaxLength, required: true, what: "the id of the child the referral is about");
        var received = f.Instant("receivedAt", line.At, required: true);
        var what = f.Text("whatHappened", 10_000, required: true, shape: TextShape.MultiLine, what: "what happened");
        var why = f.Text("whyWorried", 10_000, shape: TextShape.MultiLine);
        var referrer = f.Object("referrer");
        var referrerName = referrer?.Text("name", Referral.NameMaxLength) ?? line.Agency.Name;
        var referrerRole = referrer?.Text("role", 200);
        var concerns = f.Strings("concerns", 20, 40);
        foreach (var (concern, i) in concerns.Select((c, i) => (c, i)))
        {
            if (!ExtractFormat.ConcernCategories.Contains(concern))
            {
                f.Fail($"concerns[{i}]", $"Each concern must be one of: {string.Join(", ", ExtractFormat.ConcernCategories)}");
            }
        }
        ReferralOutcome? outcome = null;
        DateTimeOffset? decidedAt = null;
        string? rationale = null;
        string? decidedBy = null;
        if (f.Object("decision") is { } decision)
        {
            outcome = decision.Choice("outcome", ExtractFormat.Outcomes, required: true);
            decidedAt = decision.Instant("decidedAt", line.At, required: true);
            rationale = decision.Text("rationale", Referral.RationaleMaxLength, shape: TextShape.MultiLine);
            decidedBy = decision.Text("decidedBy", Referral.NameMaxLength);
            if (decidedAt is { } at && received is { } r && at < r)
            {
                decision.Fail("decidedAt", "The decision cannot come before the referral was received");
            }
        }
        var named = Mentions(f);
        var child = await ChildOfAsync(f, "child", childId, line, batch, ct);
        if (f.Errors.Count > 0)
        {
            return null;
        }
        if (line.Existing is { } existing)
        {
            // The referral and its decision stand as first recorded; the changed line is kept with the source record.
            Keep(line, existing.TargetId, batch);
            return Corrected(line, "Referral", existing.TargetId.ToString());
        }
        // The child may have been opened by an earlier line of this batch, not saved yet: found among the batch's changes first.
        var record = await db.Children.FindAsync([child!.Value], ct)
            ?? throw new InvalidOperationException("A child the batch resolved is not found");
        var sexual = concerns.Any(c => c is "sexualExploitation" or "sexualAbuse");
        var details = new ReferralDetails
        {
            ReferrerName = referrerName,
            ReferrerRole = referrerRole,
            ChildGivenName = record.GivenName,
            ChildFamilyName = record.FamilyName,
            ChildKnownAs = record.KnownAs,
            ChildDateOfBirth = record.DateOfBirth,
            ChildApproximateAge = record.DateOfBirth is null ? record.EstimatedAge : null,
            ChildNhsNumber = record.NhsNumber,
            WhatHappened = what!,
            WhyWorried = why ?? "",
            ConcernsSexualHarmOrExploitation = sexual,
            FamilyAwareness = FamilyAwareness.DoesNotKnow,
            LawfulBasis = LawfulBasis.SafeguardingChildren,
            Mentions = MentionRules.Clean(named),
        };
        var referral = Referral.FromHistory(RecordReference.New("REF"), details, line.Agency.Id, received!.Value, calendar.DecisionDue(received.Value),
            outcome, rationale, decidedAt, decidedBy);
        referral.JoinChild(child!.Value);
        db.Referrals.Add(referral);
        var concernWords = concerns.Count == 0 ? "" : $" Concerns: {string.Join(", ", concerns)}.";
        var receipt = ChronologyEntry.Record(child.Value, new NewEntry(referral.ReceivedAt, EntryType.Referral,
            Cut($"Referral {referral.Reference} ({Key(line)}): {what}{(why is null ? "" : $" Why they are worried: {why}")}{concernWords}"),
            sexual ? Significance.Significant : Significance.Routine, line.Agency.Id, referrerName, SourceRecord: Key(line), Mentions: details.Mentions), line.At);
        db.ChronologyEntries.Add(receipt);
        Flag(line, batch, referral.ReceivedAt, receipt.Id, ("whatHappened", what), ("whyWorried", why));
        if (referral.DecidedAt is { } decided)
        {
            var late = decided > referral.DecisionDueBy
                ? $" Decided {calendar.WorkingDaysBetween(calendar.LocalDate(referral.DecisionDueBy), calendar.LocalDate(decided))} working days after it was due ({calendar.UkTime(referral.DecisionDueBy)})."
                : "";
            var decisionEntry = ChronologyEntry.Record(child.Value, new NewEntry(decided, EntryType.ReferralDecision,
                Cut($"Referral {referral.Reference}: {referral.Outcome!.Value.DisplayName()}.{(rationale is null ? "" : $" {rationale}")}{late}"),
                Significance.Routine, line.Agency.Id, decidedBy ?? line.Agency.Name, SourceRecord: Key(line)), line.At);
            db.ChronologyEntries.Add(decisionEntry);
            Flag(line, batch, decided, decisionEntry.Id, ("decision.rationale", rationale));
        }
        Keep(line, referral.Id.Value, batch);
        List<AuditEntry> audits = [AuditEntry.Allowed(AuditCode.ReferralReceived, "Referral", referral.Reference,
            $"from an extract ({Key(line)}); received {referral.ReceivedAt:O}, due {referral.DecisionDueBy:O}"
            + (referral.DecidedAt is { } d ? $", decided {d:O}" : ", no decision recorded"))];
        // Closed with no further action on sexual harm: the review it calls for runs from the decision's own time, as a crime's does.
        if (referral.DecidedAt is { } closed && Investigations.NoChargeReviews.ReferralCallsForReview(referral, record.AgeOn(calendar.LocalDate(referral.ReceivedAt))))
        {
            var review = reviews.OpenForReferral(referral, closed);
            if (review.DueBy <= line.At)
            {
                review.MarkNotDone($"No review of this decision is recorded in {line.Agency.Name}'s extract");
            }
            else
            {
                await reviews.TellOpenedAsync(review, ct);
            }
            audits.Add(Investigations.NoChargeReviews.Opened(review));
        }
        return audits;
    }

    /// <summary>
    /// A missing episode from the agency's history, at its own times. Its return home interview's clock runs from its
    /// own return: an outcome the history gives is kept; where it gives none and the interview fell due before the
    /// import, the interview is recorded as not done ("none is recorded in the extract"), a missed chance shown on the
    /// child's record rather than escalated years later. A return within the last interval is due as any other.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>?> MissingAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        var childId = f.Text("child", SourceRecord.SourceIdMaxLength, required: true, what: "the id of the child who was missing");
        var kind = f.Choice("kind", ExtractFormat.MissingKinds) ?? MissingKind.Missing;
        var from = f.Instant("missingFrom", line.At, required: true);
        var reported = f.Instant("reportedAt", line.At) ?? from;
        var reportedBy = f.Text("reportedBy", Referral.NameMaxLength) ?? line.Agency.Name;
        var risk = f.Choice("riskGrading", ExtractFormat.RiskGradings);
        var returned = f.Instant("returnedAt", line.At);
        var foundWhere = f.Text("foundWhere", 500);
        var foundWith = f.Text("foundWith", 500);
        var named = Mentions(f);
        InterviewStep? step = null;
        if (f.Object("interview") is { } interview)
        {
            step = new InterviewStep(interview.Choice("outcome", ExtractFormat.InterviewOutcomes, required: true), interview.Text("reason", 4000, shape: TextShape.MultiLine),
                interview.Text("pushFactors", 4000, shape: TextShape.MultiLine), interview.Text("pullFactors", 4000, shape: TextShape.MultiLine),
                interview.Text("findings", 10_000, shape: TextShape.MultiLine));
            if (returned is null)
            {
                interview.Fail("outcome", "An interview follows a return: give returnedAt");
            }
            else if (ReturnInterviewRules.Check(InterviewStage.Due, step.Answer, step.Reason, step.PushFactors, step.PullFactors, step.Findings) is { } problem)
            {
                foreach (var e in problem.Errors)
                {
                    interview.Fail(e.Field switch { "Answer" => "outcome", "Reason" => "reason", "Findings" => "findings", _ => e.Field.ToLowerInvariant() }, e.Message);
                }
            }
        }
        if (returned is { } r && from is { } gone && r < gone)
        {
            f.Fail("returnedAt", "The return must be after the child went missing");
        }
        var child = await ChildOfAsync(f, "child", childId, line, batch, ct);
        if (f.Errors.Count > 0)
        {
            return null;
        }
        if (line.Existing is { } existing)
        {
            Keep(line, existing.TargetId, batch);
            return Corrected(line, "MissingEpisode", existing.TargetId.ToString());
        }
        var by = new Recorder(line.Agency.Id, line.Agency.Name);
        var episode = MissingEpisode.Record(RecordReference.New(MissingEpisodes.MissingEpisodeRecords.ReferencePrefix), child!.Value, kind, from!.Value, reported!.Value,
            reportedBy, risk, by, line.At);
        if (returned is { } back)
        {
            var due = ReturnInterviewRules.DueBy(back, childRecords.Value);
            _ = episode.RecordReturn(new MissingReturn(back, foundWhere ?? "Not recorded", foundWith, null), due, line.At);
            step ??= due <= line.At ? new InterviewStep(InterviewAnswer.NotDone, $"No return home interview is recorded in {line.Agency.Name}'s extract", null, null, null) : null;
            if (step is not null && episode.RecordInterview(step, line.At) is { } refused)
            {
                throw new InvalidOperationException("A checked interview was refused: " + refused.Message);
            }
        }
        var entry = ChronologyEntry.Record(child.Value, new NewEntry(episode.MissingFrom, EntryType.MissingEpisode,
            MissingEpisodes.MissingEpisodeRecords.EpisodeSummary(episode, calendar), MissingEpisode.SignificanceOf(risk), line.Agency.Id, reportedBy,
            SourceRecord: Key(line), Mentions: MentionRules.Clean(named)), line.At);
        db.ChronologyEntries.Add(entry);
        if (step is not null && returned is { } interviewed)
        {
            Flag(line, batch, interviewed, entry.Id, ("interview.reason", step.Reason), ("interview.pushFactors", step.PushFactors),
                ("interview.pullFactors", step.PullFactors), ("interview.findings", step.Findings));
        }
        episode.KeepChronologyEntry(entry.Id);
        db.MissingEpisodes.Add(episode);
        Keep(line, episode.Id, batch);
        return [AuditEntry.Allowed(AuditCode.MissingEpisodeRecorded, "MissingEpisode", episode.Reference,
            $"from an extract ({Key(line)}); interview {episode.InterviewStatus}")];
    }

    /// <summary>
    /// A crime from the agency's history, with its decisions in order and the reviews of them, on their own days. A
    /// decision not to prosecute that calls for a review opens it due from the decision's own day: a review the line
    /// gives is recorded as done by whom and when it says; where it gives none and the review fell due before the
    /// import, the review is recorded as not done ("none is recorded in the extract"), a missed review shown on the
    /// child's record rather than escalated years later. A decision within the last interval is due as any other.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>?> CrimeAsync(Line line, Batch batch, CancellationToken ct)
    {
        var f = line.Fields;
        var today = DateOnly.FromDateTime(line.At.UtcDateTime);
        var crimeReference = f.Text("crimeReference", Crime.ReferenceMaxLength, required: true, what: "the police crime reference");
        var offence = f.Text("offence", Crime.OffenceMaxLength, required: true, what: "the offence");
        var category = f.Choice("category", ExtractFormat.OffenceCategories, required: true);
        var from = f.Date("offenceFrom", today);
        if (from is null && !f.Has("offenceFrom"))
        {
            f.Fail("offenceFrom", "Give the day the offence is alleged to have happened, or begun");
        }
        var to = f.Date("offenceTo", today);
        var reportedOn = f.Date("reportedOn", today) ?? from;
        var officer = f.Text("investigatingOfficer", Crime.NameMaxLength);
        if (to is { } last && from is { } first && last < first)
        {
            f.Fail("offenceTo", "The last day of the offence must be on or after the first");
        }
        if (reportedOn is { } r && from is { } began && r < began)
        {
            f.Fail("reportedOn", "The report must be on or after the day the offence began");
        }
        var victimIds = f.Strings("victims", Crime.MaxVictims, SourceRecord.SourceIdMaxLength);
        if (victimIds.Count == 0 && !f.Errors.Any(e => e.Field.StartsWith("victims", StringComparison.Ordinal)))
        {
            f.Fail("victims", "Give the ids of the children who are victims, on earlier lines");
        }
        var victims = new List<ChildId>();
        for (var i = 0; i < victimIds.Count; i++)
        {
            if (await ChildOfAsync(f, $"victims[{i}]", victimIds[i], line, batch, ct) is { } v)
            {
                victims.Add(v);
            }
        }
        var suspects = new List<SuspectDetails>();
        foreach (var (suspect, i) in f.Objects("suspects", Crime.MaxSuspects).Select((o, i) => (o, i)))
        {
            var personId = suspect.Text("person", SourceRecord.SourceIdMaxLength);
            var name = suspect.Text("name", Crime.NameMaxLength);
            if (personId is not null)
            {
                if (await batch.TargetAsync(line.Agency.Id, "person", personId, ct) is { } person)
                {
                    suspects.Add(new SuspectDetails(person, name ?? await db.Persons.Where(p => p.Id == person).Select(p => p.DisplayName).FirstOrDefaultAsync(ct) ?? personId));
                }
                else
                {
                    suspect.Fail("person", $"No person with id {personId} from {line.Agency.Code} has been imported: give the person on an earlier line");
                }
            }
            else if (name is not null)
            {
                suspects.Add(new SuspectDetails(null, name));
            }
            else
            {
                f.Fail($"suspects[{i}]", "Give the person's id, or the suspect's name");
            }
        }
        var outcomes = new List<(OutcomeDetails Details, ExtractFields Review)?>();
        foreach (var o in f.Objects("outcomes", 50))
        {
            var type = o.Choice("type", ExtractFormat.CrimeOutcomes, required: true);
            var decidedOn = o.Date("decidedOn", today);
            var reason = o.Text("reason", Crime.ReasonMaxLength, shape: TextShape.MultiLine);
            var decidedBy = o.Text("decidedBy", Crime.NameMaxLength) ?? line.Agency.Name;
            var errors = new FieldErrors();
            InvestigationRules.CheckOutcome(errors, "", type, decidedOn, reason, decidedBy, reportedOn, today);
            foreach (var e in errors.ToFailure("outcome")?.Errors ?? [])
            {
                if (!o.Errors.Any(x => x.Field.EndsWith(e.Field, StringComparison.Ordinal)))
                {
                    o.Fail(e.Field, e.Message);
                }
            }
            var review = o.Object("review");
            if (review is not null)
            {
                _ = review.Choice("decision", ExtractFormat.ReviewDecisions, required: true);
                _ = review.Date("doneOn", today);
                _ = review.Text("findings", NoChargeReview.FindingsMaxLength, required: true, shape: TextShape.MultiLine, what: "what the review found");
                _ = review.Text("doneBy", Crime.NameMaxLength, required: true, what: "who reviewed");
                if (!review.Has("doneOn"))
                {
                    review.Fail("doneOn", "Give the day the review was done");
                }
            }
            outcomes.Add(type is { } t && decidedOn is { } d ? (new OutcomeDetails(t, d, reason, decidedBy), review!) : null);
        }
        if (f.Errors.Count > 0)
        {
            return null;
        }
        if (line.Existing is { } existing)
        {
            // The crime and its decisions stand as first loaded; the changed line is kept with the source record.
            Keep(line, existing.TargetId, batch);
            return Corrected(line, "Crime", existing.TargetId.ToString());
        }
        var by = new Recorder(line.Agency.Id, line.Agency.Name);
        var children = new List<VictimDetails>();
        foreach (var victim in victims.Distinct())
        {
            var child = await db.Children.FindAsync([victim], ct) ?? throw new InvalidOperationException("A child the batch resolved is not found");
            children.Add(new VictimDetails(victim, child.AgeOn(from!.Value)));
        }
        var crime = Crime.Record(RecordReference.New(Investigations.CrimeRecords.ReferencePrefix),
            new CrimeDetails(crimeReference!, offence!, category!.Value, from!.Value, to, reportedOn!.Value, officer), children, suspects, by, line.At);
        db.Crimes.Add(crime);
        List<AuditEntry> audits = [AuditEntry.Allowed(AuditCode.CrimeRecorded, Investigations.CrimeRecords.RecordType, crime.Reference,
            $"from an extract ({Key(line)}); {crime.Category}; {crime.Victims.Count} victims")];
        foreach (var (details, reviewLine) in outcomes.Select(o => o!.Value).OrderBy(o => o.Details.DecidedOn))
        {
            var outcome = crime.AddOutcome(details, by, line.At).Value;
            audits.Add(AuditEntry.Allowed(AuditCode.CrimeOutcomeRecorded, Investigations.CrimeRecords.RecordType, crime.Reference,
                $"from an extract; {outcome.Type} decided {outcome.DecidedOn:yyyy-MM-dd}"));
            // The review runs from the decision's own day, in UK time.
            var decided = calendar.AtLocalTime(outcome.DecidedOn, TimeSpan.Zero);
            if (reviews.OpenForOutcome(crime, outcome, decided, line.Agency.Kind) is not { } opened)
            {
                continue;
            }
            audits.Add(opened.Audit);
            var review = opened.Review;
            if (reviewLine is not null)
            {
                var doneOn = calendar.AtLocalTime(reviewLine.Date("doneOn", today)!.Value, TimeSpan.FromHours(12));
                if (review.RecordFromHistory(reviewLine.Choice("decision", ExtractFormat.ReviewDecisions), reviewLine.Text("findings", NoChargeReview.FindingsMaxLength, shape: TextShape.MultiLine),
                    reviewLine.Text("doneBy", Crime.NameMaxLength)!, doneOn) is { } refused)
                {
                    throw new InvalidOperationException("A checked review was refused: " + refused.Message);
                }
                if (review.Decision == ReviewDecision.ReopenInvestigation)
                {
                    crime.Reopen(doneOn);
                }
            }
            else if (review.DueBy <= line.At)
            {
                review.MarkNotDone($"No review of this decision is recorded in {line.Agency.Name}'s extract");
            }
            else
            {
                await reviews.TellOpenedAsync(review, ct);
            }
        }
        foreach (var victim in crime.Victims)
        {
            db.ChronologyEntries.Add(ChronologyEntry.Record(victim.ChildId, new NewEntry(calendar.AtLocalTime(crime.ReportedOn, TimeSpan.FromHours(12)), EntryType.Crime,
                Cut(Investigations.CrimeRecords.Summary(crime)), Significance.Significant, line.Agency.Id, officer ?? line.Agency.Name, SourceRecord: Key(line)), line.At));
        }
        Keep(line, crime.Id, batch);
        return audits;
    }

    /// <summary>
    /// The language guard on free text as the agency wrote it: each phrase found is recorded (its entry in the phrase list,
    /// never the words) against the chronology entry the text landed in, at the record's own time and in the agency that
    /// wrote it, flagged for review. The words themselves are kept as written.
    /// </summary>
    private void Flag(Line line, Batch batch, DateTimeOffset writtenAt, Guid entry, params ReadOnlySpan<(string Field, string? Text)> fields)
    {
        var review = Guid.CreateVersion7();
        foreach (var (field, text) in fields)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            foreach (var finding in _guard.Check(text).DistinctBy(f => f.EntryId))
            {
                db.LanguageFindings.Add(LanguageFindingRecord.InImportedRecord(review, writtenAt, line.At, line.Agency.Id, $"import-{line.Type}", field,
                    finding.EntryId, finding.Severity, nameof(ChronologyEntry), entry.ToString()));
                batch.WordingFlagged++;
            }
        }
    }

    /// <summary>The child a line refers to by the agency's id (followed to the record that stands), or a problem on <paramref name="field"/>.</summary>
    private static async Task<ChildId?> ChildOfAsync(ExtractFields f, string field, string? id, Line line, Batch batch, CancellationToken ct)
    {
        if (id is null)
        {
            return null;
        }
        if (await batch.TargetAsync(line.Agency.Id, "child", id, ct) is { } target)
        {
            return await batch.CurrentChildAsync(new ChildId(target), ct);
        }
        f.Fail(field, $"No child with id {id} from {line.Agency.Code} has been imported: give the child on an earlier line");
        return null;
    }

    /// <summary>What a line names but does not refer to by id: people, vehicles, phones and places as written.</summary>
    private static List<(MentionKind? Kind, string? Value, string? Detail)> Mentions(ExtractFields f) =>
        [.. f.Objects("mentions", MaxListItems).Select(m => (m.Choice("kind", MentionKinds, required: true),
            m.Text("value", MentionRules.ValueMaxLength, required: true, what: "the name, registration or number"), m.Text("detail", MentionRules.DetailMaxLength)))];

    private static readonly Dictionary<string, MentionKind> MentionKinds = new(StringComparer.Ordinal)
    {
        ["person"] = MentionKind.Person,
        ["vehicle"] = MentionKind.Vehicle,
        ["phone"] = MentionKind.Phone,
        ["place"] = MentionKind.Place,
    };

    private static string Cut(string text) => text.Length <= ChronologyEntry.SummaryMaxLength ? text : text[..ChronologyEntry.SummaryMaxLength];

    /// <summary>What happened, with what a crime record adds (offence, outcome, a prosecutor's decision, with dates) written after it.</summary>
    private static string Summary(string? summary, ExtractFields f, DateTimeOffset latest)
    {
        var lines = new List<string> { summary ?? "" };
        if (f.Object("crime") is { } crime)
        {
            var offence = crime.Text("offence", 200);
            var category = crime.Text("category", 100);
            var outcome = crime.Text("outcome", 200);
            var outcomeAt = crime.Date("outcomeOn", DateOnly.FromDateTime(latest.UtcDateTime));
            var decision = crime.Text("prosecutorDecision", 200);
            var decisionAt = crime.Date("prosecutorDecisionOn", DateOnly.FromDateTime(latest.UtcDateTime));
            if (offence is not null)
            {
                lines.Add($"Offence: {offence}{(category is null ? "" : $" ({category})")}.");
            }
            if (outcome is not null)
            {
                lines.Add($"Police outcome: {outcome}{(outcomeAt is { } o ? $", {o:yyyy-MM-dd}" : "")}.");
            }
            if (decision is not null)
            {
                lines.Add($"Prosecutor's decision: {decision}{(decisionAt is { } d ? $", {d:yyyy-MM-dd}" : "")}.");
            }
        }
        return Cut(string.Join('\n', lines));
    }

    private static Dictionary<Guid, Guid> ParseEntries(string? entries) =>
        (entries ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(':'))
            .ToDictionary(p => Guid.Parse(p[0], CultureInfo.InvariantCulture), p => Guid.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>The latest version of an entry (at the end of its corrections), tracked for correcting.</summary>
    private async Task<ChronologyEntry?> LatestAsync(Guid entry, CancellationToken ct)
    {
        var id = entry;
        for (var i = 0; i < 1000; i++)
        {
            var row = await db.ChronologyEntries.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (row?.SupersededById is not { } next)
            {
                return row;
            }
            id = next;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of an extract from line {Line} could not be saved whole ({Error}); its lines are saved one at a time")]
    private static partial void LogBatchRetried(ILogger logger, int line, string error);

    /// <summary>One line being imported.</summary>
    private sealed record Line(int Number, string Type, string Id, Agency Agency, string Text, string Hash, SourceRecord? Existing, ExtractFields Fields, DateTimeOffset At);

    /// <summary>What one batch has made so far, found again by later lines of the same batch before it is saved.</summary>
    private sealed class Batch(LanternDbContext db, NetworkResolver network)
    {
        private readonly Dictionary<(AgencyId, string, string), SourceRecord> _made = [];
        private readonly Dictionary<(AgencyId, string, string), SourceRecord> _known = [];
        private readonly HashSet<string> _looked = new(StringComparer.Ordinal);
        private readonly Dictionary<ChildId, ChildId> _current = [];

        /// <summary>Phrases of the language guard found in the batch's free text.</summary>
        public int WordingFlagged { get; set; }

        /// <summary>Names that may be ids: a line's own id and the ids it refers to.</summary>
        private static readonly string[] IdFields = ["id", "child", "person", "vehicle", "phone", "place"];

        /// <summary>
        /// Reads in one query the source records a batch's lines name (their own ids and the ids they refer to),
        /// so that a line seen before is found without a query of its own.
        /// </summary>
        public async Task PrefetchAsync(IEnumerable<JsonDocument> lines, CancellationToken ct)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                Collect(line.RootElement, ids, 0);
            }
            foreach (var chunk in ids.Chunk(500))
            {
                foreach (var r in await db.SourceRecords.Where(r => chunk.Contains(r.SourceId)).ToListAsync(ct))
                {
                    _known[(r.AgencyId, r.Kind, r.SourceId)] = r;
                }
            }
            _looked.UnionWith(ids);
            // The children the lines refer to: those whose records stand need no query of their own.
            var children = _known.Values.Where(r => r.Kind == "child").Select(r => new ChildId(r.TargetId)).Distinct().ToList();
            foreach (var chunk in children.Chunk(500))
            {
                foreach (var standing in await db.Children.AsNoTracking().Where(c => chunk.Contains(c.Id) && c.MergedIntoId == null).Select(c => c.Id).ToListAsync(ct))
                {
                    _current[standing] = standing;
                }
            }
        }

        private static void Collect(JsonElement e, HashSet<string> ids, int depth)
        {
            if (depth > 4)
            {
                return;
            }
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String && IdFields.Contains(p.Name) && p.Value.GetString() is { Length: > 0 and <= SourceRecord.SourceIdMaxLength } id)
                    {
                        ids.Add(id.Trim());
                    }
                    else if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Collect(p.Value, ids, depth + 1);
                    }
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, ids, depth + 1);
                }
            }
        }

        /// <summary>The child's record that stands: a record merged into another is followed to it (once a batch).</summary>
        public async Task<ChildId> CurrentChildAsync(ChildId child, CancellationToken ct)
        {
            if (!_current.TryGetValue(child, out var current))
            {
                current = await Children.ChildAccess.CurrentIdAsync(db, child, ct);
                _current[child] = current;
            }
            return current;
        }

        /// <summary>A child this batch opened or joined, standing: later lines that refer to it need no query.</summary>
        public void Standing(Child child)
        {
            if (child.MergedIntoId is null)
            {
                _current[child.Id] = child.Id;
            }
        }

        public NetworkResolver Network => network;

        public List<Person> Persons { get; } = [];

        public void Remember(SourceRecord record) => _made[(record.AgencyId, record.Kind, record.SourceId)] = record;

        public async Task<SourceRecord?> SourceAsync(AgencyId agency, string kind, string id, CancellationToken ct) =>
            _made.TryGetValue((agency, kind, id), out var made) ? made
                : _known.TryGetValue((agency, kind, id), out var known) ? known
                : _looked.Contains(id) ? null
                : await db.SourceRecords.FirstOrDefaultAsync(r => r.AgencyId == agency && r.Kind == kind && r.SourceId == id, ct);

        public async Task<Guid?> TargetAsync(AgencyId agency, string kind, string id, CancellationToken ct) =>
            (await SourceAsync(agency, kind, id, ct))?.TargetId;
    }

    /// <summary>The counts and problems of one import; a batch's are kept apart until it is saved, so a batch done again counts once.</summary>
    private sealed class Run(Importer importer)
    {
        private readonly List<ImportError> _errors = [];
        private readonly List<ImportError> _batchErrors = [];
        private readonly Dictionary<string, int> _byType = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _batchByType = new(StringComparer.Ordinal);
        private readonly HashSet<int> _batchSkipped = [];

        public Importer Importer => importer;

        public string? DefaultAgency { get; set; }

        public int Taken { get; private set; }

        public int Corrected { get; private set; }

        public int Unchanged { get; private set; }

        public int SkippedLines { get; set; }

        public int BatchTaken { get; private set; }

        public int BatchCorrected { get; private set; }

        public int BatchUnchanged { get; set; }

        public int WordingFlagged { get; private set; }

        public int BatchWordingFlagged { get; set; }

        public int BatchSkipped => _batchSkipped.Count;

        public IReadOnlyList<ImportError> Errors => _errors;

        public int ErrorsNotListed { get; private set; }

        public IReadOnlyDictionary<string, int> ByType => _byType;

        public void BeginBatch()
        {
            BatchTaken = 0;
            BatchCorrected = 0;
            BatchUnchanged = 0;
            BatchWordingFlagged = 0;
            _batchSkipped.Clear();
            _batchErrors.Clear();
            _batchByType.Clear();
        }

        public void CommitBatch()
        {
            Taken += BatchTaken;
            Corrected += BatchCorrected;
            Unchanged += BatchUnchanged;
            WordingFlagged += BatchWordingFlagged;
            SkippedLines += BatchSkipped;
            foreach (var (type, count) in _batchByType)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + count;
            }
            foreach (var e in _batchErrors)
            {
                Error(e.Line, e.Field, e.Message);
            }
            BeginBatch();
        }

        /// <summary>A line that could not be saved even alone: skipped, with the reason.</summary>
        public void Failed(int line, string message)
        {
            BeginBatch();
            SkippedLines++;
            Error(line, "", message);
        }

        public void Take(string type, bool corrected)
        {
            BatchTaken++;
            if (corrected)
            {
                BatchCorrected++;
            }
            _batchByType[type] = _batchByType.GetValueOrDefault(type) + 1;
        }

        public void Skip(int line, string field, string message)
        {
            _batchSkipped.Add(line);
            _batchErrors.Add(new ImportError(line, field, message));
        }

        public void Skip(int line, IReadOnlyList<FieldError> errors)
        {
            _batchSkipped.Add(line);
            foreach (var e in errors)
            {
                _batchErrors.Add(new ImportError(line, e.Field, e.Message));
            }
        }

        public void Error(int line, string field, string message)
        {
            if (_errors.Count < MaxErrorsListed)
            {
                _errors.Add(new ImportError(line, field, message));
            }
            else
            {
                ErrorsNotListed++;
            }
        }
    }
}
