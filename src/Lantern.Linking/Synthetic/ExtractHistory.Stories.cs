using System.Globalization;

namespace Lantern.Linking.Synthetic;

/// <summary>What happened to the town's children, and how each agency wrote it down.</summary>
internal sealed partial class ExtractHistory
{
    /// <summary>Words practitioners wrote then about exploited children; the language guard is to find them.</summary>
    private static readonly string[] VictimBlaming =
    [
        "she is making her own choices",
        "she is putting herself at risk",
        "she says he is her boyfriend and she is happy with him",
        "the relationship appears consensual",
        "she is sexually active and streetwise",
        "she went willingly and was not forced",
        "she is promiscuous and difficult to engage",
    ];

    private static readonly string[] Managers = ["J. Holroyd, Front Door manager", "S. Akhtar, Front Door manager", "P. Greenwood, team manager", "R. Wojcik, duty manager"];

    private static readonly string[] Injuries =
        ["a sprained wrist after a fall in the park", "a cut to the head after falling off a bike", "a suspected broken arm after a fall at school", "an asthma attack",
         "a high temperature and a rash", "a burn to the hand from a kettle", "a head injury from a football", "abdominal pain"];

    private string Blame()
    {
        _blames = true;
        return Pick(VictimBlaming);
    }

    private string FirstName(int ordinal) => _people[_children[ordinal]].KnownAs ?? _people[_children[ordinal]].Given;

    private void HouseholdStory(List<int> household)
    {
        var h = _people[_children[household[0]]].Household;
        var large = h == _largeHousehold;
        var domestic = _forcedDomestic.Contains(h) || Chance(0.05);
        var referred = large || Chance(0.09);
        // The records of a decoy household (the large family, the namesake's family) say so in the truth.
        _householdDecoy = _decoyOfHousehold.GetValueOrDefault(h);
        if (domestic)
        {
            DomesticIncident(household);
        }
        if (referred)
        {
            ReferralEpisode(household, large ? "neglect" : Pick(["neglect", "neglect", "emotionalAbuse", "physicalAbuse"]));
        }
        if (large)
        {
            ReferralEpisode(household, "neglect");
            ReferralEpisode(household, "neglect");
        }
        _householdDecoy = null;
        foreach (var ordinal in household)
        {
            ChildStory(ordinal, referred);
        }
    }

    private List<int> Living(List<int> household, DateOnly day) =>
        [.. household.Where(o => _people[_children[o]].DateOfBirth <= day && AgeOn(_children[o], day) < 18)];

    /// <summary>A day of the history when one of the household's children (at least) was a child: each was one in the middle of the history.</summary>
    private DateOnly DayWithChildren(List<int> household)
    {
        var child = _children[Pick(household)];
        var born = _people[child].DateOfBirth.AddDays(1);
        return Day(born < _start ? _start : born, Until(child));
    }

    private void DomesticIncident(List<int> household)
    {
        var h = _people[_children[household[0]]].Household;
        if (!_adultsOf.TryGetValue(h, out var adults))
        {
            return;
        }
        var day = DayWithChildren(household);
        var kids = Living(household, day);
        if (kids.Count == 0)
        {
            return;
        }
        var happening = Happening();
        var at = At(day, 18, 26);
        var man = adults.FirstOrDefault(a => _people[a].Male, adults[0]);
        var woman = adults.FirstOrDefault(a => a != man, -1);
        var w = BeginEvent(Pol, "policeIncident", at,
            $"Domestic incident at the family home. {(woman >= 0 ? _people[woman].Given : "The caller")} reports {_people[man].Given} pushed her and threw a plate during an argument. "
            + string.Create(CultureInfo.InvariantCulture, $"{kids.Count} child(ren) present. DASH risk assessment: {Pick(["standard", "medium", "standard"])}."));
        Kids(w, Pol, kids, "present");
        var persons = new List<(string, string, string, string?)> { (PersonId(man, Pol), PersonTrue(man), "householdMember", "suspect") };
        if (woman >= 0)
        {
            persons.Add((PersonId(woman, Pol), PersonTrue(woman), "householdMember", "victim"));
        }
        Refs(w, "persons", "person", persons);
        End(happening);
        foreach (var kid in kids)
        {
            Referral(kid, Later(at, 10, 72), ["domesticAbuse"], $"Police attended a domestic incident at the home on {ExtractOutput.Date(day)}; {FirstName(kid)} was present.",
                "Repeat incidents are reported by neighbours.", "Northbridge Police", "Police officer", happening, null, exploitation: false);
            PersonId(man, Csc);
            if (woman >= 0)
            {
                PersonId(woman, Csc);
            }
        }
    }

    private void ReferralEpisode(List<int> household, string concern)
    {
        var day = DayWithChildren(household);
        var kids = Living(household, day);
        var h = _people[_children[household[0]]].Household;
        var happening = Happening();
        var (what, referrer, role) = concern switch
        {
            "neglect" => ("School report the children often arrive hungry and unkempt; the home was cold and without food when visited.", "Castle Hill Academy", "Designated safeguarding lead"),
            "emotionalAbuse" => ("Mother says she cannot cope and shouts at the children; the children appear withdrawn.", "Northbridge NHS Foundation Trust", "Health visitor"),
            _ => ("Bruising to the upper arm seen at school; the child said dad grabbed them.", "Millbrook Primary School", "Class teacher"),
        };
        var at = At(day, 8, 17);
        foreach (var kid in kids)
        {
            Referral(kid, at, [concern], what, null, referrer, role, happening, null, exploitation: false);
        }
        if (kids.Count > 0 && _adultsOf.TryGetValue(h, out var adults))
        {
            foreach (var a in adults)
            {
                PersonId(a, Csc);
            }
        }
    }

    private void Referral(int ordinal, DateTime received, string[] concerns, string what, string? why, string referrer, string role, string happening, Network? network, bool exploitation)
    {
        var w = _out.Begin("referral", Agencies[Csc].Code, NewId(Csc, ReferralType));
        _out.At = received;
        w.WriteString("child", ChildId(ordinal, Csc));
        _out.AboutChild(_childTrue[ordinal]);
        w.WriteString("receivedAt", ExtractOutput.Instant(received));
        w.WriteString("whatHappened", what);
        if (why is not null)
        {
            w.WriteString("whyWorried", why);
        }
        w.WriteStartObject("referrer");
        w.WriteString("name", referrer);
        w.WriteString("role", role);
        w.WriteEndObject();
        w.WriteStartArray("concerns");
        foreach (var c in concerns)
        {
            w.WriteStringValue(c);
        }
        w.WriteEndArray();
        var roll = _random.NextDouble();
        if (roll < 0.88)
        {
            // Most decided in time, some late, some never.
            var late = roll >= 0.68;
            var decided = late ? Later(received, 3 * 24, 60 * 24) : Later(received, 1, 20);
            var (outcome, rationale) = exploitation
                ? late || Chance(0.4)
                    ? ("noFurtherAction", $"No further action: {Blame()}. Parents to be advised.")
                    : (Pick(["strategyDiscussion", "exploitationTeam"]), "Risk of sexual exploitation: strategy discussion with police.")
                : concerns[0] switch
                {
                    "neglect" => (Pick(["earlyHelp", "childAndFamilyAssessment", "noFurtherAction"]), "Needs can be met by early help; family support worker to visit."),
                    "domesticAbuse" => (Pick(["noFurtherAction", "earlyHelp", "childAndFamilyAssessment"]), "Single incident; mother engaging with the domestic abuse service."),
                    "physicalAbuse" => ("strategyDiscussion", "Threshold met for a strategy discussion under section 47."),
                    _ => (Pick(["earlyHelp", "childAndFamilyAssessment"]), "Assessment to understand the family's needs."),
                };
            w.WriteStartObject("decision");
            w.WriteString("outcome", outcome);
            w.WriteString("decidedAt", ExtractOutput.Instant(decided));
            w.WriteString("decidedBy", Pick(Managers));
            w.WriteString("rationale", rationale);
            w.WriteEndObject();
        }
        Mentions(w);
        End(happening, network?.True);
    }

    private void ChildStory(int ordinal, bool referred)
    {
        var person = _children[ordinal];
        var p = _people[person];
        for (var year = _start.Year - 1; year <= _end.Year; year++)
        {
            var september = new DateOnly(year, 9, 1);
            if (AgeOn(person, september) is >= 4 and <= 15 && Chance(referred ? 0.8 : 0.5))
            {
                var from = september.AddDays(4) < _start ? _start : september.AddDays(4);
                var to = new DateOnly(year + 1, 7, 15) > _end ? _end : new DateOnly(year + 1, 7, 15);
                if (from <= to)
                {
                    var day = Day(from, to);
                    if (SchoolOn(ordinal, day) is var school and >= 0)
                    {
                        SchoolEvent(ordinal, school, day, referred);
                    }
                }
            }
        }
        var childhood = (From: FromAge(person, 0), To: Until(person));
        for (var visits = 0; visits < 4 && childhood.From <= childhood.To && Chance(0.4); visits++)
        {
            HealthVisit(ordinal, Day(childhood.From, childhood.To));
        }
        var teens = (From: FromAge(person, 11), To: Until(person));
        if (teens.From <= teens.To)
        {
            if (Chance(0.12))
            {
                YouthSession(ordinal, Day(teens.From, teens.To));
            }
            if (Chance(0.04))
            {
                for (var i = 0; i < 1 + _random.Next(2); i++)
                {
                    OrdinaryMissing(ordinal, Day(teens.From, teens.To));
                }
            }
            if (Chance(0.05) && SchoolOn(ordinal, teens.From) >= 0)
            {
                LunchAtFastFood(ordinal, teens.From);
            }
        }
        var older = (From: FromAge(person, 14), To: Until(person));
        if (!p.Male && older.From <= older.To && Chance(0.03))
        {
            var at = At(Day(older.From, older.To), 9, 17);
            var w = BeginEvent(Shs, "sexualHealthAttendance", at, "Attended for contraception advice; partner the same age; no concerns identified.");
            Kid(w, Shs, ordinal, "patient");
            End(Happening());
        }
        if (_inHome.TryGetValue(ordinal, out var stay))
        {
            HomeMissing(ordinal, stay.From, stay.To);
        }
        if (_victimOf[ordinal] >= 0)
        {
            VictimStory(ordinal, _networks[_victimOf[ordinal]]);
        }
        if (_boyfriendOf.TryGetValue(ordinal, out var boyfriend))
        {
            BoyfriendStory(ordinal, boyfriend);
        }
    }

    private void SchoolEvent(int ordinal, int school, DateOnly day, bool referred)
    {
        var name = FirstName(ordinal);
        var term = day.Month >= 9 ? "autumn" : day.Month <= 3 ? "spring" : "summer";
        var roll = _random.NextDouble();
        var summary = roll < 0.6
            ? string.Create(CultureInfo.InvariantCulture, $"Attendance for the {term} term was {(referred ? _random.Next(70, 92) : _random.Next(88, 101))}%.")
            : roll < 0.75 ? string.Create(CultureInfo.InvariantCulture, $"Late {2 + _random.Next(8)} times this half term; parent spoken to at the gate.")
            : roll < 0.85 && referred ? $"{name} came to school hungry and in the same clothes as yesterday; breakfast club offered."
            : roll < 0.92 ? $"{name} was absent without explanation; first-day call made, no answer."
            : $"Fixed-term exclusion for one day after a fight in the playground.";
        var w = BeginEvent(school, "schoolEvent", At(day, 8, 16), summary);
        Kid(w, school, ordinal, "pupil");
        End(Happening());
    }

    private void HealthVisit(int ordinal, DateOnly day)
    {
        var w = BeginEvent(Nhs, "healthAttendance", At(day, 0, 24), $"Attended the emergency department with {Pick(Injuries)}. Discharged home with a parent.");
        Kid(w, Nhs, ordinal, "patient");
        End(Happening());
    }

    private void YouthSession(int ordinal, DateOnly day)
    {
        var w = BeginEvent(Yth, "youthService", At(day, 15, 21),
            Pick(["Detached youth work: seen in the park with friends, chatted about school.", "Came to the drop-in for help with a college application.", "Took part in the summer sports programme."]));
        Kid(w, Yth, ordinal, "present");
        End(Happening());
    }

    private void LunchAtFastFood(int ordinal, DateOnly from)
    {
        var to = Until(_children[ordinal], 17);
        if (to < from)
        {
            return;
        }
        var day = Day(from, to);
        var school = SchoolOn(ordinal, day);
        if (school < 0)
        {
            return;
        }
        var w = BeginEvent(school, "schoolEvent", At(day, 12, 14), $"Left the site at lunchtime without permission with a group of friends to go to {_fastFood.NameAt(school)}.");
        Kid(w, school, ordinal, "pupil");
        Mention("place", _fastFood.NameAt(school), "fast-food place near school", _fastFood.True);
        Mentions(w);
        End(Happening(), decoy: _fastFoodDecoy.True);
    }

    private void OrdinaryMissing(int ordinal, DateOnly day)
    {
        var from = At(day, 17, 23);
        var back = Later(from, 2, 30);
        var happening = Happening();
        var found = Pick(["at a friend's house", "at an aunt's house", "in the town centre", "returned home on their own"]);
        Missing(Pol, ordinal, from, back, "Mother", Pick(["low", "noApparentRisk", "medium"]), found, Chance(0.5) ? "friends" : null, happening, null, null);
        if (Chance(0.5))
        {
            var answer = Pick(["done", "declined", "notDone", "offered", "done"]);
            Missing(Csc, ordinal, from, back, "Northbridge Police", null, found, null, happening, null, answer switch
            {
                "done" => ("done", null, "Argument at home about coming in late; no exploitation concerns identified.", "Conflict with mother about curfew", "Friends in the town centre"),
                "declined" => ("declined", "Did not want to talk about it; said it was a one-off.", null, null, null),
                "notDone" => ("notDone", "Worker off sick; not rearranged.", null, null, null),
                _ => ("offered", null, null, null, null),
            });
        }
    }

    private void HomeMissing(int ordinal, DateOnly from, DateOnly to)
    {
        var episodes = 3 + _random.Next(6);
        for (var i = 0; i < episodes; i++)
        {
            var gone = At(Day(from, to), 16, 23);
            var back = Later(gone, 2, 40);
            var happening = Happening();
            var found = Pick(["at a friend's house", "with her birth mother", "in the town centre with friends", "returned to Fairfield House on her own", "at the bus station"]);
            Mention("place", _childrensHome.NameAt(Pol), "missing from", _childrensHome.True);
            Missing(Pol, ordinal, gone, back, "Fairfield House staff", Pick(["low", "medium", "noApparentRisk"]), found, null, happening, null, null, _homeDecoy.True);
            if (Chance(0.6))
            {
                Mention("place", _childrensHome.NameAt(Csc), "missing from", _childrensHome.True);
                Missing(Csc, ordinal, gone, back, "Fairfield House staff", null, found, null, happening, null, Chance(0.5)
                    ? ("done", null, "Wanted to see her birth family; no exploitation concerns.", "Rules at the home", "Birth family and friends")
                    : ("declined", "Said she was just out with friends.", null, null, null), _homeDecoy.True);
            }
        }
    }

    private void Missing(int agency, int ordinal, DateTime from, DateTime back, string reportedBy, string? risk, string? foundWhere, string? foundWith, string happening,
        Network? network, (string Outcome, string? Reason, string? Findings, string? Push, string? Pull)? interview, string? decoy = null)
    {
        var w = _out.Begin("missing", Agencies[agency].Code, NewId(agency, MissingType));
        _out.At = from;
        w.WriteString("child", ChildId(ordinal, agency));
        _out.AboutChild(_childTrue[ordinal]);
        if (Chance(0.05))
        {
            w.WriteString("kind", "absent");
        }
        w.WriteString("missingFrom", ExtractOutput.Instant(from));
        var reported = Later(from, 0, 3);
        w.WriteString("reportedAt", ExtractOutput.Instant(reported > back ? back : reported));
        w.WriteString("reportedBy", reportedBy);
        if (risk is not null)
        {
            w.WriteString("riskGrading", risk);
        }
        w.WriteString("returnedAt", ExtractOutput.Instant(back));
        if (foundWhere is not null)
        {
            w.WriteString("foundWhere", foundWhere);
        }
        if (foundWith is not null)
        {
            w.WriteString("foundWith", foundWith);
        }
        if (interview is { } i)
        {
            w.WriteStartObject("interview");
            w.WriteString("outcome", i.Outcome);
            if (i.Reason is not null)
            {
                w.WriteString("reason", i.Reason);
            }
            if (i.Findings is not null)
            {
                w.WriteString("findings", i.Findings);
            }
            if (i.Push is not null)
            {
                w.WriteString("pushFactors", i.Push);
            }
            if (i.Pull is not null)
            {
                w.WriteString("pullFactors", i.Pull);
            }
            w.WriteEndObject();
        }
        Mentions(w);
        End(happening, network?.True, decoy);
    }

    // ----- a network's fragments around one child -----

    private string Partial(VehicleDef v)
    {
        var plate = v.Plate;
        return _random.Next(4) switch
        {
            0 => plate[..4] + " " + plate[5] + "??",
            1 => plate[..1] + "?" + plate[2..4] + " " + plate[5..7] + "?",
            2 => plate.Replace('O', '0'),
            _ => plate[..3] + "? " + plate[5..].Replace('O', '0'),
        };
    }

    private string Written(string phone) => _random.Next(3) switch
    {
        0 => phone.Replace(" ", "", StringComparison.Ordinal),
        1 => "+44 " + phone[1..],
        _ => phone,
    };

    private Member Man(Network network) => network.Shape == Shape.Boyfriend && Chance(0.6) ? network.Members[0] : Pick(network.Members);

    private void VictimStory(int ordinal, Network network)
    {
        var person = _children[ordinal];
        var from = FromAge(person, 11) > network.From ? FromAge(person, 11) : network.From;
        var to = Until(person) < network.To ? Until(person) : network.To;
        if (to < from)
        {
            return;
        }
        var name = FirstName(ordinal);
        var recruiter = network.Recruiter >= 0 && network.Recruiter != ordinal ? FirstName(network.Recruiter) : null;
        var episodes = 2 + _random.Next(5);
        var cscHeard = false;
        for (var e = 0; e < episodes; e++)
        {
            cscHeard |= NetworkMissing(ordinal, network, Day(from, to), recruiter, forceCsc: e == episodes - 1 && !cscHeard);
        }
        if (Chance(0.75))
        {
            var m = Man(network);
            Mention("person", m.Nick, "older male she goes off with", PersonTrue(m.Person));
            Mention("place", network.Main.NameAt(Csc), null, network.Main.True);
            Referral(ordinal, At(Day(from, to), 9, 17), ["sexualExploitation", "missing"],
                $"{name} has been missing repeatedly and was found at {network.Main.NameAt(Csc)} with older men. She has new clothes and a phone she will not explain.",
                $"Believed to be spending time with an older male known as '{m.Nick}'.", Pick(["Castle Hill Academy", "Northbridge Police", "Fairfield House"]),
                Pick(["Designated safeguarding lead", "Police officer", "Residential worker"]), Happening(), network, exploitation: true);
        }
        var gateDay = Day(from, to);
        if (SchoolOn(ordinal, gateDay) is var school and >= 0 && Chance(0.85))
        {
            var v = Pick(network.Vehicles.Count > 0 ? network.Vehicles : _vehicles);
            var partial = Partial(v);
            var m = network.Members.FirstOrDefault(x => x.Vehicles.Contains(v)) ?? network.Members[0];
            var w = BeginEvent(school, "schoolEvent", At(gateDay, 15, 16),
                $"{name} was seen getting into a {v.Colour} {v.Make} at the school gate at the end of the day. The driver was an older man, {Pick(["30s, beard", "20s, slim, cap", "heavy build, about 40", "dark jacket, sunglasses"])}. Staff noted part of the plate: {partial}.",
                "significant");
            Kid(w, school, ordinal, "pupil");
            Mention("vehicle", partial, $"{v.Colour} {v.Make}, part of the plate seen", v.True);
            Mention("person", "older male driver", Pick(["30s, beard", "about 40"]), PersonTrue(m.Person));
            Mentions(w);
            End(Happening(), network.True);
        }
        if (Chance(0.8))
        {
            var m = Man(network);
            var phone = m.Burner ?? m.Phone;
            var w = BeginEvent(Nhs, "healthAttendance", At(Day(from, to), 0, 5),
                $"Brought to the emergency department intoxicated by two men who left before staff could speak to them. A number saved as '{m.Nick}' kept calling her phone ({Written(phone)}).",
                "significant");
            Kid(w, Nhs, ordinal, "patient");
            Mention("phone", Written(phone), $"saved as '{m.Nick}' on her phone", PhoneTrue(phone));
            Mention("person", m.Nick, "calling her phone", PersonTrue(m.Person));
            Mentions(w);
            End(Happening(), network.True);
        }
        if (Chance(0.75))
        {
            ClinicWithBoyfriend(ordinal, Man(network), from, to, network.True);
        }
        if (Chance(0.5))
        {
            var m = Man(network);
            var w = BeginEvent(Yth, "youthService", At(Day(from, to), 15, 22),
                $"{name} talked about a new 'boyfriend' called {m.Nick} who has a car and buys her things; says she goes to {network.Main.NameAt(Yth)}"
                + (recruiter is null ? "." : $" with her friend {recruiter}."));
            Kid(w, Yth, ordinal, "present");
            Mention("person", m.Nick, "'boyfriend' with a car", PersonTrue(m.Person));
            Mention("place", network.Main.NameAt(Yth), null, network.Main.True);
            Mentions(w);
            End(Happening(), network.True);
        }
        if (Chance(0.5))
        {
            var m = Man(network);
            var v = m.Vehicles.Count > 0 ? m.Vehicles[0] : null;
            var p = _people[m.Person];
            var w = BeginEvent(Pol, "policeIncident", At(Day(from, to), 0, 4),
                $"Vehicle stopped at night on {Street()}; {name} was in the back with two adult males. Driver gave his name as {p.Given} {p.Family}. {name} was taken home.", "significant");
            Kid(w, Pol, ordinal, "passenger");
            Refs(w, "persons", "person", [(m.Ids[Pol], PersonTrue(m.Person), "seenWith", "driver")]);
            if (v is not null)
            {
                Refs(w, "vehicles", "vehicle", [(v.Ids[Pol], v.True, "pickedUpIn", null)]);
            }
            End(Happening(), network.True);
        }
        if (Chance(0.35))
        {
            var m = Man(network);
            var day = Day(from, to);
            var outcomeOn = day.AddDays(30 + _random.Next(120));
            var w = BeginEvent(Pol, "crime", At(day, 0, 24),
                $"{name} disclosed that she had sex with an older man at {network.Main.NameAt(Pol)} after being given alcohol. " + (Chance(0.5) ? $"Officer notes {Blame()}." : "She later withdrew her account."),
                "critical");
            Kid(w, Pol, ordinal, "victim");
            Refs(w, "persons", "person", [(m.Ids[Pol], PersonTrue(m.Person), "seenWith", "suspect")]);
            Refs(w, "places", "place", [(network.Main.Ids[Pol], network.Main.True, "exploitedAt", null)]);
            w.WriteStartObject("crime");
            w.WriteString("offence", AgeOn(person, day) < 13 ? "Rape of a child under 13" : "Sexual activity with a child");
            w.WriteString("category", "Sexual offences");
            w.WriteString("outcome", Pick(["No further action: victim did not support the investigation", "No further action: evidential difficulties", "No further action"]));
            w.WriteString("outcomeOn", ExtractOutput.Date(outcomeOn > _end ? _end : outcomeOn));
            if (Chance(0.5))
            {
                var decided = outcomeOn.AddDays(-_random.Next(1, 20));
                w.WriteString("prosecutorDecision", Pick(["No charge: insufficient evidence", "No charge: not in the public interest", "No charge: the victim would not be a credible witness"]));
                w.WriteString("prosecutorDecisionOn", ExtractOutput.Date(decided > _end ? _end : decided < day ? day : decided));
            }
            w.WriteEndObject();
            w.WriteString("confidence", "tentative");
            End(Happening(), network.True);
        }
    }

    /// <summary>
    /// A girl and her one older boyfriend, written as a network's victim is, by the same agencies in the same words: missing
    /// with him, found at his flat, picked up in his car at the school gate, his number calling her phone, the clinic, a stop at
    /// night. Only ever one man and one girl.
    /// </summary>
    private void BoyfriendStory(int ordinal, Boyfriend boyfriend)
    {
        var (m, flat, from, to) = (boyfriend.Man, boyfriend.Flat, boyfriend.From, boyfriend.To);
        var name = FirstName(ordinal);
        var p = _people[m.Person];
        var car = m.Vehicles[0];
        _householdDecoy = boyfriend.Decoy.True;
        var reportedBy = _people[_children[ordinal]].Role == HouseholdRole.FosterChild ? "Foster carer" : Pick(["Mother", "Mother", "Father"]);
        for (var e = 1 + _random.Next(4); e > 0; e--)
        {
            var gone = At(Day(from, to), 17, 23);
            var back = Later(gone, 4, 30);
            var happening = Happening();
            var foundWhere = Chance(0.5) ? flat.NameAt(Pol) : $"in a car on {Street()}";
            Mention("person", m.Nick, "went off with", PersonTrue(m.Person));
            if (Chance(0.4))
            {
                Mention("vehicle", Partial(car), $"{car.Colour} {car.Make} seen collecting her", car.True);
            }
            Mention("place", flat.NameAt(Pol), "found at", flat.True);
            Missing(Pol, ordinal, gone, back, reportedBy, Pick(["medium", "high", "medium"]), foundWhere, $"'{m.Nick}'", happening, null, null);
            if (Chance(0.5))
            {
                Mention("person", m.Nick, "went off with", PersonTrue(m.Person));
                Missing(Csc, ordinal, gone, back, reportedBy, null, foundWhere, $"went off with '{m.Nick}'", happening, null, Chance(0.5)
                    ? ("done", null, $"Said she was with her boyfriend '{m.Nick}' at his flat; he is older and has a car.", "Arguments at home", $"'{m.Nick}', lifts, gifts")
                    : ("declined", $"Declined: {Blame()}.", null, null, null));
            }
        }
        var gateDay = Day(from, to);
        if (SchoolOn(ordinal, gateDay) is var school and >= 0 && Chance(0.6))
        {
            var partial = Partial(car);
            var w = BeginEvent(school, "schoolEvent", At(gateDay, 15, 16),
                $"{name} was seen getting into a {car.Colour} {car.Make} at the school gate at the end of the day. The driver was an older man, {Pick(["20s, slim, cap", "early 20s, beard", "dark jacket, sunglasses"])}. Staff noted part of the plate: {partial}.",
                "significant");
            Kid(w, school, ordinal, "pupil");
            Mention("vehicle", partial, $"{car.Colour} {car.Make}, part of the plate seen", car.True);
            Mention("person", "older male driver", "20s", PersonTrue(m.Person));
            Mentions(w);
            End(Happening());
        }
        if (Chance(0.6))
        {
            var w = BeginEvent(Nhs, "healthAttendance", At(Day(from, to), 0, 5),
                $"Brought to the emergency department intoxicated by an older man who left before staff could speak to him. A number saved as '{m.Nick}' kept calling her phone ({Written(m.Phone)}).",
                "significant");
            Kid(w, Nhs, ordinal, "patient");
            Mention("phone", Written(m.Phone), $"saved as '{m.Nick}' on her phone", PhoneTrue(m.Phone));
            Mention("person", m.Nick, "calling her phone", PersonTrue(m.Person));
            Mentions(w);
            End(Happening());
        }
        if (Chance(0.75))
        {
            ClinicWithBoyfriend(ordinal, m, from, to, null);
        }
        if (Chance(0.5))
        {
            var w = BeginEvent(Yth, "youthService", At(Day(from, to), 15, 22),
                $"{name} talked about her 'boyfriend' {m.Nick} who has a car and buys her things; says she stays at {flat.NameAt(Yth)}.");
            Kid(w, Yth, ordinal, "present");
            Mention("person", m.Nick, "'boyfriend' with a car", PersonTrue(m.Person));
            Mention("place", flat.NameAt(Yth), null, flat.True);
            Mentions(w);
            End(Happening());
        }
        if (Chance(0.6))
        {
            var w = BeginEvent(Pol, "policeIncident", At(Day(from, to), 0, 4),
                $"Vehicle stopped at night on {Street()}; {name} was in the passenger seat. Driver gave his name as {p.Given} {p.Family}. {name} was taken home.", "significant");
            Kid(w, Pol, ordinal, "passenger");
            Refs(w, "persons", "person", [(m.Ids[Pol], PersonTrue(m.Person), "seenWith", "driver")]);
            Refs(w, "vehicles", "vehicle", [(car.Ids[Pol], car.True, "pickedUpIn", null)]);
            End(Happening());
        }
        if (Chance(0.6))
        {
            Mention("person", m.Nick, "older boyfriend", PersonTrue(m.Person));
            Mention("place", flat.NameAt(Csc), null, flat.True);
            Referral(ordinal, At(Day(from, to), 9, 17), ["sexualExploitation", "missing"],
                $"{name} has been missing repeatedly and was found at {flat.NameAt(Csc)} with an older man. She has new clothes and a phone she will not explain.",
                $"Believed to be in a relationship with an older male known as '{m.Nick}'.", Pick(["Castle Hill Academy", "Northbridge Police", "Riverside High School"]),
                Pick(["Designated safeguarding lead", "Police officer"]), Happening(), null, exploitation: true);
        }
        _householdDecoy = null;
    }

    /// <summary>The sexual health clinic's record of a girl who names her older "boyfriend" and his age.</summary>
    private void ClinicWithBoyfriend(int ordinal, Member m, DateOnly from, DateOnly to, string? network)
    {
        var age = SyntheticTown.Age(_people[m.Person].DateOfBirth, from);
        var w = BeginEvent(Shs, "sexualHealthAttendance", At(Day(from, to), 9, 17),
            string.Create(CultureInfo.InvariantCulture, $"Attended for emergency contraception. Says her boyfriend '{m.Nick}' is about {age}. ") + (Chance(0.5) ? $"Staff note {Blame()}." : "Referred to the safeguarding lead."),
            "significant");
        Kid(w, Shs, ordinal, "patient");
        Mention("person", m.Nick, string.Create(CultureInfo.InvariantCulture, $"boyfriend, about {age}"), PersonTrue(m.Person));
        Mentions(w);
        End(Happening(), network);
    }

    /// <summary>One of a victim's missing episodes: the police record it, social care often too, each its own way.</summary>
    private bool NetworkMissing(int ordinal, Network network, DateOnly day, string? recruiter, bool forceCsc)
    {
        var from = At(day, 17, 23);
        var back = Later(from, 4, 40);
        var happening = Happening();
        var m = Man(network);
        var v = network.Vehicles.Count > 0 ? Pick(network.Vehicles) : null;
        var foundWhere = Chance(0.5) ? network.Main.NameAt(Pol) : $"in a car on {Street()}";
        var foundWith = Chance(0.5) ? $"'{m.Nick}'" : recruiter is not null ? $"her friend {recruiter} and two older males" : "two older males";
        var reportedBy = _inHome.ContainsKey(ordinal) ? "Fairfield House staff"
            : _people[_children[ordinal]].Role == HouseholdRole.FosterChild ? "Foster carer" : Pick(["Mother", "Mother", "Father"]);
        Mention("person", m.Nick, "went off with", PersonTrue(m.Person));
        if (v is not null && Chance(0.4))
        {
            var partial = Partial(v);
            Mention("vehicle", partial, $"{v.Colour} {v.Make} seen collecting her", v.True);
        }
        Mention("place", network.Main.NameAt(Pol), "found at", network.Main.True);
        Missing(Pol, ordinal, from, back, reportedBy, Pick(["medium", "high", "medium"]), foundWhere, foundWith, happening, network, null);
        if (!forceCsc && !Chance(0.5))
        {
            return false;
        }
        Mention("person", m.Nick, "went off with", PersonTrue(m.Person));
        var interview = _random.Next(4) switch
        {
            0 => ("done", (string?)null, (string?)$"Said she went off with '{m.Nick}' and his friends to {network.Main.NameAt(Csc)}; they gave her vodka and cigarettes.",
                (string?)"Arguments at home", (string?)$"'{m.Nick}', gifts, alcohol"),
            1 => ("declined", $"Declined: {Blame()}.", null, null, null),
            2 => ("notDone", "No worker available; she was back at school.", null, null, null),
            _ => ("offered", null, null, null, null),
        };
        Missing(Csc, ordinal, from, back, reportedBy, null, foundWhere, $"went off with '{m.Nick}'", happening, network, interview);
        return true;
    }

    // ----- records naming several households' children, written last -----

    private void IntelligenceReport(Network network, List<int> girls, DateOnly day)
    {
        var members = network.Members.Where(_ => Chance(0.6)).DefaultIfEmpty(network.Members[0]).ToList();
        var w = BeginEvent(Pol, "intelligence", At(day, 9, 18),
            $"Intelligence: girls aged 13 to 15 are being picked up from {network.Places[0].NameAt(Pol)} and taken to {network.Main.NameAt(Pol)} by men including '{members[0].Nick}'. "
            + string.Create(CultureInfo.InvariantCulture, $"{girls.Count} girls named."), "significant");
        Kids(w, Pol, girls, "victim");
        Refs(w, "persons", "person", members.Select(m => (m.Ids[Pol], PersonTrue(m.Person), "seenWith", (string?)"suspect")));
        Refs(w, "vehicles", "vehicle", network.Vehicles.Where(v => v.Ids[Pol] is not null).Select(v => (v.Ids[Pol], v.True, "pickedUpIn", (string?)null)));
        Refs(w, "places", "place", network.Places.Where(p => p.Ids[Pol] is not null).Select(p => (p.Ids[Pol], p.True, "exploitedAt", (string?)null)));
        w.WriteString("confidence", "unconfirmed");
        w.WriteString("grade", Pick(Grades));
        End(Happening(), network.True);
    }

    private void StrategyMeeting(Network network, List<int> girls, DateOnly day)
    {
        var members = network.Members.Where(m => m.Ids[Csc] is not null).ToList();
        var w = BeginEvent(Csc, "meeting", At(day, 9, 16),
            $"Strategy meeting about girls linked to {network.Main.NameAt(Csc)}. " + (Chance(0.5) ? $"Some professionals felt {Blame()}." : "Agreed: disruption and a joint plan."),
            "significant");
        Kids(w, Csc, girls, "victim");
        Refs(w, "persons", "person", members.Select(m => (m.Ids[Csc], PersonTrue(m.Person), "associatesWith", (string?)null)));
        if (network.Main.Ids[Csc] is { } place)
        {
            Refs(w, "places", "place", [(place, network.Main.True, "exploitedAt", null)]);
        }
        End(Happening(), network.True);
    }

    private void GroupCrime(Network network, List<int> girls, DateOnly day)
    {
        var m = network.Members[0];
        var w = BeginEvent(Pol, "crime", At(day, 19, 26),
            $"Both girls found at {network.Main.NameAt(Pol)} with {network.Members.Count} adult males after being reported missing.", "critical");
        Kids(w, Pol, girls, "victim");
        Refs(w, "persons", "person", [(m.Ids[Pol], PersonTrue(m.Person), "seenWith", "suspect")]);
        Refs(w, "places", "place", [(network.Main.Ids[Pol], network.Main.True, "foundAt", null)]);
        w.WriteStartObject("crime");
        w.WriteString("offence", "Child abduction");
        w.WriteString("outcome", "No further action: child abduction warning notice issued");
        var on = day.AddDays(14) > _end ? _end : day.AddDays(14);
        w.WriteString("outcomeOn", ExtractOutput.Date(on));
        w.WriteEndObject();
        w.WriteString("confidence", "confirmed");
        End(Happening(), network.True);
    }

    private void YouthClubSession(Decoy decoy, int worker, List<int> present, DateOnly day)
    {
        var w = BeginEvent(Yth, "youthService", At(day, 18, 21), $"Evening session at {_youthClub.NameAt(Yth)}: pool tournament and cooking. Run by {_people[worker].KnownAs ?? _people[worker].Given}.");
        Kids(w, Yth, present, "present");
        Refs(w, "persons", "person", [(_professionalIds[((long)worker * AgencyCount) + Yth], PersonTrue(worker), "worksAt", "youth worker")]);
        Refs(w, "places", "place", [(_youthClub.Ids[Yth], _youthClub.True, "associatesWith", null)]);
        End(Happening(), decoy: decoy.True);
    }

    private void FastFoodIncident(Decoy decoy, List<int> group, DateOnly day)
    {
        var w = BeginEvent(Pol, "policeIncident", At(day, 17, 22), $"Complaint of a group of teenagers being noisy outside {_fastFood.NameAt(Pol)}; words of advice given and the group dispersed.");
        Kids(w, Pol, group, "present");
        Refs(w, "places", "place", [(_fastFood.Ids[Pol], _fastFood.True, "foundAt", null)]);
        End(Happening(), decoy: decoy.True);
    }

    private void SchoolTransport(Decoy decoy, int driver, VehicleDef minibus, int school, List<int> pupils, DateOnly day)
    {
        var w = BeginEvent(school, "schoolEvent", At(day, 8, 9),
            $"Pupils arrived on the council's contracted minibus with the usual driver, Mr {_people[driver].Family}. Transport log checked.");
        Kids(w, school, pupils, "passenger");
        Refs(w, "persons", "person", [(_professionalIds[((long)driver * AgencyCount) + school], PersonTrue(driver), "drivesFor", "school transport driver")]);
        Refs(w, "vehicles", "vehicle", [(minibus.Ids[school], minibus.True, "pickedUpIn", null)]);
        End(Happening(), decoy: decoy.True);
    }
}
