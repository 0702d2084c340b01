using System.Text.RegularExpressions;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.People;
using Lantern.Linking;
using Lantern.Linking.Normalisation;
using Lantern.Linking.Text;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>A child found by a search, and why: the name parts that matched, or the reference that names the child.</summary>
public sealed record ChildHit(ChildId Id, double Weight, IReadOnlyList<string> Reasons);

/// <summary>
/// Finds children by what a person types: names (variants, nicknames, swapped, misspelt), perhaps with a date of
/// birth or a year; or a reference that names a child (a referral or missing-episode reference, an NHS number,
/// a unique pupil number, a police reference). The caller narrows the results to the person's scope.
/// </summary>
public sealed partial class ChildSearch(LanternDbContext db, IdentityIndex index, TimeProvider time)
{
    /// <summary>
    /// The children <paramref name="text"/> may be about, best first. With <paramref name="among"/>, only those
    /// children are looked at, and every one of them is scored (for someone who may see only a few).
    /// </summary>
    public async Task<IReadOnlyList<ChildHit>> FindAsync(string text, int maxResults, CancellationToken ct, IReadOnlyCollection<ChildId>? among = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new Dictionary<ChildId, ChildHit>();
        var byReference = await ByReferenceAsync(text.Trim(), ct);
        // A reference held on a record since joined into another finds the child it was joined into.
        var referenced = byReference.Select(h => h.Id).ToList();
        var joinedInto = referenced.Count == 0 ? [] : await db.Children.AsNoTracking()
            .Where(c => referenced.Contains(c.Id) && c.MergedIntoId != null)
            .ToDictionaryAsync(c => c.Id, c => c.MergedIntoId!.Value, ct);
        foreach (var hit in byReference)
        {
            var id = hit.Id;
            for (var hop = 0; hop < 16 && joinedInto.TryGetValue(id, out var into); hop++)
            {
                id = into;
            }
            hits[id] = id == hit.Id ? hit : hit with { Id = id, Reasons = [.. hit.Reasons.Select(r => r + " (on a record joined into this one)")] };
        }
        await index.CatchUpAsync(db, ct);
        foreach (var query in Queries(text, time.GetUtcNow().Year))
        {
            foreach (var c in among is null ? index.Search(query, maxResults) : index.SearchAmong(query, among, maxResults))
            {
                var reasons = c.Explanation.Fields.Where(f => f.Bits > 0.05).Select(f => IdentityWords.Reason(f, withValues: true)).ToList();
                if (c.Explanation.NamesSwapped)
                {
                    reasons.Insert(0, "First and last names the other way round");
                }
                if (!hits.TryGetValue(c.ChildId, out var kept) || kept.Weight < c.Weight)
                {
                    hits[c.ChildId] = new ChildHit(c.ChildId, c.Weight, reasons);
                }
            }
        }
        return [.. hits.Values.OrderByDescending(h => h.Weight).Take(maxResults)];
    }

    /// <summary>
    /// What was typed, as records for the engine: a date (or year) is the date of birth; of the words left, the
    /// last is the family name and the others the given names, or with three words or more also the first the family
    /// name and the others the given names. One word alone may be either name, so it is tried as both.
    /// </summary>
    public static IReadOnlyList<PersonRecord> Queries(string text, int year)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dateText = DatePattern().Match(text);
        string? dob = null;
        var rest = text;
        if (dateText.Success && DateOfBirth.Parse(dateText.Value, year) is { IsMissing: false } parsed)
        {
            dob = dateText.Value;
            rest = text.Remove(dateText.Index, dateText.Length);
        }
        var words = NameText.Tokens(rest);
        if (words.Count == 0)
        {
            return [];
        }
        if (words.Count == 1)
        {
            return [new PersonRecord("search") { Given = words[0], DateOfBirth = dob }, new PersonRecord("search") { Family = words[0], DateOfBirth = dob }];
        }
        // Given names then the family name ("Adam James Green"); with three words or more, also the family name
        // first ("Green Adam James", as a list or a police system writes it). Two words the other way round are
        // found by the engine, which compares them crosswise.
        var givenFirst = new PersonRecord("search") { Given = string.Join(' ', words.Take(words.Count - 1)), Family = words[^1], DateOfBirth = dob };
        return words.Count == 2
            ? [givenFirst]
            : [givenFirst, new PersonRecord("search") { Given = string.Join(' ', words.Skip(1)), Family = words[0], DateOfBirth = dob }];
    }

    private async Task<IReadOnlyList<ChildHit>> ByReferenceAsync(string text, CancellationToken ct)
    {
        if (text.Length is < 5 or > 40)
        {
            return [];
        }
        var upper = text.ToUpperInvariant();
        var found = new List<ChildHit>();
        var referral = await db.Referrals.AsNoTracking().Where(r => r.Reference == upper && r.ChildId != null).Select(r => r.ChildId!.Value).FirstOrDefaultAsync(ct);
        if (referral != default)
        {
            found.Add(new ChildHit(referral, double.MaxValue, [$"Referral {upper} is about this child"]));
        }
        var episode = await db.MissingEpisodes.AsNoTracking().Where(m => m.Reference == upper).Select(m => m.ChildId).FirstOrDefaultAsync(ct);
        if (episode != default)
        {
            found.Add(new ChildHit(episode, double.MaxValue, [$"Missing episode {upper} is about this child"]));
        }
        if (NhsNumber.Normalise(text) is { } nhs)
        {
            found.AddRange((await db.Children.AsNoTracking().Where(c => c.NhsNumber == nhs).Select(c => c.Id).ToListAsync(ct))
                .Select(id => new ChildHit(id, double.MaxValue, ["NHS number"])));
        }
        // One query for both numbers (each column has its index).
        var byNumber = await db.Children.AsNoTracking().Where(c => c.UniquePupilNumber == upper || c.PoliceReference == text)
            .Select(c => new { c.Id, Pupil = c.UniquePupilNumber == upper, Police = c.PoliceReference == text }).ToListAsync(ct);
        found.AddRange(byNumber.Where(c => c.Pupil).Select(c => new ChildHit(c.Id, double.MaxValue, ["Unique pupil number"])));
        found.AddRange(byNumber.Where(c => c.Police).Select(c => new ChildHit(c.Id, double.MaxValue, ["Police reference"])));
        return found;
    }

    [GeneratedRegex(@"\b(\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{4})\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DatePattern();
}
