using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Features.Identity;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Identity;

/// <summary>
/// Identity resolution as the front door meets it: a referral about a child already known joins that child, with
/// the reason kept; a possible twin or sibling opens a record of its own and waits for a person; a confirmed pair is
/// merged and the merge undone with every row back where it was; a rejection is remembered; the repeated-concern
/// rule, search and the agency API use resolved identity; a second node finds what the first saved. SQLite and PostgreSQL.
/// </summary>
public abstract class IdentityScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestApp> StartAsync()
    {
        var app = new TestApp(Database, Monday);
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        return app;
    }

    private static string Referral(string given, string family, string? dob, string address = "4 Mill Lane, Northbridge", string postcode = "NB2 7QT",
        string? nhs = null, string? knownAs = null) => JsonSerializer.Serialize(new
        {
            child = new { givenName = given, familyName = family, knownAs, dateOfBirth = dob, approximateAge = dob is null ? 14 : (int?)null, address, postcode, nhsNumber = nhs },
            concern = new { whatHappened = "Seen getting into cars with older men after school.", whyWorried = "New phone, missing overnight.", sexualHarmOrExploitation = true },
            referrer = new { name = "Priya Shah", role = "Designated safeguarding lead", email = "p.shah@castlehill.example" },
            familyAware = "notToldForSafety",
            lawfulBasis = "safeguardingChildren",
        });

    private static async Task<Guid> ChildOfAsync(TestApp app, string reference) =>
        await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));

    private static Task<List<IdentityMatch>> MatchesAsync(TestApp app) =>
        app.WithDbAsync(db => db.IdentityMatches.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync(Ct));

    [Fact]
    public async Task Referral_AboutAChildAlreadyKnown_JoinsThatChild_WithTheReasonKeptAndShownOnTheRecord()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var first = await TestReferrals.RaiseAsync(school, Referral("Katherine", "Oyelaran", "2011-03-09", nhs: "485 777 3457"), Ct);
        // Another agency, another spelling and a nickname, but the same NHS number and date of birth.
        var second = await TestReferrals.RaiseAsync(police, Referral("Katie", "Oyelarin", "2011-03-09", address: "Flat 2, 4 Mill Lane", nhs: "4857773457"), Ct);

        var child = await ChildOfAsync(app, first);
        Assert.Equal(child, await ChildOfAsync(app, second));
        Assert.Equal(1, await app.WithDbAsync(db => db.Children.CountAsync(c => c.FamilyName.StartsWith("Oyelar"), Ct)));
        var joined = Assert.Single(await MatchesAsync(app));
        Assert.Equal(IdentityMatchStatus.LinkedOnArrival, joined.Status);
        Assert.Equal(second, joined.RecordReference);
        Assert.True(joined.Probability >= 0.9, $"probability {joined.Probability}");
        Assert.Contains("identifier", joined.Explanation, StringComparison.Ordinal);
        Assert.Contains("date of birth", joined.Explanation, StringComparison.Ordinal);
        Assert.Contains((int)Auditing.AuditCode.IdentityLinkedOnArrival, await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Code).ToListAsync(Ct)));

        var frontDoor = await app.SignInAsAsync(Role.Practitioner);
        var record = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct));
        var history = record.QuerySelector("#identity-history")!.TextContent;
        Assert.Contains($"referral {second} was joined to this record on arrival", history, StringComparison.Ordinal);
        Assert.Contains("identifier", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referral_AboutATwinAtTheSameAddress_OpensARecordOfItsOwn_AndWaitsForAPerson()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var aisha = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aisha", "Rahmanova", "2012-06-01"), Ct));
        var aaliyahReferral = await TestReferrals.RaiseAsync(school, Referral("Aaliyah", "Rahmanova", "2012-06-01"), Ct);
        var aaliyah = await ChildOfAsync(app, aaliyahReferral);

        Assert.NotEqual(aisha, aaliyah);
        var pair = Assert.Single(await MatchesAsync(app));
        Assert.Equal(IdentityMatchStatus.AwaitingReview, pair.Status);
        Assert.Equal(new ChildId(aaliyah), pair.ChildId);
        Assert.Equal(new ChildId(aisha), pair.CandidateId);
        // A rule held the pair back: the same date of birth with different given names is twins as often as one child.
        Assert.NotNull(pair.HeldBackBy);
        Assert.Contains((int)Auditing.AuditCode.IdentityReviewRequested, await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Code).ToListAsync(Ct)));

        // The front door sees the pair in its queue, side by side, with the rule and the reasons.
        var frontDoor = await app.SignInAsAsync(Role.Practitioner);
        var queue = await Html.ParseAsync(await frontDoor.GetAsync(new Uri("/identity/review", UriKind.Relative), Ct));
        var link = queue.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Single(h => h == $"/identity/review/{pair.Id}");
        // The referral's page says so too, where the front door decides on the referral.
        var referralPage = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/referrals/{aaliyahReferral}", UriKind.Relative), Ct));
        Assert.Contains(referralPage.QuerySelectorAll("a"), a => a.GetAttribute("href") == link && a.TextContent == "Compare the records and decide");
        var page = await Html.ParseAsync(await frontDoor.GetAsync(new Uri(link!, UriKind.Relative), Ct));
        Assert.Equal("Is Aaliyah Rahmanova the same child as Aisha Rahmanova?", page.Heading());
        Assert.Contains("not joined automatically: " + pair.HeldBackBy, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#explanation li"), li => li.TextContent.StartsWith("date of birth:", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("#explanation li"), li => li.TextContent.StartsWith("given name:", StringComparison.Ordinal));

        // Nobody else decides: a health practitioner is refused, and no decision names the field to fix.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(new Uri(link!, UriKind.Relative), Ct)).StatusCode);
        // A nurse who works with Aaliyah sees that a pair waits, but not who the other child is nor the engine's
        // explanation, which quotes the other record's details.
        await TestChildren.InvolveAsync(app, aaliyah, TestApp.DemoAccountFor(Role.HealthPractitioner).Email, "School nurse", Ct);
        var nurseView = await Html.ParseAsync(await nurse.GetAsync(new Uri($"/children/{aaliyah}", UriKind.Relative), Ct));
        var history = nurseView.QuerySelector("#identity-history")!.TextContent;
        Assert.Contains("may be the same child as another record you do not have access to", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", history, StringComparison.Ordinal);
        Assert.DoesNotContain("2012-06-01", nurseView.Body!.TextContent, StringComparison.Ordinal);
        var frontDoorView = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children/{aaliyah}", UriKind.Relative), Ct));
        Assert.Contains("may be the same child as Aisha Rahmanova", frontDoorView.QuerySelector("#identity-history")!.TextContent, StringComparison.Ordinal);
        var undecided = await Html.ParseAsync(await TestApp.PostFormAsync(frontDoor, link!, new Dictionary<string, string>()));
        Assert.Equal([("Select whether these records are about the same child", "Decision")], undecided.ErrorSummary());
        var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(frontDoor, link!, new Dictionary<string, string> { ["Decision"] = "Different" }));
        Assert.Equal("Reason", Assert.Single(noReason.ErrorSummary()).Target);
        Assert.Equal(IdentityMatchStatus.AwaitingReview, Assert.Single(await MatchesAsync(app)).Status);
    }

    [Fact]
    public async Task Reject_IsRemembered_TheSamePairIsNeverSuggestedAgain()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var aisha = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aisha", "Rahmanova", "2012-06-01"), Ct));
        var aaliyah = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aaliyah", "Rahmanova", "2012-06-01"), Ct));
        var pair = Assert.Single(await MatchesAsync(app));

        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        // A reason that cannot be stored, or of nothing a reader can see, is named and nothing is decided.
        foreach (var (reason, message) in new[] { ("Twins\u001B[31m", "Reason contains a character that cannot be stored: remove it"), ("\u200B\u3164", "Say why these are two different children, so nobody asks again without cause") })
        {
            var refused = await Html.ParseAsync(await TestApp.PostFormAsync(frontDoor, $"/identity/review/{pair.Id}",
                new Dictionary<string, string> { ["Decision"] = "Different", ["Reason"] = reason }));
            Assert.Equal([(message, "Reason")], refused.ErrorSummary());
        }
        Assert.Equal(IdentityMatchStatus.AwaitingReview, Assert.Single(await MatchesAsync(app)).Status);
        var decided = await TestApp.PostFormAsync(frontDoor, $"/identity/review/{pair.Id}",
            new Dictionary<string, string> { ["Decision"] = "Different", ["Reason"] = "Twins: confirmed with the school, two pupils." });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var rejected = Assert.Single(await MatchesAsync(app));
        Assert.Equal(IdentityMatchStatus.Rejected, rejected.Status);
        Assert.Equal("Twins: confirmed with the school, two pupils.", rejected.Reason);

        // Aaliyah is referred again: she joins her own record, and the pair with her sister is not put to anyone again.
        var again = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aaliyah", "Rahmanova", "2012-06-01"), Ct));
        Assert.Equal(aaliyah, again);
        var matches = await MatchesAsync(app);
        Assert.DoesNotContain(matches, m => m.Status == IdentityMatchStatus.AwaitingReview);
        Assert.Contains(matches, m => m.Status == IdentityMatchStatus.LinkedOnArrival && m.ChildId == new ChildId(aaliyah));
        var queue = await Html.ParseAsync(await frontDoor.GetAsync(new Uri("/identity/review", UriKind.Relative), Ct));
        Assert.Contains("There are no pairs waiting for a decision.", queue.Body!.TextContent, StringComparison.Ordinal);
        // The decision shows on both records.
        var record = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children/{aisha}", UriKind.Relative), Ct));
        Assert.Contains("is a different child from Aaliyah Rahmanova: Twins", record.QuerySelector("#identity-history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_MergesEveryRow_AndUndo_PutsEachBackWhereItWas()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var known = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aisha", "Rahmanova", "2012-06-01"), Ct));
        var newReferral = await TestReferrals.RaiseAsync(school, Referral("Aaliyah", "Rahmanova", "2012-06-01"), Ct);
        var opened = await ChildOfAsync(app, newReferral);
        await TestChildren.InvolveAsync(app, opened, TestApp.DemoAccountFor(Role.Practitioner).Email, "Allocated social worker", Ct);
        // Three missing episodes on the new record raise a repeat-missing alert about it.
        await TestMissingEpisodes.RecordMissingAsync(police, opened, Monday, [60, 30, 1], Ct);
        // What the new record says about her safety: a vulnerability and a level of concern.
        await app.WithDbAsync(async db =>
        {
            var child = await db.Children.Include(c => c.Vulnerabilities).SingleAsync(c => c.Id == new ChildId(opened), Ct);
            Assert.Null(child.AddVulnerability("Goes missing with older males", "Tom Walsh", app.Time.GetUtcNow()));
            child.SetLevelOfConcern(LevelOfConcern.Significant);
            return await db.SaveChangesAsync(Ct);
        });
        // A crime against her on the new record, whose decision not to prosecute opened a review.
        var crime = await TestCrimes.RecordAsync(police, opened, app.Time.GetUtcNow(), Ct);
        await TestCrimes.NoFurtherActionAsync(police, opened, crime, app.Time.GetUtcNow(), Ct);
        async Task<(ChildId Victim, ChildId Review)> CrimeAsync() => await app.WithDbAsync(async db =>
            (await db.CrimeVictims.Select(v => v.ChildId).SingleAsync(Ct), await db.NoChargeReviews.Select(r => r.ChildId).SingleAsync(Ct)));
        var before = await RowsAsync(app, opened);
        Assert.Equal(1, before.Referrals);
        Assert.Equal(3, before.Episodes);
        Assert.Equal(1, before.Alerts);
        Assert.True(before.Entries >= 4, $"{before.Entries} entries");
        var knownBefore = await RowsAsync(app, known);

        var pair = Assert.Single(await MatchesAsync(app), m => m.Status == IdentityMatchStatus.AwaitingReview);
        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        var confirmed = await TestApp.PostFormAsync(frontDoor, $"/identity/review/{pair.Id}",
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "Same girl: the school recorded her by her middle name." });
        Assert.Equal($"/children/{known}", confirmed.Headers.Location?.OriginalString);

        Assert.Equal(new RowCounts(0, 0, 0, 0, 0, 0), await RowsAsync(app, opened));
        Assert.Equal((new ChildId(known), new ChildId(known)), await CrimeAsync());
        Assert.Equal(knownBefore + before, await RowsAsync(app, known));
        // Her vulnerability moved with the rest and the known record took on the higher level of concern; the
        // merged record's own details are shown on the known one.
        var survivorNow = await app.WithDbAsync(db => db.Children.Include(c => c.Vulnerabilities).SingleAsync(c => c.Id == new ChildId(known), Ct));
        Assert.Equal(["Goes missing with older males"], survivorNow.Vulnerabilities.Select(v => v.Description));
        Assert.Equal(LevelOfConcern.Significant, survivorNow.LevelOfConcern);
        var knownPage = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children/{known}", UriKind.Relative), Ct));
        Assert.Contains("Aaliyah Rahmanova", knownPage.QuerySelector("#identity-joined")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new ChildId(known), await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(opened)).Select(c => c.MergedIntoId).SingleAsync(Ct)));
        // The merged record is no longer listed, and the practitioner involved now sees the known child.
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var list = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/children", UriKind.Relative), Ct));
        Assert.Equal([$"/children/{known}"], list.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")));
        var merge = await app.WithDbAsync(db => db.ChildMerges.SingleAsync(Ct));

        // The merged record is kept as it was: a person cannot change it, and what an agency sends to the id it
        // holds lands on the child it was joined into.
        var edit = await TestApp.PostFormAsync(frontDoor, $"/children/{opened}/edit", new Dictionary<string, string> { ["Details.GivenName"] = "Changed" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        await TestMissingEpisodes.RecordMissingAsync(police, opened, Monday, [2], Ct);
        Assert.Equal(0, (await RowsAsync(app, opened)).Episodes);
        Assert.Equal(knownBefore.Episodes + before.Episodes + 1, (await RowsAsync(app, known)).Episodes);

        // Something recorded on the known child after the merge stays with it when the merge is undone.
        var undone = await TestApp.PostFormAsync(frontDoor, $"/identity/merges/{merge.Id}",
            new Dictionary<string, string> { ["UndoReason"] = "Twins after all: the school has two pupils." });
        Assert.Equal($"/children/{opened}", undone.Headers.Location?.OriginalString);

        Assert.Equal(before, await RowsAsync(app, opened));
        Assert.Equal((new ChildId(opened), new ChildId(opened)), await CrimeAsync());
        Assert.Equal(["Goes missing with older males"], await app.WithDbAsync(db => db.ChildVulnerabilities
            .Where(v => v.ChildId == new ChildId(opened)).Select(v => v.Description).ToListAsync(Ct)));
        var knownAfter = await RowsAsync(app, known);
        Assert.Equal(knownBefore.Referrals, knownAfter.Referrals);
        Assert.Equal(1, knownAfter.Episodes);
        Assert.Null(await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(opened)).Select(c => c.MergedIntoId).SingleAsync(Ct)));
        Assert.Equal(IdentityMatchStatus.MergeUndone, (await MatchesAsync(app)).Single(m => m.Id == pair.Id).Status);
        // The alert about the merged record is back on it, about it.
        var alert = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Rule == "RepeatMissing", Ct));
        Assert.Equal(new ChildId(opened), alert.ChildId);
        Assert.Equal(opened.ToString(), alert.SubjectId);
        // Both decisions are audited and the undoing is shown on the record.
        var codes = await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Code).ToListAsync(Ct));
        Assert.Contains((int)Auditing.AuditCode.IdentityConfirmed, codes);
        Assert.Contains((int)Auditing.AuditCode.ChildMergeUndone, codes);
        var record = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children/{opened}", UriKind.Relative), Ct));
        Assert.Contains("undid the merge of Aaliyah Rahmanova's record: Twins after all", record.QuerySelector("#identity-history")!.TextContent, StringComparison.Ordinal);
        // Undoing twice is refused with the reason.
        var twice = await Html.ParseAsync(await TestApp.PostFormAsync(frontDoor, $"/identity/merges/{merge.Id}",
            new Dictionary<string, string> { ["UndoReason"] = "again" }));
        Assert.Contains("already been undone", twice.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_AnotherPairWaitingOnTheMergedRecord_IsPutAgainstTheSurvivor_AndBackOnUndo()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var known = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aisha", "Rahmanova", "2012-06-01"), Ct));
        var opened = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Aaliyah", "Rahmanova", "2012-06-01"), Ct));
        var third = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Zainab", "Rahmanova", "2015-02-03"), Ct));
        var pair = Assert.Single(await MatchesAsync(app), m => m.Status == IdentityMatchStatus.AwaitingReview && m.ChildId == new ChildId(opened));
        // A second pair waits on the record about to be merged (as another arrival could have left it).
        var waiting = new IdentityMatch
        {
            Status = IdentityMatchStatus.AwaitingReview,
            ChildId = new ChildId(third),
            CandidateId = new ChildId(opened),
            RecordType = "Referral",
            RecordReference = "TEST-1",
            Probability = 0.4,
            Explanation = "family name: same",
            CreatedAt = app.Time.GetUtcNow(),
        };
        await app.WithDbAsync(db =>
        {
            db.IdentityMatches.Add(waiting);
            return db.SaveChangesAsync(Ct);
        });

        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        await TestApp.PostFormAsync(frontDoor, $"/identity/review/{pair.Id}", new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "One girl." });
        var moved = (await MatchesAsync(app)).Single(m => m.Id == waiting.Id);
        Assert.Equal(IdentityMatchStatus.AwaitingReview, moved.Status);
        Assert.Equal(new ChildId(known), moved.CandidateId);
        var pairPage = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/identity/review/{waiting.Id}", UriKind.Relative), Ct));
        Assert.Equal("Is Zainab Rahmanova the same child as Aisha Rahmanova?", pairPage.Heading());

        var merge = await app.WithDbAsync(db => db.ChildMerges.SingleAsync(Ct));
        await TestApp.PostFormAsync(frontDoor, $"/identity/merges/{merge.Id}", new Dictionary<string, string> { ["UndoReason"] = "Twins after all." });
        Assert.Equal(new ChildId(opened), (await MatchesAsync(app)).Single(m => m.Id == waiting.Id).CandidateId);
    }

    [Fact]
    public async Task TwoRecordsOpenedAtOneMoment_TheLaterCheckPutsThePairToAPerson_Once()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var first = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Noor", "Haddad", "2013-02-02"), Ct));
        // A second record of her opened at the same moment by another referral, which could not yet see the first.
        var second = await app.WithDbAsync(async db =>
        {
            var child = Child.Open(new NewChild { GivenName = "Noor", FamilyName = "Haddad", DateOfBirth = new DateOnly(2013, 2, 2), Address = "4 Mill Lane, Northbridge", Postcode = "NB2 7QT" },
                app.Time.GetUtcNow(), DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));
            db.Children.Add(child);
            await db.SaveChangesAsync(Ct);
            return child.Id;
        });
        Assert.DoesNotContain(await MatchesAsync(app), m => m.ChildId == second || m.CandidateId == second);

        async Task<int> RecheckAsync(ChildId opened)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IdentityResolution>().RecheckOpenedAsync(opened,
                new Lantern.Linking.PersonRecord("again") { Given = "Noor", Family = "Haddad", DateOfBirth = "2013-02-02", Address = "4 Mill Lane, Northbridge", Postcode = "NB2 7QT" },
                "Referral", "NB-TEST", scope.ServiceProvider.GetRequiredService<Auditing.AuditTrail>(), Ct);
        }

        Assert.Equal(1, await RecheckAsync(second));
        var pair = Assert.Single(await MatchesAsync(app), m => m.ChildId == second);
        Assert.Equal(IdentityMatchStatus.AwaitingReview, pair.Status);
        Assert.Equal(new ChildId(first), pair.CandidateId);
        // The other record's own check, and a second look, add nothing more.
        Assert.Equal(0, await RecheckAsync(new ChildId(first)));
        Assert.Equal(0, await RecheckAsync(second));
        Assert.Single(await MatchesAsync(app), m => m.CandidateId != null);
    }

    [Fact]
    public async Task TwoReferralsAboutANewChild_AtOnce_OneRecord_OrTwoPutToAPerson()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var references = await Task.WhenAll(
            TestReferrals.RaiseAsync(school, Referral("Idris", "Malouf", "2012-03-03"), Ct),
            TestReferrals.RaiseAsync(police, Referral("Idris", "Malouf", "2012-03-03"), Ct));
        var children = (await Task.WhenAll(references.Select(r => ChildOfAsync(app, r)))).Distinct().ToList();
        if (children.Count == 2)
        {
            Assert.Contains(await MatchesAsync(app), m => m.Status == IdentityMatchStatus.AwaitingReview
                && ((m.ChildId == new ChildId(children[0]) && m.CandidateId == new ChildId(children[1])) || (m.ChildId == new ChildId(children[1]) && m.CandidateId == new ChildId(children[0]))));
        }
        else
        {
            Assert.Single(children);
        }
    }

    private sealed record RowCounts(int Referrals, int Entries, int Involvements, int Episodes, int Screenings, int Alerts)
    {
        public static RowCounts operator +(RowCounts a, RowCounts b) =>
            new(a.Referrals + b.Referrals, a.Entries + b.Entries, a.Involvements + b.Involvements, a.Episodes + b.Episodes, a.Screenings + b.Screenings, a.Alerts + b.Alerts);
    }

    private static Task<RowCounts> RowsAsync(TestApp app, Guid child) => app.WithDbAsync(async db =>
    {
        var id = new ChildId(child);
        return new RowCounts(
            await db.Referrals.CountAsync(r => r.ChildId == id, Ct),
            await db.ChronologyEntries.CountAsync(e => e.ChildId == id, Ct),
            await db.Involvements.CountAsync(i => i.ChildId == id, Ct),
            await db.MissingEpisodes.CountAsync(m => m.ChildId == id, Ct),
            await db.Screenings.CountAsync(s => s.ChildId == id, Ct),
            await db.Alerts.CountAsync(a => a.ChildId == id, Ct));
    });

    [Fact]
    public async Task RepeatedConcern_CountsReferralsOfTheResolvedChild_WhateverTheSpelling()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        await TestReferrals.RaiseAsync(school, Referral("Mohammed", "Iqbal", "2010-02-11", nhs: "943 476 5919"), Ct);
        // The next agency spells the name another way; exact name and date of birth would have missed it.
        var second = await TestReferrals.RaiseAsync(police, Referral("Muhammad", "Ikbal", "2010-02-11", nhs: "9434765919"), Ct);

        var marked = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == second).Select(r => r.RepeatedConcern).SingleAsync(Ct));
        Assert.True(marked);
        var alert = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Rule == "RepeatedConcern", Ct));
        Assert.Equal(await ChildOfAsync(app, second), alert.ChildId!.Value.Value);
    }

    [Fact]
    public async Task Search_FindsMisspeltSwappedAndNicknamedNames_AndReferences_SayingWhy()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, Referral("Katherine", "Oyelaran", "2011-03-09", knownAs: "Kasia"), Ct);
        var child = await ChildOfAsync(app, reference);
        await TestReferrals.RaiseAsync(school, Referral("Samuel", "Brightwater", "2009-01-20"), Ct);
        var frontDoor = await app.SignInAsAsync(Role.Practitioner);

        async Task<(IReadOnlyList<string?> Links, string Text)> SearchAsync(string q)
        {
            var page = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/children?q={Uri.EscapeDataString(q)}", UriKind.Relative), Ct));
            return ([.. page.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href"))], page.QuerySelector("tbody")?.TextContent ?? "");
        }

        foreach (var q in new[] { "Kate Oyelaran", "Oyelaran Katherine", "Katherine Oyelarin", "Kathrine Oyelaran 2011", "Oyelaran", "Kasia Oyelaran", "OYELARAN Katherine Ann", "Katherine Onelaran", reference })
        {
            var (links, text) = await SearchAsync(q);
            Assert.True(links.Contains($"/children/{child}"), $"'{q}' did not find the child");
            Assert.DoesNotContain(links, l => l != $"/children/{child}");
            Assert.False(string.IsNullOrWhiteSpace(text));
        }
        Assert.Contains("nickname", (await SearchAsync("Kate Oyelaran")).Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Referral {reference} is about this child", (await SearchAsync(reference)).Text, StringComparison.Ordinal);
        Assert.Empty((await SearchAsync("Zebedee Quartermaine")).Links);

        // Outside the front door, a search finds only the children the person works with.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        var nursePage = await Html.ParseAsync(await nurse.GetAsync(new Uri("/children?q=Katherine+Oyelaran", UriKind.Relative), Ct));
        Assert.Empty(nursePage.QuerySelectorAll("tbody a"));
        // Once she works with the child, her search scores each child she may see: misspelt and swapped still find her.
        await TestChildren.InvolveAsync(app, child, TestApp.DemoAccountFor(Role.HealthPractitioner).Email, "School nurse", Ct);
        foreach (var q in new[] { "Katherine Oyelaran", "Kate Oyelarin", "OYELARAN Katherine Ann" })
        {
            var mine = await Html.ParseAsync(await nurse.GetAsync(new Uri($"/children?q={Uri.EscapeDataString(q)}", UriKind.Relative), Ct));
            Assert.Equal([$"/children/{child}"], mine.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")));
            Assert.Contains("given name", mine.QuerySelector("tbody")!.TextContent, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AgencyApi_WhoMightThisBe_AnswersWithinItsScope_WithReasonsButNoStoredDetails()
    {
        await using var app = await StartAsync();
        var key = await app.CreateApiKeyAsync("Castle Hill Academy");
        var school = app.CreateApiClient(key);
        var child = await ChildOfAsync(app, await TestReferrals.RaiseAsync(school, Referral("Katherine", "Oyelaran", "2011-03-09", nhs: "485 777 3457"), Ct));
        var other = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));

        async Task<JsonElement> AskAsync(HttpClient client, object body)
        {
            var response = await client.PostAsJsonAsync(new Uri("/api/v1/identity/candidates", UriKind.Relative), body, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        var query = new { givenName = "Kate", familyName = "Oyelarin", dateOfBirth = "2011-03-09" };
        // The school has no involvement yet: nothing comes back, although the child is known.
        Assert.Equal(0, (await AskAsync(school, query)).GetProperty("candidates").GetArrayLength());
        await TestChildren.InvolveAsync(app, child, TestApp.DemoAccountFor(Role.Referrer).Email, "Designated safeguarding lead", Ct);
        var answer = await AskAsync(school, query);
        var candidate = Assert.Single(answer.GetProperty("candidates").EnumerateArray());
        Assert.Equal(child, candidate.GetProperty("childId").GetGuid());
        Assert.True(candidate.GetProperty("probability").GetDouble() > 0.5);
        var reasons = candidate.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("field").GetString()!, r => r.GetProperty("counted").GetString());
        Assert.Equal("for", reasons["dateOfBirth"]);
        Assert.Equal("for", reasons["givenName"]);
        Assert.DoesNotContain("nhsNumber", reasons.Keys);
        // The trail names the child disclosed to the agency.
        var disclosed = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Code == (int)Auditing.AuditCode.IdentityCandidatesQueried)
            .Select(e => e.Reason).ToListAsync(Ct));
        Assert.Contains(disclosed, r => r != null && r.Contains(child.ToString(), StringComparison.Ordinal));
        // Nothing the caller did not send comes back: not the stored spelling, nor the NHS number, nor the address.
        var raw = answer.GetRawText();
        Assert.DoesNotContain("Katherine", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Oyelaran", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4857773457", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Mill Lane", raw, StringComparison.OrdinalIgnoreCase);
        // Another agency learns nothing of a child it does not work with.
        Assert.Equal(0, (await AskAsync(other, query)).GetProperty("candidates").GetArrayLength());

        // Bad input names the field.
        var bad = await school.PostAsync(new Uri("/api/v1/identity/candidates", UriKind.Relative),
            new StringContent("""{ "givenName": "Katie", "dateOfBirth": "2011-02-31" }""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("dateOfBirth", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var noName = await school.PostAsJsonAsync(new Uri("/api/v1/identity/candidates", UriKind.Relative), new { dateOfBirth = "2011-03-09" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("givenName", await noName.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoNodes_AChildAddedOnOne_IsFoundBySearchOnTheOther()
    {
        await using var first = await StartAsync();
        await using var second = new TestApp(first);
        await second.InitializeAsync();
        var onSecond = await second.SignInAsAsync(Role.Practitioner);
        // The second node has built its index before the child exists.
        var empty = await Html.ParseAsync(await onSecond.GetAsync(new Uri("/children?q=Oyelaran", UriKind.Relative), Ct));
        Assert.Empty(empty.QuerySelectorAll("tbody a"));

        var school = first.CreateApiClient(await first.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await ChildOfAsync(first, await TestReferrals.RaiseAsync(school, Referral("Katherine", "Oyelaran", "2011-03-09"), Ct));

        var found = await Html.ParseAsync(await onSecond.GetAsync(new Uri("/children?q=Kate+Oyelaran", UriKind.Relative), Ct));
        Assert.Equal([$"/children/{child}"], found.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")));
        // And a referral on the second node about the same child joins the record the first node opened.
        var schoolOnSecond = second.CreateApiClient(await second.CreateApiKeyAsync("Castle Hill Academy"));
        Assert.Equal(child, await ChildOfAsync(second, await TestReferrals.RaiseAsync(schoolOnSecond, Referral("Katherine", "Oyelaran", "2011-03-09"), Ct)));
    }
}

public sealed class SqliteIdentityScenarios : IdentityScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresIdentityScenarios : IdentityScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
