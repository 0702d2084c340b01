using System.Diagnostics;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Linking;
using Lantern.Linking.Index;
using Lantern.Linking.Model;
using Lantern.Linking.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Identity;

/// <summary>Bound from <c>Lantern:Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Lantern:Identity";

    /// <summary>Parameters written by <c>lantern link --save-model</c>; empty for those shipped with the service.</summary>
    public string? ModelFile { get; set; }

    /// <summary>At or above this probability, with no rule holding the pair back, an arriving record joins the known child.</summary>
    public double LinkThreshold { get; set; } = 0.9;

    /// <summary>At or above this probability (or when a rule held back a likelier pair) a person is asked to decide.</summary>
    public double ReviewThreshold { get; set; } = 0.2;

    /// <summary>How often each node reads the change feed when nothing else asked it to.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (LinkThreshold is <= 0 or >= 1)
        {
            problems.Add((nameof(LinkThreshold), "must be a probability between 0 and 1"));
        }
        if (ReviewThreshold is <= 0 or >= 1 || ReviewThreshold > LinkThreshold)
        {
            problems.Add((nameof(ReviewThreshold), "must be a probability between 0 and 1, no higher than LinkThreshold"));
        }
        if (RefreshInterval <= TimeSpan.Zero)
        {
            problems.Add((nameof(RefreshInterval), "must be a positive time span"));
        }
        if (!string.IsNullOrWhiteSpace(ModelFile) && !File.Exists(ModelFile))
        {
            problems.Add((nameof(ModelFile), $"no file at {ModelFile}"));
        }
        return problems;
    }
}

/// <summary>A known child who may be the one asked about, with the engine's score and reasons.</summary>
public sealed record IdentityCandidate(ChildId ChildId, double Probability, double Weight, HoldBack HoldBack, PairExplanation Explanation);

/// <summary>
/// Every child's record (and the other names each is known by) in the linking engine's in-memory index, on
/// every node. Built from the database at start; kept current from the change feed that every save of a
/// child writes in its own transaction: read on a timer, and before every lookup, so a child added on one
/// node is found on another at once. A record merged into another answers as the child it was merged into,
/// so the names and addresses of both records find the child.
/// </summary>
public sealed partial class IdentityIndex : IDisposable
{
    private const int MaxAliases = 5;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<ChildId, ChildId> _mergedInto = [];
    private readonly Dictionary<ChildId, int> _aliases = [];
    private readonly PersonIndex _index;
    private readonly ILogger<IdentityIndex> _logger;
    private long _lastChange = -1;

    public IdentityIndex(IOptions<IdentityOptions> options, TimeProvider time, ILogger<IdentityIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options.Value;
        _logger = logger;
        var model = string.IsNullOrWhiteSpace(Options.ModelFile) ? ModelFile.Default : ReadModel(Options.ModelFile);
        _index = new PersonIndex(model, NameVariants.Default, new IndexOptions { ReferenceYear = time.GetUtcNow().Year, ShrinkFrequencies = true });
    }

    public IdentityOptions Options { get; }

    /// <summary>Records in the index: one per child record and one per other name.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _index.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>How long the last full build took, and of how many children; null before it ran.</summary>
    public (TimeSpan Took, int Children)? LastBuild { get; private set; }

    /// <summary>
    /// Brings the index up to date with what every node has saved: the whole table the first time, then the
    /// children named in the change feed since last time.
    /// </summary>
    public async Task CatchUpAsync(LanternDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seen = Volatile.Read(ref _lastChange);
        if (seen >= 0 && !await db.IdentityChanges.AnyAsync(c => c.Id > seen, ct))
        {
            return;
        }
        await _writer.WaitAsync(ct);
        try
        {
            if (_lastChange < 0)
            {
                await BuildAsync(db, ct);
                return;
            }
            while (true)
            {
                var since = _lastChange;
                var changes = await db.IdentityChanges.AsNoTracking().Where(c => c.Id > since).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.ChildId }).Take(5_000).ToListAsync(ct);
                if (changes.Count == 0)
                {
                    return;
                }
                var ids = changes.Select(c => c.ChildId).Distinct().ToList();
                var rows = await Rows(db.Children.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(ct);
                Apply(rows);
                Volatile.Write(ref _lastChange, changes[^1].Id);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task BuildAsync(LanternDbContext db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // The feed's end is read first: a child saved during the build is read again after it, never missed.
        var last = await db.IdentityChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var batch = new List<ChildRow>(10_000);
        var children = 0;
        await foreach (var row in Rows(db.Children.AsNoTracking()).AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            children++;
            if (batch.Count == batch.Capacity)
            {
                Apply(batch);
                batch.Clear();
            }
        }
        Apply(batch);
        Volatile.Write(ref _lastChange, last);
        LastBuild = (clock.Elapsed, children);
        LogBuilt(_logger, children, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A child opened by a save not yet committed (a batch of an import), so that the batch's later records about the
    /// same child find it. The caller removes it again with <see cref="RemovePending"/> if the save fails; once saved,
    /// the change feed brings the child in as any other (replacing this entry). A lookup elsewhere that finds a child
    /// not yet saved must treat it as not there.
    /// </summary>
    public void AddPending(Child child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var address = child.Addresses.Where(a => a.To == null).LastOrDefault();
        Apply([new ChildRow(child.Id, child.GivenName, child.FamilyName, child.KnownAs, child.DateOfBirth, child.Gender, child.NhsNumber, child.MergedIntoId,
            address?.Address, address?.Postcode)]);
    }

    /// <summary>Takes out children added by <see cref="AddPending"/> whose save failed.</summary>
    public void RemovePending(IEnumerable<ChildId> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        _lock.EnterWriteLock();
        try
        {
            foreach (var child in children)
            {
                Remove(child);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>What the index needs of a child: names, other names, date of birth, sex, NHS number, current address.</summary>
    internal sealed record ChildRow(ChildId Id, string GivenName, string FamilyName, string? KnownAs, DateOnly? DateOfBirth, Gender Gender,
        string? NhsNumber, ChildId? MergedIntoId, string? Address, string? Postcode);

    private static IQueryable<ChildRow> Rows(IQueryable<Child> children) =>
        children.Select(c => new ChildRow(c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.Gender, c.NhsNumber, c.MergedIntoId,
            c.Addresses.Where(a => a.To == null).OrderByDescending(a => a.Id).Select(a => a.Address).FirstOrDefault(),
            c.Addresses.Where(a => a.To == null).OrderByDescending(a => a.Id).Select(a => a.Postcode).FirstOrDefault()));

    private void Apply(IReadOnlyList<ChildRow> rows)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var row in rows)
            {
                Remove(row.Id);
                var records = Records(row);
                foreach (var record in records)
                {
                    _index.Add(record);
                }
                _aliases[row.Id] = records.Count - 1;
                if (row.MergedIntoId is { } survivor)
                {
                    _mergedInto[row.Id] = survivor;
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Remove(ChildId child)
    {
        if (!_aliases.Remove(child, out var aliases))
        {
            return;
        }
        _index.Remove(child.ToString());
        for (var i = 1; i <= aliases; i++)
        {
            _index.Remove($"{child}/{i}");
        }
        _mergedInto.Remove(child);
    }

    /// <summary>The child's record as the engine reads it, and one more for each other name the child is known by.</summary>
    internal static List<PersonRecord> Records(ChildRow row)
    {
        var main = new PersonRecord(row.Id.ToString())
        {
            Given = row.GivenName,
            Family = row.FamilyName,
            DateOfBirth = row.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Sex = Sex(row.Gender),
            Identifier = row.NhsNumber,
            Address = row.Address,
            Postcode = row.Postcode,
        };
        var records = new List<PersonRecord> { main };
        foreach (var alias in OtherNames(row.KnownAs).Take(MaxAliases))
        {
            var words = NameText.Tokens(alias);
            var (given, family) = words.Count == 1 ? (words[0], row.FamilyName) : (words[0], words[^1]);
            records.Add(main with { Id = $"{row.Id}/{records.Count}", Given = given, Family = family });
        }
        return records;
    }

    /// <summary>Other names as written: "Jaz, Jasmine Ali" is two names.</summary>
    public static IEnumerable<string> OtherNames(string? knownAs) =>
        (knownAs ?? "").Split([',', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => NameText.Tokens(n).Count > 0);

    public static string? Sex(Gender gender) => gender switch
    {
        Gender.Female => "F",
        Gender.Male => "M",
        Gender.NotKnown or Gender.Other => null,
        _ => null,
    };

    /// <summary>The child a record id of the index stands for now: its own, or the child it was merged into.</summary>
    private ChildId Current(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var child = new ChildId(Guid.Parse(slash < 0 ? id : id[..slash]));
        for (var hops = 0; hops < 100 && _mergedInto.TryGetValue(child, out var into); hops++)
        {
            child = into;
        }
        return child;
    }

    /// <summary>
    /// Known children who may be the person <paramref name="record"/> describes, best first, one answer per child
    /// (the best of its records and other names), each with its explanation.
    /// </summary>
    public IReadOnlyList<IdentityCandidate> Candidates(PersonRecord record, int maxResults, double minimumProbability)
    {
        ArgumentNullException.ThrowIfNull(record);
        _lock.EnterReadLock();
        try
        {
            var best = new Dictionary<ChildId, IndexMatch>();
            foreach (var match in _index.Query(record, maxResults * 4, minimumProbability))
            {
                var child = Current(match.Id);
                if (!best.TryGetValue(child, out var kept) || match.Weight > kept.Weight)
                {
                    best[child] = match;
                }
            }
            return [.. best.OrderByDescending(b => b.Value.Weight).Take(maxResults)
                .Select(b => new IdentityCandidate(b.Key, b.Value.Probability, b.Value.Weight, b.Value.HoldBack, _index.Explain(record, b.Value.Id)))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Children whose names (and date of birth, when typed) fit what a person typed, best first, with reasons.</summary>
    public IReadOnlyList<IdentityCandidate> Search(PersonRecord record, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(record);
        _lock.EnterReadLock();
        try
        {
            var best = new Dictionary<ChildId, SearchHit>();
            foreach (var hit in _index.Search(record, maxResults * 4))
            {
                var child = Current(hit.Id);
                if (!best.TryGetValue(child, out var kept) || hit.Weight > kept.Weight)
                {
                    best[child] = hit;
                }
            }
            return [.. best.OrderByDescending(b => b.Value.Weight).Take(maxResults)
                .Select(b => new IdentityCandidate(b.Key, b.Value.Explanation.Probability, b.Value.Weight, b.Value.Explanation.HoldBack, b.Value.Explanation))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// As <see cref="Search"/>, but among the given children only, every one of them scored: for someone who may
    /// see a few children, so that a name many children share still finds theirs.
    /// </summary>
    public IReadOnlyList<IdentityCandidate> SearchAmong(PersonRecord record, IReadOnlyCollection<ChildId> among, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(among);
        _lock.EnterReadLock();
        try
        {
            var best = new List<IdentityCandidate>();
            foreach (var child in among)
            {
                if (!_aliases.TryGetValue(child, out var aliases))
                {
                    continue;
                }
                PairExplanation? kept = null;
                for (var i = 0; i <= aliases; i++)
                {
                    var e = _index.Explain(record, i == 0 ? child.ToString() : $"{child}/{i}");
                    if (e.Weight > e.PriorBits && (kept is null || e.Weight > kept.Weight))
                    {
                        kept = e;
                    }
                }
                if (kept is not null)
                {
                    best.Add(new IdentityCandidate(child, kept.Probability, kept.Weight, kept.HoldBack, kept));
                }
            }
            return [.. best.OrderByDescending(b => b.Weight).Take(maxResults)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Why the engine scores <paramref name="record"/> against the child's own record as it does; null when the child is not indexed.</summary>
    public PairExplanation? Explain(PersonRecord record, ChildId child)
    {
        _lock.EnterReadLock();
        try
        {
            return _index.Contains(child.ToString()) ? _index.Explain(record, child.ToString()) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _writer.Dispose();
    }

    private static ModelParameters ReadModel(string path)
    {
        using var reader = new StreamReader(path);
        return Linking.Model.ModelFile.Read(reader);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity index built from {Children} children in {Seconds:0.0} s")]
    private static partial void LogBuilt(ILogger logger, int children, double seconds);
}
