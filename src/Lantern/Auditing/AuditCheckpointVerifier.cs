using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Auditing;

/// <summary>
/// What checking the checkpoints found: how many were checked, the newest, how many events it does not
/// yet cover, and each problem in words an operator understands (none: every checkpoint holds).
/// </summary>
public sealed record AuditCheckpointVerification(int Checkpoints, long? NewestSequence, DateTimeOffset? NewestAt, long EventsAfterNewest, IReadOnlyList<string> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>
/// Checks every checkpoint in every store against the trail: signed by the checkpoint key; numbered 1, 2, 3...
/// per node in order, none missing; held by both stores; the event it names still there with the hash it
/// recorded (a truncation removes it, a rewrite with recomputed hashes changes it); and every checkpoint the
/// trail records (9003) in the stores, and recorded by the trail. What this cannot see: events written after
/// the newest checkpoint's own record, which can be removed or rewritten without trace (docs/adr/0018).
/// </summary>
public sealed class AuditCheckpointVerifier(LanternDbContext db, AuditCheckpointKeys keys, IOptions<AuditCheckpointOptions> options)
{
    private const string First = "the checkpoint file";
    private const string Second = "the second store";

    public async Task<AuditCheckpointVerification> VerifyAsync(CancellationToken ct)
    {
        var o = options.Value;
        var problems = new List<string>();
        using var trusted = ReadKeys(problems);

        var stores = new List<(string Name, string Directory)> { (First, o.Directory!) };
        if (o.SecondDirectory is { } second)
        {
            stores.Add((Second, second));
        }
        // Per store, per node: the checkpoints whose signatures hold, by number.
        var held = stores.ToDictionary(s => s.Name, _ => new Dictionary<string, SortedDictionary<long, AuditCheckpoint>>(StringComparer.Ordinal));
        var any = false;
        foreach (var (name, directory) in stores)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var file in AuditCheckpointStore.Files(directory))
            {
                any = true;
                ReadFile(name, file, trusted, held[name], problems);
            }
        }

        // Every checkpoint any store holds, by node and number.
        var union = new Dictionary<string, SortedDictionary<long, AuditCheckpoint>>(StringComparer.Ordinal);
        foreach (var (name, _) in stores)
        {
            foreach (var (node, checkpoints) in held[name])
            {
                var all = union.TryGetValue(node, out var found) ? found : union[node] = [];
                foreach (var (number, checkpoint) in checkpoints)
                {
                    if (!all.TryAdd(number, checkpoint) && all[number] != checkpoint)
                    {
                        problems.Add($"The stores hold two different checkpoints {checkpoint.Id}, both signed: one was replaced by an older or newer copy.");
                    }
                }
            }
        }

        var recorded = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.Code == (int)AuditCode.AuditCheckpointWritten || e.Code == (int)AuditCode.AuditCheckpointFailed) && e.RecordType == AuditCheckpointWriter.RecordType)
            .Select(e => new { e.Code, e.RecordId, e.Sequence })
            .ToListAsync(ct);
        var written = recorded.Where(r => r.Code == (int)AuditCode.AuditCheckpointWritten && r.RecordId != null)
            .GroupBy(r => r.RecordId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Sequence, StringComparer.Ordinal);
        var notInSecond = recorded.Where(r => r.Code == (int)AuditCode.AuditCheckpointFailed && r.RecordId != null)
            .Select(r => r.RecordId!).ToHashSet(StringComparer.Ordinal);

        var everyCheckpoint = union.Values.SelectMany(c => c.Values).OrderBy(c => c.Sequence).ThenBy(c => c.At).ToList();
        var last = await db.AuditEvents.AsNoTracking().MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        await CheckAgainstTrailAsync(everyCheckpoint, last, problems, ct);

        foreach (var (node, checkpoints) in union)
        {
            CheckNumbering(node, checkpoints, problems);
            CheckHeldByEachStore(node, checkpoints, held, stores, notInSecond, problems);
        }

        var ids = union.Values.SelectMany(c => c.Values).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, sequence) in written.Where(w => !ids.Contains(w.Key)).OrderBy(w => w.Value))
        {
            problems.Add($"The trail records checkpoint {id} (event {sequence}), but no store holds it: checkpoint lines or files were removed.");
        }
        foreach (var checkpoint in union.Values.SelectMany(c => c.Values).Where(c => !written.ContainsKey(c.Id)).OrderBy(c => c.At))
        {
            problems.Add($"The trail has no record of checkpoint {checkpoint.Id} written at {Time(checkpoint.At)} for event {checkpoint.Sequence}: " +
                         $"the events after event {checkpoint.Sequence} were removed, or Lantern stopped between writing the checkpoint and recording it.");
        }

        if (!Directory.Exists(o.Directory) && (written.Count > 0 || any))
        {
            problems.Insert(0, $"The checkpoint folder {o.Directory} is missing.");
        }
        var newest = everyCheckpoint.Count == 0 ? null : everyCheckpoint[^1];
        return new AuditCheckpointVerification(everyCheckpoint.Count, newest?.Sequence, newest?.At,
            newest is null ? last : Math.Max(0, last - newest.Sequence), problems);
    }

    private TrustedCheckpointKeys ReadKeys(List<string> problems)
    {
        try
        {
            return keys.Trusted();
        }
        catch (AuditCheckpointKeyException ex)
        {
            problems.Add(ex.Message);
            return new TrustedCheckpointKeys();
        }
    }

    private void ReadFile(string store, string file, TrustedCheckpointKeys trusted, Dictionary<string, SortedDictionary<long, AuditCheckpoint>> held, List<string> problems)
    {
        var node = AuditCheckpointStore.NodeOf(file);
        var name = $"{Path.GetFileName(file)} in {store}";
        AuditCheckpoint? previous = null;
        foreach (var line in AuditCheckpointStore.Read(file))
        {
            if (line.Checkpoint is not { } c)
            {
                problems.Add($"Line {line.Line} of {name} cannot be read ({line.Unreadable}): it was edited or damaged.");
                continue;
            }
            if (trusted.Count == 0)
            {
                problems.Add($"{name} holds checkpoints but the checkpoint key {keys.KeyFile} is missing, so none can be checked: restore the key from its backup.");
                return;
            }
            if (!trusted.Knows(c.KeyId))
            {
                problems.Add($"Line {line.Line} of {name} (checkpoint {c.Id}) is signed with key {c.KeyId}, which is neither the checkpoint key nor a retired one: it was forged, or the key file was replaced.");
                continue;
            }
            if (!trusted.IsSignatureValid(c))
            {
                problems.Add($"Line {line.Line} of {name} (checkpoint {c.Id}) does not match its signature: it was edited or forged.");
                continue;
            }
            if (!string.Equals(c.Node, node, StringComparison.Ordinal))
            {
                problems.Add($"Line {line.Line} of {name} is checkpoint {c.Id} of another node: it was copied in from another file.");
                continue;
            }
            if (previous is not null && (c.Number <= previous.Number || c.Sequence < previous.Sequence || c.At < previous.At))
            {
                problems.Add($"Line {line.Line} of {name} (checkpoint {c.Id}) comes after checkpoint {previous.Id} but is not later than it: the lines were reordered or repeated.");
                continue;
            }
            var checkpoints = held.TryGetValue(node, out var found) ? found : held[node] = [];
            checkpoints[c.Number] = c;
            previous = c;
        }
    }

    private static void CheckNumbering(string node, SortedDictionary<long, AuditCheckpoint> checkpoints, List<string> problems)
    {
        long expected = 1;
        foreach (var number in checkpoints.Keys)
        {
            if (number != expected)
            {
                problems.Add(number - 1 == expected
                    ? $"Checkpoint {AuditCheckpoint.IdOf(node, expected)} is missing from every store, though {AuditCheckpoint.IdOf(node, number)} is there: its line was removed."
                    : $"Checkpoints {AuditCheckpoint.IdOf(node, expected)} to {AuditCheckpoint.IdOf(node, number - 1)} are missing from every store, though {AuditCheckpoint.IdOf(node, number)} is there: their lines were removed.");
            }
            expected = number + 1;
        }
    }

    private static void CheckHeldByEachStore(string node, SortedDictionary<long, AuditCheckpoint> checkpoints,
        Dictionary<string, Dictionary<string, SortedDictionary<long, AuditCheckpoint>>> held, List<(string Name, string Directory)> stores,
        HashSet<string> notInSecond, List<string> problems)
    {
        foreach (var (store, directory) in stores)
        {
            var mine = held[store].GetValueOrDefault(node);
            // A second store added later begins with the checkpoint it was first given.
            var from = store == First ? 1 : mine?.Keys.FirstOrDefault() ?? long.MaxValue;
            var lacking = checkpoints.Values
                .Where(c => c.Number >= from && (mine is null || !mine.ContainsKey(c.Number)))
                .Where(c => store == First || !notInSecond.Contains(c.Id))
                .ToList();
            if (lacking.Count > 0)
            {
                var which = lacking.Count == 1 ? $"checkpoint {lacking[0].Id}" : $"{lacking.Count} checkpoints ({lacking[0].Id} to {lacking[^1].Id})";
                problems.Add(store == First && !File.Exists(AuditCheckpointStore.FileOf(directory, node))
                    ? $"The checkpoint file of node {node} is missing from {directory}, though the second store holds {which}: it was removed."
                    : $"{Capital(store)} lacks {which} that the other store holds: the lines were removed from it.");
            }
        }
    }

    private async Task CheckAgainstTrailAsync(List<AuditCheckpoint> checkpoints, long last, List<string> problems, CancellationToken ct)
    {
        var beyond = checkpoints.Where(c => c.Sequence > last).ToList();
        if (beyond.Count > 0)
        {
            var c = beyond[^1];
            problems.Add(last == 0
                ? $"The trail is empty, but checkpoint {c.Id} of {Time(c.At)} recorded event {c.Sequence}: every event was removed."
                : $"The trail ends at event {last}, but checkpoint {c.Id} of {Time(c.At)} recorded event {c.Sequence}: events {last + 1} to {c.Sequence} were removed (the trail was cut short).");
        }
        var within = checkpoints.Where(c => c.Sequence <= last).ToList();
        foreach (var chunk in within.Chunk(500))
        {
            var sequences = chunk.Select(c => c.Sequence).Distinct().ToList();
            var hashes = await db.AuditEvents.AsNoTracking().Where(e => sequences.Contains(e.Sequence))
                .Select(e => new { e.Sequence, e.Hash }).ToListAsync(ct);
            var bySequence = hashes.GroupBy(h => h.Sequence).ToDictionary(g => g.Key, g => g.Select(h => h.Hash).ToList());
            foreach (var c in chunk)
            {
                if (!bySequence.TryGetValue(c.Sequence, out var found))
                {
                    problems.Add($"Event {c.Sequence}, recorded by checkpoint {c.Id} of {Time(c.At)}, is missing from the trail: it was removed.");
                }
                else if (!found.Contains(c.Head, StringComparer.Ordinal))
                {
                    problems.Add($"Event {c.Sequence} no longer has the hash checkpoint {c.Id} recorded at {Time(c.At)}: the trail was rewritten at or before event {c.Sequence} (its hashes recomputed).");
                }
            }
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
