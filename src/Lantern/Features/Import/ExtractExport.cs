using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Import;

/// <summary>
/// Writes back what was imported, in the extract format, with what Lantern made of each record: after each line as
/// it was last imported, a `resolution` line naming the child, person, vehicle, phone, place, referral or episode
/// it became (following merges), the other source records that became the same one (the joins to check), and for
/// a referral or missing episode its clock and whether the duty was met. An import reads `resolution` lines as
/// nothing, so an export loaded again changes nothing.
/// </summary>
public sealed class ExtractExport(LanternDbContext db, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes every agency's records (or only <paramref name="only"/>'s); returns how many source records were written.</summary>
    public async Task<int> ExportAsync(TextWriter writer, AgencyId? only, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.Code != null && (only == null || a.Id == only)).ToListAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code!);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { type = "header", format = ExtractFormat.Name, version = ExtractFormat.Version }, Json));
        foreach (var a in agencies)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { type = "agency", code = a.Code, name = a.Name, kind = ExtractFormat.AgencyKinds.First(k => k.Value == a.Kind).Key }, Json));
        }
        var written = 0;
        long after = 0;
        while (true)
        {
            var page = await db.SourceRecords.AsNoTracking().Where(r => r.Id > after && (only == null || r.AgencyId == only)).OrderBy(r => r.Id).Take(1000).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            var targets = page.Select(r => r.TargetId).Distinct().ToList();
            // Every source record that became the same record as one of these: the joins a reviewer checks.
            var sharing = (await db.SourceRecords.AsNoTracking().Where(r => targets.Contains(r.TargetId))
                    .Select(r => new { r.TargetId, r.AgencyId, r.Kind, r.SourceId }).ToListAsync(ct))
                .GroupBy(r => r.TargetId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var r in page)
            {
                if (!codes.TryGetValue(r.AgencyId, out var code))
                {
                    continue;
                }
                await writer.WriteLineAsync(WithAgency(r.Line, code));
                var target = await TargetAsync(r, ct);
                var joins = sharing.GetValueOrDefault(r.TargetId, [])
                    .Where(s => !(s.AgencyId == r.AgencyId && s.Kind == r.Kind && s.SourceId == r.SourceId))
                    .Select(s => $"{(codes.TryGetValue(s.AgencyId, out var c) ? c : s.AgencyId.ToString())}:{s.Kind}:{s.SourceId}").ToList();
                var resolution = new Dictionary<string, object?>
                {
                    ["type"] = "resolution",
                    ["agency"] = code,
                    ["record"] = r.Kind,
                    ["id"] = r.SourceId,
                    ["lanternId"] = target.Id,
                    ["reference"] = target.Reference,
                    ["sameAs"] = joins.Count == 0 ? null : joins,
                    ["corrections"] = r.Corrections == 0 ? null : r.Corrections,
                };
                foreach (var (key, value) in target.More)
                {
                    resolution[key] = value;
                }
                await writer.WriteLineAsync(JsonSerializer.Serialize(resolution.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), Json));
                written++;
            }
            after = page[^1].Id;
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ExtractExported, "Extract", only is null ? "all agencies" : only.ToString(), $"{written} source records"), ct);
        return written;
    }

    /// <summary>The line as imported, naming its agency first (it may have taken it from its file's header).</summary>
    private static string WithAgency(string line, string code)
    {
        var original = JsonNode.Parse(line)!.AsObject();
        if (original["agency"] is not null)
        {
            return line;
        }
        var named = new JsonObject { ["type"] = original["type"]?.DeepClone(), ["agency"] = code };
        foreach (var (key, value) in original)
        {
            if (key != "type")
            {
                named[key] = value?.DeepClone();
            }
        }
        return named.ToJsonString();
    }

    private sealed record Target(Guid Id, string? Reference, IReadOnlyList<(string Key, object? Value)> More);

    /// <summary>What the source record became, as it stands now.</summary>
    private async Task<Target> TargetAsync(SourceRecord r, CancellationToken ct)
    {
        switch (r.Kind)
        {
            case "child":
                var child = await Children.ChildAccess.CurrentIdAsync(db, new ChildId(r.TargetId), ct);
                return new Target(child.Value, null, child.Value == r.TargetId ? [] : [("mergedInto", child.Value)]);
            case "person":
                var person = await db.Persons.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Id == r.TargetId)
                    .Select(p => new { p.Reference, p.OfConcern, p.MergedIntoId }).FirstOrDefaultAsync(ct);
                return new Target(person?.MergedIntoId ?? r.TargetId, person?.Reference, [("personOfConcern", person?.OfConcern == true ? true : null)]);
            case "vehicle":
                return new Target(r.TargetId, await db.Vehicles.AsNoTracking().Where(v => v.Id == r.TargetId).Select(v => v.Reference).FirstOrDefaultAsync(ct), []);
            case "phone":
                return new Target(r.TargetId, await db.Phones.AsNoTracking().Where(v => v.Id == r.TargetId).Select(v => v.Reference).FirstOrDefaultAsync(ct), []);
            case "place":
                return new Target(r.TargetId, await db.Places.AsNoTracking().IgnoreAutoIncludes().Where(v => v.Id == r.TargetId).Select(v => v.Reference).FirstOrDefaultAsync(ct), []);
            case "referral":
                var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == new ReferralId(r.TargetId), ct);
                if (referral is null)
                {
                    return new Target(r.TargetId, null, []);
                }
                var met = referral.DecidedAt is { } decided ? decided <= referral.DecisionDueBy : (bool?)null;
                return new Target(r.TargetId, referral.Reference,
                [
                    ("child", referral.ChildId?.Value),
                    ("decisionDueBy", referral.DecisionDueBy),
                    ("decidedAt", referral.DecidedAt),
                    ("decisionMet", met),
                    ("decisionOwed", referral.DecidedAt is null ? true : null),
                    ("workingDaysLate", referral.DecidedAt is { } at && at > referral.DecisionDueBy
                        ? calendar.WorkingDaysBetween(calendar.LocalDate(referral.DecisionDueBy), calendar.LocalDate(at)) : null),
                ]);
            case "missing":
                var episode = await db.MissingEpisodes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == r.TargetId, ct);
                return episode is null ? new Target(r.TargetId, null, []) : new Target(r.TargetId, episode.Reference,
                [
                    ("child", episode.ChildId.Value),
                    ("interviewDueBy", episode.InterviewDueBy),
                    ("interviewStatus", episode.InterviewStatus.ToString()),
                    ("interviewMet", episode.InterviewStatus == ReturnInterviewStatus.Done ? true : episode.InterviewStatus is ReturnInterviewStatus.NotDone ? false : null),
                ]);
            case "crime":
                var crime = await db.Crimes.AsNoTracking().Where(c => c.Id == r.TargetId).Select(c => new { c.Reference, c.Status }).FirstOrDefaultAsync(ct);
                var now = time.GetUtcNow();
                var reviews = (await db.NoChargeReviews.AsNoTracking().Where(v => v.CrimeId == r.TargetId).OrderBy(v => v.DueBy).ToListAsync(ct))
                    .Select(v => new { reference = v.Reference, status = v.Status.ToString(), dueBy = v.DueBy, doneAt = v.DoneAt, late = v.IsLate(now) }).ToList();
                return new Target(r.TargetId, crime?.Reference, [("status", crime?.Status.ToString()), ("reviews", reviews.Count == 0 ? null : reviews)]);
            case "event":
                return new Target(r.TargetId, null, [("entries", (r.Entries ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(e => e.Split(':')).Select(p => new { child = p[0], entry = p[1] }).ToList())]);
            default:
                return new Target(r.TargetId, null, []);
        }
    }
}
