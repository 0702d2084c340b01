using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Foundation;

/// <summary>
/// Text that cannot be stored (noncharacters, unassigned code points, control characters, line breaks in a name,
/// values of nothing but invisible characters) is refused by the API with a 400 naming the field and by the pages
/// with an error summary, saying what to fix; text that is accepted is stored exactly as sent; and the children
/// search never fails on such text, whether typed into it or stored by an older version. SQLite and PostgreSQL.
/// </summary>
public abstract class HostileTextScenarios
{
    private readonly TestApp _app;

    protected HostileTextScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string CannotBeStored = "{0} contains a character that cannot be stored: remove it";
    private const string OneLine = "{0} must be on one line: remove the line break";
    private const string Tab = "{0} contains a tab: remove it or use a space";

    /// <summary>Hostile values for a one-line required field, and what the person is told ({0} is the field's label, "required" its own message).</summary>
    public static readonly TheoryData<string, string, string> OneLineHostile = new()
    {
        { "noncharacter U+FFFE", "\uFFFE", CannotBeStored },
        { "noncharacter U+FDD0", "Am\uFDD0ira", CannotBeStored },
        { "noncharacter U+10FFFF", "Amira\U0010FFFF", CannotBeStored },
        { "unassigned U+0378", "\u0378Amira", CannotBeStored },
        { "unassigned U+E0080", "Ami\U000E0080ra", CannotBeStored },
        { "NUL", "Am\u0000ira", CannotBeStored },
        { "ESC", "\u001B[31mAmira", CannotBeStored },
        { "BEL", "Amira\u0007", CannotBeStored },
        { "DEL", "Amira\u007F", CannotBeStored },
        { "LF", "Am\nira", OneLine },
        { "CR LF", "Am\r\nira", OneLine },
        { "CR", "Am\rira", OneLine },
        { "NEL", "Am\u0085ira", OneLine },
        { "line separator", "Am\u2028ira", OneLine },
        { "paragraph separator", "Am\u2029ira", OneLine },
        { "tab", "Am\tira", Tab },
        { "zero-width space only", "\u200B", "required" },
        { "Hangul filler only", "\u3164", "required" },
        { "Hangul choseong and jungseong fillers only", "\u115F\u1160", "required" },
        { "halfwidth Hangul filler only", "\uFFA0", "required" },
        { "braille blank only", "\u2800", "required" },
        { "spaces and format characters only", " \u200B\uFEFF\u2060\u00A0 ", "required" },
    };

    /// <summary>Hostile values for a paragraph field: line breaks and tabs are fine there, other control characters are not.</summary>
    public static readonly TheoryData<string, string, string> MultiLineHostile = new()
    {
        { "NUL", "Seen at the station\u0000", CannotBeStored },
        { "ESC", "\u001B]8;;http://x\u0007Seen at the station", CannotBeStored },
        { "BEL", "Seen\u0007 at the station", CannotBeStored },
        { "NEL", "Seen at\u0085the station", CannotBeStored },
        { "vertical tab", "Seen at\u000Bthe station", CannotBeStored },
        { "noncharacter U+FFFF", "Seen at the station\uFFFF", CannotBeStored },
        { "unassigned U+0378", "Seen at the \u0378station", CannotBeStored },
        { "invisible only", "\u200B\u3164\u2800\n\t", "required" },
    };

    private static string Expected(string template, string label, string required) =>
        template == "required" ? required : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, label);

    private static string Set(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = part.EndsWith(']') ? node[part[..part.IndexOf('[', StringComparison.Ordinal)]]![int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }
        node[parts[^1]] = value;
        return root.ToJsonString();
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, Ct);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private async Task<Guid> NewChildAsync()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        return await TestChildren.ReferredAsync(_app, school, TestReferrals.ForUniqueChild("Zara"), Ct);
    }

    [Fact]
    public async Task ReferralApi_HostileTextInNamesAndRequiredFields_Answers400NamingTheField_AndStoresNothing()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        var fields = new (string Path, string Label, string Required)[]
        {
            ("child.givenName", "Given name", "Enter the child's first name"),
            ("child.familyName", "Family name", "Enter the child's last name"),
            ("referrer.name", "Referrer's name", "Enter the referrer's name"),
            ("mentions[0].value", "A name, registration or number", "Enter the name, registration or number"),
        };
        foreach (var (path, label, required) in fields)
        {
            foreach (var row in OneLineHostile)
            {
                var (what, value, template) = (row.Data.Item1, row.Data.Item2, row.Data.Item3);
                var errors = await ErrorsAsync(await PostJsonAsync(school, "/api/v1/referrals", Set(TestReferrals.Valid, path, value)));
                Assert.True(errors.TryGetValue(path, out var messages), $"{path}, {what}: errors {string.Join(", ", errors.Keys)}");
                Assert.Equal([Expected(template, label, required)], messages);
            }
        }
        foreach (var (path, label, required) in new[] { ("concern.whatHappened", "What happened", "Describe what happened"), ("concern.whyWorried", "Why you are worried", "Say why you are worried about the child") })
        {
            foreach (var row in MultiLineHostile)
            {
                var errors = await ErrorsAsync(await PostJsonAsync(school, "/api/v1/referrals", Set(TestReferrals.Valid, path, row.Data.Item2)));
                Assert.Equal([Expected(row.Data.Item3, label, required)], errors[path]);
            }
        }
        // Optional one-line fields refuse what cannot be stored too.
        foreach (var path in new[] { "child.knownAs", "child.postcode", "child.school", "child.address", "referrer.phone", "mentions[1].detail" })
        {
            var errors = await ErrorsAsync(await PostJsonAsync(school, "/api/v1/referrals", Set(TestReferrals.Valid, path, "NB1\u00004AA")));
            Assert.Contains(path, errors.Keys);
        }
        Assert.Equal(before, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task ReferralApi_TextThatCanBeStored_IsKeptExactlyAsSent()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        // Decomposed accents, a zero-width non-joiner inside a Persian name, a name outside the Basic Multilingual Plane,
        // and paragraphs with Windows line breaks and tabs: all are real text and stay exactly as they were sent.
        var given = "Jose\u0301 \u0645\u0647\u0631\u200C\u0646\u0627\u0632 \U00020BB7";
        var family = "O\u2019Brien-N\u00ED Dhomhnaill";
        var whatHappened = "Seen at 02:00:\r\n\t- in a silver car\r\n\t- with two adult men\u2028(line separator kept)";
        var body = Set(Set(Set(TestReferrals.Valid, "child.givenName", given), "child.familyName", family), "concern.whatHappened", whatHappened);
        var response = await PostJsonAsync(school, "/api/v1/referrals", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = response.Headers.Location!.OriginalString.Split('/')[^1];
        var stored = await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference)
            .Join(db.Children, r => r.ChildId, c => c.Id, (r, c) => new { c.GivenName, c.FamilyName, r.WhatHappened }).SingleAsync(Ct));
        Assert.Equal((given, family, whatHappened), (stored.GivenName, stored.FamilyName, stored.WhatHappened));
    }

    [Fact]
    public async Task EventsAndMissingEpisodesApi_ControlCharactersAndInvisibleValues_Answer400NamingTheField()
    {
        var child = await NewChildAsync();
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var entries = await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct));
        var episodes = await _app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct));
        var now = _app.Time.GetUtcNow();
        string Event(string summary, string author, string link) => JsonSerializer.Serialize(new
        {
            occurredAt = now.AddDays(-1),
            type = "policeIncident",
            significance = "significant",
            summary,
            author,
            links = new[] { new { kind = "person", value = link } },
        });
        foreach (var row in MultiLineHostile)
        {
            var errors = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/events", Event(row.Data.Item2, "PC Hale", "Mo")));
            Assert.Equal([Expected(row.Data.Item3, "The summary", "Describe what happened")], errors["summary"]);
        }
        foreach (var row in OneLineHostile)
        {
            var errors = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/events", Event("Found in a car.", "PC Hale", row.Data.Item2)));
            Assert.Equal([Expected(row.Data.Item3, "A name, registration or number", "Enter the name, registration or number")], errors["links[0].value"]);
            if (row.Data.Item3 != "required")
            {
                errors = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/events", Event("Found in a car.", row.Data.Item2, "Mo")));
                Assert.Equal([Expected(row.Data.Item3, "The author", "")], errors["author"]);
            }
        }

        var episode = TestMissingEpisodes.Body(now.AddDays(-2), now.AddDays(-1));
        foreach (var row in OneLineHostile)
        {
            var errors = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/missing-episodes", Set(episode, "reportedBy", row.Data.Item2)));
            Assert.Equal([Expected(row.Data.Item3, "Who reported the child missing", "Enter who reported the child missing")], errors["reportedBy"]);
            errors = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/missing-episodes", Set(episode, "return.foundWhere", row.Data.Item2)));
            Assert.Equal([Expected(row.Data.Item3, "Where the child was found", "Enter where the child was found")], errors["return.foundWhere"]);
        }
        var nul = await ErrorsAsync(await PostJsonAsync(police, $"/api/v1/children/{child}/missing-episodes", Set(episode, "return.foundWith", "Two men\u0000")));
        Assert.Equal(["Who the child was found with contains a character that cannot be stored: remove it"], nul["return.foundWith"]);

        Assert.Equal(entries, await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct)));
        Assert.Equal(episodes, await _app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
    }

    [Fact]
    public async Task AdminPages_HostileAgencyTeamOrPersonName_ErrorSummarySaysWhatToFix_AndNothingIsCreated()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var agency = await _app.WithDbAsync(db => db.Agencies.FirstAsync(Ct));
        var before = await _app.WithDbAsync(async db => (await db.Agencies.CountAsync(Ct), await db.Teams.CountAsync(Ct), await db.Users.CountAsync(Ct)));
        foreach (var row in OneLineHostile.Where(r => !r.Data.Item2.Contains('\0', StringComparison.Ordinal)))
        {
            var agencyPage = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/agencies/new",
                new Dictionary<string, string> { ["Input.Name"] = row.Data.Item2, ["Input.Kind"] = nameof(AgencyKind.Other) }));
            Assert.Equal([(Expected(row.Data.Item3, "Name", "Enter the agency's name"), "Input_Name")], agencyPage.ErrorSummary());
            var teamPage = await Html.ParseAsync(await TestApp.PostFormAsync(admin, $"/admin/agencies/{agency.Id}",
                new Dictionary<string, string> { ["Input.Name"] = row.Data.Item2 }));
            Assert.Equal([(Expected(row.Data.Item3, "Name", "Enter the team's name"), "Input_Name")], teamPage.ErrorSummary());
            var userPage = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
            {
                ["Input.DisplayName"] = row.Data.Item2,
                ["Input.Email"] = $"hostile.{Guid.NewGuid():N}@northbridge.example",
                ["Input.Role"] = nameof(Role.Practitioner),
                ["Input.Agency"] = agency.Id.ToString(),
                ["Input.Password"] = "plum kettle orbit garden",
            }));
            Assert.Contains((Expected(row.Data.Item3, "Full name", "Enter the person's full name"), "Input_DisplayName"), userPage.ErrorSummary());
        }
        Assert.Equal(before, await _app.WithDbAsync(async db => (await db.Agencies.CountAsync(Ct), await db.Teams.CountAsync(Ct), await db.Users.CountAsync(Ct))));
    }

    [Fact]
    public async Task Pages_HostileNameOrRequiredField_ErrorSummarySaysWhatToFix_AndNothingChanges()
    {
        var child = await NewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var version = await _app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.Version).SingleAsync(Ct));
        var givenBefore = await _app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.GivenName).SingleAsync(Ct));
        foreach (var row in OneLineHostile)
        {
            var response = await TestApp.PostFormAsync(practitioner, $"/children/{child}/edit", new Dictionary<string, string>
            {
                ["Details.GivenName"] = row.Data.Item2,
                ["Details.FamilyName"] = "Khan",
                ["Details.Gender"] = "Female",
                ["Details.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            if (row.Data.Item2.Contains('\0', StringComparison.Ordinal))
            {
                // ASP.NET Core's form reader refuses NUL in any form before the page sees it: the form's error page.
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Equal([(Expected(row.Data.Item3, "Given name", "Enter the child's first name (up to 200 characters)"), "Details_GivenName")], page.ErrorSummary());
        }
        Assert.Equal(givenBefore, await _app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.GivenName).SingleAsync(Ct)));

        foreach (var row in MultiLineHostile.Where(r => !r.Data.Item2.Contains('\0', StringComparison.Ordinal)))
        {
            var page = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, $"/children/{child}/entries/new", new Dictionary<string, string>
            {
                ["Input.Day"] = "2",
                ["Input.Month"] = "11",
                ["Input.Year"] = "2026",
                ["Input.Type"] = "CaseNote",
                ["Input.Significance"] = "Routine",
                ["Input.Summary"] = row.Data.Item2,
            }));
            Assert.Contains((Expected(row.Data.Item3, "The summary", "Describe what happened"), "Input_Summary"), page.ErrorSummary());
        }

        var nurseId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.HealthPractitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        foreach (var row in OneLineHostile.Where(r => !r.Data.Item2.Contains('\0', StringComparison.Ordinal)))
        {
            var page = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, $"/children/{child}/involvements/new", new Dictionary<string, string>
            {
                ["Input.Practitioner"] = nurseId.ToString(),
                ["Input.Role"] = row.Data.Item2,
            }));
            Assert.Equal([(Expected(row.Data.Item3, "The role", "Say what they do for the child, for example allocated social worker"), "Input_Role")], page.ErrorSummary());
        }
        Assert.Equal(0, await _app.WithDbAsync(db => db.Involvements.CountAsync(i => i.ChildId == new ChildId(child) && i.PractitionerId == nurseId, Ct)));
    }

    [Fact]
    public async Task ChildrenSearch_NamesStoredByAnOlderVersionAndStrangeQueries_NeverFail()
    {
        // Names an older version accepted, written straight to the database as it stored them.
        var names = new[] { ("\uFFFE", "Quill"), ("Am\uFDD0ira", "Quill"), ("Zed\U0010FFFF", "Quill"), ("\u0378Ola", "Quill"), ("Bea", "Quill\uFFFF") };
        var ids = await _app.WithDbAsync(async db =>
        {
            var children = names.Select(n => Child.Open(new NewChild { GivenName = n.Item1, FamilyName = n.Item2, DateOfBirth = new DateOnly(2012, 1, 5) },
                _app.Time.GetUtcNow(), DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime))).ToList();
            db.Children.AddRange(children);
            await db.SaveChangesAsync(Ct);
            return children.Select(c => c.Id.Value).ToList();
        });
        var frontDoor = await _app.SignInAsAsync(Role.Practitioner);
        var queries = new[]
        {
            "Zed Quill", "Quill", "\uFFFE", "Am\uFDD0ira", "\U0010FFFF", "\u0378", "\u200B", "\u3164", "\u0000", "Amira\u001B",
            new string('a', 199) + "\U0001F600", // cut to 200 characters, half a surrogate pair
        };
        foreach (var q in queries)
        {
            var response = await frontDoor.GetAsync(new Uri("/children?q=" + Uri.EscapeDataString(q), UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Uri.EscapeDataString(q)} answered {(int)response.StatusCode}");
        }
        var list = await frontDoor.GetAsync(new Uri("/children", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        // The name is still found by what can be read of it.
        var found = await Html.ParseAsync(await frontDoor.GetAsync(new Uri("/children?q=" + Uri.EscapeDataString("Zed Quill"), UriKind.Relative), Ct));
        Assert.Contains($"/children/{ids[2]}", found.Body!.InnerHtml, StringComparison.Ordinal);
        var bea = await Html.ParseAsync(await frontDoor.GetAsync(new Uri("/children?q=" + Uri.EscapeDataString("Bea Quill"), UriKind.Relative), Ct));
        Assert.Contains($"/children/{ids[4]}", bea.Body!.InnerHtml, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await frontDoor.GetAsync(new Uri($"/children/{id}", UriKind.Relative), Ct)).StatusCode);
        }

        // The agency API's "who might this be?" refuses such a name with a 400, never a 500.
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var errors = await ErrorsAsync(await police.PostAsync(new Uri("/api/v1/identity/candidates", UriKind.Relative),
            new StringContent("""{ "givenName": "\uFFFE", "familyName": "Quill" }""", Encoding.UTF8, "application/json"), Ct));
        Assert.Equal(["The first name contains a character that cannot be stored: remove it"], errors["givenName"]);
    }
}

public sealed class SqliteHostileTextScenarios(SqliteTestApp app) : HostileTextScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresHostileTextScenarios(PostgresTestApp app) : HostileTextScenarios(app), IClassFixture<PostgresTestApp>;
