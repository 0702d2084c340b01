using System.Globalization;
using Lantern.Linking.Text;

namespace Lantern.Linking.Synthetic;

/// <summary>
/// Makes the households of the synthetic town one at a time until it holds the people asked for. Parents are
/// always made before their children, so cutting the last household short leaves nobody pointing at a parent
/// who was never made.
/// </summary>
internal sealed class TownBuilder
{
    private enum Kind
    {
        Single,
        Couple,
        Family,
        SingleParent,
        StepFamily,
        ThreeGenerations,
        Foster,
        HouseShare,
    }

    private readonly Random _random;
    private readonly DateOnly _today;
    private readonly NameVariants _variants;
    private readonly List<Resident> _people = [];
    private readonly long _nhsOffset;
    private readonly double[][] _districts;
    private readonly WeightedNames[] _male;
    private readonly WeightedNames[] _female;
    private readonly WeightedNames[] _family;
    private readonly string[][] _secondNames;
    private readonly Dictionary<string, string[]> _shortForms = new(StringComparer.Ordinal);
    private readonly string[] _streets = [.. SyntheticTown.Streets.Select(SyntheticTown.Title)];
    private int _households;
    private int _twinGroups;

    /// <summary>A builder drawing on <paramref name="random"/> and the name lists; the town is as it is on <paramref name="today"/> (default <see cref="SyntheticHouseholds.ReferenceDate"/>).</summary>
    public TownBuilder(Random random, NameVariants variants, DateOnly? today = null)
    {
        _random = random;
        _today = today ?? SyntheticHouseholds.ReferenceDate;
        _variants = variants;
        _nhsOffset = random.NextInt64(100_000_000);
        var communities = SyntheticTown.Communities;
        _districts = [.. communities.Select(c => SyntheticTown.Cumulative(SyntheticTown.DistrictWeights(c.Origin)))];
        _male = [.. communities.Select(c => c.Origin == Origin.English ? new WeightedNames(SyntheticTown.EnglishMale) : new WeightedNames(c.Male))];
        _female = [.. communities.Select(c => c.Origin == Origin.English ? new WeightedNames(SyntheticTown.EnglishFemale) : new WeightedNames(c.Female))];
        _family = [.. communities.Select(c => new WeightedNames(c.Family))];
        _secondNames = [.. communities.Select(c => c.Male.Where(n => n is not "muhammad" and not "mohammed").Select(SyntheticTown.Title).ToArray())];
    }

    /// <summary>Households until there are <paramref name="count"/> people; the last household may be cut short.</summary>
    public List<Resident> Build(int count)
    {
        while (_people.Count < count)
        {
            AddHousehold();
        }
        if (_people.Count > count)
        {
            _people.RemoveRange(count, _people.Count - count);
        }
        return Finish();
    }

    /// <summary>
    /// Whole households until <paramref name="wanted"/> people for whom <paramref name="counts"/> holds, after a
    /// large family of many children (<paramref name="largeFamily"/>); the last household is never cut short.
    /// </summary>
    public List<Resident> BuildUntil(Func<Resident, bool> counts, int wanted, bool largeFamily)
    {
        if (largeFamily)
        {
            LargeFamily();
        }
        var found = _people.Count(counts);
        while (found < wanted)
        {
            var before = _people.Count;
            AddHousehold();
            for (var i = before; i < _people.Count; i++)
            {
                found += counts(_people[i]) ? 1 : 0;
            }
        }
        return Finish();
    }

    /// <summary>A family of many brothers and sisters at home together: parents about forty, eight or nine births.</summary>
    private void LargeFamily() =>
        Family(SyntheticTown.Communities[Chance(0.5) ? (int)Origin.Pakistani : (int)Origin.English], threeGenerations: false, births: 8 + _random.Next(2),
            fatherBorn: _today.AddYears(-40).AddDays(-_random.Next(3 * 365)));

    private List<Resident> Finish()
    {
        // Some agencies write Singh or Kaur for a Sikh family name: set once every family name is final.
        foreach (var p in _people)
        {
            if (p.Community.Origin == Origin.Indian && p.Family is "Gill" or "Sandhu" or "Sidhu" && p.OtherKind == OtherFamilyKind.None)
            {
                SetOther(p, p.Male ? "Singh" : "Kaur", OtherFamilyKind.Faith);
            }
        }
        return _people;
    }

    private void AddHousehold()
    {
        var c = PickCommunity();
        // Single, couple, family, single parent, step-family, three generations, foster, house share.
        double[] weights = c.Origin switch
        {
            Origin.English => [0.24, 0.17, 0.22, 0.13, 0.09, 0.03, 0.03, 0.09],
            Origin.Pakistani or Origin.Bangladeshi => [0.07, 0.08, 0.45, 0.06, 0.02, 0.26, 0.01, 0.05],
            Origin.Indian or Origin.Arab => [0.12, 0.14, 0.40, 0.06, 0.03, 0.18, 0.01, 0.06],
            Origin.Polish => [0.20, 0.18, 0.30, 0.08, 0.05, 0.03, 0.01, 0.15],
            Origin.AfricanCaribbean => [0.20, 0.12, 0.25, 0.22, 0.08, 0.03, 0.02, 0.08],
            Origin.Roma => [0.08, 0.10, 0.45, 0.12, 0.05, 0.15, 0.01, 0.04],
            _ => throw new InvalidOperationException($"No household mix for {c.Origin}"),
        };
        switch ((Kind)PickWeighted(weights))
        {
            case Kind.Single:
                Single(c);
                break;
            case Kind.Couple:
                Couple(c);
                break;
            case Kind.Family:
                Family(c, threeGenerations: false);
                break;
            case Kind.SingleParent:
                SingleParent(c);
                break;
            case Kind.StepFamily:
                StepFamily(c);
                break;
            case Kind.ThreeGenerations:
                Family(c, threeGenerations: true);
                break;
            case Kind.Foster:
                Foster(c);
                break;
            case Kind.HouseShare:
                HouseShare(c);
                break;
            default:
                throw new InvalidOperationException("Unknown household kind");
        }
    }

    private void Single(Community c)
    {
        var male = Chance(0.5);
        var cluster = male ? Cluster(c) : null;
        var district = cluster?.District ?? District(c);
        var dob = cluster is { } k ? BornIn(k.Year + _random.Next(-3, 4)) : BornAged(18, 90);
        var home = NewHome(district, flat: 0.3, landline: Age(dob) >= 65 ? 0.5 : 0.08);
        var person = Add(c, male, dob, _households++, HouseholdRole.SingleAdult, home);
        if (cluster is { } named)
        {
            Namesake(person, named);
        }
        MaybeMove([person], 0.2);
    }

    private void Couple(Community c)
    {
        var household = _households++;
        var sameSex = Chance(0.05);
        var cluster = Cluster(c);
        var district = cluster?.District ?? District(c);
        var headDob = cluster is { } k ? BornIn(k.Year + _random.Next(-3, 4)) : BornAged(20, 88);
        var home = NewHome(district, flat: 0.1, landline: Age(headDob) >= 60 ? 0.5 : 0.15);
        var head = Add(c, male: true, headDob, household, HouseholdRole.Head, home);
        if (cluster is { } named)
        {
            Namesake(head, named);
        }
        var partner = Add(PartnerCommunity(c), male: sameSex, PartnerDob(headDob, partnerMale: sameSex), household, HouseholdRole.Partner, home);
        if (!sameSex)
        {
            MaybeMarry(head, partner);
        }
        MaybeMove([head, partner], 0.12);
    }

    private void Family(Community c, bool threeGenerations, int? births = null, DateOnly? fatherBorn = null)
    {
        var household = _households++;
        var cluster = fatherBorn is null ? Cluster(c) : null;
        var district = cluster?.District ?? District(c);
        var fatherDob = fatherBorn ?? (cluster is { } k ? BornIn(k.Year + _random.Next(-3, 4)) : BornAged(23, 60));
        var motherDob = PartnerDob(fatherDob, partnerMale: false);
        var home = NewHome(district, flat: 0.05, landline: 0.2);
        var members = new List<Resident>();

        // Grandparents living with the family: the father's parents in South Asian families, either side otherwise.
        var paternal = c.Origin is Origin.Pakistani or Origin.Bangladeshi or Origin.Indian || Chance(0.5);
        Resident? grandmother = null;
        Resident? grandfather = null;
        string? grandmotherMaiden = null;
        if (threeGenerations)
        {
            var childDob = paternal ? fatherDob : motherDob;
            var grandfatherDob = childDob.AddDays(-_random.Next(22 * 365, 36 * 365));
            var both = Chance(0.7);
            if (both || Chance(0.3))
            {
                grandfather = Add(c, male: true, grandfatherDob, household, HouseholdRole.Grandparent, home);
                members.Add(grandfather);
            }
            if (both || grandfather is null)
            {
                var grandmotherDob = PartnerDob(grandfatherDob, partnerMale: false);
                if (grandmotherDob > childDob.AddYears(-17))
                {
                    grandmotherDob = childDob.AddYears(-17).AddDays(-_random.Next(6 * 365));
                }
                grandmother = Add(c, male: false, grandmotherDob, household, HouseholdRole.Grandparent, home);
                if (grandfather is not null)
                {
                    grandmother.Family = grandfather.Family;
                    grandmotherMaiden = PickFamily(c);
                }
                members.Add(grandmother);
            }
        }
        var father = Add(c, male: true, fatherDob, household, HouseholdRole.Head, home);
        if (cluster is { } named)
        {
            Namesake(father, named);
        }
        var mother = Add(PartnerCommunity(c), male: false, motherDob, household, HouseholdRole.Partner, home);
        var elders = grandfather ?? grandmother;
        if (elders is not null)
        {
            var child = paternal ? father : mother;
            child.Mother = grandmother?.Index ?? -1;
            child.Father = grandfather?.Index ?? -1;
            if (paternal)
            {
                // The father's parents share his family name (a namesake's too).
                foreach (var elder in members)
                {
                    elder.Family = father.Family;
                }
            }
            else
            {
                mother.Family = elders.Family;
            }
        }
        if (grandmother is not null)
        {
            SetOther(grandmother, grandmotherMaiden, OtherFamilyKind.Maiden);
        }
        members.Add(father);
        members.Add(mother);
        var married = MaybeMarry(father, mother);
        var naming = ChildNaming(father, mother, married);
        var southAsian = c.Origin is Origin.Pakistani or Origin.Bangladeshi;
        var wanted = births ?? (southAsian ? 2 + _random.Next(5) : 1 + PickWeighted([0.35, 0.4, 0.18, 0.07]));
        var firstBirth = motherDob.AddDays(_random.Next((southAsian ? 19 : 20) * 365, (southAsian ? 28 : 33) * 365));
        var children = new List<Resident>();
        Children(mother, father, firstBirth, wanted, naming, household, HouseholdRole.Child, home, children);
        members.AddRange(children);
        if (Chance(0.03))
        {
            members.Add(Add(PickCommunity(), Chance(0.6), BornAged(19, 55), household, HouseholdRole.Housemate, home));
        }
        SetContacts(members, mother, father);
        MaybeMove(members, 0.12);
    }

    private void SingleParent(Community c)
    {
        var household = _households++;
        var district = District(c);
        var parentMale = Chance(0.15);
        var parentDob = BornAged(19, 50);
        // The other parent (or two, for half-siblings) lives elsewhere in the town: made first.
        var absentA = AbsentParent(c, !parentMale, PartnerDob(parentDob, partnerMale: !parentMale), district);
        var absentB = !parentMale && Chance(0.25) ? AbsentParent(PartnerCommunity(c), male: true, PartnerDob(parentDob, partnerMale: true), district) : null;
        var home = NewHome(district, flat: 0.15, landline: 0.12);
        var parent = Add(c, parentMale, parentDob, household, HouseholdRole.Head, home);
        var members = new List<Resident> { parent };
        var mother = parentMale ? absentA : parent;
        var father = parentMale ? parent : absentA;
        if (!parentMale && Chance(0.25))
        {
            // Once married to the first child's father, she kept his name.
            var maiden = parent.Family;
            parent.Family = father.Family;
            SetOther(parent, maiden, OtherFamilyKind.Maiden);
        }
        var naming = parentMale ? new ChildFamilyName(father.Family) : SingleMotherNaming(father, mother);
        var firstBirth = mother.DateOfBirth.AddDays(_random.Next(18 * 365, 32 * 365));
        var children = new List<Resident>();
        Children(mother, father, firstBirth, 1 + PickWeighted([0.45, 0.35, 0.15, 0.05]), naming, household, HouseholdRole.Child, home, children);
        if (absentB is not null)
        {
            // Her children by a later partner: half-siblings of the first, with first names of their own.
            var after = children.Count > 0 ? children[^1].DateOfBirth.AddDays(_random.Next(365, 4 * 365)) : firstBirth;
            Children(parent, absentB, after, 1 + _random.Next(2), SingleMotherNaming(absentB, parent), household, HouseholdRole.Child, home, children);
        }
        members.AddRange(children);
        SetContacts(members, mother, father);
        MaybeMove(members, 0.15);
    }

    private void StepFamily(Community c)
    {
        var household = _households++;
        var district = District(c);
        var motherDob = BornAged(24, 50);
        var stepFatherDob = PartnerDob(motherDob, partnerMale: true);
        var exPartner = AbsentParent(c, male: true, PartnerDob(motherDob, partnerMale: true), district);
        var stepFatherCommunity = PartnerCommunity(c);
        var hisEx = Chance(0.3) ? AbsentParent(stepFatherCommunity, male: false, PartnerDob(stepFatherDob, partnerMale: false), district) : null;
        var home = NewHome(district, flat: 0.05, landline: 0.15);
        var mother = Add(c, male: false, motherDob, household, HouseholdRole.Head, home);
        var stepFather = Add(stepFatherCommunity, male: true, stepFatherDob, household, HouseholdRole.Partner, home);
        var members = new List<Resident> { mother, stepFather };
        var maiden = mother.Family;
        if (Chance(0.45))
        {
            mother.Family = stepFather.Family;
            SetOther(mother, maiden, OtherFamilyKind.Maiden);
        }

        // Her children by her former partner: their own family name, the step-father's on some agencies' records;
        // his by his, and theirs together. All of them grow up in one home, each with a first name of their own.
        var children = new List<Resident>();
        var hers = new ChildFamilyName(Chance(0.7) ? exPartner.Family : maiden, stepFather.Family, OtherFamilyKind.StepFamily);
        var herFirst = motherDob.AddDays(_random.Next(18 * 365, 29 * 365));
        Children(mother, exPartner, herFirst, 1 + PickWeighted([0.5, 0.35, 0.15]), hers, household, HouseholdRole.StepChild, home, children);
        var herLast = children.Count > 0 ? children[^1] : null;
        if (hisEx is not null)
        {
            var hisFirst = hisEx.DateOfBirth.AddDays(_random.Next(19 * 365, 30 * 365));
            Children(hisEx, stepFather, hisFirst, 1 + _random.Next(2), new ChildFamilyName(stepFather.Family), household, HouseholdRole.StepChild, home, children);
        }
        if (Chance(0.55))
        {
            var jointFirst = herLast is not null ? herLast.DateOfBirth.AddDays(_random.Next(365, 4 * 365)) : herFirst.AddDays(3 * 365);
            Children(mother, stepFather, jointFirst, 1 + _random.Next(2), new ChildFamilyName(stepFather.Family), household, HouseholdRole.Child, home, children);
        }
        members.AddRange(children);
        SetContacts(members, mother, stepFather);
        MaybeMove(members, 0.15);
    }

    private void Foster(Community c)
    {
        // Each group of looked-after children has a birth mother and father somewhere in the town, made first.
        var groups = 1 + (Chance(0.3) ? 1 : 0);
        var births = new List<(Resident Mother, Resident Father)>();
        for (var g = 0; g < groups; g++)
        {
            var birthCommunity = Chance(0.6) ? PickCommunity() : c;
            var birthDistrict = District(birthCommunity);
            var birthMother = AbsentParent(birthCommunity, male: false, BornAged(24, 45), birthDistrict);
            var birthFather = AbsentParent(birthCommunity, male: true, PartnerDob(birthMother.DateOfBirth, partnerMale: true), birthDistrict);
            births.Add((birthMother, birthFather));
        }
        var household = _households++;
        var home = NewHome(District(c), flat: 0, landline: 0.5);
        var carerDob = BornAged(35, 65);
        var carer = Add(c, male: true, carerDob, household, HouseholdRole.Head, home);
        var partner = Add(c, male: false, PartnerDob(carerDob, partnerMale: false), household, HouseholdRole.Partner, home);
        var members = new List<Resident> { carer, partner };
        var married = MaybeMarry(carer, partner);
        if (Chance(0.5))
        {
            var first = partner.DateOfBirth.AddDays(_random.Next(22 * 365, 34 * 365));
            var own = new List<Resident>();
            Children(partner, carer, first, 1 + _random.Next(2), ChildNaming(carer, partner, married), household, HouseholdRole.Child, home, own);
            members.AddRange(own);
        }
        foreach (var (birthMother, birthFather) in births)
        {
            var naming = new ChildFamilyName(Chance(0.6) ? birthFather.Family : birthMother.Family);
            // Placed children are mostly of school age; the first born is between 0 and 15 years ago.
            var first = _today.AddDays(-_random.Next(30, 15 * 365));
            if (first < birthMother.DateOfBirth.AddYears(16))
            {
                first = birthMother.DateOfBirth.AddYears(16 + _random.Next(4));
            }
            // Brothers and sisters placed together; named by their birth family, not after the carers' children.
            var placed = new List<Resident>();
            Children(birthMother, birthFather, first, 1 + PickWeighted([0.55, 0.3, 0.15]), naming, household, HouseholdRole.FosterChild, home, placed);
            foreach (var child in placed)
            {
                // Looked-after children move: agencies hold their birth family's address or an earlier placement.
                child.PastHomes = Chance(0.4) ? [birthMother.Home, NewHome(District(c), flat: 0.1, landline: 0.3)] : [birthMother.Home];
                child.Contact = partner.Mobile ?? carer.Mobile ?? home.Landline;
            }
            members.AddRange(placed);
        }
        SetContacts(members, partner, carer);
    }

    private void HouseShare(Community c)
    {
        var household = _households++;
        var home = NewHome(District(c), flat: 0.5, landline: 0.05);
        var count = 2 + PickWeighted([0.4, 0.3, 0.2, 0.1]);
        var members = new List<Resident>();
        for (var i = 0; i < count; i++)
        {
            var community = i == 0 || Chance(0.5) ? c : PickCommunity();
            members.Add(Add(community, Chance(0.55), BornAged(19, 40), household, HouseholdRole.Housemate, home));
        }
        MaybeMove(members, 0.3);
    }

    /// <summary>A parent who does not live with the children: a single adult with a home of their own, near by or not.</summary>
    private Resident AbsentParent(Community c, bool male, DateOnly dob, int nearDistrict)
    {
        if (Age(dob) < 18)
        {
            dob = _today.AddYears(-18 - _random.Next(5));
        }
        var district = Chance(0.6) ? nearDistrict : District(c);
        var home = NewHome(district, flat: 0.3, landline: 0.08);
        var person = Add(c, male, dob, _households++, HouseholdRole.SingleAdult, home);
        MaybeMove([person], 0.25);
        return person;
    }

    /// <summary>The family name children are given, and another that some agencies write for them.</summary>
    private readonly record struct ChildFamilyName(string Family, string? Other = null, OtherFamilyKind Kind = OtherFamilyKind.None);

    /// <summary>
    /// Births to a mother from <paramref name="from"/>, one to a few years apart, with the odd twins or triplets,
    /// and never to a parent under 16; a grown-up child who has left home is not made, one still at home is. The
    /// children made are added to <paramref name="children"/>, the household's children so far (half-siblings
    /// among them), whose first given names they do not take unless they are brothers called Mohammed.
    /// </summary>
    private void Children(Resident mother, Resident father, DateOnly from, int wanted, ChildFamilyName naming,
        int household, HouseholdRole role, Home home, List<Resident> children)
    {
        var community = Chance(0.9) ? father.Community : mother.Community;
        var southAsian = community.Origin is Origin.Pakistani or Origin.Bangladeshi;
        // In many South Asian families every son's first given name is Mohammed, told apart by the second.
        var mohammedFather = Array.IndexOf(SyntheticTown.Mohammed, father.Given) >= 0;
        var mohammedSons = father.Community.Origin is Origin.Pakistani or Origin.Bangladeshi or Origin.Arab && Chance(mohammedFather ? 0.6 : 0.15);
        var spelling = mohammedFather ? father.Given : PickMohammed();
        var juniorTaken = false;
        var date = from;
        // A father younger than the mother has his first child at 16 or later.
        var fatherAt16 = father.DateOfBirth.AddYears(16);
        if (date < fatherAt16)
        {
            date = fatherAt16.AddDays(_random.Next(365));
        }
        for (var b = 0; b < wanted && date < _today.AddDays(-30) && SyntheticTown.Age(mother.DateOfBirth, date) <= 44; b++)
        {
            var multiple = Chance(0.016) ? (Chance(0.03) ? 3 : 2) : 1;
            var age = Age(date);
            var stays = age < 18 || Chance(age switch
            {
                <= 21 => southAsian ? 0.9 : 0.7,
                <= 25 => southAsian ? 0.7 : 0.4,
                <= 29 => southAsian ? 0.35 : 0.15,
                _ => 0.02,
            });
            if (stays)
            {
                var group = multiple > 1 ? _twinGroups++ : -1;
                var firstSex = Chance(0.51);
                var identical = Chance(1.0 / 3);
                Resident? first = null;
                for (var k = 0; k < multiple; k++)
                {
                    var male = k == 0 || identical ? firstSex : Chance(0.51);
                    var mohammed = male && mohammedSons;
                    // A junior: the father's given name (a girl now and then has her mother's), never a sibling's.
                    var namesake = male ? father : mother;
                    var junior = !mohammed && !juniorTaken && !southAsian && Chance(male ? 0.07 : 0.02)
                        && !children.Any(s => s.Given == namesake.Given);
                    var child = Add(community, male, date, household, role, home, naming, named: !mohammed && !junior);
                    child.Mother = mother.Index;
                    child.Father = father.Index;
                    child.TwinGroup = group;
                    if (mohammed)
                    {
                        child.Given = spelling;
                        child.Middle = SecondName(child.Community, children, first);
                        child.KnownAs = child.Middle;
                    }
                    else if (junior)
                    {
                        juniorTaken = true;
                        child.Given = namesake.Given;
                        // A son sometimes has his father's middle name too.
                        child.Middle = male && Chance(0.5) ? father.Middle : MiddleName(child);
                        child.KnownAs = namesake.KnownAs;
                        if (male)
                        {
                            child.Suffix = NameSuffix.Junior;
                            father.Suffix = NameSuffix.Senior;
                        }
                    }
                    else
                    {
                        GiveDistinctName(child, children, first);
                    }
                    children.Add(child);
                    first ??= child;
                }
            }
            date = date.AddDays(_random.Next(13 * 30, 5 * 365));
        }
    }

    // Siblings get different names; twins now and then share an initial (Jack and James).
    private void GiveDistinctName(Resident child, List<Resident> siblings, Resident? twin)
    {
        var sameInitial = twin is not null && Chance(0.3);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (!siblings.Any(s => s.Given == child.Given) && (!sameInitial || attempt >= 8 || child.Given[0] == twin!.Given[0]))
            {
                return;
            }
            Name(child);
        }
        // A small community's short list can run out of luck: take the first name no sibling has.
        var names = GivenNames(child).All;
        var free = Array.Find(names, n => !siblings.Any(s => s.Given == n));
        if (free is not null && siblings.Any(s => s.Given == child.Given))
        {
            child.Given = free;
            child.KnownAs = null;
            child.Middle = child.Middle == free ? null : child.Middle;
        }
    }

    private string SecondName(Community c, List<Resident> siblings, Resident? twin)
    {
        var names = SecondNames(c);
        var name = Pick(names);
        for (var attempt = 0; attempt < 8 && (siblings.Any(s => s.Middle == name) || (twin is not null && twin.Middle == name)); attempt++)
        {
            name = Pick(names);
        }
        return name;
    }

    // The names that follow Mohammed: the community's other boys' names.
    private string[] SecondNames(Community c) => _secondNames[(int)c.Origin];

    private ChildFamilyName ChildNaming(Resident father, Resident mother, bool married)
    {
        if (married || father.Community.Origin is Origin.Pakistani or Origin.Bangladeshi or Origin.Indian or Origin.Arab)
        {
            return new(father.Family);
        }
        var mixed = father.Community != mother.Community;
        var roll = _random.NextDouble();
        return roll < (mixed ? 0.35 : 0.2) ? DoubleBarrelled(father.Family, mother.Family)
            : roll < 0.8 ? new(father.Family)
            : new(mother.Family);
    }

    private ChildFamilyName SingleMotherNaming(Resident father, Resident mother)
    {
        var roll = _random.NextDouble();
        return roll < 0.45 ? new(father.Family)
            : roll < 0.9 ? new(mother.OtherKind == OtherFamilyKind.Maiden ? mother.OtherFamily! : mother.Family)
            : DoubleBarrelled(father.Family, mother.Family);
    }

    // Written with a hyphen, which is what makes a child's name double-barrelled (see Add).
    private static ChildFamilyName DoubleBarrelled(string a, string b) =>
        new(a == b || a.Contains('-', StringComparison.Ordinal) || b.Contains('-', StringComparison.Ordinal) ? a : $"{a}-{b}");

    /// <summary>Married couples share the husband's family name; agencies still hold her maiden name or, for a South Asian woman, Begum or Bibi.</summary>
    private bool MaybeMarry(Resident husband, Resident wife)
    {
        var share = husband.Community.Origin switch
        {
            Origin.Pakistani or Origin.Bangladeshi or Origin.Indian or Origin.Arab => 0.97,
            Origin.Polish or Origin.Roma => 0.75,
            Origin.AfricanCaribbean => 0.45,
            _ => 0.55,
        };
        if (!Chance(share))
        {
            return false;
        }
        var southAsian = wife.Community.Origin is Origin.Pakistani or Origin.Bangladeshi;
        var (other, kind) = southAsian && Chance(wife.Community.Origin == Origin.Bangladeshi ? 0.8 : 0.5)
            ? (wife.Community.Origin == Origin.Bangladeshi ? (Chance(0.7) ? "Begum" : "Khatun") : Pick(SyntheticTown.WomensFamilyTitles), OtherFamilyKind.Title)
            : (wife.Family, OtherFamilyKind.Maiden);
        wife.Family = husband.Family;
        SetOther(wife, other, kind);
        return true;
    }

    /// <summary>
    /// Another family name some agencies write for the person, set once their own is final: none when it is the
    /// same name (a woman who married a man of her own family name, a Begum married to a Begum).
    /// </summary>
    private static void SetOther(Resident person, string? name, OtherFamilyKind kind)
    {
        if (name is null || NameText.Fold(name) == NameText.Fold(person.Family))
        {
            return;
        }
        person.OtherFamily = name;
        person.OtherKind = kind;
    }

    // A school and social care take a parent's mobile (or the landline) as a child's contact.
    private void SetContacts(List<Resident> members, Resident mother, Resident father)
    {
        foreach (var m in members)
        {
            if (m.Role is HouseholdRole.Child or HouseholdRole.StepChild && m.Contact is null)
            {
                var first = Chance(0.7) ? mother : father;
                var second = first == mother ? father : mother;
                m.Contact = first.Mobile ?? second.Mobile ?? m.Home.Landline;
            }
        }
    }

    /// <summary>Some households moved: agencies that have not caught up hold the old address, and some changed their mobile.</summary>
    private void MaybeMove(List<Resident> members, double chance)
    {
        if (members.Count == 0 || !Chance(chance))
        {
            return;
        }
        var first = members[0];
        var old = NewHome(Chance(0.6) ? first.Home.District : District(first.Community), flat: 0.2, landline: 0.1);
        foreach (var m in members)
        {
            if (m.PastHomes.Length > 0)
            {
                continue;
            }
            m.PastHomes = [old];
            if (m.Mobile is not null && Chance(0.35))
            {
                m.PreviousMobile = Mobile();
            }
        }
    }

    /// <summary>
    /// A new person with a name, NHS number and (by age) a mobile of their own. A child takes the family name
    /// <paramref name="family"/> the parents give; <paramref name="named"/> false leaves the given names to the caller.
    /// </summary>
    private Resident Add(Community c, bool male, DateOnly dob, int household, HouseholdRole role, Home home,
        ChildFamilyName? family = null, bool named = true)
    {
        var person = new Resident(_people.Count, c, male, dob, household, role, home, _today)
        {
            Family = family?.Family ?? _family[(int)c.Origin].Pick(_random, dob.Year),
            Nhs = NhsNumber(_people.Count),
        };
        if (family is { } f)
        {
            SetOther(person, f.Other, f.Kind);
            if (person.OtherKind == OtherFamilyKind.None && person.Family.Contains('-', StringComparison.Ordinal))
            {
                person.OtherKind = OtherFamilyKind.DoubleBarrelled;
            }
        }
        if (named)
        {
            Name(person);
        }
        var mobile = person.Age switch
        {
            >= 70 => 0.6,
            >= 18 => 0.92,
            >= 12 => 0.75,
            >= 10 => 0.3,
            _ => 0,
        };
        person.Mobile = Chance(mobile) ? Mobile() : null;
        _people.Add(person);
        return person;
    }

    private void Name(Resident person)
    {
        var origin = person.Community.Origin;
        person.KnownAs = null;
        person.Middle = null;
        if (person.Male && origin is Origin.Pakistani or Origin.Bangladeshi && Chance(0.25))
        {
            person.Given = PickMohammed();
            person.Middle = Pick(SecondNames(person.Community));
            person.KnownAs = person.Middle;
            return;
        }
        person.Given = GivenNames(person).Pick(_random, person.DateOfBirth.Year);
        person.Middle = MiddleName(person);
        if (origin is Origin.English or Origin.AfricanCaribbean && Chance(0.25))
        {
            var forms = ShortForms(person.Given);
            person.KnownAs = forms.Length > 0 ? forms[_random.Next(forms.Length)] : null;
        }
    }

    // A second given name, by the habits of the person's community: none, or one that is not the first.
    private string? MiddleName(Resident person)
    {
        var chance = person.Community.Origin switch
        {
            Origin.English => 0.6,
            Origin.AfricanCaribbean => 0.5,
            Origin.Polish or Origin.Indian => 0.3,
            _ => 0.15,
        };
        if (!Chance(chance))
        {
            return null;
        }
        var middle = GivenNames(person).Pick(_random, person.DateOfBirth.Year);
        return middle == person.Given ? null : middle;
    }

    private WeightedNames GivenNames(Resident person) => (person.Male ? _male : _female)[(int)person.Community.Origin];

    // Namesakes: a Mohammed Khan born in the cluster's years, some with a second name and some without.
    private void Namesake(Resident person, (string Given, string Family, int District, int Year) cluster)
    {
        person.Given = cluster.Given;
        person.Family = cluster.Family;
        person.Middle = Chance(0.5) ? Pick(SecondNames(person.Community)) : null;
        person.KnownAs = person.Middle;
    }

    private (string Given, string Family, int District, int Year)? Cluster(Community c) =>
        c.Origin == Origin.Pakistani && Chance(0.03) ? SyntheticTown.NameClusters[_random.Next(SyntheticTown.NameClusters.Length)] : null;

    // A short form that is plainly the same name (Tom for Thomas, Becky for Rebecca), from the nickname list.
    private string[] ShortForms(string given)
    {
        if (!_shortForms.TryGetValue(given, out var forms))
        {
            var folded = NameText.Fold(given);
            forms = [.. _variants.NicknamesOf(folded).Where(n => n.Length >= 3 && n.Length < folded.Length && n[0] == folded[0]).Select(SyntheticTown.Title)];
            _shortForms[given] = forms;
        }
        return forms;
    }

    private string PickFamily(Community c) => _family[(int)c.Origin].Pick(_random, 0);

    private string PickMohammed() => SyntheticTown.Mohammed[PickWeighted([0.5, 0.3, 0.1, 0.06, 0.04])];

    private Community PickCommunity() => SyntheticTown.PickCommunity(_random);

    private Community PartnerCommunity(Community c) => Chance(0.94) ? c : PickCommunity();

    private int District(Community c) => SyntheticTown.PickCumulative(_random, _districts[(int)c.Origin]);

    private Home NewHome(int district, double flat, double landline)
    {
        var sector = _random.Next(10);
        var a = _random.Next(SyntheticTown.UnitLetters.Length);
        var b = _random.Next(SyntheticTown.UnitLetters.Length);
        var postcode = string.Create(CultureInfo.InvariantCulture, $"BD{district} {sector}{SyntheticTown.UnitLetters[a]}{SyntheticTown.UnitLetters[b]}");
        // Neighbours share a street: the street follows from the postcode.
        var hash = (uint)((((district * 10) + sector) * 400) + (a * 20) + b) * 2_654_435_761u;
        var street = _streets[hash % (uint)_streets.Length];
        var number = 1 + _random.Next(250);
        var line = Chance(flat)
            ? string.Create(CultureInfo.InvariantCulture, $"Flat {1 + _random.Next(12)}, {number} {street}")
            : string.Create(CultureInfo.InvariantCulture, $"{number} {street}");
        var code = district >= 20 ? "01535" : "01274";
        var phone = Chance(landline) ? string.Create(CultureInfo.InvariantCulture, $"{code} {_random.Next(200_000, 999_999):D6}") : null;
        return new Home(postcode, line, district, phone);
    }

    private string Mobile() => string.Create(CultureInfo.InvariantCulture, $"07{_random.Next(300, 1000):D3} {_random.Next(1_000_000):D6}");

    /// <summary>
    /// A unique NHS number for the person: nine digits from a bijection of the index (so no two people share one)
    /// and a valid modulus-11 check digit. Of the two leading digits tried, at most one gives the invalid check 10.
    /// </summary>
    private string NhsNumber(int index)
    {
        var body = (((long)index * 73_939_133L) + _nhsOffset) % 100_000_000L;
        foreach (var lead in (ReadOnlySpan<long>)[4, 6])
        {
            var nine = (lead * 100_000_000L) + body;
            var sum = 0L;
            var rest = nine;
            for (var weight = 2; weight <= 10; weight++)
            {
                sum += rest % 10 * weight;
                rest /= 10;
            }
            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }
            return string.Create(CultureInfo.InvariantCulture, $"{nine:D9}{(check == 11 ? 0 : check)}");
        }
        throw new InvalidOperationException("No valid NHS number");
    }

    /// <summary>
    /// The date of birth of the partner of someone born on <paramref name="dob"/>: a woman from three years older
    /// than the man to eight years younger, a man from eight years older than the woman to three years younger; an adult.
    /// </summary>
    private DateOnly PartnerDob(DateOnly dob, bool partnerMale)
    {
        var younger = _random.Next(-3 * 365, 8 * 365);
        var partner = dob.AddDays(partnerMale ? -younger : younger);
        return Age(partner) < 18 ? _today.AddYears(-18).AddDays(-_random.Next(365)) : partner;
    }

    private DateOnly BornAged(int youngest, int oldest) => _today.AddDays(-_random.Next(youngest * 365 + 1, (oldest + 1) * 365));

    private DateOnly BornIn(int year) => new DateOnly(year, 1, 1).AddDays(_random.Next(DateTime.IsLeapYear(year) ? 366 : 365));

    // The age today of someone born on that day.
    private int Age(DateOnly dob) => SyntheticTown.Age(dob, _today);

    private bool Chance(double p) => SyntheticTown.Chance(_random, p);

    private string Pick(string[] list) => list[_random.Next(list.Length)];

    private int PickWeighted(ReadOnlySpan<double> weights) => SyntheticTown.PickWeighted(_random, weights);

    /// <summary>
    /// Names drawn commonest first (a Zipf-like fall-off, so Smith and Khan are far commoner than Illingworth),
    /// and for English names by the year of birth: a boy born in 2010 is likelier a Jack than a Keith.
    /// </summary>
    private sealed class WeightedNames
    {
        private const int FirstDecade = 1920;
        private readonly string[] _names;
        private readonly double[][] _cumulative;

        public string[] All => _names;

        public WeightedNames(string[] names)
        {
            _names = [.. names.Select(SyntheticTown.Title)];
            _cumulative = [SyntheticTown.Cumulative([.. names.Select((_, rank) => Math.Pow(rank + 1, -0.7))])];
        }

        public WeightedNames((string Name, int Peak)[] names)
        {
            _names = [.. names.Select(n => SyntheticTown.Title(n.Name))];
            _cumulative = [.. Enumerable.Range(0, 12).Select(d => SyntheticTown.Cumulative([.. names.Select((n, rank) =>
                Math.Pow(rank + 1, -0.35) * Math.Exp(-Math.Pow((FirstDecade + (d * 10) + 5 - n.Peak) / 15.0, 2)))]))];
        }

        public string Pick(Random random, int year)
        {
            var cumulative = _cumulative.Length == 1 ? _cumulative[0] : _cumulative[Math.Clamp((year - FirstDecade) / 10, 0, _cumulative.Length - 1)];
            return _names[SyntheticTown.PickCumulative(random, cumulative)];
        }
    }
}
