using Lantern.Domain.Alerts;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Security;
using Lantern.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Foundation;

/// <summary>The endpoints listed in authorization-matrix.csv, each with its sample path and what every caller gets.</summary>
public static class AuthorizationMatrix
{
    public sealed record Row(string Endpoint, string Sample, IReadOnlyDictionary<string, int> Expected)
    {
        public string Method => Endpoint.Split(' ')[0];

        public string Pattern => Endpoint.Split(' ')[1];
    }

    public static IReadOnlyList<Row> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "authorization-matrix.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            Assert.Equal(header.Length, cells.Length);
            var expected = header.Skip(2).Select((h, i) => (h, int.Parse(cells[i + 2], System.Globalization.CultureInfo.InvariantCulture)))
                .ToDictionary(x => x.h, x => x.Item2);
            return new Row(cells[0], cells[1], expected);
        })];
    }

    /// <summary>Every API endpoint that takes a body (the agency systems' writes and checks).</summary>
    public static IReadOnlyList<Row> ApiWrites() =>
        [.. Rows().Where(r => r.Method is "POST" or "PUT" or "PATCH" && r.Pattern.StartsWith("/api/", StringComparison.Ordinal))];

    /// <summary>The API writes that take one JSON object: every write but the extract import, which takes JSON lines (see ImportScenarios).</summary>
    public static IReadOnlyList<Row> JsonApiWrites() =>
        [.. ApiWrites().Where(r => r.Pattern != Hosting.ApiRequestRules.ImportPath)];
}

/// <summary>
/// Every endpoint of the running app, against the matrix in authorization-matrix.csv: a new
/// endpoint without a row fails, and so does any role getting a status the matrix does not say.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteTestApp app) : IClassFixture<SqliteTestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<(string Key, Endpoint Endpoint)>> DiscoverAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var found = new List<(string, Endpoint)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            IEnumerable<string> methods;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                methods = compiled.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct();
            }
            else
            {
                methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            }
            found.AddRange(methods.Select(m => ($"{m} {pattern}", (Endpoint)endpoint)));
        }
        return found;
    }

    [Fact]
    public async Task EveryEndpoint_IsInTheMatrix_AndTheMatrixHasNoStaleRows()
    {
        var discovered = (await DiscoverAsync()).Select(e => e.Key).ToHashSet();
        var listed = AuthorizationMatrix.Rows().Select(r => r.Endpoint).ToHashSet();
        Assert.Empty(discovered.Except(listed));
        Assert.Empty(listed.Except(discovered));
    }

    [Fact]
    public async Task EveryEndpoint_DeclaresItsPolicyOrAllowsAnonymousOnPurpose()
    {
        foreach (var (key, endpoint) in await DiscoverAsync())
        {
            var declared = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
                           || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(declared, $"{key} declares no policy (add [Authorize(Policy = ...)] or [AllowAnonymous])");
        }
    }

    [Fact]
    public async Task EveryEndpointAnAgencySystemCanCall_DeclaresWhatItMayReadAndWrite()
    {
        var systemEndpoints = new List<string>();
        foreach (var (key, endpoint) in await DiscoverAsync())
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (policies.Contains(Policies.AgencySystem) || policies.Contains(Policies.SignedInOrAgencySystem))
            {
                systemEndpoints.Add(key);
                Assert.True(endpoint.Metadata.GetMetadata<AgencySystemAccess>() is { Access: not SystemAccess.None },
                    $"{key} lets agency systems in but does not say what they may read and write (add .ForAgencySystems(...))");
            }
        }
        // The check reached the agency systems' endpoints (a renamed policy would otherwise pass it by).
        Assert.Contains("POST /api/v1/referrals", systemEndpoints);
        Assert.Contains(systemEndpoints, k => k.EndsWith("/return", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRoleOnEveryEndpoint_GetsWhatTheMatrixSays()
    {
        var agency = await app.WithDbAsync(db => db.Agencies.Select(a => a.Id).FirstAsync(Ct));
        var cscPractitioner = await app.WithDbAsync(db => db.Users
            .Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        var clients = new Dictionary<string, HttpClient> { ["Anonymous"] = app.CreateBrowserLikeClient() };
        foreach (var role in Roles.All)
        {
            clients[role.ToString()] = await app.SignInAsAsync(role);
        }
        clients["AgencySystem"] = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        clients["OtherAgencySystem"] = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        var referral = await TestReferrals.RaiseAsync(clients["AgencySystem"], ct: Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == referral).Select(r => r.ChildId!.Value).SingleAsync(Ct));
        var episodeReference = await TestMissingEpisodes.RecordAsync(clients["AgencySystem"], child.Value, app.Time.GetUtcNow(), ct: Ct);
        var episode = await app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Reference == episodeReference).Select(m => m.Id).SingleAsync(Ct));
        var crimeReference = await TestCrimes.RecordAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police")), child.Value, app.Time.GetUtcNow(), Ct);
        var tool = app.Services.GetRequiredService<Features.Screenings.ScreeningToolCatalog>().Active;
        var screening = await app.WithDbAsync(async db =>
        {
            var cscAgency = await db.Users.Where(u => u.Id == cscPractitioner).Select(u => u.AgencyId).SingleAsync(Ct);
            var now = app.Time.GetUtcNow();
            var facts = new ScreeningFacts(DateOnly.FromDateTime(now.UtcDateTime), 15, RepeatMissing: false);
            var row = Screening.Record(child, tool, new Actor(cscPractitioner, "Tom Walsh", Role.Practitioner, cscAgency, AgencyKind.ChildrensSocialCare, null), now,
                facts, ScreeningCalculator.Compute(tool, [], facts), [], Domain.Children.LevelOfConcern.Emerging, null, Guid.CreateVersion7());
            db.Screenings.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        });
        var alert = await app.WithDbAsync(async db =>
        {
            var row = Alert.Raise("ALR-MATRIX0001", "RepeatMissing", AlertSubject.OfChild(child), "Missing 3 times in 90 days.",
                [new AlertEvidenceText("MissingEpisode", episodeReference, "Missing", app.Time.GetUtcNow())], app.Time.GetUtcNow());
            db.Alerts.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        });

        var person = await app.WithDbAsync(db => db.Persons.Select(p => p.Id).SingleAsync(Ct));
        var vehicle = await app.WithDbAsync(db => db.Vehicles.Select(v => v.Id).SingleAsync(Ct));
        var link = await app.WithDbAsync(db => db.Links.Where(l => l.ToKind == Domain.Network.NodeKind.Vehicle && l.ToId == vehicle).Select(l => l.Id).FirstAsync(Ct));
        var context = await app.WithDbAsync(async db =>
        {
            var cscAgency = await db.Users.Where(u => u.Id == cscPractitioner).Select(u => u.AgencyId).SingleAsync(Ct);
            var now = app.Time.GetUtcNow();
            var opened = Domain.Network.Context.Open("CTX-MATRIX0001", "Matrix park", Domain.Network.ContextType.Place, null,
                new Actor(cscPractitioner, "Tom Walsh", Role.Practitioner, cscAgency, AgencyKind.ChildrensSocialCare, null), now).Value;
            db.Contexts.Add(opened);
            db.Links.Add(Domain.Network.Link.Make(new(Domain.Network.NodeKind.Child, child.Value), opened.Node, Domain.Network.LinkType.PartOfContext,
                Domain.Network.LinkConfidence.Confirmed, new Domain.Network.LinkSource("Test", "matrix", null, now), "test", now));
            await db.SaveChangesAsync(Ct);
            return opened.Id;
        });

        var mismatches = new List<string>();
        foreach (var row in AuthorizationMatrix.Rows())
        {
            var method = new HttpMethod(row.Endpoint.Split(' ')[0]);
            var path = row.Sample.Replace("{agency}", agency.ToString(), StringComparison.Ordinal)
                .Replace("{csc-practitioner}", cscPractitioner.ToString(), StringComparison.Ordinal)
                .Replace("{referral}", referral, StringComparison.Ordinal)
                .Replace("{child}", child.ToString(), StringComparison.Ordinal)
                .Replace("{episode}", episode.ToString(), StringComparison.Ordinal)
                .Replace("{episode-reference}", episodeReference, StringComparison.Ordinal)
                .Replace("{crime-reference}", crimeReference, StringComparison.Ordinal)
                .Replace("{screening}", screening.ToString(), StringComparison.Ordinal)
                .Replace("{alert}", alert.ToString(), StringComparison.Ordinal)
                .Replace("{person}", person.ToString(), StringComparison.Ordinal)
                .Replace("{vehicle}", vehicle.ToString(), StringComparison.Ordinal)
                .Replace("{link}", link.ToString(), StringComparison.Ordinal)
                .Replace("{context}", context.ToString(), StringComparison.Ordinal)
                .Replace("{draft}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var (who, expected) in row.Expected)
            {
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
                if (method == HttpMethod.Post)
                {
                    // Pages take forms, the API takes JSON: each gets an empty body of its own kind.
                    request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                        ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent([]);
                }
                var response = await clients[who].SendAsync(request, Ct);
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{row.Endpoint} as {who}: expected {expected}, got {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Matrix_CoversEveryRoleAnonymousAndAgencySystems()
    {
        var columns = AuthorizationMatrix.Rows()[0].Expected.Keys.ToHashSet();
        Assert.True(columns.SetEquals(["Anonymous", "AgencySystem", "OtherAgencySystem", .. Roles.All.Select(r => r.ToString())]));
    }

}
