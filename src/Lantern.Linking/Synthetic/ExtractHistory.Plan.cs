using System.Globalization;

namespace Lantern.Linking.Synthetic;

/// <summary>The networks and decoys of the town, planned before any line is written.</summary>
internal sealed partial class ExtractHistory
{
    private enum Shape
    {
        /// <summary>A takeaway and the flat above it, where several men meet many girls.</summary>
        TakeawayHub,

        /// <summary>One older man grooms a girl as her "boyfriend" and passes her to his friends.</summary>
        Boyfriend,

        /// <summary>Drivers of one taxi firm, several cars, picking girls up from school and home.</summary>
        TaxiFirm,

        /// <summary>A house where parties are held, girls introduced by other girls.</summary>
        PartyHouse,
    }

    /// <summary>A place, and the name each agency gives it; the agencies marked hold it as a record of its own.</summary>
    private sealed class PlaceDef(int number, string placeType, string formal, string address)
    {
        public string True { get; } = string.Create(CultureInfo.InvariantCulture, $"place-{number}");

        public string PlaceType { get; } = placeType;

        public string Formal { get; } = formal;

        public string Address { get; } = address;

        public string[] Names { get; } = new string[AgencyCount];

        public bool[] Recorded { get; } = new bool[AgencyCount];

        public string[] Ids { get; } = new string[AgencyCount];

        public string NameAt(int agency) => Names[agency] ?? Formal;
    }

    private sealed class VehicleDef(string plate, string colour, string make, string model)
    {
        public string Plate { get; } = plate;

        public string True { get; } = "vehicle-" + plate.Replace(" ", "", StringComparison.Ordinal);

        public string Colour { get; } = colour;

        public string Make { get; } = make;

        public string Model { get; } = model;

        public string Described => $"{Colour} {Make} {Model}";

        public string? Keeper { get; set; }

        public bool[] Recorded { get; } = new bool[AgencyCount];

        public string[] Ids { get; } = new string[AgencyCount];
    }

    private sealed record PhoneDef(string Number, string Description, string Id);

    private sealed class Member(int person, string nick)
    {
        public int Person { get; } = person;

        public string Nick { get; } = nick;

        public string Phone { get; set; } = "";

        /// <summary>A second phone, for the girls only; null when he has none.</summary>
        public string? Burner { get; set; }

        public List<VehicleDef> Vehicles { get; } = [];

        public List<(PlaceDef Place, string Relation)> Places { get; } = [];

        public string[] Ids { get; } = new string[AgencyCount];
    }

    private sealed class Network(int number, Shape shape, DateOnly from, DateOnly to)
    {
        public string True { get; } = string.Create(CultureInfo.InvariantCulture, $"network-{number}");

        public Shape Shape { get; } = shape;

        public string ShapeName => Shape switch
        {
            Shape.TakeawayHub => "takeawayHub",
            Shape.Boyfriend => "boyfriend",
            Shape.TaxiFirm => "taxiFirm",
            Shape.PartyHouse => "partyHouse",
            _ => throw new InvalidOperationException("Unknown shape"),
        };

        public DateOnly From { get; } = from;

        public DateOnly To { get; } = to;

        public List<Member> Members { get; } = [];

        public List<int> Victims { get; } = [];

        public int Recruiter { get; set; } = -1;

        public List<VehicleDef> Vehicles { get; } = [];

        public List<string> Phones { get; } = [];

        public List<PlaceDef> Places { get; } = [];

        /// <summary>Where the girls are taken: the flat, the house, the car park.</summary>
        public PlaceDef Main => Places[^1];
    }

    private sealed class Decoy(int number, string kind, string description)
    {
        public string True { get; } = string.Create(CultureInfo.InvariantCulture, $"decoy-{number}");

        public string Kind { get; } = kind;

        public string Description { get; } = description;

        public List<string> Entities { get; } = [];
    }

    private static readonly string[] Nicknames =
        ["Boss", "Taz", "Uncle", "Chef", "Mo", "Kingy", "Baz", "Shady", "Mr T", "Romeo", "Prince", "Bubbles", "Daddy", "Jay", "Smiler", "Ace", "Biggie", "Sully", "Dev", "Rocky"];

    private static readonly string[] TakeawayNames = ["Star Grill", "Royal Pizza", "Kebab King", "Tasty Chicken", "Pizza Palace", "Chicken Express", "Grill House", "Mr Kebab", "Crown Fried Chicken", "Sultan Grill"];

    private static readonly string[] TaxiFirms = ["Paramount Cars", "Eagle Taxis", "Phoenix Private Hire", "Castle Cars", "Town Cars", "Premier Taxis", "Apollo Cars", "Silverline Cars"];

    private static readonly string[] Hotels = ["the Castle Hotel", "the Station Lodge", "the Moorside Inn", "the Park View Hotel", "the Riverside Lodge"];

    private static readonly (string Colour, string Make, string Model)[] Cars =
    [
        ("silver", "Vauxhall", "Astra"), ("black", "BMW", "3 Series"), ("white", "Toyota", "Prius"), ("grey", "Skoda", "Octavia"), ("red", "Ford", "Fiesta"),
        ("blue", "Volkswagen", "Golf"), ("black", "Audi", "A4"), ("silver", "Toyota", "Avensis"), ("white", "Mercedes", "C Class"), ("green", "Honda", "Civic"),
    ];

    private const string PlateLetters = "ABCDEFGHJKLMNPRSTUVWXY";

    private readonly List<PlaceDef> _places = [];
    private readonly List<VehicleDef> _vehicles = [];
    private readonly List<PhoneDef> _phones = [];
    private readonly List<Action> _knownPersons = [];
    private readonly List<Action> _groupEvents = [];
    private readonly List<Network> _networks = [];
    private readonly List<Decoy> _decoys = [];
    private int[] _victimOf = [];
    private List<int> _girls = [];
    private List<int> _boys = [];
    private readonly HashSet<int> _usedMen = [];
    private readonly HashSet<int> _forcedDomestic = [];
    private readonly Dictionary<int, (DateOnly From, DateOnly To)> _inHome = [];
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private List<int> _men = [];
    private int _largeHousehold = -1;
    private PlaceDef _childrensHome = null!;
    private PlaceDef _youthClub = null!;

    /// <summary>The most pupils one driver's minibus runs carry (three runs of sixteen): a log names at most these.</summary>
    private const int MinibusPupils = 48;
    private PlaceDef _fastFood = null!;

    /// <summary>A girl's one older boyfriend: one man, one girl, over a year or two of her early teens.</summary>
    private sealed record Boyfriend(Member Man, PlaceDef Flat, DateOnly From, DateOnly To, Decoy Decoy);

    private readonly Dictionary<int, Boyfriend> _boyfriendOf = [];

    /// <summary>The decoy a household's records belong to (the large family, a namesake's family).</summary>
    private readonly Dictionary<int, string> _decoyOfHousehold = [];

    /// <summary>The decoy the records being written belong to, when not said line by line.</summary>
    private string? _householdDecoy;
    private Decoy _homeDecoy = null!;
    private Decoy _fastFoodDecoy = null!;

    private void Plan()
    {
        _girls = [.. Enumerable.Range(0, _children.Length).Where(c => !_people[_children[c]].Male)];
        _boys = [.. Enumerable.Range(0, _children.Length).Where(c => _people[_children[c]].Male)];
        _victimOf = new int[_children.Length];
        Array.Fill(_victimOf, -1);
        var households = _children.Select(c => _people[c].Household).ToHashSet();
        var parents = _children.SelectMany(c => new[] { _people[c].Mother, _people[c].Father }).Where(p => p >= 0).ToHashSet();
        _men = [.. _people.Where(p => p.Male && p.Age is >= 22 and <= 55 && !households.Contains(p.Household) && !parents.Contains(p.Index)
            && p.Role is not (HouseholdRole.Child or HouseholdRole.StepChild or HouseholdRole.FosterChild)).Select(p => p.Index)];
        _largeHousehold = _children.Select(c => _people[c].Household).GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        PlanDecoyPlaces();
        var count = Math.Max(4, _children.Length / 600);
        var shapeOffset = _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            PlanNetwork(i + 1, (Shape)((i + shapeOffset) % 4));
        }
        PlanDecoys();
        PlanBoyfriends();
    }

    // ----- places, vehicles, phones -----

    private string Street() => SyntheticTown.Title(Pick(SyntheticTown.Streets));

    private PlaceDef NewPlace(string placeType, string formal, string address)
    {
        var place = new PlaceDef(_places.Count + 1, placeType, formal, address);
        _places.Add(place);
        return place;
    }

    private string UniqueName(IReadOnlyList<string> names)
    {
        for (var i = 0; i < 20; i++)
        {
            var name = Pick(names);
            if (_usedNames.Add(name))
            {
                return name;
            }
        }
        var numbered = string.Create(CultureInfo.InvariantCulture, $"{Pick(names)} {_usedNames.Count}");
        _usedNames.Add(numbered);
        return numbered;
    }

    private static string Postcode(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"BD{1 + random.Next(10)} {random.Next(10)}{SyntheticTown.UnitLetters[random.Next(20)]}{SyntheticTown.UnitLetters[random.Next(20)]}");

    /// <summary>A registration of the years of the history (YK07 HOB); some have an O that a witness will write as 0.</summary>
    private VehicleDef NewVehicle(bool withO, (string Colour, string Make, string Model)? car = null)
    {
        var year = _random.Next(_start.Year - 6, _start.Year + 2) % 100;
        var age = Chance(0.5) ? year : year + 50;
        Span<char> letters = [PlateLetters[_random.Next(PlateLetters.Length)], PlateLetters[_random.Next(PlateLetters.Length)], PlateLetters[_random.Next(PlateLetters.Length)]];
        if (withO)
        {
            letters[1 + _random.Next(2)] = 'O';
        }
        var plate = string.Create(CultureInfo.InvariantCulture, $"Y{"AFGHJKLNPRST"[_random.Next(12)]}{age:D2} {new string(letters)}");
        var (colour, make, model) = car ?? Pick(Cars);
        var vehicle = new VehicleDef(plate, colour, make, model);
        _vehicles.Add(vehicle);
        return vehicle;
    }

    private string Mobile() => string.Create(CultureInfo.InvariantCulture, $"07{_random.Next(300, 1000):D3} {_random.Next(1_000_000):D6}");

    // ----- networks -----

    private void PlanNetwork(int number, Shape shape)
    {
        // It starts when a girl not yet drawn in is between 12 and 15, a year or more before the history ends.
        var eligible = _girls.Where(c => _victimOf[c] < 0
            && _people[_children[c]].DateOfBirth.AddYears(12) <= _end.AddYears(-1) && _people[_children[c]].DateOfBirth.AddYears(16) > _start.AddYears(1)).ToList();
        if (eligible.Count == 0)
        {
            return;
        }
        var first = _people[_children[Pick(eligible)]].DateOfBirth;
        var earliest = first.AddYears(12) < _start.AddYears(1) ? _start.AddYears(1) : first.AddYears(12);
        var latest = first.AddYears(16).AddDays(-1) > _end.AddYears(-1) ? _end.AddYears(-1) : first.AddYears(16).AddDays(-1);
        var from = Day(earliest, latest);
        var to = from.AddDays(_random.Next(365, 3 * 365));
        to = to > _end ? _end : to;
        var network = new Network(number, shape, from, to);
        var scale = 1 + (_children.Length / 20_000.0);
        var (men, girls) = shape switch
        {
            Shape.TakeawayHub => (3 + _random.Next(4), 5 + _random.Next(4)),
            Shape.Boyfriend => (2 + _random.Next(3), 3 + _random.Next(3)),
            Shape.TaxiFirm => (3 + _random.Next(3), 4 + _random.Next(4)),
            _ => (2 + _random.Next(3), 5 + _random.Next(5)),
        };
        men = (int)Math.Round(men * Math.Sqrt(scale));
        girls = (int)Math.Round(girls * Math.Sqrt(scale));
        PickVictims(network, girls);
        if (network.Victims.Count == 0)
        {
            return;
        }
        PickMembers(network, men);
        switch (shape)
        {
            case Shape.TakeawayHub:
                {
                    var name = UniqueName(TakeawayNames);
                    var street = Street();
                    var no = 1 + _random.Next(200);
                    var address = string.Create(CultureInfo.InvariantCulture, $"{no} {street}, Northbridge {Postcode(_random)}");
                    var takeaway = NewPlace("takeaway", string.Create(CultureInfo.InvariantCulture, $"{name}, {no} {street}"), address);
                    takeaway.Names[Csc] = $"the takeaway on {street}";
                    takeaway.Names[Nhs] = "a takeaway in town";
                    takeaway.Names[Mps] = takeaway.Names[Cha] = takeaway.Names[Rhs] = $"the chicken shop on {street}";
                    takeaway.Names[Yth] = name.Split(' ')[0];
                    takeaway.Recorded[Pol] = true;
                    var flat = NewPlace("flat", string.Create(CultureInfo.InvariantCulture, $"Flat 1, {no} {street}"), "Flat 1, " + address);
                    flat.Names[Csc] = $"the flat above {name}";
                    flat.Names[Nhs] = "a flat above a takeaway";
                    flat.Names[Yth] = "the flat";
                    flat.Names[Mps] = flat.Names[Cha] = flat.Names[Rhs] = "a flat in town";
                    flat.Recorded[Pol] = true;
                    flat.Recorded[Csc] = true;
                    network.Places.AddRange([takeaway, flat]);
                    network.Members[0].Places.Add((takeaway, "operatorOf"));
                    foreach (var m in network.Members)
                    {
                        m.Places.Add((m == network.Members[0] ? flat : takeaway, m == network.Members[0] ? "livesAt" : "worksAt"));
                    }
                    GiveCars(network, 2, shared: true);
                    break;
                }
            case Shape.Boyfriend:
                {
                    var flat = BoyfriendFlat(network.Members[0].Nick);
                    var hotel = NewPlace("hotel", SyntheticTown.Title(UniqueName(Hotels)[4..]), string.Create(CultureInfo.InvariantCulture, $"{Street()}, Northbridge {Postcode(_random)}"));
                    hotel.Names[Csc] = "a hotel in town";
                    hotel.Names[Yth] = "a hotel";
                    hotel.Recorded[Pol] = true;
                    network.Places.AddRange([hotel, flat]);
                    network.Members[0].Places.Add((flat, "livesAt"));
                    GiveCars(network, 1, shared: false);
                    break;
                }
            case Shape.TaxiFirm:
                {
                    var firm = UniqueName(TaxiFirms);
                    var street = Street();
                    var office = NewPlace("taxiOffice", firm, string.Create(CultureInfo.InvariantCulture, $"{1 + _random.Next(90)} {street}, Northbridge {Postcode(_random)}"));
                    office.Names[Csc] = "a taxi firm";
                    office.Names[Yth] = firm.Split(' ')[0];
                    office.Names[Mps] = office.Names[Cha] = office.Names[Rhs] = "a taxi company";
                    office.Recorded[Pol] = true;
                    var carPark = NewPlace("carPark", $"{Street()} car park", "Northbridge");
                    carPark.Names[Csc] = "a car park";
                    carPark.Names[Yth] = "the car park";
                    carPark.Recorded[Pol] = true;
                    network.Places.AddRange([office, carPark]);
                    var landline = string.Create(CultureInfo.InvariantCulture, $"01274 {_random.Next(200_000, 999_999):D6}");
                    _phones.Add(new PhoneDef(landline, $"{firm} office", NewId(Pol, PhoneType)));
                    network.Phones.Add(landline);
                    network.Members[0].Places.Add((office, "operatorOf"));
                    foreach (var m in network.Members.Skip(1))
                    {
                        m.Places.Add((office, "drivesFor"));
                    }
                    GiveCars(network, 2 + _random.Next(3), shared: true, taxi: true);
                    break;
                }
            case Shape.PartyHouse:
                {
                    var street = Street();
                    var no = 1 + _random.Next(150);
                    var house = NewPlace("home", string.Create(CultureInfo.InvariantCulture, $"{no} {street}"), string.Create(CultureInfo.InvariantCulture, $"{no} {street}, Northbridge {Postcode(_random)}"));
                    house.Names[Csc] = $"a house on {street} where parties are held";
                    house.Names[Nhs] = "a party at a house";
                    house.Names[Yth] = "the party house";
                    house.Names[Mps] = house.Names[Cha] = house.Names[Rhs] = $"a house on {street}";
                    house.Recorded[Pol] = true;
                    house.Recorded[Csc] = true;
                    network.Places.Add(house);
                    network.Members[0].Places.Add((house, "livesAt"));
                    GiveCars(network, 1 + _random.Next(2), shared: false);
                    // The girl who brings the others: the eldest, there first.
                    network.Recruiter = network.Victims.OrderBy(v => _people[_children[v]].DateOfBirth).First();
                    break;
                }
            default:
                throw new InvalidOperationException("Unknown shape");
        }
        foreach (var m in network.Members)
        {
            network.Phones.Add(m.Phone);
        }
        network.Vehicles.AddRange(network.Members.SelectMany(m => m.Vehicles).Distinct());
        foreach (var v in network.Vehicles)
        {
            v.Recorded[Pol] = true;
        }
        foreach (var p in network.Places)
        {
            p.Recorded[Pol] = true;
        }
        _networks.Add(network);
        Namesake(network);
        foreach (var m in network.Members)
        {
            _knownPersons.Add(() => MemberLine(network, m, Pol));
            if (Chance(0.6) || m == network.Members[0])
            {
                _knownPersons.Add(() => MemberLine(network, m, Csc));
            }
        }
        PlanNetworkGroupEvents(network);
    }

    private void GiveCars(Network network, int count, bool shared, bool taxi = false)
    {
        var cars = new List<VehicleDef>();
        for (var i = 0; i < count; i++)
        {
            cars.Add(NewVehicle(withO: i == 0 || Chance(0.3), taxi ? Pick(Cars[2..4]) : null));
        }
        foreach (var (m, i) in network.Members.Select((m, i) => (m, i)))
        {
            if (shared)
            {
                // Several men drive the firm's or the shop's cars; each car is kept by one.
                m.Vehicles.Add(cars[i % cars.Count]);
                if (Chance(0.4))
                {
                    m.Vehicles.Add(cars[(i + 1) % cars.Count]);
                }
            }
            else if (i < cars.Count)
            {
                m.Vehicles.Add(cars[i]);
            }
        }
        foreach (var (car, i) in cars.Select((c, i) => (c, i)))
        {
            var keeper = _people[network.Members[i % network.Members.Count].Person];
            car.Keeper = $"{keeper.Given} {keeper.Family}";
        }
    }

    private void PickVictims(Network network, int count)
    {
        var candidates = new List<int>();
        // Girls of 12 to 15 when it starts; in a small town, any girl of 11 to 16 if there are too few.
        for (var (youngest, oldest) = (12, 15); candidates.Count < 2 && youngest >= 11; (youngest, oldest) = (youngest - 1, oldest + 1))
        {
            candidates.Clear();
            foreach (var i in network.Shape == Shape.TakeawayHub ? _girls.Concat(_boys) : _girls)
            {
                var p = _people[_children[i]];
                var age = SyntheticTown.Age(p.DateOfBirth, network.From);
                var boy = network.Shape == Shape.TakeawayHub && p.Male && Chance(0.06);
                if ((!p.Male || boy) && age >= youngest && age <= oldest && _victimOf[i] < 0)
                {
                    candidates.Add(i);
                }
            }
        }
        for (var tries = 0; network.Victims.Count < count && candidates.Count > 0 && tries < count * 20; tries++)
        {
            var at = _random.Next(candidates.Count);
            var c = candidates[at];
            // Looked-after children are picked out more often, as the reviews found.
            if (_people[_children[c]].Role == HouseholdRole.FosterChild || Chance(0.5))
            {
                network.Victims.Add(c);
                _victimOf[c] = _networks.Count;
                candidates[at] = candidates[^1];
                candidates.RemoveAt(candidates.Count - 1);
            }
        }
    }

    private int PickMan(int sameCommunityAs)
    {
        for (var tries = 0; tries < 40; tries++)
        {
            var man = _men[_random.Next(_men.Count)];
            if (_usedMen.Contains(man))
            {
                continue;
            }
            if (sameCommunityAs >= 0 && tries < 20 && _people[man].Community != _people[sameCommunityAs].Community && Chance(0.7))
            {
                continue;
            }
            _usedMen.Add(man);
            return man;
        }
        var free = _men.First(m => !_usedMen.Contains(m));
        _usedMen.Add(free);
        return free;
    }

    private void PickMembers(Network network, int count)
    {
        var nicks = new List<string>(Nicknames);
        for (var i = 0; i < count; i++)
        {
            var man = PickMan(i == 0 ? -1 : network.Members[0].Person);
            var nick = nicks[_random.Next(nicks.Count)];
            nicks.Remove(nick);
            var member = new Member(man, nick) { Phone = _people[man].Mobile ?? Mobile() };
            network.Members.Add(member);
            if (Chance(0.3))
            {
                member.Burner = Mobile();
                network.Phones.Add(member.Burner);
            }
        }
    }

    /// <summary>
    /// An unrelated father of the town given the name of one of the men (the father keeps his own; the man of the
    /// network is renamed), recorded by the police and social care for his own family's reasons.
    /// </summary>
    private void Namesake(Network network)
    {
        for (var tries = 0; tries < 50; tries++)
        {
            var child = _random.Next(_children.Length);
            var household = _people[_children[child]].Household;
            if (_victimOf[child] >= 0 || _forcedDomestic.Contains(household) || household == _largeHousehold
                || !_adultsOf.TryGetValue(household, out var adults) || adults.FirstOrDefault(a => _people[a].Male, -1) is not (>= 0 and var father))
            {
                continue;
            }
            var member = network.Members[_random.Next(network.Members.Count)];
            var man = _people[member.Person];
            man.Given = _people[father].Given;
            man.Family = _people[father].Family;
            man.Middle = null;
            man.KnownAs = null;
            man.OtherFamily = null;
            _forcedDomestic.Add(household);
            var decoy = new Decoy(_decoys.Count + 1, "namesake", $"{man.Given} {man.Family}: a father of the town with the same name as a man of {network.True}");
            _decoyOfHousehold[household] = decoy.True;
            decoy.Entities.AddRange([PersonTrue(father), PersonTrue(member.Person)]);
            _decoys.Add(decoy);
            return;
        }
    }

    private void PlanNetworkGroupEvents(Network network)
    {
        // Police intelligence naming several of the girls, the men, the cars and the place; a strategy meeting at social care.
        var reports = 1 + (network.Victims.Count / 3);
        for (var i = 0; i < reports; i++)
        {
            var girls = network.Victims.OrderBy(_ => _random.Next()).Take(2 + _random.Next(Math.Max(1, network.Victims.Count - 1))).ToList();
            foreach (var g in girls)
            {
                Need(g, Pol);
            }
            var day = Day(network.From, network.To);
            _groupEvents.Add(() => IntelligenceReport(network, girls, day));
        }
        var meeting = network.Victims.Where(_ => Chance(0.7)).ToList();
        if (meeting.Count >= 2)
        {
            foreach (var g in meeting)
            {
                Need(g, Csc);
            }
            var day = Day(network.From.AddDays(120), network.To.AddDays(60) > _end ? _end : network.To.AddDays(60));
            _groupEvents.Add(() => StrategyMeeting(network, meeting, day));
        }
        if (network.Shape is Shape.TakeawayHub or Shape.PartyHouse && network.Victims.Count >= 2)
        {
            var two = network.Victims.Take(2).ToList();
            foreach (var g in two)
            {
                Need(g, Pol);
            }
            var day = Day(network.From, network.To);
            _groupEvents.Add(() => GroupCrime(network, two, day));
        }
    }

    // ----- decoys -----

    private void PlanDecoyPlaces()
    {
        var homeStreet = Street();
        _childrensHome = NewPlace("childrensHome", "Fairfield House", string.Create(CultureInfo.InvariantCulture, $"20 {homeStreet}, Northbridge {Postcode(_random)}"));
        _childrensHome.Names[Pol] = $"Fairfield House, 20 {homeStreet}";
        _childrensHome.Names[Csc] = "Fairfield House children's home";
        _childrensHome.Names[Yth] = "Fairfield";
        _childrensHome.Recorded[Pol] = _childrensHome.Recorded[Csc] = true;
        var clubStreet = Street();
        _youthClub = NewPlace("youthClub", "Millbrook Youth Club", string.Create(CultureInfo.InvariantCulture, $"{clubStreet}, Northbridge {Postcode(_random)}"));
        _youthClub.Names[Pol] = "Millbrook Youth Centre";
        _youthClub.Names[Mps] = _youthClub.Names[Cha] = _youthClub.Names[Rhs] = $"the youth club on {clubStreet}";
        _youthClub.Recorded[Yth] = _youthClub.Recorded[Pol] = true;
        var foodStreet = Street();
        _fastFood = NewPlace("takeaway", "Golden Fry", string.Create(CultureInfo.InvariantCulture, $"5 {foodStreet}, Northbridge {Postcode(_random)}"));
        _fastFood.Names[Pol] = $"Golden Fry, 5 {foodStreet}";
        _fastFood.Names[Mps] = _fastFood.Names[Cha] = _fastFood.Names[Rhs] = $"the chippy on {foodStreet}";
        _fastFood.Names[Yth] = "Golden Fry";
        _fastFood.Recorded[Pol] = true;
    }

    private void PlanDecoys()
    {
        // A youth club most teenagers of the town go to, with one youth worker who knows them all.
        var club = new Decoy(_decoys.Count + 1, "youthClub", "A youth club attended by many of the town's children, with one youth worker");
        _decoys.Add(club);
        var worker = PickMan(-1);
        club.Entities.AddRange([_youthClub.True, PersonTrue(worker)]);
        _knownPersons.Add(() => ProfessionalLine(worker, Yth, "youth worker at Millbrook Youth Club", _youthClub, "worksAt", null));
        var teens = Enumerable.Range(0, _children.Length).Where(c => AgeOn(_children[c], _census) is >= 9 and <= 17 && Chance(0.35)).ToList();
        var sessions = Math.Max(3, teens.Count / 5);
        var attended = new HashSet<int>();
        for (var s = 0; s < sessions && teens.Count > 0; s++)
        {
            var day = Day(_start, _end);
            // Drawn at random from the club's members of the age on the day (a draw, not a sort: a big town has thousands).
            var wanted = 4 + _random.Next(12);
            var present = new List<int>();
            for (var tries = 0; tries < wanted * 10 && present.Count < wanted; tries++)
            {
                var c = teens[_random.Next(teens.Count)];
                if (AgeOn(_children[c], day) is >= 11 and <= 17 && !present.Contains(c))
                {
                    present.Add(c);
                }
            }
            if (present.Count < 2)
            {
                continue;
            }
            foreach (var c in present)
            {
                Need(c, Yth);
                attended.Add(c);
            }
            _groupEvents.Add(() => YouthClubSession(club, worker, present, day));
        }
        club.Entities.AddRange(attended.Order().Select(c => _childTrue[c]));

        // A popular fast-food place where groups of teenagers gather.
        _fastFoodDecoy = new Decoy(_decoys.Count + 1, "fastFood", "A popular fast-food place where groups of the town's teenagers gather");
        _decoys.Add(_fastFoodDecoy);
        _fastFoodDecoy.Entities.Add(_fastFood.True);
        var gatherings = Math.Max(3, _children.Length / 150);
        var seen = new HashSet<int>();
        for (var i = 0; i < gatherings; i++)
        {
            var day = Day(_start, _end);
            var group = new List<int>();
            for (var tries = 0; tries < 200 && group.Count < 3 + _random.Next(4); tries++)
            {
                var c = _random.Next(_children.Length);
                if (AgeOn(_children[c], day) is >= 12 and <= 17 && !group.Contains(c))
                {
                    group.Add(c);
                }
            }
            if (group.Count < 2)
            {
                continue;
            }
            foreach (var c in group)
            {
                Need(c, Pol);
                seen.Add(c);
            }
            _groupEvents.Add(() => FastFoodIncident(_fastFoodDecoy, group, day));
        }
        _fastFoodDecoy.Entities.AddRange(seen.Order().Select(c => _childTrue[c]));

        // A children's home from which many missing episodes start.
        _homeDecoy = new Decoy(_decoys.Count + 1, "childrensHome", "A children's home from which many missing episodes start");
        _decoys.Add(_homeDecoy);
        _homeDecoy.Entities.Add(_childrensHome.True);
        var residents = Enumerable.Range(0, _children.Length)
            .Where(c => AgeOn(_children[c], _census) is >= 12 and <= 16 && (_people[_children[c]].Role == HouseholdRole.FosterChild || Chance(0.02)))
            .Take(Math.Max(5, _children.Length / 250)).ToList();
        foreach (var c in residents)
        {
            var from = Day(_census.AddYears(-2), _census);
            _inHome[c] = (from, from.AddYears(2) > _end ? _end : from.AddYears(2));
            _homeDecoy.Entities.Add(_childTrue[c]);
        }

        // A school-transport driver who picks up many children in one minibus, every school day.
        var transport = new Decoy(_decoys.Count + 1, "schoolTransport", "A council-contracted school-transport driver who picks up many children in one minibus");
        _decoys.Add(transport);
        var driver = PickMan(-1);
        var minibus = NewVehicle(withO: false, ("white", "Ford", "Transit minibus"));
        minibus.Keeper = "Northbridge Council Passenger Transport";
        transport.Entities.AddRange([PersonTrue(driver), minibus.True]);
        var pupils = Enumerable.Range(0, _children.Length).Where(c => AgeOn(_children[c], _census) is >= 6 and <= 13).OrderBy(_ => _random.Next()).Take(Math.Clamp(_children.Length / 150, 6, MinibusPupils)).ToList();
        transport.Entities.AddRange(pupils.Select(c => _childTrue[c]));
        var trips = 3 + _random.Next(4);
        var schools = new HashSet<int>();
        for (var t = 0; t < trips; t++)
        {
            var day = Day(_census.AddYears(-1), _census.AddYears(1));
            foreach (var school in new[] { Mps, Cha, Rhs })
            {
                var on = pupils.Where(c => SchoolOn(c, day) == school).ToList();
                if (on.Count == 0)
                {
                    continue;
                }
                schools.Add(school);
                minibus.Recorded[school] = true;
                foreach (var c in on)
                {
                    Need(c, school);
                }
                _groupEvents.Add(() => SchoolTransport(transport, driver, minibus, school, on, day));
            }
        }
        foreach (var school in schools.Order())
        {
            _knownPersons.Add(() => ProfessionalLine(driver, school, "school transport driver", null, null, minibus));
        }

        // A large family: many brothers and sisters at one address, one phone; known to social care for years.
        var large = _largeHousehold;
        var family = new Decoy(_decoys.Count + 1, "largeFamily", "A large family whose many children share an address and a phone");
        _decoys.Add(family);
        _decoyOfHousehold[large] = family.True;
        family.Entities.AddRange(Enumerable.Range(0, _children.Length).Where(c => _people[_children[c]].Household == large).Select(c => _childTrue[c]));
        if (_adultsOf.TryGetValue(large, out var adults))
        {
            family.Entities.AddRange(adults.Select(PersonTrue));
            if (FamilyPhone(large) is { } phone)
            {
                family.Entities.Add(PhoneTrue(phone));
            }
        }
    }

    /// <summary>
    /// Girls each with one older "boyfriend": a man in his twenties with a car, a phone and a flat, who picks her up, keeps her
    /// out, and is named by the police, social care, the hospital, the sexual health clinic, her school and the youth service,
    /// in the same words as the men of a network. It is abuse of that girl, for her own safeguarding; it is not several
    /// children around one adult, and no network alert should come of it.
    /// </summary>
    private void PlanBoyfriends()
    {
        var couples = Math.Max(2, _children.Length / 2_000);
        var eligible = _girls.Where(c => _victimOf[c] < 0 && _people[_children[c]].Household != _largeHousehold && !_inHome.ContainsKey(c)).ToList();
        for (var i = 0; i < couples && eligible.Count > 0; i++)
        {
            for (var tries = 0; tries < 50; tries++)
            {
                var girl = eligible[_random.Next(eligible.Count)];
                var person = _children[girl];
                var from = FromAge(person, 13);
                var until = Until(person, 16);
                if (_boyfriendOf.ContainsKey(girl) || until.DayNumber - from.DayNumber < 200)
                {
                    continue;
                }
                var start = Day(from, until.AddDays(-180));
                var end = start.AddDays(180 + _random.Next(540));
                end = end > until ? until : end;
                var man = PickYoungMan();
                var member = new Member(man, Pick(Nicknames)) { Phone = _people[man].Mobile ?? Mobile() };
                var car = NewVehicle(withO: Chance(0.4));
                car.Keeper = $"{_people[man].Given} {_people[man].Family}";
                car.Recorded[Pol] = true;
                member.Vehicles.Add(car);
                var flat = BoyfriendFlat(member.Nick);
                member.Places.Add((flat, "livesAt"));
                var decoy = new Decoy(_decoys.Count + 1, "olderBoyfriend", $"A girl of {AgeOn(person, start)} and one older 'boyfriend', '{member.Nick}'");
                _decoys.Add(decoy);
                decoy.Entities.AddRange([_childTrue[girl], PersonTrue(man), car.True, PhoneTrue(member.Phone), flat.True]);
                var boyfriend = new Boyfriend(member, flat, start, end, decoy);
                _boyfriendOf[girl] = boyfriend;
                _knownPersons.Add(() => MemberLine(member, start, Pol, null, decoy.True));
                if (Chance(0.5))
                {
                    _knownPersons.Add(() => MemberLine(member, start, Csc, null, decoy.True));
                }
                break;
            }
        }
    }

    /// <summary>The flat of a girl's "boyfriend" (a network's first man, or one older boyfriend), as each agency names it.</summary>
    private PlaceDef BoyfriendFlat(string nick)
    {
        var street = Street();
        var no = 1 + _random.Next(120);
        var flat = NewPlace("flat", string.Create(CultureInfo.InvariantCulture, $"Flat {1 + _random.Next(9)}, {no} {street}"),
            string.Create(CultureInfo.InvariantCulture, $"{no} {street}, Northbridge {Postcode(_random)}"));
        flat.Names[Csc] = $"her boyfriend's flat on {street}";
        flat.Names[Nhs] = "her boyfriend's flat";
        flat.Names[Yth] = $"{nick}'s flat";
        flat.Names[Mps] = flat.Names[Cha] = flat.Names[Rhs] = "a flat";
        flat.Recorded[Pol] = true;
        return flat;
    }

    /// <summary>A man of the town in his twenties, if one is free: an older boyfriend is seldom much older.</summary>
    private int PickYoungMan()
    {
        for (var tries = 0; tries < 60; tries++)
        {
            var man = _men[_random.Next(_men.Count)];
            if (!_usedMen.Contains(man) && _people[man].Age <= 29)
            {
                _usedMen.Add(man);
                return man;
            }
        }
        return PickMan(-1);
    }

    /// <summary>The phone a household is reached on: a parent's mobile or the landline.</summary>
    private string? FamilyPhone(int household) =>
        _adultsOf.TryGetValue(household, out var adults) ? adults.Select(a => _people[a].Mobile).FirstOrDefault(m => m is not null) ?? _people[adults[0]].Home.Landline : null;
}
