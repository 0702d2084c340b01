using Lantern.Data;
using Lantern.Domain.Language;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Language;

/// <summary>
/// The language guard in use: the phrase list file with the administrators' edits laid over it. Each
/// use reads the list's version (the highest change number, one indexed read) and rebuilds the guard
/// when it has moved, so an edit made on any node of a cluster is used by every node from its next
/// check. The file alone stays registered as <see cref="LanguageGuard"/> for the command line and
/// for the check at start (docs/adr/0008-language-guard.md).
/// </summary>
public sealed partial class CurrentLanguageGuard(LanguageGuard file, ILogger<CurrentLanguageGuard> logger)
{
    private sealed record Built(long Version, LanguageGuard Guard);

    // Replaced whole, never changed: a request holds the guard it was given even while another rebuilds.
    private volatile Built _built = new(0, file);

    /// <summary>The phrase list file without the administrators' edits.</summary>
    public LanguageGuard File => file;

    public async Task<LanguageGuard> GetAsync(LanternDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await VersionAsync(db, ct);
        var built = _built;
        if (built.Version == version)
        {
            return built.Guard;
        }
        // The edits are read after the version, so they are at least as new as it. Two requests that
        // rebuild at once build the same guard; the later assignment simply wins.
        var edits = await db.LanguagePhrases.AsNoTracking().ToListAsync(ct);
        LanguageGuard guard;
        try
        {
            guard = new LanguageGuard(Merge(file.Phrases, edits));
        }
        catch (LanguageGuardConfigurationException ex)
        {
            // Edits are checked against the file when they are made; a later change of the file
            // (a word class removed) can still break one. The file alone is better than no guard.
            Log.EditsDoNotFit(logger, version, string.Join("; ", ex.Errors.Select(e => e.Field)));
            guard = file;
        }
        _built = new Built(version, guard);
        Log.Rebuilt(logger, version, edits.Count);
        return guard;
    }

    /// <summary>The phrase list's version: 0 until an administrator first changes it.</summary>
    public static async Task<long> VersionAsync(LanternDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.LanguagePhraseChanges.MaxAsync(c => (long?)c.Version, ct) ?? 0;
    }

    /// <summary>
    /// The file's entries in order, each replaced by an administrator's version of the same id or
    /// left out when retired; then the administrators' own entries, by id. Word classes come from the file.
    /// </summary>
    public static PhraseList Merge(PhraseList file, IEnumerable<LanguagePhrase> edits)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(edits);
        var byId = edits.ToDictionary(e => e.EntryId, StringComparer.Ordinal);
        var entries = new List<PhraseEntry>();
        var shipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.Entries ?? [])
        {
            if (entry?.Id is { } id)
            {
                shipped.Add(id);
                if (byId.TryGetValue(id, out var edit))
                {
                    if (!edit.Retired)
                    {
                        entries.Add(edit.ToEntry());
                    }
                    continue;
                }
            }
            entries.Add(entry!);
        }
        entries.AddRange(byId.Values.Where(e => !e.Retired && !shipped.Contains(e.EntryId)).OrderBy(e => e.EntryId, StringComparer.Ordinal).Select(e => e.ToEntry()));
        return file with { Entries = entries };
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Language guard rebuilt for phrase list version {Version} ({Edits} edits)")]
        public static partial void Rebuilt(ILogger logger, long version, int edits);

        [LoggerMessage(Level = LogLevel.Error, Message = "The phrase list edits at version {Version} do not fit the phrase list file; the file alone is used. Fields: {Fields}")]
        public static partial void EditsDoNotFit(ILogger logger, long version, string fields);
    }
}
