using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Language;
using Lantern.Features.Language;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Language;

/// <summary>Where an entry of the list in use comes from.</summary>
public enum PhraseOrigin
{
    /// <summary>The phrase list file, unchanged.</summary>
    Shipped = 1,

    /// <summary>The file's entry as an administrator changed it.</summary>
    ShippedEdited = 2,

    /// <summary>Added by an administrator.</summary>
    Added = 3,
}

/// <summary>One entry as the administration pages show it.</summary>
public sealed record PhraseListItem(PhraseEntry Entry, PhraseOrigin Origin, bool Retired, long Version);

/// <summary>A change to the list as it is listed: which version, when, by whom.</summary>
public sealed record PhraseListChange(long Version, string EntryId, LanguagePhraseChangeKind Kind, DateTimeOffset At, string By);

/// <summary>The add and edit form of one entry: text as typed, one pattern and one alternative a line.</summary>
public sealed class PhraseInput
{
    /// <summary>The form field a problem with the phrase belongs to ("" for the page as a whole).</summary>
    public static string FormField(string field) => field.Length == 0 ? "" : "Input." + field;

    public string? Id { get; set; }

    public string? Category { get; set; }

    public string? Severity { get; set; }

    public string? Patterns { get; set; }

    public string? Reason { get; set; }

    public string? Alternatives { get; set; }

    /// <summary>The entry's version when the form was opened, so that a change made meanwhile is not overwritten.</summary>
    public long Version { get; set; }

    public static PhraseInput From(PhraseListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Id = item.Entry.Id,
            Category = item.Entry.Category,
            Severity = item.Entry.Severity?.ToString(),
            Patterns = string.Join('\n', item.Entry.Patterns ?? []),
            Reason = item.Entry.Reason,
            Alternatives = string.Join('\n', item.Entry.Alternatives ?? []),
            Version = item.Version,
        };
    }
}

/// <summary>
/// Administrators' changes to the language guard's phrase list. The file stays the default; each
/// change (add, edit, retire, restore) is a row laid over it and a numbered, audited version. A change
/// is checked by the same rules as the file (<see cref="PhraseList.Validate"/>) on the whole list it
/// would make, and every node's guard picks it up at its next check (<see cref="CurrentLanguageGuard"/>).
/// </summary>
public sealed class PhraseListEditor(LanternDbContext db, CurrentLanguageGuard guards, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    public const int MaximumLinesLength = 10_000;

    public const int MaximumReasonLength = 2000;

    /// <summary>Every entry of the file and of the administrators, in the list's order, retired ones included.</summary>
    public async Task<IReadOnlyList<PhraseListItem>> ListAsync(CancellationToken ct)
    {
        var edits = await db.LanguagePhrases.AsNoTracking().ToListAsync(ct);
        var byId = edits.ToDictionary(e => e.EntryId, StringComparer.Ordinal);
        var items = new List<PhraseListItem>();
        var shipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in guards.File.Phrases.Entries ?? [])
        {
            shipped.Add(entry!.Id!);
            items.Add(byId.TryGetValue(entry.Id!, out var edit)
                ? new PhraseListItem(edit.ToEntry(), PhraseOrigin.ShippedEdited, edit.Retired, edit.Version)
                : new PhraseListItem(entry, PhraseOrigin.Shipped, false, 0));
        }
        items.AddRange(edits.Where(e => !shipped.Contains(e.EntryId)).OrderBy(e => e.EntryId, StringComparer.Ordinal)
            .Select(e => new PhraseListItem(e.ToEntry(), PhraseOrigin.Added, e.Retired, e.Version)));
        return items;
    }

    public async Task<PhraseListItem?> FindAsync(string entryId, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(i => i.Entry.Id == entryId);

    public async Task<IReadOnlyList<PhraseListChange>> ChangesAsync(int count, CancellationToken ct)
    {
        var changes = await db.LanguagePhraseChanges.AsNoTracking().OrderByDescending(c => c.Version).Take(count).ToListAsync(ct);
        var people = changes.Select(c => c.By).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. changes.Select(c => new PhraseListChange(c.Version, c.EntryId, c.Kind, c.At, names.GetValueOrDefault(c.By) ?? "a former account"))];
    }

    public Task<long> VersionAsync(CancellationToken ct) => CurrentLanguageGuard.VersionAsync(db, ct);

    /// <summary>
    /// Adds an entry (<paramref name="existing"/> null) or changes one. Returns the problems keyed by
    /// the form's field (Input.Patterns, with the pattern's line in the message), or none when saved.
    /// </summary>
    public async Task<Failure?> SaveAsync(PhraseInput input, PhraseListItem? existing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldError>();
        var id = existing?.Entry.Id ?? input.Id?.Trim() ?? "";
        if (existing is null && id.Length > 0 && await FindAsync(id, ct) is { } clash)
        {
            problems.Add(new("Id", clash.Retired
                ? $"A retired phrase has the id \"{id}\": open it from the list and restore it instead"
                : $"A phrase with the id \"{id}\" already exists: open it from the list to change it"));
        }
        Severity? severity = Enum.TryParse<Severity>(input.Severity, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        if (severity is null)
        {
            problems.Add(new("Severity", "Select how serious the phrase is"));
        }
        if ((input.Patterns ?? "").Length > MaximumLinesLength)
        {
            problems.Add(new("Patterns", $"The patterns must be {MaximumLinesLength:N0} characters or fewer"));
        }
        if ((input.Alternatives ?? "").Length > MaximumLinesLength)
        {
            problems.Add(new("Alternatives", $"The alternatives must be {MaximumLinesLength:N0} characters or fewer"));
        }
        if ((input.Reason ?? "").Trim().Length > MaximumReasonLength)
        {
            problems.Add(new("Reason", $"The reason must be {MaximumReasonLength:N0} characters or fewer"));
        }
        if (id.Length > 100 || (input.Category?.Trim().Length ?? 0) > 100)
        {
            problems.Add(new(id.Length > 100 ? "Id" : "Category", "Use 100 characters or fewer"));
        }
        var row = new LanguagePhrase
        {
            EntryId = id,
            Category = string.IsNullOrWhiteSpace(input.Category) ? null : input.Category.Trim(),
            // A placeholder when missing, so that the list's own rules still check everything else.
            Severity = severity ?? Severity.Advice,
            Patterns = string.Join('\n', LanguagePhrase.Lines(input.Patterns ?? "")),
            Reason = (input.Reason ?? "").Trim(),
            Alternatives = string.Join('\n', LanguagePhrase.Lines(input.Alternatives ?? "")),
            Retired = existing?.Retired ?? false,
        };
        problems.AddRange(await CheckAsync(row, ct));
        if (existing is not null && existing.Version != input.Version)
        {
            problems.Add(new("", "Someone else changed this phrase after you opened it. Open it again to see their change, then make yours."));
        }
        if (problems.Count > 0)
        {
            return Failure.Invalid(problems);
        }
        return await WriteAsync(row, existing is null ? LanguagePhraseChangeKind.Added : LanguagePhraseChangeKind.Edited, ct);
    }

    /// <summary>Retires an entry (it is no longer looked for) or restores a retired one.</summary>
    public async Task<Failure?> RetireAsync(PhraseListItem existing, bool retire, long version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (existing.Version != version)
        {
            return Failure.Conflict("Someone else changed this phrase after you opened it. Open it again to see their change, then make yours.");
        }
        if (existing.Retired == retire)
        {
            return null;
        }
        var entry = existing.Entry;
        var row = new LanguagePhrase
        {
            EntryId = entry.Id!,
            Category = entry.Category,
            Severity = entry.Severity!.Value,
            Patterns = string.Join('\n', entry.Patterns ?? []),
            Reason = entry.Reason!,
            Alternatives = string.Join('\n', entry.Alternatives ?? []),
            Retired = retire,
        };
        var problems = await CheckAsync(row, ct);
        return problems.Count > 0 ? Failure.Invalid(problems) : await WriteAsync(row, retire ? LanguagePhraseChangeKind.Retired : LanguagePhraseChangeKind.Restored, ct);
    }

    /// <summary>The whole list as it would be with this row, checked by the file's rules; the edited entry's problems named by form field.</summary>
    private async Task<List<FieldError>> CheckAsync(LanguagePhrase row, CancellationToken ct)
    {
        var edits = (await db.LanguagePhrases.AsNoTracking().ToListAsync(ct)).Where(e => e.EntryId != row.EntryId).Append(row).ToList();
        var list = CurrentLanguageGuard.Merge(guards.File.Phrases, edits);
        var index = row.Retired ? -1 : list.Entries!.ToList().FindIndex(e => e?.Id == row.EntryId);
        var at = $"entries[{index}]";
        var problems = new List<FieldError>();
        foreach (var error in list.Validate())
        {
            problems.Add(index >= 0 && (error.Field == at || error.Field.StartsWith(at + ".", StringComparison.Ordinal))
                ? FormField(error.Field[at.Length..], error.Message)
                : new FieldError("", $"The phrase list would not work: {error}"));
        }
        return problems;
    }

    /// <summary>".patterns[1]" becomes the Patterns box, "Pattern 2: ...", as the administrator counts lines.</summary>
    private static FieldError FormField(string path, string message)
    {
        static (string Name, int? Line) Split(string p)
        {
            var open = p.IndexOf('[', StringComparison.Ordinal);
            return open < 0 ? (p, null) : (p[..open], int.Parse(p[(open + 1)..p.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) + 1);
        }
        var (name, line) = Split(path.TrimStart('.'));
        return name switch
        {
            "id" => new("Id", message),
            "category" => new("Category", message),
            "severity" => new("Severity", message),
            "patterns" => new("Patterns", line is { } n ? $"Pattern {n}: {message}" : message),
            "reason" => new("Reason", message),
            "alternatives" => new("Alternatives", line is { } n ? $"Alternative {n}: {message}" : message),
            _ => new("", message),
        };
    }

    private async Task<Failure?> WriteAsync(LanguagePhrase row, LanguagePhraseChangeKind kind, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The next number: if another administrator takes it first, the database refuses this one.
        var version = await CurrentLanguageGuard.VersionAsync(db, ct) + 1;
        var stored = await db.LanguagePhrases.FirstOrDefaultAsync(p => p.EntryId == row.EntryId, ct);
        if (stored is null)
        {
            stored = row;
            db.LanguagePhrases.Add(stored);
        }
        else
        {
            stored.Category = row.Category;
            stored.Severity = row.Severity;
            stored.Patterns = row.Patterns;
            stored.Reason = row.Reason;
            stored.Alternatives = row.Alternatives;
            stored.Retired = row.Retired;
        }
        stored.Version = version;
        stored.UpdatedAt = now;
        stored.UpdatedBy = user.Id;
        var entry = stored.ToEntry();
        db.LanguagePhraseChanges.Add(new LanguagePhraseChange
        {
            Version = version,
            EntryId = stored.EntryId,
            Kind = kind,
            At = now,
            By = user.Id,
            Snapshot = JsonSerializer.Serialize(new
            {
                entry.Id,
                entry.Category,
                entry.Severity,
                entry.Patterns,
                entry.Reason,
                entry.Alternatives,
                stored.Retired,
            }, ApiJson.Options),
        });
        var code = kind switch
        {
            LanguagePhraseChangeKind.Added => AuditCode.PhraseAdded,
            LanguagePhraseChangeKind.Edited => AuditCode.PhraseEdited,
            LanguagePhraseChangeKind.Retired => AuditCode.PhraseRetired,
            LanguagePhraseChangeKind.Restored => AuditCode.PhraseRestored,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown change"),
        };
        try
        {
            await audit.SaveAsync(AuditEntry.Allowed(code, "LanguagePhrase", stored.EntryId, $"phrase list version {version}"), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("Someone else changed the phrase list at the same moment. Check the list, then save again.");
        }
        return null;
    }
}
