using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Features.FrontDoor;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// The referral form saves itself while the referrer types (the page's script posts
/// <c>?handler=Autosave</c>), and an expired sign-in answers a script with 401 so that it can keep
/// what was typed, while a page still goes to the sign-in page.
/// </summary>
public sealed class DraftAutosaveTests(SqliteTestApp app) : IClassFixture<SqliteTestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Draft)> StartAsync(Role role = Role.Referrer)
    {
        var client = await app.SignInAsAsync(role);
        var started = await TestApp.PostFormAsync(client, "/referrals/new", new Dictionary<string, string>());
        var location = started.Headers.Location!.OriginalString;
        return (client, location[..location.LastIndexOf('/')]);
    }

    private static Task<HttpResponseMessage> AutosaveAsync(HttpClient client, string draft, string step, Dictionary<string, string> fields, string? formPage = null) =>
        TestApp.PostFormInBackgroundAsync(client, $"{draft}/{step}?handler=Autosave", fields, formPage ?? $"{draft}/{step}");

    private Task<ReferralRequest> AnswersAsync(string draft) => app.WithDbAsync(async db =>
    {
        var id = Guid.Parse(draft.Split('/')[^1]);
        var data = await db.ReferralDrafts.Where(d => d.Id == id).Select(d => d.Data).SingleAsync(Ct);
        return JsonSerializer.Deserialize<ReferralRequest>(data, ApiJson.Options)!;
    });

    [Fact]
    public async Task Autosave_HalfTypedDate_SavesWhatParsesWithNoErrorAndAudits()
    {
        var (client, draft) = await StartAsync();
        var response = await AutosaveAsync(client, draft, "child", new()
        {
            ["Input.GivenName"] = "Sam",
            ["Input.DobDay"] = "14",
            ["Input.DobMonth"] = "5",
            ["Input.DobYear"] = "20",
            ["Input.ApproximateAge"] = "fourt",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Matches("^[0-9]{1,2}:[0-9]{2}(am|pm)$", answer.GetProperty("savedAt").GetString());
        var saved = await AnswersAsync(draft);
        Assert.Equal("Sam", saved.Child!.GivenName);
        Assert.Null(saved.Child.DateOfBirth);
        Assert.Null(saved.Child.ApproximateAge);

        // Coming back to the step shows what was saved and no error: nothing was "continued".
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"{draft}/child", UriKind.Relative), Ct));
        Assert.Equal("Sam", page.QuerySelector("#Input_GivenName")!.GetAttribute("value"));
        Assert.Empty(page.ErrorSummary());

        var id = draft.Split('/')[^1];
        var audited = await app.WithDbAsync(db => db.AuditEvents
            .Where(e => e.Code == (int)AuditCode.ReferralDraftSaved && e.RecordId == id).Select(e => e.Reason).ToListAsync(Ct));
        Assert.Equal(["child autosave"], audited);
    }

    [Fact]
    public async Task Autosave_DateBeingRetyped_KeepsTheDateLastSaved()
    {
        var (client, draft) = await StartAsync();
        await TestApp.PostFormAsync(client, $"{draft}/child", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Sam",
            ["Input.FamilyName"] = "Rowe",
            ["Input.DobDay"] = "14",
            ["Input.DobMonth"] = "5",
            ["Input.DobYear"] = "2011",
        });

        var response = await AutosaveAsync(client, draft, "child", new()
        {
            ["Input.GivenName"] = "Samira",
            ["Input.FamilyName"] = "Rowe",
            ["Input.DobDay"] = "14",
            ["Input.DobMonth"] = "5",
            ["Input.DobYear"] = "201",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await AnswersAsync(draft);
        Assert.Equal("Samira", saved.Child!.GivenName);
        Assert.Equal(new DateOnly(2011, 5, 14), saved.Child.DateOfBirth);
    }

    [Fact]
    public async Task Autosave_NothingChanged_WritesNoAuditRow()
    {
        var (client, draft) = await StartAsync();
        var fields = new Dictionary<string, string> { ["Input.WhatHappened"] = "Seen getting into a car after school." };
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(client, draft, "concern", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(client, draft, "concern", fields)).StatusCode);

        var id = draft.Split('/')[^1];
        var saves = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ReferralDraftSaved && e.RecordId == id, Ct));
        Assert.Equal(1, saves);
        Assert.Equal("Seen getting into a car after school.", (await AnswersAsync(draft)).Concern!.WhatHappened);
    }

    [Fact]
    public async Task Autosave_SomeoneElsesDraft_IsNotFoundAndUnchanged()
    {
        var (_, draft) = await StartAsync(Role.Referrer);
        var other = await app.SignInAsAsync(Role.HealthPractitioner);

        var response = await AutosaveAsync(other, draft, "concern", new() { ["Input.WhatHappened"] = "Overwritten" }, formPage: "/referrals/new");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await AnswersAsync(draft)).Concern);
    }

    [Fact]
    public async Task Autosave_SentDraft_IsNotFoundAndTheSentAnswersStand()
    {
        var (client, draft) = await StartAsync();
        async Task StepAsync(string step, Dictionary<string, string> fields) =>
            Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(client, $"{draft}/{step}", fields)).StatusCode);
        await StepAsync("child", new() { ["Input.GivenName"] = "Tia", ["Input.FamilyName"] = "Lowe", ["Input.ApproximateAge"] = "14" });
        await StepAsync("concern", new() { ["Input.WhatHappened"] = "Picked up from school by unknown adults.", ["Input.WhyWorried"] = "Missing from lessons." });
        await StepAsync("contact", new() { ["Input.ReferrerName"] = "Priya Shah", ["Input.ReferrerEmail"] = "referrer@northbridge.example" });
        await StepAsync("sharing", new() { ["Input.FamilyAware"] = "Knows", ["Input.LawfulBasis"] = "SafeguardingChildren" });
        var sent = await TestApp.PostFormAsync(client, $"{draft}/check?handler=Send", new Dictionary<string, string>(), formPage: $"{draft}/check");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var response = await AutosaveAsync(client, draft, "concern", new() { ["Input.WhatHappened"] = "Changed after sending" }, formPage: "/referrals/new");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Picked up from school by unknown adults.", (await AnswersAsync(draft)).Concern!.WhatHappened);
    }

    [Fact]
    public async Task Autosave_WithoutTheFormsToken_IsRefused()
    {
        var (client, draft) = await StartAsync();
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri($"{draft}/concern?handler=Autosave", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.WhatHappened"] = "Posted by another site" }),
        };
        forged.Headers.Add("X-Requested-With", "fetch");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged, Ct)).StatusCode);
        Assert.Null((await AnswersAsync(draft)).Concern);
    }

    [Fact]
    public async Task Autosave_CheckStep_IsNotFound()
    {
        var (client, draft) = await StartAsync();
        var response = await AutosaveAsync(client, draft, "check", new(), formPage: $"{draft}/check");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NotSignedIn_BackgroundRequestGets401_PageRequestGoesToSignIn()
    {
        var (_, draft) = await StartAsync();
        var anonymous = app.CreateBrowserLikeClient();

        foreach (var (header, value) in new[] { ("X-Requested-With", "fetch"), ("Accept", "application/json") })
        {
            using var background = new HttpRequestMessage(HttpMethod.Post, new Uri($"{draft}/concern?handler=Autosave", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.WhatHappened"] = "Typed after the sign-in expired" }),
            };
            background.Headers.Add(header, value);
            var answer = await anonymous.SendAsync(background, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Null(answer.Headers.Location);
        }

        var page = await anonymous.GetAsync(new Uri($"{draft}/concern", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Null((await AnswersAsync(draft)).Concern);
    }

    [Fact]
    public async Task SignInExpired_AutosaveGets401_SignedInAgainItSaves()
    {
        var (client, draft) = await StartAsync();
        var fields = new Dictionary<string, string> { ["Input.WhatHappened"] = "Typed over a long phone call" };
        // The form's token is taken while signed in, as the open page holds it.
        var page = await client.GetStringAsync(new Uri($"{draft}/concern", UriKind.Relative), Ct);
        Assert.Contains("data-lantern-autosave", page, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromMinutes(31));
        using var expired = new HttpRequestMessage(HttpMethod.Post, new Uri($"{draft}/concern?handler=Autosave", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        expired.Headers.Add("X-Requested-With", "fetch");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(expired, Ct)).StatusCode);
        var navigation = await client.GetAsync(new Uri($"{draft}/concern", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, navigation.StatusCode);

        var again = await app.SignInAsync(client, TestApp.DemoAccountFor(Role.Referrer).Email, DemoSeed.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(client, draft, "concern", fields)).StatusCode);
        Assert.Equal("Typed over a long phone call", (await AnswersAsync(draft)).Concern!.WhatHappened);
    }
}
