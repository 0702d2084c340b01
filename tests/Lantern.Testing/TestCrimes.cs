using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Lantern.Testing;

/// <summary>Crimes as a police system sends them, for scenarios that need one.</summary>
public static class TestCrimes
{
    private static int _lastReference = 100;

    /// <summary>
    /// A sexual offence against a child, reported a week before <paramref name="now"/>, with no decision yet; each body has a
    /// police reference of its own, since a force records one crime per reference.
    /// </summary>
    public static string Body(DateTimeOffset now) => $$"""
        { "crimeReference": "NB/26/{{Interlocked.Increment(ref _lastReference).ToString("D6", CultureInfo.InvariantCulture)}}", "offence": "Sexual activity with a child", "category": "sexualOffence",
          "offenceFrom": "{{DateOnly.FromDateTime(now.UtcDateTime.AddDays(-10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}",
          "reportedOn": "{{DateOnly.FromDateTime(now.UtcDateTime.AddDays(-7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}",
          "investigatingOfficer": "DC Sam Iqbal", "recordedBy": "PC Dan Moss" }
        """;

    /// <summary>Records a crime against the child through the API as a police system would; returns its reference.</summary>
    public static async Task<string> RecordAsync(HttpClient police, Guid child, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(police);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/crimes", UriKind.Relative))
        {
            Content = new StringContent(Body(now), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await police.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Recording a crime answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("reference").GetString()!;
    }

    /// <summary>Adds police no further action, with its reason, to a crime the police system recorded: it opens the review when the crime calls for one.</summary>
    public static async Task NoFurtherActionAsync(HttpClient police, Guid child, string reference, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(police);
        var on = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/crimes/{reference}/outcomes", UriKind.Relative))
        {
            Content = new StringContent($$"""{ "type": "policeNoFurtherAction", "decidedOn": "{{on}}", "reason": "Insufficient evidence.", "decidedBy": "DI Jane Cole", "recordedBy": "PC Dan Moss" }""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await police.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Adding an outcome answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
