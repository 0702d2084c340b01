using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Network;
using Lantern.Domain.Records;
using Lantern.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// Makes the people, vehicles, phones and places named in a child's chronology into records of the network,
/// each linked to the child (named in a record about, unconfirmed) with the agency, the date and the entry it
/// came from. Vehicles meet by plate despite spacing and O/0, I/1; a partial plate joins the one full plate
/// it fits; phones meet by number in international form; places by name (a leading "the" and punctuation
/// aside); people only when the name agrees and something else does too (see <see cref="PersonMatching"/>),
/// otherwise a new record and, where another of that name could be the same person, a pair for a person to
/// decide. Runs under the audit trail's write lock, so two requests naming the same new plate make one record.
/// A referral's mentions are read from the referral's entry on the chronology.
/// </summary>
public sealed partial class MentionLinker(LanternDbContext db, AuditTrail audit, NetworkAlerts alerts, TimeProvider time, ILogger<MentionLinker> logger)
{
    /// <summary>The most mentions read in one pass of the scheduled work.</summary>
    public const int BatchSize = 1000;

    public const string System = "Lantern (from the record's mentions)";

    /// <summary>
    /// Reads what records just saved name, once they are saved (a bulk import's too, batch after batch): the records are
    /// stored and acknowledged already, so a failure here is logged, never answered, and the scheduled work reads the
    /// mentions on its next run. The network's alert rules are then evaluated once around the links made, with
    /// <paramref name="savedWith"/>: links the caller saved with its records (an import batch's).
    /// </summary>
    public async Task LinkAfterSaveAsync(CancellationToken ct, IReadOnlyCollection<Link>? savedWith = null)
    {
        var made = new List<Link>(savedWith ?? []);
        try
        {
            await LinkAllPendingAsync(made, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogLinkFailed(logger, e);
        }
        await alerts.AfterLinksSavedAsync(made, ct);
    }

    /// <summary>Reads every mention not yet read, batch after batch, and evaluates the network's alert rules around the links made.</summary>
    public async Task LinkAllPendingAsync(CancellationToken ct)
    {
        var made = new List<Link>();
        await LinkAllPendingAsync(made, ct);
        await alerts.AfterLinksSavedAsync(made, ct);
    }

    private async Task LinkAllPendingAsync(List<Link> made, CancellationToken ct)
    {
        while (await LinkPendingAsync(made, ct) == BatchSize)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A record was stored, but reading what it names into the network failed; the scheduled work will try again")]
    private static partial void LogLinkFailed(ILogger logger, Exception exception);

    /// <summary>Reads up to <see cref="BatchSize"/> mentions not yet read (left by a crash, or saved without a link); returns how many.</summary>
    private Task<int> LinkPendingAsync(List<Link> made, CancellationToken ct) =>
        LinkAsync(db.Mentions.Where(m => m.LinkedAt == null && m.ChronologyEntryId != null).OrderBy(m => m.Id).Take(BatchSize), made, ct);

    private async Task<int> LinkAsync(IQueryable<Mention> which, List<Link> linksMade, CancellationToken ct)
    {
        var count = 0;
        Session? pass = null;
        await audit.SaveAsync([], async token =>
        {
            // Read under the lock: another request may have read them since.
            var mentions = await which.Where(m => m.LinkedAt == null).ToListAsync(token);
            count = mentions.Count;
            if (mentions.Count == 0)
            {
                return [];
            }
            var entryIds = mentions.Select(m => m.ChronologyEntryId!.Value).Distinct().ToList();
            var entries = await db.ChronologyEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
                .Select(e => new EntryFacts(e.Id, e.ChildId, e.SourceAgencyId, e.OccurredAt, e.SupersedesId)).ToDictionaryAsync(e => e.Id, token);
            var session = pass = new Session(db, time.GetUtcNow());
            await session.PrefetchAsync(mentions, token);
            var linked = new List<(Guid Entry, IReadOnlyList<string> Made)>();
            foreach (var group in mentions.GroupBy(m => m.ChronologyEntryId!.Value))
            {
                var entry = entries[group.Key];
                var made = await session.LinkEntryAsync(entry, [.. group], token);
                if (made.Count > 0)
                {
                    linked.Add((entry.Id, made));
                }
            }
            // One event a pass: each link keeps its entry and mention, so the event need only say what was read.
            return linked.Count switch
            {
                0 => [],
                1 => [AuditEntry.Allowed(AuditCode.MentionsLinked, "ChronologyEntry", linked[0].Entry.ToString(), string.Join(", ", linked[0].Made))],
                _ => [AuditEntry.Allowed(AuditCode.MentionsLinked, "ChronologyEntry", linked[0].Entry.ToString(),
                    $"{linked.Count} entries, {linked.Sum(l => l.Made.Count)} links: " + Cut(string.Join(", ", linked.SelectMany(l => l.Made).Distinct(StringComparer.Ordinal)), 900))],
            };
        }, ct);
        // Saved: what the pass linked is evaluated by the alert rules with the rest.
        linksMade.AddRange(pass?.Links ?? []);
        return count;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private sealed record EntryFacts(Guid Id, ChildId Child, Domain.Partnership.AgencyId Agency, DateTimeOffset OccurredAt, Guid? Supersedes);

    /// <summary>One pass's state: records made in this pass are found again by later mentions of the same pass.</summary>
    private sealed class Session(LanternDbContext db, DateTimeOffset now)
    {
        private readonly NetworkResolver _things = new(db, now);
        private readonly List<Person> _persons = [];

        /// <summary>The links this pass made.</summary>
        public IReadOnlyList<Link> Links => _things.Links;

        public Task PrefetchAsync(IReadOnlyList<Mention> mentions, CancellationToken ct) =>
            _things.PrefetchAsync(mentions.Where(m => m.Kind == MentionKind.Vehicle).Select(m => m.Value), mentions.Where(m => m.Kind == MentionKind.Phone).Select(m => m.Value), ct);

        public async Task<IReadOnlyList<string>> LinkEntryAsync(EntryFacts entry, IReadOnlyList<Mention> mentions, CancellationToken ct)
        {
            var child = new NodeRef(NodeKind.Child, entry.Child.Value);
            var source = new LinkSource("ChronologyEntry", entry.Id.ToString(), entry.Agency, entry.OccurredAt);
            var made = new List<string>();
            if (entry.Supersedes is { } old)
            {
                // A correction says again what the entry names: what the old version named is withdrawn, and linked again below.
                foreach (var link in await db.Links.Where(l => l.RecordType == "ChronologyEntry" && l.RecordId == old.ToString() && l.WithdrawnAt == null).ToListAsync(ct))
                {
                    link.Withdraw("The entry was corrected; its corrected version is linked instead", now);
                }
            }
            var others = new List<NodeRef>();
            // Things first, then people: a person named with a car or phone already known meets the person linked to it.
            foreach (var mention in mentions.OrderBy(m => m.Kind == MentionKind.Person ? 1 : 0).ThenBy(m => m.Id))
            {
                var (node, reference, why) = mention.Kind switch
                {
                    MentionKind.Vehicle => await VehicleAsync(mention, ct),
                    MentionKind.Phone => await PhoneAsync(mention, ct),
                    MentionKind.Place => await PlaceAsync(mention, ct),
                    MentionKind.Person => await PersonAsync(mention, child, others, DateOnly.FromDateTime(entry.OccurredAt.UtcDateTime), ct),
                    _ => throw new ArgumentOutOfRangeException(nameof(mentions), mention.Kind, null),
                };
                mention.Linked(node?.Id, why, now);
                if (node is not { } n)
                {
                    continue;
                }
                others.Add(n);
                var link = Link.Make(child, n, LinkType.NamedInRecord, LinkConfidence.Unconfirmed, source, System, now, note: mention.Detail, mentionId: mention.Id);
                _things.Add(link);
                made.Add(reference);
            }
            return made;
        }

        private async Task<(NodeRef?, string, string?)> VehicleAsync(Mention mention, CancellationToken ct) =>
            await _things.VehicleAsync(mention.Value, mention.Detail, ct) is { } v ? (new NodeRef(NodeKind.Vehicle, v.Id), v.Reference, null) : (null, "", "No registration could be read");

        private async Task<(NodeRef?, string, string?)> PhoneAsync(Mention mention, CancellationToken ct) =>
            await _things.PhoneAsync(mention.Value, mention.Detail, ct) is { } p ? (new NodeRef(NodeKind.Phone, p.Id), p.Reference, null) : (null, "", "Not a phone number");

        private async Task<(NodeRef?, string, string?)> PlaceAsync(Mention mention, CancellationToken ct) =>
            await _things.PlaceAsync(mention.Value, mention.Detail, PlaceType.NotKnown, ct) is { } p ? (new NodeRef(NodeKind.Place, p.Id), p.Reference, null) : (null, "", "No place name could be read");

        private async Task<(NodeRef?, string, string?)> PersonAsync(Mention mention, NodeRef child, IReadOnlyList<NodeRef> namedWith, DateOnly on, CancellationToken ct)
        {
            if (NameKey.Person(mention.Value) is not { } key)
            {
                return (null, "", "No name could be read");
            }
            var age = WrittenAge.Read(mention.Detail);
            // By the names' index first: a query through each person's names would read every person.
            var named = await db.PersonNames.AsNoTracking().Where(n => n.Key == key).Select(n => n.PersonId).Distinct().OrderBy(id => id).Take(PersonMatching.MaxCandidates * 4).ToListAsync(ct);
            var candidates = await db.Persons.Where(p => named.Contains(p.Id) && p.MergedIntoId == null).OrderBy(p => p.CreatedAt).Take(PersonMatching.MaxCandidates).ToListAsync(ct);
            candidates.AddRange(_persons.Where(p => p.Names.Any(n => n.Key == key) && !candidates.Contains(p)));
            var ids = candidates.Select(c => c.Id).ToList();
            // The records that named the things this record names: a man named with the same car in another record is that
            // car's man. A place or phone many records name (a youth club, a taxi office) says nothing about who a man is,
            // so each thing's records are read only as far as showing it is one of those.
            var thingRecords = new HashSet<(string, string)>();
            foreach (var thing in namedWith.Distinct())
            {
                var records = (await db.Links.AsNoTracking()
                        .Where(l => l.WithdrawnAt == null && ((l.ToId == thing.Id && l.ToKind == thing.Kind) || (l.FromId == thing.Id && l.FromKind == thing.Kind)))
                        .Select(l => new { l.RecordType, l.RecordId }).Distinct().Take(PersonMatching.MaxRecordsOfASharedThing + 1).ToListAsync(ct))
                    .Select(r => (r.RecordType, r.RecordId))
                    .Concat(_things.Links.Where(l => l.To == thing || l.From == thing).Select(l => (l.RecordType, l.RecordId)))
                    .ToHashSet();
                if (records.Count <= PersonMatching.MaxRecordsOfASharedThing)
                {
                    thingRecords.UnionWith(records);
                }
            }
            // Where each candidate was named before: only with this child, or in one of those records, counts.
            var recordIds = thingRecords.Select(r => r.Item2).Distinct().ToList();
            var candidateLinks = ids.Count == 0 ? [] : await db.Links.AsNoTracking()
                .Where(l => l.WithdrawnAt == null && ((l.FromKind == NodeKind.Person && ids.Contains(l.FromId)) || (l.ToKind == NodeKind.Person && ids.Contains(l.ToId)))
                            && ((l.FromKind == child.Kind && l.FromId == child.Id) || (l.ToKind == child.Kind && l.ToId == child.Id) || recordIds.Contains(l.RecordId)))
                .Select(l => new { l.FromKind, l.FromId, l.ToKind, l.ToId, l.RecordType, l.RecordId }).ToListAsync(ct);
            var facts = candidates.ToDictionary(c => c.Id, c =>
            {
                var me = new NodeRef(NodeKind.Person, c.Id);
                var mine = candidateLinks.Where(l => new NodeRef(l.FromKind, l.FromId) == me || new NodeRef(l.ToKind, l.ToId) == me)
                    .Select(l => (Other: new NodeRef(l.FromKind, l.FromId) == me ? new NodeRef(l.ToKind, l.ToId) : new NodeRef(l.FromKind, l.FromId), Record: (l.RecordType, l.RecordId)))
                    .Concat(_things.Links.Where(l => l.Other(me) is not null).Select(l => (Other: l.Other(me)!.Value, Record: (l.RecordType, l.RecordId))))
                    .ToList();
                return (SameChild: mine.Any(m => m.Other == child), Shares: mine.Any(m => thingRecords.Contains(m.Record)));
            });
            var decision = PersonMatching.Decide(
                [.. candidates.Select(c => new PersonCandidate(c.Id, c.AgeFits(age, on), facts[c.Id].SameChild, facts[c.Id].Shares))]);
            var person = decision.Join is { } join ? candidates.First(c => c.Id == join) : null;
            if (person is null)
            {
                person = Person.Record(RecordReference.New("PER"), mention.Value, PersonNameKind.Name, now, AgeWords(mention.Detail, age), on, mention.Detail);
                db.Persons.Add(person);
                _persons.Add(person);
            }
            else
            {
                person.SetAge(AgeWords(mention.Detail, age), on);
                person.Describe(mention.Detail);
            }
            return (new NodeRef(NodeKind.Person, person.Id), person.Reference, null);
        }

        private static string? AgeWords(string? detail, (int, int)? age) => age is null ? null : detail!.Length <= WrittenAge.MaxLength ? detail : detail[..WrittenAge.MaxLength];
    }
}

/// <summary>Reads the mentions left unread (by a crash between saving a record and reading it) on every scheduled run.</summary>
public sealed class PendingMentions(MentionLinker linker) : IScheduledWork
{
    public Task RunAsync(CancellationToken ct) => linker.LinkAllPendingAsync(ct);
}
