namespace Lantern.Domain.Network;

/// <summary>What is known of one person already recorded under the name a record gives.</summary>
/// <param name="Id">The person's record.</param>
/// <param name="AgeFits">The age the record gives (if any) could be this person's.</param>
/// <param name="AroundSameChild">This person is already linked to the child the record is about.</param>
/// <param name="SharesNamedThing">This person is already linked to a vehicle, phone or place the same record names.</param>
public sealed record PersonCandidate(Guid Id, bool AgeFits, bool AroundSameChild, bool SharesNamedThing);

/// <summary>The person a named person is taken to be, or none (a new record), and why, in words.</summary>
public sealed record PersonDecision(Guid? Join, string Why);

/// <summary>
/// When a person named in a record is taken for one already recorded. Many men share one name, and a
/// nickname says less, so the name alone never decides: it takes the name and something more, the same
/// child or a car, phone or place the same record names, and an age that does not contradict. Only one such
/// person may fit; with none or several a new record is made, and the records of that name are shown
/// side by side for a person to judge.
/// </summary>
public static class PersonMatching
{
    /// <summary>The most people of one name weighed; a name shared by more says nothing on its own.</summary>
    public const int MaxCandidates = 50;

    /// <summary>
    /// A vehicle, phone or place named in more records than this is generic (a youth club, a taxi office, a
    /// children's home): naming it alongside a name is no sign that two records are one person.
    /// </summary>
    public const int MaxRecordsOfASharedThing = 20;

    public static PersonDecision Decide(IReadOnlyList<PersonCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return new(null, "Nobody of this name is recorded");
        }
        var fits = candidates.Where(c => c.AgeFits).ToList();
        var sharing = fits.Where(c => c.SharesNamedThing).ToList();
        if (sharing.Count == 1)
        {
            return new(sharing[0].Id, "Same name, and linked to a vehicle, phone or place the same record names");
        }
        if (sharing.Count > 1)
        {
            return new(null, "Several people of this name are linked to what the record names");
        }
        var sameChild = fits.Where(c => c.AroundSameChild).ToList();
        return sameChild.Count switch
        {
            1 => new(sameChild[0].Id, "Same name, already named around the same child"),
            > 1 => new(null, "Several people of this name are named around this child"),
            _ => new(null, "Same name only: not enough to say it is the same person"),
        };
    }
}
