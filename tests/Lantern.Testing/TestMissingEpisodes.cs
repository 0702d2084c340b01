using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Lantern.Testing;

/// <summary>Missing episodes as a police system sends them, for scenarios that need one.</summary>
public static class TestMissingEpisodes
{
    /// <summary>A complete episode: reported missing by her mother, high risk, found with an older man in a car.</summary>
    public static string Body(DateTimeOffset missingFrom, DateTimeOffset? returnedAt = null, string riskGrading = "high")
    {
        var from = missingFrom.ToString("O", CultureInfo.InvariantCulture);
        var reported = missingFrom.AddHours(2).ToString("O", CultureInfo.InvariantCulture);
        var back = returnedAt is { } r
            ? $$"""
              , "return": { "returnedAt": "{{r.ToString("O", CultureInfo.InvariantCulture)}}", "foundWhere": "Flat above the Canal Street takeaway",
                            "foundWith": "Two older men; one drove her there",
                            "mentions": [ { "kind": "person", "value": "Mo", "detail": "older man, about 25" },
                                          { "kind": "vehicle", "value": "NB19 XKR", "detail": "silver Vauxhall Astra" },
                                          { "kind": "place", "value": "Canal Street takeaway" } ] }
              """
            : "";
        return $$"""
            { "kind": "missing", "missingFrom": "{{from}}", "reportedAt": "{{reported}}", "reportedBy": "Mother",
              "riskGrading": "{{riskGrading}}", "recordedBy": "PC Dan Moss"{{back}} }
            """;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient agencySystem, Guid child, string body, string? key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(agencySystem);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/missing-episodes", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await agencySystem.SendAsync(request, ct);
    }

    /// <summary>Records an episode, missing that many days before <paramref name="now"/>, for each of <paramref name="daysAgo"/>; returns their references in order.</summary>
    public static async Task<IReadOnlyList<string>> RecordMissingAsync(HttpClient agencySystem, Guid child, DateTimeOffset now, IEnumerable<int> daysAgo, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(daysAgo);
        var references = new List<string>();
        foreach (var days in daysAgo)
        {
            references.Add(await RecordAsync(agencySystem, child, now, Body(now.AddDays(-days)), ct));
        }
        return references;
    }

    /// <summary>
    /// Records an episode through the API as a police system would (by default missing two days
    /// before <paramref name="now"/> and back a day later), and returns its reference.
    /// </summary>
    public static async Task<string> RecordAsync(HttpClient agencySystem, Guid child, DateTimeOffset now, string? body = null, CancellationToken ct = default)
    {
        var response = await PostAsync(agencySystem, child, body ?? Body(now.AddDays(-2), now.AddDays(-1)), Guid.NewGuid().ToString(), ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Recording a missing episode failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("reference").GetString()!;
    }
}
