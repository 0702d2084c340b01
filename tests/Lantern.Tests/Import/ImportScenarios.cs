using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Referrals;
using Lantern.Features.Import;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Import;

/// <summary>
/// An agency loading its history: every record kind taken, joined to the children and network Lantern already
/// holds, the same file again changing nothing, a changed line recorded as a correction, historical time kept,
/// bad lines named by line and field and writing nothing; through the service the command line uses and
/// through the API as an agency system. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ImportScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    /// <summary>A police extract: two girls, a man known by a nickname with his phone, car and flat, his own son, and a 2008 crime.</summary>
    private static readonly string[] Police =
    [
        """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""",
        """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
        """{"type":"child","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02","gender":"female","address":"4 Mill Lane, Northbridge","postcode":"NB4 2XY"}""",
        """{"type":"child","id":"C-2","givenName":"Kayleigh","approximateAge":14}""",
        """{"type":"child","id":"C-3","givenName":"Adam","familyName":"Raza","dateOfBirth":"2001-06-30"}""",
        """{"type":"vehicle","id":"V-1","registration":"NB19 XKR","colour":"silver","make":"Vauxhall","model":"Astra","keeper":"Tariq Raza"}""",
        """{"type":"person","id":"P-1","name":"Tariq Raza","nicknames":["Boss"],"age":"about 40","role":"suspect","phones":[{"number":"07700 900123","relation":"uses"}],"vehicles":[{"registration":"nb19xkr","relation":"keeperOf"}],"places":[{"name":"Flat 2, 14 Hope Road","address":"Flat 2, 14 Hope Road, Northbridge NB2 7QT","placeType":"flat","relation":"livesAt"}],"household":[{"child":"C-3","relation":"parentOf"}],"confidence":"confirmed"}""",
        """{"type":"event","id":"E-1","eventType":"crime","occurredAt":"2008-03-14T19:30:00Z","summary":"Both girls found in a flat with an older man after being reported missing.","significance":"significant","children":[{"child":"C-1","role":"victim"},{"child":"C-2","role":"victim"}],"persons":[{"person":"P-1","role":"suspect","relation":"seenWith"}],"vehicles":[{"vehicle":"V-1","relation":"pickedUpIn"}],"mentions":[{"kind":"place","value":"Star Grill","detail":"takeaway"}],"crime":{"offence":"Sexual activity with a child","outcome":"No further action: victim did not support","outcomeOn":"2008-06-01"},"confidence":"tentative","grade":"B2"}""",
    ];

    private static Task<ImportSummary> ImportAsync(TestApp app, IEnumerable<string> lines) => TestImports.ImportAsync(app, lines, Ct);

    private static Task<(int Children, int Entries, int Persons, int Vehicles, int Phones, int Places, int Links, int Sources)> CountsAsync(TestApp app) =>
        app.WithDbAsync(async db => (await db.Children.CountAsync(Ct), await db.ChronologyEntries.CountAsync(Ct), await db.Persons.CountAsync(Ct), await db.Vehicles.CountAsync(Ct),
            await db.Phones.CountAsync(Ct), await db.Places.CountAsync(Ct), await db.Links.CountAsync(Ct), await db.SourceRecords.CountAsync(Ct)));

    [Fact]
    public async Task Import_EveryKind_JoinedUp_HistoricalTimeKept_SecondImportChangesNothing()
    {
        await using var app = await StartAsync();

        var first = await ImportAsync(app, Police);

        Assert.Empty(first.Errors);
        Assert.Equal((8, 7, 0, 0), (first.Lines, first.Taken, first.Unchanged, first.Skipped));
        Assert.Equal(3, first.TakenByType["child"]);
        var police = await app.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "NBP", Ct));
        var leah = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Leah", Ct));
        var kayleigh = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Kayleigh", Ct));
        var adam = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Adam", Ct));
        Assert.Equal(14, kayleigh.EstimatedAge);
        // The crime lands on both girls' chronologies at its own time, with what the police decided.
        var entries = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.SourceRecord == "NBP:event:E-1").ToListAsync(Ct));
        Assert.Equal(new[] { leah.Id.Value, kayleigh.Id.Value }.Order(), entries.Select(e => e.ChildId.Value).Order());
        Assert.All(entries, e => Assert.Equal((new DateTimeOffset(2008, 3, 14, 19, 30, 0, TimeSpan.Zero), EntryType.Crime, police.Id), (e.OccurredAt, e.Type, e.SourceAgencyId)));
        Assert.Contains("No further action: victim did not support, 2008-06-01", entries[0].Summary, StringComparison.Ordinal);
        // The man, his nickname, his car (the same car however its plate was written), phone and flat, and his son.
        var tariq = await app.WithDbAsync(db => db.Persons.SingleAsync(Ct));
        Assert.Equal(["tariq raza", "boss"], tariq.Names.Select(n => n.Key));
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(Ct));
        Assert.Equal(("NB19XKR", "Tariq Raza"), (car.Key, car.KeeperAsWritten));
        var links = await app.WithDbAsync(db => db.Links.Where(l => l.WithdrawnAt == null).ToListAsync(Ct));
        var me = new NodeRef(NodeKind.Person, tariq.Id);
        Assert.Contains(links, l => l.From == me && l.To == new NodeRef(NodeKind.Vehicle, car.Id) && l.Type == LinkType.KeeperOf && l.Confidence == LinkConfidence.Confirmed);
        Assert.Contains(links, l => l.From == me && l.ToKind == NodeKind.Phone && l.Type == LinkType.UsesPhone);
        Assert.Contains(links, l => l.From == me && l.ToKind == NodeKind.Place && l.Type == LinkType.LivesAt);
        Assert.Contains(links, l => l.From == me && l.To == new NodeRef(NodeKind.Child, adam.Id.Value) && l.Type == LinkType.ParentOf);
        foreach (var girl in new[] { leah, kayleigh })
        {
            var child = new NodeRef(NodeKind.Child, girl.Id.Value);
            Assert.Contains(links, l => l.From == child && l.To == me && l.Type == LinkType.SeenWith && l.IntelligenceGrade == "B2" && l.Confidence == LinkConfidence.Tentative
                && l.On == new DateTimeOffset(2008, 3, 14, 19, 30, 0, TimeSpan.Zero));
            Assert.Contains(links, l => l.From == child && l.To == new NodeRef(NodeKind.Vehicle, car.Id) && l.Type == LinkType.PickedUpIn);
        }
        // What the event names is read into the network too.
        Assert.Equal(2, links.Count(l => l.Type == LinkType.NamedInRecord && l.ToKind == NodeKind.Place));
        Assert.Contains(await app.WithDbAsync(db => db.Places.Select(p => p.DisplayName).ToListAsync(Ct)), n => n == "Star Grill");

        var before = await CountsAsync(app);
        var second = await ImportAsync(app, Police);
        Assert.Equal((0, 7, 0), (second.Taken, second.Unchanged, second.Skipped));
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task Import_ChangedLine_RecordedAsACorrection_NeverOverwritten()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Police);
        var changed = Police.Select(l => l.Replace("Both girls found in a flat", "Both girls found in a first-floor flat", StringComparison.Ordinal)
            .Replace("\"relation\":\"pickedUpIn\"", "\"relation\":\"seenWith\"", StringComparison.Ordinal)).ToArray();

        var summary = await ImportAsync(app, changed);

        Assert.Equal((1, 1, 6), (summary.Taken, summary.Corrected, summary.Unchanged));
        var entries = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.SourceRecord == "NBP:event:E-1").ToListAsync(Ct));
        Assert.Equal(4, entries.Count);
        var old = entries.Where(e => e.SupersededById != null).ToList();
        var corrections = entries.Where(e => e.SupersedesId != null).ToList();
        Assert.Equal(2, old.Count);
        Assert.Equal(old.Select(e => e.Id).Order(), corrections.Select(e => e.SupersedesId!.Value).Order());
        Assert.All(corrections, e => Assert.Contains("first-floor", e.Summary, StringComparison.Ordinal));
        Assert.All(old, e => Assert.DoesNotContain("first-floor", e.Summary, StringComparison.Ordinal));
        // The old line is kept; its links are withdrawn and the corrected line's made.
        var source = await app.WithDbAsync(db => db.SourceRecords.SingleAsync(r => r.SourceId == "E-1", Ct));
        Assert.Equal(1, source.Corrections);
        Assert.Contains("Both girls found in a flat", (await app.WithDbAsync(db => db.SourceRecordVersions.SingleAsync(Ct))).Line, StringComparison.Ordinal);
        var links = await app.WithDbAsync(db => db.Links.Where(l => l.RecordType == "Import" && l.RecordId == "NBP:event:E-1").ToListAsync(Ct));
        Assert.Equal(2, links.Count(l => l.Type == LinkType.PickedUpIn && l.WithdrawnAt != null));
        Assert.Equal(2, links.Count(l => l.Type == LinkType.SeenWith && l.ToKind == NodeKind.Vehicle && l.WithdrawnAt == null));
    }

    [Fact]
    public async Task Import_BadLines_NamedByLineAndField_WriteNothing_GoodLinesTaken()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            Police[0], Police[1], Police[2],
            "{ not json",
            """{"type":"boat","id":"B-1"}""",
            """{"type":"vehicle","id":"V-9"}""",
            """{"type":"phone","id":"T-9","number":"not known"}""",
            """{"type":"event","id":"E-9","eventType":"crime","occurredAt":"2099-01-01T00:00:00Z","summary":"x","children":[{"child":"C-404"}]}""",
            """{"type":"person","id":"P-9","name":"Mo","phones":[{"number":"07700 900999"}],"household":[{"child":"C-404"}]}""",
            """{"type":"child","id":"C-9","givenName":"Amy\u0000"}""",
            """{"type":"child","id":"C-8","givenName":"Amy","givenName":"Zoe"}""",
            """{"type":"event","id":"E-10","eventType":"schoolEvent","occurredAt":"2009-01-05","summary":"Missed school; seen in a car at the gate.","children":[{"child":"C-1","role":"pupil"}]}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Equal((3, 8), (summary.Taken, summary.Skipped));
        var errors = summary.Errors.Select(e => (e.Line, e.Field)).ToList();
        Assert.Contains((4, ""), errors);
        Assert.Contains((5, "type"), errors);
        Assert.Contains((6, "registration"), errors);
        Assert.Contains((7, "number"), errors);
        Assert.Contains((8, "occurredAt"), errors);
        Assert.Contains((8, "children[0].child"), errors);
        Assert.Contains((9, "household[0].child"), errors);
        Assert.Contains((10, "givenName"), errors);
        Assert.Contains("givenName", summary.Errors.Single(e => e.Line == 11).Message, StringComparison.Ordinal);
        Assert.Contains("No child with id C-404 from NBP has been imported", summary.Errors.First(e => e.Line == 8 && e.Field == "children[0].child").Message, StringComparison.Ordinal);
        // The person whose household was wrong wrote nothing, not even his phone.
        Assert.Equal((0, 0, 0), await app.WithDbAsync(async db => (await db.Persons.CountAsync(Ct), await db.Phones.CountAsync(Ct), await db.Vehicles.CountAsync(Ct))));
        Assert.Equal(1, await app.WithDbAsync(db => db.Children.CountAsync(Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.SourceRecord == "NBP:event:E-10", Ct)));
        Assert.Equal(12, summary.Lines);
    }

    [Fact]
    public async Task Import_Referrals_HistoricalClock_DecidedLateShowsLate_NothingEscalatedForADutyMetYearsAgo()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            """{"type":"header","format":"lantern-extract","version":1,"agency":"CSC"}""",
            """{"type":"agency","code":"CSC","name":"Northbridge Children's Social Care","kind":"childrensSocialCare"}""",
            """{"type":"child","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02"}""",
            """{"type":"referral","id":"R-1","child":"C-1","receivedAt":"2008-10-06T10:00:00+01:00","referrer":{"name":"School nurse","role":"Nurse"},"whatHappened":"Seen getting into cars outside school.","concerns":["sexualExploitation","missing"],"decision":{"outcome":"noFurtherAction","decidedAt":"2008-11-20T15:00:00Z","decidedBy":"Duty senior practitioner","rationale":"Advice given to school."},"mentions":[{"kind":"vehicle","value":"NB58 KXR"}]}""",
            """{"type":"referral","id":"R-2","child":"C-1","receivedAt":"2009-02-02T09:00:00Z","whatHappened":"Missing overnight again.","concerns":["missing"]}""",
            """{"type":"referral","id":"R-3","child":"C-1","receivedAt":"2009-03-02T09:00:00Z","whatHappened":"x","decision":{"outcome":"earlyHelp","decidedAt":"2009-03-01T09:00:00Z"}}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Equal((4, 1), (summary.Taken, summary.Skipped));
        Assert.Contains(summary.Errors, e => e.Line == 6 && e.Field == "decision.decidedAt");
        var late = await app.WithDbAsync(db => db.Referrals.Include(r => r.Mentions).SingleAsync(r => r.WhatHappened.StartsWith("Seen"), Ct));
        Assert.Equal(ReferralStatus.Decided, late.Status);
        Assert.Equal(new DateTimeOffset(2008, 10, 6, 9, 0, 0, TimeSpan.Zero), late.ReceivedAt);
        // Due by the cut-off of the next working day, in UK time then: 17:00 BST on Tuesday 7 October 2008.
        Assert.Equal(new DateTimeOffset(2008, 10, 7, 16, 0, 0, TimeSpan.Zero), late.DecisionDueBy);
        Assert.Equal((new DateTimeOffset(2008, 11, 20, 15, 0, 0, TimeSpan.Zero), "Duty senior practitioner"), (late.DecidedAt!.Value, late.DecidedByName));
        Assert.True(late.ConcernsSexualHarmOrExploitation);
        var entries = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.SourceRecord == "CSC:referral:R-1").OrderBy(e => e.OccurredAt).ToListAsync(Ct));
        Assert.Equal([EntryType.Referral, EntryType.ReferralDecision], entries.Select(e => e.Type));
        Assert.Equal(late.DecidedAt, entries[1].OccurredAt);
        Assert.Contains("working days after it was due", entries[1].Summary, StringComparison.Ordinal);
        // The referral's mention is read into the network like any other.
        Assert.Equal("NB58KXR", (await app.WithDbAsync(db => db.Vehicles.SingleAsync(Ct))).Key);

        await app.RunScheduledWorkAsync();

        // The duty met (late) in 2008 escalates nothing today; the referral never decided is owed, and climbs its ladder.
        var steps = await app.WithDbAsync(db => db.EscalationSteps.Select(e => e.Reference).ToListAsync(Ct));
        Assert.DoesNotContain(late.Reference, steps);
        var owed = await app.WithDbAsync(db => db.Referrals.SingleAsync(r => r.WhatHappened.StartsWith("Missing"), Ct));
        Assert.Equal(ReferralStatus.AwaitingDecision, owed.Status);
        Assert.Contains(owed.Reference, steps);

        var frontDoor = await app.SignInAsAsync(Domain.Partnership.Role.Practitioner);
        var page = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/referrals/{late.Reference}", UriKind.Relative), Ct));
        Assert.Contains("Duty senior practitioner", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_VictimBlamingWording_CountedAndFlaggedForReviewAtItsOwnTime_NeverRewritten_NotCountedTwice()
    {
        await using var app = await StartAsync();
        const string Said = "Kayleigh is making her own choices and is putting herself at risk with older males.";
        const string Rationale = "No further action: she is sexually active and consensual.";
        string[] lines =
        [
            Police[0], Police[1], Police[2], Police[3],
            $$"""{"type":"event","id":"E-9","eventType":"policeIncident","occurredAt":"2008-09-12T21:00:00Z","summary":"{{Said}}","children":[{"child":"C-2","role":"present"}]}""",
            $$$"""{"type":"referral","id":"R-9","child":"C-1","receivedAt":"2009-01-05T10:00:00Z","whatHappened":"Found in a car with two adults at 2am.","decision":{"outcome":"noFurtherAction","decidedAt":"2009-01-07T10:00:00Z","rationale":"{{{Rationale}}}"}}""",
            """{"type":"missing","id":"M-9","child":"C-1","missingFrom":"2009-02-01T22:00:00Z","returnedAt":"2009-02-02T09:00:00Z","interview":{"outcome":"done","findings":"She absconded again and says she chose to go off with friends."}}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Empty(summary.Errors);
        var findings = await app.WithDbAsync(db => db.LanguageFindings.AsNoTracking().OrderBy(f => f.SeenAt).ThenBy(f => f.EntryId).ToListAsync(Ct));
        Assert.Equal(
        [
            ("summary", "own-choices", "2008-09"), ("summary", "putting-self-at-risk", "2008-09"),
            ("decision.rationale", "consent", "2009-01"), ("decision.rationale", "sexual-activity", "2009-01"),
            ("interview.findings", "absconded", "2009-02"), ("interview.findings", "chose-to", "2009-02"),
        ], findings.Select(f => (f.Field, f.EntryId, f.SeenAt.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(findings.Count, summary.WordingFlagged);
        Assert.All(findings, f => Assert.Equal((Domain.Language.LanguageFindingOutcome.Imported, Guid.Empty, (Domain.Partnership.TeamId?)null, nameof(ChronologyEntry)),
            (f.Outcome, f.UserId, f.TeamId, f.RecordType)));
        // The words stand as the agency wrote them; the entry they landed in is flagged on the child's record.
        var incident = await app.WithDbAsync(db => db.ChronologyEntries.SingleAsync(e => e.SourceRecord == "NBP:event:E-9", Ct));
        Assert.StartsWith(Said, incident.Summary, StringComparison.Ordinal);
        Assert.Equal(incident.Id.ToString(), findings[0].RecordId);
        var kayleigh = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Kayleigh", Ct));
        var worker = await app.SignInAsAsync(Domain.Partnership.Role.Practitioner);
        var record = await Html.ParseAsync(await worker.GetAsync(new Uri($"/children/{kayleigh.Id}", UriKind.Relative), Ct));
        var flag = Assert.Single(record.QuerySelectorAll(".lantern-wording-to-review"));
        Assert.Contains("own-choices, putting-self-at-risk", flag.TextContent, StringComparison.Ordinal);
        Assert.Equal($"entry-{incident.Id}", flag.Closest("tr")!.Id);

        // Counted in the managers' report in the month it was written, apart from wording practitioners saved here.
        var lead = await app.SignInAsAsync(Domain.Partnership.Role.ServiceManager);
        var report = await Html.ParseAsync(await lead.GetAsync(new Uri("/reports/language?from=2008-09&to=2008-09", UriKind.Relative), Ct));
        var rows = report.QuerySelectorAll("table.lantern-language-report tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["September 2008|Northbridge Police|Imported records|own-choices|1|0|0|0|1", "September 2008|Northbridge Police|Imported records|putting-self-at-risk|1|0|0|0|1"], rows);

        // The same file again flags nothing more.
        var again = await ImportAsync(app, lines);
        Assert.Equal((0, 0), (again.Taken, again.WordingFlagged));
        Assert.Equal(findings.Count, await app.WithDbAsync(db => db.LanguageFindings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Import_ReferralAboutAChildFirstSeenInTheSameBatch_BatchSavedWhole()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            Police[0], Police[1], Police[2],
            """{"type":"referral","id":"R-1","child":"C-1","receivedAt":"2009-01-05T10:00:00Z","whatHappened":"Found in a car with two adults at 2am."}""",
            """{"type":"child","id":"C-9","givenName":"Jade","familyName":"Walsh","dateOfBirth":"1994-02-11"}""",
            """{"type":"referral","id":"R-9","child":"C-9","receivedAt":"2009-03-05T10:00:00Z","whatHappened":"Missing for two nights."}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Empty(summary.Errors);
        Assert.Equal((5, 0), (summary.Taken, summary.Skipped));
        var referrals = await app.WithDbAsync(db => db.Referrals.OrderBy(r => r.ReceivedAt).Select(r => new { r.ChildGivenName, r.ChildId }).ToListAsync(Ct));
        Assert.Equal(["Leah", "Jade"], referrals.Select(r => r.ChildGivenName));
        // Saved in one go, not line by line after a failed batch: one audit event for the batch and one for the file.
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)Auditing.AuditCode.ExtractImported, Ct)));
    }

    [Fact]
    public async Task Import_TwoAgenciesRecordsOfOneChildInOneBatch_JoinOneChild_HerTwinStaysApart()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            """{"type":"header","format":"lantern-extract","version":1}""",
            """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
            """{"type":"agency","code":"NHS","name":"Northbridge NHS Foundation Trust","kind":"health"}""",
            """{"type":"child","agency":"NBP","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02","gender":"female","address":"4 Mill Lane, Northbridge","postcode":"NB4 2XY","nhsNumber":"9434765919"}""",
            """{"type":"child","agency":"NHS","id":"H-77","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02","gender":"female","postcode":"NB4 2XY","nhsNumber":"943 476 5919"}""",
            """{"type":"child","agency":"NHS","id":"H-78","givenName":"Lucy","familyName":"Quarmby","dateOfBirth":"1993-04-02","gender":"female","postcode":"NB4 2XY"}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Equal((5, 0), (summary.Taken, summary.Skipped));
        var children = await app.WithDbAsync(db => db.Children.OrderBy(c => c.GivenName).Select(c => c.GivenName).ToListAsync(Ct));
        Assert.Equal(["Leah", "Lucy"], children);
        var targets = await app.WithDbAsync(db => db.SourceRecords.Where(r => r.Kind == "child").OrderBy(r => r.SourceId).Select(r => r.TargetId).ToListAsync(Ct));
        Assert.Equal(targets[0], targets[1]);
        Assert.NotEqual(targets[0], targets[2]);
    }

    [Fact]
    public async Task Import_ApproximateAge_CountsFromTheDayItWasWritten()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            Police[0], Police[1],
            """{"type":"child","id":"C-20","givenName":"Shannon","approximateAge":14,"approximateAgeOn":"2008-03-14"}""",
            """{"type":"child","id":"C-21","givenName":"Tegan","approximateAge":14}""",
            """{"type":"child","id":"C-22","givenName":"Molly","approximateAge":14,"approximateAgeOn":"2030-01-01"}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Equal((3, 1), (summary.Taken, summary.Skipped));
        Assert.Contains(summary.Errors, e => e.Line == 5 && e.Field == "approximateAgeOn");
        var today = DateOnly.FromDateTime(Monday.UtcDateTime);
        var shannon = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Shannon", Ct));
        var tegan = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Tegan", Ct));
        Assert.Equal((new DateOnly(2008, 3, 14), 32), (shannon.EstimatedAgeOn!.Value, shannon.AgeOn(today)!.Value));
        Assert.Equal((today, 14), (tegan.EstimatedAgeOn!.Value, tegan.AgeOn(today)!.Value));
    }

    [Fact]
    public async Task Import_MissingEpisodes_InterviewKeptAsRecorded_OldOnesWithNoneRecordedNotDone_ARecentReturnOnItsClock()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            Police[0], Police[1], Police[2],
            """{"type":"missing","id":"M-1","child":"C-1","missingFrom":"2008-05-02T22:00:00Z","returnedAt":"2008-05-03T14:00:00Z","foundWhere":"Flat above Star Grill","foundWith":"Two older men","riskGrading":"high","interview":{"outcome":"done","findings":"Says she was given vodka and a phone."},"mentions":[{"kind":"place","value":"Star Grill"}]}""",
            """{"type":"missing","id":"M-2","child":"C-1","missingFrom":"2008-06-10T22:00:00Z","returnedAt":"2008-06-11T09:00:00Z","riskGrading":"medium"}""",
            """{"type":"missing","id":"M-3","child":"C-1","missingFrom":"2026-11-21T22:00:00Z","returnedAt":"2026-11-22T20:00:00Z"}""",
            """{"type":"missing","id":"M-4","child":"C-1","missingFrom":"2008-07-01T22:00:00Z","returnedAt":"2008-06-30T09:00:00Z","interview":{"outcome":"done"}}""",
        ];

        var summary = await ImportAsync(app, lines);

        Assert.Equal((5, 1), (summary.Taken, summary.Skipped));
        Assert.Contains(summary.Errors, e => e.Line == 7 && e.Field == "returnedAt");
        Assert.Contains(summary.Errors, e => e.Line == 7 && e.Field == "interview.findings");
        var episodes = await app.WithDbAsync(db => db.MissingEpisodes.OrderBy(m => m.MissingFrom).ToListAsync(Ct));
        Assert.Equal([ReturnInterviewStatus.Done, ReturnInterviewStatus.NotDone, ReturnInterviewStatus.Due], episodes.Select(e => e.InterviewStatus));
        Assert.Equal(("Flat above Star Grill", "Says she was given vodka and a phone."), (episodes[0].FoundWhere, episodes[0].InterviewFindings));
        Assert.Equal("No return home interview is recorded in Northbridge Police's extract", episodes[1].InterviewReason);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero), episodes[2].InterviewDueBy);
        var entry = await app.WithDbAsync(db => db.ChronologyEntries.SingleAsync(e => e.SourceRecord == "NBP:missing:M-1", Ct));
        Assert.Equal((EntryType.MissingEpisode, new DateTimeOffset(2008, 5, 2, 22, 0, 0, TimeSpan.Zero)), (entry.Type, entry.OccurredAt));
        Assert.Contains(await app.WithDbAsync(db => db.Places.Select(p => p.DisplayName).ToListAsync(Ct)), n => n == "Star Grill");

        await app.RunScheduledWorkAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.EscalationSteps.CountAsync(Ct)));
    }

    [Fact]
    public async Task Export_EveryLineAsImportedWithWhatItBecame_JoinsAndClocksShown_LoadedAgainChangesNothing()
    {
        await using var app = await StartAsync();
        string[] health =
        [
            """{"type":"agency","code":"NHS","name":"Northbridge NHS Foundation Trust","kind":"health"}""",
            """{"type":"child","agency":"NHS","id":"H-77","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02","address":"4 Mill Lane, Northbridge","postcode":"NB4 2XY"}""",
            """{"type":"referral","agency":"NHS","id":"R-1","child":"H-77","receivedAt":"2008-10-06T10:00:00Z","whatHappened":"Attended sexual health clinic, 15.","decision":{"outcome":"noFurtherAction","decidedAt":"2008-11-20T15:00:00Z"}}""",
        ];
        await ImportAsync(app, [.. Police, .. health]);
        await using var scope = app.Services.CreateAsyncScope();
        var writer = new StringWriter();
        var count = await scope.ServiceProvider.GetRequiredService<ExtractExport>().ExportAsync(writer, null, Ct);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, count);
        // Each record as imported, then what it became.
        var leahLine = Array.FindIndex(lines, l => l.Contains("\"id\":\"C-1\"", StringComparison.Ordinal) && l.Contains("\"agency\":\"NBP\"", StringComparison.Ordinal) && l.Contains("Leah", StringComparison.Ordinal));
        Assert.True(leahLine > 0);
        using var resolution = System.Text.Json.JsonDocument.Parse(lines[leahLine + 1]);
        var leah = await app.WithDbAsync(db => db.Children.SingleAsync(c => c.GivenName == "Leah", Ct));
        Assert.Equal(("resolution", "C-1", leah.Id.Value), (resolution.RootElement.GetProperty("type").GetString(), resolution.RootElement.GetProperty("id").GetString(),
            resolution.RootElement.GetProperty("lanternId").GetGuid()));
        // Two agencies' records of Leah became one child: each names the other.
        Assert.Equal(["NHS:child:H-77"], resolution.RootElement.GetProperty("sameAs").EnumerateArray().Select(e => e.GetString()));
        var referral = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("type").GetString() == "resolution" && e.GetProperty("record").GetString() == "referral");
        Assert.False(referral.GetProperty("decisionMet").GetBoolean());
        Assert.True(referral.GetProperty("workingDaysLate").GetInt32() > 20);

        var again = await ImportAsync(app, lines);
        Assert.Equal((0, 0), (again.Taken, again.Skipped));
        Assert.Equal(10, again.Unchanged);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)Auditing.AuditCode.ExtractExported, Ct)));
    }

    [Fact]
    public async Task Import_NoHeader_NothingTaken_TheFirstLineNamed()
    {
        await using var app = await StartAsync();
        var summary = await ImportAsync(app, Police.Skip(1));
        Assert.Equal(0, summary.Taken);
        Assert.Equal((1, "type"), (summary.Errors[0].Line, summary.Errors[0].Field));
        Assert.Equal(0, await app.WithDbAsync(db => db.Agencies.CountAsync(a => a.Code == "NBP", Ct)));
    }

    [Fact]
    public async Task ImportApi_AgencySystem_ImportsOnlyAsItsOwnAgency_JsonLinesOnly()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        static StringContent Lines(params string[] lines) => new(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        var header = """{"type":"header","format":"lantern-extract","version":1}""";

        var taken = await school.PostAsync(new Uri("/api/v1/import", UriKind.Relative), Lines(header,
            """{"type":"child","id":"S-1","givenName":"Maisie","familyName":"Threlfall","dateOfBirth":"2012-09-01"}""",
            """{"type":"event","id":"S-E1","eventType":"schoolEvent","occurredAt":"2026-11-20T09:00:00Z","summary":"Collected from the gate by an unknown man in a silver car.","children":[{"child":"S-1","role":"pupil"}],"mentions":[{"kind":"vehicle","value":"NB19 XKR"}]}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var answer = await taken.Content.ReadFromJsonAsync<ImportEndpointsAnswer>(Ct);
        Assert.Equal((2, 0), (answer!.Taken, answer.Skipped));
        var castleHill = await app.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Name == "Castle Hill Academy", Ct));
        Assert.Equal(castleHill.Id, (await app.WithDbAsync(db => db.ChronologyEntries.SingleAsync(e => e.SourceRecord!.EndsWith(":event:S-E1"), Ct))).SourceAgencyId);

        var other = await school.PostAsync(new Uri("/api/v1/import", UriKind.Relative), Lines(header,
            """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
            """{"type":"child","agency":"NBP","id":"C-1","givenName":"Leah"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var problem = await other.Content.ReadAsStringAsync(Ct);
        Assert.Contains("line 2: code", problem, StringComparison.Ordinal);
        Assert.Contains("line 3: agency", problem, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Agencies.CountAsync(a => a.Name == "Northbridge Police" && a.Code == "NBP", Ct)));

        var anonymous = await app.CreateBrowserLikeClient().PostAsync(new Uri("/api/v1/import", UriKind.Relative), Lines(header), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var signedIn = await (await app.SignInAsAsync(Domain.Partnership.Role.IntelligenceAnalyst)).PostAsync(new Uri("/api/v1/import", UriKind.Relative), Lines(header), Ct);
        Assert.NotEqual(HttpStatusCode.OK, signedIn.StatusCode);
        var json = await school.PostAsync(new Uri("/api/v1/import", UriKind.Relative), new StringContent(header, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    private sealed record ImportEndpointsAnswer(int Lines, int Taken, int Corrected, int Unchanged, int Skipped);
}

public sealed class SqliteImportScenarios : ImportScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresImportScenarios : ImportScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
