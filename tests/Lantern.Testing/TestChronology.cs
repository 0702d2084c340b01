using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Features.Chronology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Testing;

/// <summary>
/// A child with a long chronology from many agencies, for the export scenarios and the web
/// benchmark: entry i happened <c>i</c> × 36 hours before <c>latest</c>, its summary starts with
/// <c>Entry0000</c>-style marker, agencies, types and significance take turns, and every entry names people, a vehicle, a phone and a place.
/// </summary>
public static class TestChronology
{
    public static string Marker(int i) => $"Entry{i:0000}";

    public static DateTimeOffset OccurredAt(DateTimeOffset latest, int i) => latest - TimeSpan.FromHours(36 * i);

    /// <summary>Opens a child and adds <paramref name="entries"/> entries through the child's record; returns the child.</summary>
    public static async Task<ChildId> SeedAsync(TestApp app, int entries, DateTimeOffset latest, Func<int, string?>? summary = null,
        string givenName = "Amira", string familyName = "Khan")
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var records = scope.ServiceProvider.GetRequiredService<ChronologyRecords>();
        var agencies = await db.Agencies.OrderBy(a => a.Name).Select(a => a.Id).ToListAsync();
        var types = Enum.GetValues<EntryType>();
        var significances = Enum.GetValues<Significance>();
        var child = Child.Open(new NewChild { GivenName = givenName, FamilyName = familyName, DateOfBirth = new DateOnly(2011, 5, 14) },
            app.Time.GetUtcNow(), DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));
        db.Children.Add(child);
        for (var i = 0; i < entries; i++)
        {
            records.Add(child.Id, new NewEntry(
                OccurredAt(latest, i),
                types[i % types.Length],
                summary?.Invoke(i) ?? $"{Marker(i)}: seen near the Canal Street takeaway with older males; staff shared what they saw with the front door.",
                significances[i % significances.Length],
                agencies[i % agencies.Count],
                $"Author {i % 7}",
                Mentions: [new(MentionKind.Person, "Mo", "older man, about 25"), new(MentionKind.Vehicle, "NB19 XKR"), new(MentionKind.Phone, "07700 900123"), new(MentionKind.Place, "Canal Street takeaway")]));
        }
        await db.SaveChangesAsync();
        return child.Id;
    }
}
