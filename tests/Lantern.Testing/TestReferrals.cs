using System.Net;
using System.Text;

namespace Lantern.Testing;

/// <summary>Referrals as agency systems send them, for scenarios that need one.</summary>
public static class TestReferrals
{
    /// <summary>A complete referral from a school about sexual exploitation, with one of each kind of mention.</summary>
    public const string Valid = """
        {
          "child": { "givenName": "Amira", "familyName": "Khan", "knownAs": "Mimi", "dateOfBirth": "2011-05-14",
                     "address": "12 Canal Street, Northbridge", "postcode": "nb1 4aa", "school": "Castle Hill Academy",
                     "nhsNumber": "485 777 3457" },
          "concern": { "whatHappened": "Seen getting into a silver car outside school with an adult man three times this week.",
                       "whyWorried": "She has new phones and clothes and has been missing overnight twice.",
                       "sexualHarmOrExploitation": true },
          "mentions": [ { "kind": "person", "value": "Mo", "detail": "older man, about 25" },
                        { "kind": "vehicle", "value": "NB19 XKR", "detail": "silver Vauxhall Astra" },
                        { "kind": "phone", "value": "07700 900123" },
                        { "kind": "place", "value": "Canal Street takeaway" } ],
          "referrer": { "name": "Priya Shah", "role": "Designated safeguarding lead", "phone": "01632 960001", "email": "p.shah@castlehill.example" },
          "familyAware": "notToldForSafety",
          "lawfulBasis": "safeguardingChildren"
        }
        """;

    /// <summary>
    /// <see cref="Valid"/> about another child: another first name and no NHS number (the same NHS number would
    /// make the two one child, whatever the names). Same family name, address and date of birth: a sibling or a
    /// twin, which identity resolution keeps apart and may put to a person as a possible match.
    /// </summary>
    public static string ForChild(string givenName) =>
        Valid.Replace("\"Amira\"", System.Text.Json.JsonSerializer.Serialize(givenName), StringComparison.Ordinal)
            .Replace("\"nhsNumber\": \"485 777 3457\"", "\"nhsNumber\": null", StringComparison.Ordinal);

    /// <summary>
    /// A valid referral about a child nobody else is referred about: a given name starting with
    /// <paramref name="givenPrefix"/>, and a family name and date of birth of its own, so that identity resolution
    /// never takes two such children (at the same address) for one.
    /// </summary>
    public static string ForUniqueChild(string givenPrefix)
    {
        var letters = new string([.. Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + (b % 26)))]);
        var born = new DateOnly(2011, 1, 1).AddDays(Random.Shared.Next(0, 5 * 365));
        return ForChild(givenPrefix + letters[..3])
            .Replace("\"Khan\"", System.Text.Json.JsonSerializer.Serialize("Q" + letters[3..] + "son"), StringComparison.Ordinal)
            .Replace("\"2011-05-14\"", "\"" + born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal);
    }

    /// <summary>Raises a referral through the API as an agency system would, and returns its reference.</summary>
    public static async Task<string> RaiseAsync(HttpClient agencySystem, string? body = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(agencySystem);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative))
        {
            Content = new StringContent(body ?? Valid, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await agencySystem.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Raising a referral failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>Raises a referral through the pages as the signed-in user, step by step, and returns its reference.</summary>
    public static async Task<string> RaiseThroughPagesAsync(HttpClient signedIn, string givenName = "Tia", string familyName = "Lowe")
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        var started = await TestApp.PostFormAsync(signedIn, "/referrals/new", new Dictionary<string, string>());
        var location = started.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Starting a referral answered {(int)started.StatusCode}");
        var draft = location[..location.LastIndexOf('/')];
        async Task StepAsync(string step, Dictionary<string, string> fields)
        {
            var response = await TestApp.PostFormAsync(signedIn, $"{draft}/{step}", fields);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Step {step} was refused: {string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary())}");
            }
        }
        await StepAsync("child", new() { ["Input.GivenName"] = givenName, ["Input.FamilyName"] = familyName, ["Input.ApproximateAge"] = "14" });
        await StepAsync("concern", new() { ["Input.WhatHappened"] = "Picked up from school by unknown adults.", ["Input.WhyWorried"] = "Missing from lessons." });
        await StepAsync("contact", new() { ["Input.ReferrerName"] = "Priya Shah", ["Input.ReferrerEmail"] = "referrer@northbridge.example" });
        await StepAsync("sharing", new() { ["Input.FamilyAware"] = "Knows", ["Input.LawfulBasis"] = "SafeguardingChildren" });
        var sent = await TestApp.PostFormAsync(signedIn, $"{draft}/check?handler=Send", new Dictionary<string, string>(), formPage: $"{draft}/check");
        return sent.StatusCode == HttpStatusCode.Redirect
            ? sent.Headers.Location!.OriginalString.Split('/')[^1]
            : throw new InvalidOperationException($"Sending the referral answered {(int)sent.StatusCode}");
    }
}
