using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

public sealed class SyntheticTests
{
    [Fact]
    public void Generate_SameSeed_GivesSamePopulation()
    {
        var a = new SyntheticPeople(NameVariants.Default, 9).Generate(500, 0.2);
        var b = new SyntheticPeople(NameVariants.Default, 9).Generate(500, 0.2);
        Assert.Equal(a.Records, b.Records);
        Assert.Equal(500, a.Records.Count);
        Assert.Equal(400, a.EntityOf.Values.Distinct().Count());
    }

    [Fact]
    public void Deduplicate_SyntheticTown_FindsMostDuplicatesWithFewFalseLinks()
    {
        var population = new SyntheticPeople(NameVariants.Default, 11).Generate(5_000, 0.2);
        var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(population.Records);
        var predicted = run.Matches.Select(p => (run.Records[p.Left].Id, run.Records[p.Right].Id));
        var m = Evaluation.PairwiseMetrics.Score(predicted, population.EntityOf, link: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"synthetic 5,000: {m}");
        Assert.True(m.Precision >= 0.9 && m.Recall >= 0.85, m.ToString());
    }

    // One town of 50,000 records shared by the household tests (made once, in about a second).
    private static readonly Lazy<HouseholdPopulation> Town = new(() => new SyntheticHouseholds(NameVariants.Default, 7).Generate(50_000, 0.2));

    private static int AgeOf(PersonFacts p) => SyntheticTown.Age(p.DateOfBirth, SyntheticHouseholds.ReferenceDate);

    private static ILookup<string, PersonRecord> RecordsByEntity(HouseholdPopulation town) =>
        town.Records.ToLookup(r => town.EntityOf[r.Id], StringComparer.Ordinal);

    private static bool IsMohammed(string given) => given is "Mohammed" or "Muhammad" or "Mohammad" or "Mohamed" or "Muhammed";

    [Fact]
    public void Communities_AreInOriginOrder()
    {
        // The generators index their tables by (int)Origin.
        Assert.Equal(Enum.GetValues<Origin>(), SyntheticTown.Communities.Select(c => c.Origin));
        Assert.Equal(1, SyntheticTown.Communities.Sum(c => c.Share), 9);
    }

    [Fact]
    public void GenerateHouseholds_SameSeed_GivesSameRecordsInSameOrder()
    {
        var a = new SyntheticHouseholds(NameVariants.Default, 5).Generate(3_000);
        var b = new SyntheticHouseholds(NameVariants.Default, 5).Generate(3_000);
        var other = new SyntheticHouseholds(NameVariants.Default, 6).Generate(3_000);
        Assert.Equal(a.Records, b.Records);
        Assert.Equal(a.EntityOf, b.EntityOf);
        Assert.Equal(a.SourceOf, b.SourceOf);
        Assert.Equal(a.People.OrderBy(kv => kv.Key, StringComparer.Ordinal), b.People.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.NotEqual(a.Records, other.Records);
    }

    [Theory]
    [InlineData(10_000, 0.2, 8_000)]
    [InlineData(2_000, 0.0, 2_000)]
    [InlineData(1_000, 0.5, 500)]
    public void GenerateHouseholds_Count_GivesTheRecordsAndPeopleAskedFor(int records, double rate, int people)
    {
        var town = new SyntheticHouseholds(NameVariants.Default, 3).Generate(records, rate);
        Assert.Equal(records, town.Records.Count);
        Assert.Equal(records, town.Records.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(people, town.People.Count);
        var perPerson = town.EntityOf.Values.GroupBy(e => e, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        Assert.Equal(people, perPerson.Count);
        Assert.All(perPerson, n => Assert.InRange(n, 1, 5));
        Assert.All(town.Records, r => Assert.True(town.People.ContainsKey(town.EntityOf[r.Id]) && town.SourceOf.ContainsKey(r.Id)));
        Assert.All(town.Records, r => Assert.True(r.Email is null && r.VehicleRegistration is null));
    }

    [Fact]
    public void GenerateHouseholds_BadArguments_Throw()
    {
        var generator = new SyntheticHouseholds(NameVariants.Default, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(100, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(100, double.NaN));
    }

    [Fact]
    public void GenerateHouseholds_Households_HoldFamiliesOfEveryKind()
    {
        var town = Town.Value;
        var roles = town.People.Values.GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.Count());
        foreach (var role in Enum.GetValues<HouseholdRole>())
        {
            Assert.True(roles.GetValueOrDefault(role) >= 50, $"{role}: {roles.GetValueOrDefault(role)}");
        }
        var households = town.People.Values.GroupBy(p => p.HouseholdId, StringComparer.Ordinal).ToList();
        Assert.InRange((double)town.People.Count / households.Count, 2.0, 3.5);
        // Adult children still at home, and every child's parents somewhere in the town.
        Assert.Contains(town.People.Values, p => p.Role == HouseholdRole.Child && AgeOf(p) >= 18);
        Assert.All(town.People.Values.Where(p => p.Role is HouseholdRole.Child or HouseholdRole.StepChild or HouseholdRole.FosterChild), p =>
        {
            Assert.True(p.MotherId is not null && town.People.ContainsKey(p.MotherId), $"{p.EntityId} has no mother in the town");
            Assert.True(p.FatherId is not null && town.People.ContainsKey(p.FatherId), $"{p.EntityId} has no father in the town");
        });
        // Some parents live apart from their children.
        Assert.Contains(town.People.Values, p => p.FatherId is not null && town.HouseholdOf(p.FatherId) != p.HouseholdId);
    }

    [Fact]
    public void GenerateHouseholds_Twins_ShareBirthFamilyAndAddressButNotFirstNameUnlessMohammed()
    {
        var town = Town.Value;
        var groups = town.People.Values.Where(p => p.TwinGroup is not null).GroupBy(p => p.TwinGroup!, StringComparer.Ordinal).ToList();
        var children = town.People.Values.Count(p => AgeOf(p) < 18);
        var twinChildren = groups.SelectMany(g => g).Count(p => AgeOf(p) < 18);
        Assert.InRange((double)twinChildren / children, 0.02, 0.05);
        Assert.All(groups, g =>
        {
            var members = g.ToList();
            Assert.InRange(members.Count, 2, 3);
            Assert.Single(members.Select(p => p.DateOfBirth).Distinct());
            Assert.Single(members.Select(p => p.Family).Distinct());
            Assert.Single(members.Select(p => p.HouseholdId).Distinct());
            Assert.Single(members.Select(p => (p.MotherId, p.FatherId)).Distinct());
            // Told apart by the first given name; brothers who are both Mohammed by the second.
            foreach (var a in members)
            {
                foreach (var b in members.Where(b => b != a && b.Given == a.Given))
                {
                    Assert.True(a.Sex == "M" && b.Sex == "M" && IsMohammed(a.Given) && a.Middle is not null && a.Middle != b.Middle,
                        $"twins {a.EntityId} and {b.EntityId}: {a.Given} {a.Middle} and {b.Given} {b.Middle}");
                }
            }
        });
        Assert.Contains(groups, g => g.Select(p => p.Given).Distinct().Count() < g.Count());
        Assert.Contains(groups, g => g.Select(p => p.Sex).Distinct().Count() == 1);
        Assert.Contains(groups, g => g.Select(p => p.Sex).Distinct().Count() == 2);

        // As written: two records of twins with the same date of birth, family name and address and different given names.
        var byEntity = RecordsByEntity(town);
        var lookalikes = 0;
        foreach (var g in groups)
        {
            var twins = g.ToList();
            lookalikes += byEntity[twins[0].EntityId].Count(a => byEntity[twins[1].EntityId].Any(b =>
                a.DateOfBirth is not null && a.DateOfBirth == b.DateOfBirth && a.Family == b.Family && a.Address is not null
                && a.Address == b.Address && a.Given != b.Given));
            Assert.Equal(PairRelationship.Twin, town.RelationshipOf(byEntity[twins[0].EntityId].First().Id, byEntity[twins[1].EntityId].First().Id));
        }
        Assert.True(lookalikes >= 10, $"{lookalikes} twin record pairs alike but for the given name");
    }

    [Fact]
    public void GenerateHouseholds_Juniors_ShareTheFathersGivenNameWithJnrOnSomeRecords()
    {
        var town = Town.Value;
        var juniors = town.People.Values.Count(p => p.FatherId is not null && p.Sex == "M" && !IsMohammed(p.Given)
            && town.People[p.FatherId].Given == p.Given && town.HouseholdOf(p.FatherId) == p.HouseholdId);
        Assert.True(juniors >= 20, $"{juniors} juniors");
        Assert.Contains(town.Records, r => r.Given?.EndsWith(" Jnr", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains(town.Records, r => r.Family?.EndsWith(" Jnr", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains(town.Records, r => (r.Given + " " + r.Family).Contains(" Snr", StringComparison.OrdinalIgnoreCase));
        // Brothers who all start with Mohammed, told apart by the second name.
        var brothers = town.People.Values.Where(p => p.Sex == "M" && IsMohammed(p.Given) && p.MotherId is not null)
            .GroupBy(p => p.MotherId!, StringComparer.Ordinal).Count(g => g.Count() >= 2 && g.Select(p => p.Middle).Distinct().Count() == g.Count());
        Assert.True(brothers >= 20, $"{brothers} sets of Mohammed brothers");
    }

    [Fact]
    public void GenerateHouseholds_StepChildren_AreRecordedUnderTwoFamilyNames()
    {
        var town = Town.Value;
        var byEntity = RecordsByEntity(town);
        var stepChildren = town.People.Values.Where(p => p.Role == HouseholdRole.StepChild).ToList();
        var householdsOf = town.People.Values.ToLookup(p => p.HouseholdId, StringComparer.Ordinal);
        // A step-sibling (or half-sibling) in the same home with another family name.
        Assert.Contains(stepChildren, c => householdsOf[c.HouseholdId].Any(o =>
            o.EntityId != c.EntityId && o.Family != c.Family && town.RelationshipBetween(c, o) == PairRelationship.HalfOrStepSibling));
        // One agency writes the step-parent's family name, another the child's own: a good share of the
        // step-children with two or more records and a step-father of another name.
        var underAnother = stepChildren.Where(c => c.OtherFamily is not null && byEntity[c.EntityId].Count() >= 2
            && householdsOf[c.HouseholdId].Any(o => o.Role == HouseholdRole.Partner && o.EntityId != c.FatherId && o.Family == c.OtherFamily)).ToList();
        var twoNames = underAnother.Count(c =>
        {
            var written = byEntity[c.EntityId].Select(r => r.Family).ToList();
            return written.Contains(c.OtherFamily) && written.Contains(c.Family);
        });
        Assert.True(underAnother.Count >= 200 && twoNames >= 0.2 * underAnother.Count, $"{twoNames} of {underAnother.Count} step-children under both names");
    }

    [Fact]
    public void GenerateHouseholds_MarriedWomen_AreRecordedUnderAnotherFamilyNameToo()
    {
        var town = Town.Value;
        var byEntity = RecordsByEntity(town);
        // Under her maiden name (or Begum...), as it is, not a typo of her married name.
        var women = town.People.Values.Where(p => p.Role == HouseholdRole.Partner && p.Sex == "F" && p.OtherFamily is not null).ToList();
        var otherName = women.Count(w => byEntity[w.EntityId].Any(r => string.Equals(r.Family, w.OtherFamily, StringComparison.OrdinalIgnoreCase)));
        Assert.True(women.Count >= 1_000 && otherName >= 0.2 * women.Count, $"{otherName} of {women.Count} women under their other family name");
        Assert.Contains(town.Records, r => r.Family is "Begum" or "BEGUM" or "Bibi" or "BIBI" or "Kauser" or "KAUSER");
        // Double-barrelled children written with one part.
        Assert.Contains(town.People.Values, p => p.Family.Contains('-', StringComparison.Ordinal)
            && byEntity[p.EntityId].Any(r => r.Family is not null && !r.Family.Contains('-', StringComparison.Ordinal) && p.Family.Contains(r.Family, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void GenerateHouseholds_Namesakes_ManyUnrelatedMohammedKhansOfOneAgeInOneDistrict()
    {
        var town = Town.Value;
        var districtOf = town.Records.Where(r => r.Postcode is not null && r.Postcode.Contains(' ', StringComparison.Ordinal))
            .GroupBy(r => town.EntityOf[r.Id], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Postcode!.Split(' ')[0], StringComparer.Ordinal);
        var khans = town.People.Values.Where(p => p.Given == "Mohammed" && p.Family == "Khan" && districtOf.ContainsKey(p.EntityId)).ToList();
        var largest = khans.GroupBy(p => districtOf[p.EntityId], StringComparer.Ordinal).MaxBy(g => g.Count())!;
        // Born within seven years of each other, and not one family.
        var ofAnAge = largest.Where(p => Math.Abs(p.DateOfBirth.Year - 1984) <= 3).ToList();
        var distinctHouseholds = ofAnAge.Select(p => p.HouseholdId).Distinct().Count();
        Assert.True(distinctHouseholds >= 10, $"{distinctHouseholds} Mohammed Khans born 1981-1987 in separate homes in {largest.Key}");
        var a = ofAnAge[0];
        var b = ofAnAge.First(p => p.HouseholdId != a.HouseholdId);
        Assert.Equal(PairRelationship.SameNameUnrelated, town.RelationshipBetween(a, b));
        // And several boys of one common English name and age.
        var jacks = town.People.Values.Count(p => p.Given == "Jack" && AgeOf(p) is >= 10 and <= 20);
        Assert.True(jacks >= 20, $"{jacks} Jacks aged 10 to 20");
    }

    [Fact]
    public void GenerateHouseholds_PartialRecords_HaveAFirstNameAndAPostcodeDistrictOnly()
    {
        var town = Town.Value;
        var partial = town.Records.Where(r => r.Family is null && r.DateOfBirth is null && r.Address is null).ToList();
        Assert.True(partial.Count >= 200, $"{partial.Count} partial records");
        Assert.All(partial, r =>
        {
            Assert.Equal(RecordSource.YouthService, town.SourceOf[r.Id]);
            Assert.False(string.IsNullOrEmpty(r.Given));
            Assert.Matches("^BD[0-9]{1,2}$", r.Postcode);
        });
    }

    [Fact]
    public void GenerateHouseholds_PlaceholderDates_AreMostlyPoliceAndYouthService()
    {
        var town = Town.Value;
        var unknown = town.Records.Where(r => r.DateOfBirth is "01/01/1900" or "1900-01-01").ToList();
        var guessed = town.Records.Where(r => r.DateOfBirth is { } d && d.StartsWith("01/01/", StringComparison.Ordinal) && d != "01/01/1900"
            && town.People[town.EntityOf[r.Id]].DateOfBirth is not { Month: 1, Day: 1 }).ToList();
        Assert.True(unknown.Count >= 30, $"{unknown.Count} records born 1900-01-01");
        Assert.True(guessed.Count >= 100, $"{guessed.Count} records with a guessed 1 January");
        var fromPoliceOrYouth = unknown.Concat(guessed).Count(r => town.SourceOf[r.Id] is RecordSource.Police or RecordSource.YouthService);
        Assert.True(fromPoliceOrYouth > 0.8 * (unknown.Count + guessed.Count), $"{fromPoliceOrYouth} of {unknown.Count + guessed.Count}");
        Assert.Contains(town.Records, r => r.DateOfBirth is { Length: 4 });
    }

    [Fact]
    public void GenerateHouseholds_NhsNumbers_AreOnePerPersonAndTheOnlyIdentifier()
    {
        var town = Town.Value;
        var numbers = town.People.Values.Select(p => p.NhsNumber).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n => Assert.True(ValidNhsNumber(n), n));
        var withIdentifier = town.Records.Where(r => r.Identifier is not null).ToList();
        Assert.All(withIdentifier, r => Assert.Matches("^[0-9]{3} ?[0-9]{3} ?[0-9]{4}$", r.Identifier));
        Assert.All(town.Records.Where(r => town.SourceOf[r.Id] == RecordSource.Nhs), r => Assert.NotNull(r.Identifier));
        Assert.DoesNotContain(town.Records, r => town.SourceOf[r.Id] == RecordSource.YouthService && r.Identifier is not null);
        var mistyped = withIdentifier.Count(r => r.Identifier!.Replace(" ", "", StringComparison.Ordinal) != town.People[town.EntityOf[r.Id]].NhsNumber);
        Assert.InRange((double)mistyped / withIdentifier.Count, 0.002, 0.03);
    }

    private static bool ValidNhsNumber(string n)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (n[i] - '0') * (10 - i);
        }
        var check = 11 - (sum % 11);
        return n.Length == 10 && check != 10 && (check == 11 ? 0 : check) == n[9] - '0';
    }

    [Fact]
    public void GenerateHouseholds_Agencies_SeePeopleOfTheirAges()
    {
        var town = Town.Value;
        var bySource = town.Records.GroupBy(r => town.SourceOf[r.Id]).ToDictionary(g => g.Key, g => g.Select(r => AgeOf(town.People[town.EntityOf[r.Id]])).ToList());
        Assert.All(Enum.GetValues<RecordSource>(), s => Assert.True(bySource.GetValueOrDefault(s)?.Count >= 1_000, $"{s}: {bySource.GetValueOrDefault(s)?.Count}"));
        Assert.All(bySource[RecordSource.School], age => Assert.InRange(age, 4, 18));
        Assert.All(bySource[RecordSource.YouthService], age => Assert.InRange(age, 11, 25));
        Assert.True(bySource[RecordSource.Police].Count(a => a >= 13) > 0.95 * bySource[RecordSource.Police].Count);
        // Police in capitals, the NHS with ISO dates, social care's "Male"/"Female".
        Assert.All(town.Records.Where(r => town.SourceOf[r.Id] == RecordSource.Police && r.Given is not null), r => Assert.Equal(r.Given!.ToUpperInvariant(), r.Given));
        Assert.All(town.Records.Where(r => town.SourceOf[r.Id] == RecordSource.Nhs), r => Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", r.DateOfBirth));
        Assert.Contains(town.Records, r => r.Address is "NFA" or "No fixed abode" or "N.F.A." or "NO FIXED ABODE" && r.Postcode is null);
    }

    [Fact]
    public void GenerateHouseholds_ChildrensRecords_CarryAParentsPhone()
    {
        var town = Town.Value;
        var byEntity = RecordsByEntity(town);
        var phonesOf = town.People.Keys.ToDictionary(e => e, e => byEntity[e].Select(r => r.Phone).OfType<string>().Select(p => p.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var sharing = town.Records.Count(r => town.SourceOf[r.Id] is RecordSource.School && r.Phone is not null
            && town.People[town.EntityOf[r.Id]] is { MotherId: { } m } && phonesOf[m].Contains(r.Phone.Replace(" ", "", StringComparison.Ordinal)));
        Assert.True(sharing >= 100, $"{sharing} school records with the mother's phone");
    }

    [Fact]
    public void GenerateHouseholds_MovesAndPlacements_PutOnePersonAtSeveralAddresses()
    {
        var town = Town.Value;
        var byEntity = RecordsByEntity(town);
        int Addresses(PersonFacts p) => byEntity[p.EntityId].Select(r => r.Postcode).OfType<string>()
            .Where(pc => pc.Length > 4).Select(pc => pc.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).Distinct().Count();
        Assert.Contains(town.People.Values, p => p.Role == HouseholdRole.FosterChild && Addresses(p) >= 2);
        Assert.True(town.People.Values.Count(p => p.Role != HouseholdRole.FosterChild && Addresses(p) >= 2) >= 200);
    }

    [Fact]
    public void RelationshipOf_ConstructedTown_GivesEachCategoryInOrder()
    {
        PersonFacts Person(string id, string household, HouseholdRole role, string given, string family, string? mother = null, string? father = null, string? twins = null) =>
            new(id, household, role, mother, father, twins) { Given = given, Family = family };
        var people = new[]
        {
            Person("grandmother", "h1", HouseholdRole.Grandparent, "Zainab", "Khan"),
            Person("father", "h1", HouseholdRole.Head, "Mohammed", "Khan", mother: "grandmother"),
            Person("mother", "h1", HouseholdRole.Partner, "Ayesha", "Khan"),
            Person("twin1", "h1", HouseholdRole.Child, "Hassan", "Khan", "mother", "father", "t1"),
            Person("twin2", "h1", HouseholdRole.Child, "Hussain", "Khan", "mother", "father", "t1"),
            Person("son", "h1", HouseholdRole.Child, "Mohammed", "Khan", "mother", "father"),
            Person("her-daughter", "h1", HouseholdRole.StepChild, "Sara", "Ali", "mother", "her-ex"),
            Person("his-son", "h1", HouseholdRole.StepChild, "Bilal", "Khan", "his-ex", "father"),
            Person("lodger", "h1", HouseholdRole.Housemate, "Tomasz", "Nowak"),
            Person("her-ex", "h2", HouseholdRole.SingleAdult, "Imran", "Ali"),
            Person("his-ex", "h3", HouseholdRole.SingleAdult, "Sana", "Malik"),
            Person("namesake", "h4", HouseholdRole.SingleAdult, "MOHAMMED", "khan"),
            Person("other-spelling", "h5", HouseholdRole.SingleAdult, "Muhammad", "Khan"),
        };
        var records = people.Select(p => new PersonRecord("r-" + p.EntityId)).Append(new PersonRecord("r-father-2")).ToList();
        var entityOf = people.ToDictionary(p => "r-" + p.EntityId, p => p.EntityId);
        entityOf["r-father-2"] = "father";
        var town = new HouseholdPopulation(records, entityOf, people.ToDictionary(p => p.EntityId), records.ToDictionary(r => r.Id, _ => RecordSource.Nhs));

        PairRelationship Of(string a, string b) => town.RelationshipOf("r-" + a, "r-" + b);
        Assert.Equal(PairRelationship.SamePerson, Of("father", "father-2"));
        Assert.Equal(PairRelationship.Twin, Of("twin1", "twin2"));
        Assert.Equal(PairRelationship.Sibling, Of("twin1", "son"));
        Assert.Equal(PairRelationship.HalfOrStepSibling, Of("son", "her-daughter"));
        Assert.Equal(PairRelationship.HalfOrStepSibling, Of("son", "his-son"));
        Assert.Equal(PairRelationship.HalfOrStepSibling, Of("her-daughter", "his-son"));
        Assert.Equal(PairRelationship.ParentChild, Of("father", "son"));
        Assert.Equal(PairRelationship.ParentChild, Of("son", "mother"));
        Assert.Equal(PairRelationship.ParentChild, Of("father", "her-daughter"));
        Assert.Equal(PairRelationship.ParentChild, Of("her-ex", "her-daughter"));
        Assert.Equal(PairRelationship.ParentChild, Of("grandmother", "father"));
        Assert.Equal(PairRelationship.GrandparentGrandchild, Of("grandmother", "twin2"));
        Assert.Equal(PairRelationship.Partners, Of("mother", "father"));
        Assert.Equal(PairRelationship.SameHouseholdOther, Of("lodger", "son"));
        Assert.Equal(PairRelationship.SameHouseholdOther, Of("grandmother", "mother"));
        Assert.Equal(PairRelationship.SameNameUnrelated, Of("namesake", "father"));
        Assert.Equal(PairRelationship.SameNameUnrelated, Of("son", "namesake"));
        Assert.Equal(PairRelationship.Unrelated, Of("other-spelling", "namesake"));
        Assert.Equal(PairRelationship.Unrelated, Of("her-ex", "his-ex"));
        Assert.Equal("h1", town.HouseholdOf("his-son"));
    }

    [Fact]
    public void RelationshipOf_GeneratedTown_AgreesWithTheFacts()
    {
        var town = Town.Value;
        var byEntity = RecordsByEntity(town);
        string RecordOf(string entity) => byEntity[entity].First().Id;
        var children = town.People.Values.Where(p => p.Role == HouseholdRole.Child && p.TwinGroup is null).Take(500).ToList();
        Assert.All(children, c =>
        {
            Assert.Equal(PairRelationship.ParentChild, town.RelationshipOf(RecordOf(c.EntityId), RecordOf(c.MotherId!)));
            Assert.Equal(PairRelationship.ParentChild, town.RelationshipOf(RecordOf(c.FatherId!), RecordOf(c.EntityId)));
        });
        var grandchildren = town.People.Values.Where(p => p.FatherId is not null && town.People[p.FatherId].MotherId is not null).Take(100).ToList();
        Assert.NotEmpty(grandchildren);
        Assert.All(grandchildren, c => Assert.Equal(PairRelationship.GrandparentGrandchild,
            town.RelationshipOf(RecordOf(town.People[c.FatherId!].MotherId!), RecordOf(c.EntityId))));

        // Every pair inside a household, for a sample of households: the couple are partners, twins twins, children
        // of one mother and father siblings, and no two people of one home unrelated.
        var households = town.People.Values.GroupBy(p => p.HouseholdId, StringComparer.Ordinal).Where(g => g.Count() >= 2).Take(3_000).ToList();
        var seen = new HashSet<PairRelationship>();
        foreach (var home in households)
        {
            var members = home.ToList();
            foreach (var a in members)
            {
                foreach (var b in members.Where(b => string.CompareOrdinal(a.EntityId, b.EntityId) < 0))
                {
                    var relationship = town.RelationshipOf(RecordOf(a.EntityId), RecordOf(b.EntityId));
                    seen.Add(relationship);
                    var pair = $"{a.EntityId} ({a.Role}) and {b.EntityId} ({b.Role}) of {home.Key}";
                    Assert.True(relationship is not (PairRelationship.Unrelated or PairRelationship.SameNameUnrelated or PairRelationship.SamePerson), $"{pair}: {relationship}");
                    if (a.Role is HouseholdRole.Head or HouseholdRole.Partner && b.Role is HouseholdRole.Head or HouseholdRole.Partner)
                    {
                        Assert.True(relationship == PairRelationship.Partners, $"{pair}: {relationship}");
                    }
                    else if (a.TwinGroup is not null && a.TwinGroup == b.TwinGroup)
                    {
                        Assert.True(relationship == PairRelationship.Twin, $"{pair}: {relationship}");
                    }
                    else if (a.MotherId is not null && a.MotherId == b.MotherId && a.FatherId is not null && a.FatherId == b.FatherId)
                    {
                        Assert.True(relationship == PairRelationship.Sibling, $"{pair}: {relationship}");
                    }
                }
            }
        }
        Assert.Superset(new HashSet<PairRelationship>
        {
            PairRelationship.Partners, PairRelationship.Twin, PairRelationship.Sibling, PairRelationship.HalfOrStepSibling,
            PairRelationship.ParentChild, PairRelationship.GrandparentGrandchild, PairRelationship.SameHouseholdOther,
        }, seen);
    }

    [Fact]
    public void GenerateHouseholds_Parents_WereAtLeast16AtEachBirth()
    {
        var town = Town.Value;
        var births = 0;
        foreach (var child in town.People.Values)
        {
            foreach (var parentId in (ReadOnlySpan<string?>)[child.MotherId, child.FatherId])
            {
                if (parentId is not null)
                {
                    var parent = town.People[parentId];
                    births++;
                    Assert.True(SyntheticTown.Age(parent.DateOfBirth, child.DateOfBirth) >= 16,
                        $"{parent.EntityId} ({parent.Sex}, born {parent.DateOfBirth}) was under 16 when {child.EntityId} was born on {child.DateOfBirth}");
                }
            }
        }
        Assert.True(births >= 20_000, $"{births} births");
        // A father who lives apart is, like most fathers, mostly the older parent.
        var apart = town.People.Values.Where(p => p is { MotherId: not null, FatherId: not null } && town.HouseholdOf(p.FatherId) != p.HouseholdId).ToList();
        var older = apart.Count(p => town.People[p.FatherId!].DateOfBirth < town.People[p.MotherId!].DateOfBirth);
        Assert.True(apart.Count >= 1_000 && older > 0.6 * apart.Count, $"{older} of {apart.Count} fathers living apart older than the mother");
    }

    [Fact]
    public void GenerateHouseholds_ChildrenOfOneHome_EachHaveTheirOwnFirstName()
    {
        var town = Town.Value;
        var homes = town.People.Values.Where(p => p.Role is HouseholdRole.Child or HouseholdRole.StepChild)
            .GroupBy(p => p.HouseholdId, StringComparer.Ordinal).ToList();
        // Half-siblings (one mother, two fathers) and step-siblings grow up together in many of them.
        var halfSiblings = homes.Count(g => g.GroupBy(p => p.MotherId, StringComparer.Ordinal).Any(m => m.Select(p => p.FatherId).Distinct(StringComparer.Ordinal).Count() > 1));
        Assert.True(halfSiblings >= 100, $"{halfSiblings} homes with half-siblings");
        // Only brothers called Mohammed share a first given name (a junior shares his father's, not a brother's).
        Assert.All(homes, home =>
        {
            foreach (var name in home.GroupBy(p => p.Given, StringComparer.Ordinal).Where(n => n.Count() > 1))
            {
                Assert.True(name.All(p => p.Sex == "M" && IsMohammed(p.Given)),
                    $"{home.Key}: {string.Join(", ", name.Select(p => $"{p.EntityId} {p.Given} {p.Middle} {p.Family}"))}");
            }
        });
    }

    [Fact]
    public void TownBuilder_OtherFamilyNames_AreNeverTheFamilyNameAndFaithNamesFollowTheFinalOne()
    {
        var people = new TownBuilder(new Random(7), NameVariants.Default).Build(40_000);
        Assert.DoesNotContain(people, p => p.OtherFamily is { } other && NameText.Fold(other) == NameText.Fold(p.Family));
        Assert.Contains(people, p => p.OtherKind == OtherFamilyKind.Maiden);
        Assert.Contains(people, p => p.OtherKind == OtherFamilyKind.StepFamily);
        // Singh or Kaur only for a Sikh family name the person still has, and for every such person without another name.
        var sikh = people.Where(p => p.Community.Origin == Origin.Indian && p.Family is "Gill" or "Sandhu" or "Sidhu").ToList();
        Assert.True(sikh.Count >= 50, $"{sikh.Count} Gills, Sandhus and Sidhus");
        Assert.All(people.Where(p => p.OtherKind == OtherFamilyKind.Faith), p =>
            Assert.True(p.Family is "Gill" or "Sandhu" or "Sidhu" && p.OtherFamily == (p.Male ? "Singh" : "Kaur"), $"{p.Given} {p.Family} / {p.OtherFamily}"));
        Assert.All(sikh, p => Assert.NotEqual(OtherFamilyKind.None, p.OtherKind));
    }
}
