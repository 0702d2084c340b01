using System.Globalization;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>
/// A made-up northern English town of households, and the records five agencies (police, children's social care,
/// the NHS, schools, the youth service) hold of its people, as hard to link as the real world: brothers and
/// sisters, parents and children, twins and juniors who share a family name, an address and a phone; step-children
/// under two family names; women under their maiden and married names, or Begum; many unrelated Mohammed Khans of
/// one age in one district; foster children recorded at several addresses; partial records, placeholder dates of
/// birth and no fixed abode. Every name and address is invented or common; nothing describes a real person.
/// Deterministic for a seed: the same seed makes the same records in the same order.
/// </summary>
public sealed class SyntheticHouseholds(NameVariants variants, int seed)
{
    /// <summary>The day ages are counted to (which agencies see a person depends on their age).</summary>
    public static DateOnly ReferenceDate { get; } = new(2025, 9, 1);

    /// <summary>
    /// Makes <paramref name="recordCount"/> records of about <c>recordCount × (1 − duplicateRate)</c> people: each
    /// person has one to about five records from different agencies (children and young people more than adults),
    /// in shuffled order, with ids <c>p0</c>, <c>p1</c>... in file order.
    /// </summary>
    public HouseholdPopulation Generate(int recordCount, double duplicateRate = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recordCount);
        if (double.IsNaN(duplicateRate) || duplicateRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(duplicateRate), duplicateRate, "The duplicate rate must be between 0 and 1.");
        }
        var random = new Random(seed);
        var peopleCount = Math.Clamp((int)Math.Round(recordCount * (1 - duplicateRate)), 1, recordCount);
        var people = new TownBuilder(random, variants).Build(peopleCount);

        // Children's social care works with a child's parents, wherever they live.
        var parentOfChild = new bool[people.Count];
        foreach (var p in people)
        {
            if (p.Age < 18)
            {
                if (p.Mother >= 0)
                {
                    parentOfChild[p.Mother] = true;
                }
                if (p.Father >= 0)
                {
                    parentOfChild[p.Father] = true;
                }
            }
        }
        var copies = RecordsPerPerson(random, people, parentOfChild, recordCount);

        // Records land at shuffled positions and take their id from the position, so ids say nothing about who is who.
        var order = new int[recordCount];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        random.Shuffle(order);
        var records = new PersonRecord[recordCount];
        var entityAt = new int[recordCount];
        var sourceAt = new RecordSource[recordCount];
        var writer = new AgencyRecords(variants, random);
        Span<double> weights = stackalloc double[5];
        Span<double> remaining = stackalloc double[5];
        var next = 0;
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            AgencyRecords.Weights(p, parentOfChild[i], weights);
            weights.CopyTo(remaining);
            for (var j = 0; j < copies[i]; j++)
            {
                // Different agencies first; a second record at the same agency only when every likely one has one.
                var left = SyntheticTown.Sum(remaining);
                var source = left > 0 ? SyntheticTown.PickWeighted(random, remaining, left) : SyntheticTown.PickWeighted(random, weights);
                remaining[source] = 0;
                var at = order[next++];
                records[at] = writer.Write(p, (RecordSource)source, further: j > 0, string.Create(CultureInfo.InvariantCulture, $"p{at}"));
                entityAt[at] = i;
                sourceAt[at] = (RecordSource)source;
            }
        }

        var entityIds = new string[people.Count];
        for (var i = 0; i < entityIds.Length; i++)
        {
            entityIds[i] = string.Create(CultureInfo.InvariantCulture, $"e{i}");
        }
        // Households are numbered in turn: one id string each, shared by its people.
        var householdIds = new string?[people.Max(p => p.Household) + 1];
        var facts = new Dictionary<string, PersonFacts>(people.Count, StringComparer.Ordinal);
        foreach (var p in people)
        {
            var household = householdIds[p.Household] ??= string.Create(CultureInfo.InvariantCulture, $"h{p.Household}");
            facts[entityIds[p.Index]] = new PersonFacts(entityIds[p.Index], household, p.Role,
                p.Mother >= 0 ? entityIds[p.Mother] : null, p.Father >= 0 ? entityIds[p.Father] : null,
                p.TwinGroup >= 0 ? string.Create(CultureInfo.InvariantCulture, $"t{p.TwinGroup}") : null)
            {
                Given = p.Given,
                Middle = p.Middle,
                Family = p.Family,
                OtherFamily = p.OtherFamily,
                DateOfBirth = p.DateOfBirth,
                Sex = p.Male ? "M" : "F",
                NhsNumber = p.Nhs,
            };
        }
        var entityOf = new Dictionary<string, string>(recordCount, StringComparer.Ordinal);
        var sourceOf = new Dictionary<string, RecordSource>(recordCount, StringComparer.Ordinal);
        for (var at = 0; at < recordCount; at++)
        {
            entityOf[records[at].Id] = entityIds[entityAt[at]];
            sourceOf[records[at].Id] = sourceAt[at];
        }
        return new HouseholdPopulation(records, entityOf, facts, sourceOf);
    }

    /// <summary>
    /// How many records each person has: one each, and the further records given out at random, more readily to
    /// children and young people (who are known to more agencies), at most five each unless there must be more.
    /// </summary>
    private static int[] RecordsPerPerson(Random random, List<Resident> people, bool[] parentOfChild, int recordCount)
    {
        var copies = new int[people.Count];
        Array.Fill(copies, 1);
        var most = Math.Max(5, (recordCount + people.Count - 1) / people.Count);
        for (var extra = recordCount - people.Count; extra > 0;)
        {
            var i = random.Next(people.Count);
            var p = people[i];
            var age = p.Age;
            var appetite = p.Role == HouseholdRole.FosterChild || age < 18 ? 1.0
                : age <= 25 ? 0.8
                : parentOfChild[i] ? 0.6
                : age < 65 ? 0.4
                : 0.3;
            if (copies[i] < most && random.NextDouble() < appetite)
            {
                copies[i]++;
                extra--;
            }
        }
        return copies;
    }
}
