using System.Net;
using System.Text;
using Lantern.Domain.Partnership;
using Lantern.Testing;

namespace Lantern.Tests.Foundation;

/// <summary>
/// Every answer of the real server (Kestrel) carries the security headers: pages signed in and out, the API with a
/// key and with the sign-in cookie, static files, health, the OpenAPI document, error pages and 404s. Nothing says
/// which server software runs, and nothing but the styles and scripts may be stored in a cache.
/// </summary>
public sealed class SecurityHeadersTests(KestrelTestApp app) : IClassFixture<KestrelTestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryResponse_PagesApiStaticFilesErrorsAndNotFound_CarriesTheSecurityHeaders()
    {
        var school = app.CreateHttpClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, ct: Ct);
        var child = await TestChildren.ReferredAsync(app, school, TestReferrals.ForChild("Headerina"), Ct);

        var anonymous = app.CreateHttpClient();
        var signedIn = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(signedIn, TestApp.DemoAccountFor(Role.Practitioner).Email, Lantern.Data.DemoSeed.DemoPassword)).StatusCode);

        var requests = new List<(string What, HttpClient Client, HttpMethod Method, string Path, HttpStatusCode Status, bool MayBeCached)>
        {
            ("sign-in page", anonymous, HttpMethod.Get, "/sign-in", HttpStatusCode.OK, false),
            ("home, signed out", anonymous, HttpMethod.Get, "/", HttpStatusCode.Redirect, false),
            ("a page that does not exist, signed out", anonymous, HttpMethod.Get, "/no-such-page", HttpStatusCode.Redirect, false),
            ("a page that does not exist, signed in", signedIn, HttpMethod.Get, "/no-such-page", HttpStatusCode.NotFound, false),
            ("a script that does not exist", signedIn, HttpMethod.Get, "/js/no-such-script.js", HttpStatusCode.NotFound, false),
            ("the page styles", anonymous, HttpMethod.Get, "/lib/lantern.css", HttpStatusCode.OK, true),
            ("a page script", anonymous, HttpMethod.Get, "/js/lantern.js", HttpStatusCode.OK, true),
            ("the error page", anonymous, HttpMethod.Get, "/error/500", HttpStatusCode.InternalServerError, false),
            ("health", anonymous, HttpMethod.Get, "/health/live", HttpStatusCode.OK, false),
            ("the OpenAPI document", anonymous, HttpMethod.Get, "/openapi/v1.json", HttpStatusCode.OK, false),
            ("the API without a key", anonymous, HttpMethod.Get, $"/api/v1/referrals/{reference}", HttpStatusCode.Unauthorized, false),
            ("a form posted without its token", anonymous, HttpMethod.Post, "/sign-in", HttpStatusCode.BadRequest, false),
            ("home, signed in", signedIn, HttpMethod.Get, "/", HttpStatusCode.OK, false),
            ("children", signedIn, HttpMethod.Get, "/children?q=Headerina", HttpStatusCode.OK, false),
            ("a child's record", signedIn, HttpMethod.Get, $"/children/{child}", HttpStatusCode.OK, false),
            ("a child's edit form", signedIn, HttpMethod.Get, $"/children/{child}/edit", HttpStatusCode.OK, false),
            ("a child that does not exist", signedIn, HttpMethod.Get, $"/children/{Guid.NewGuid()}", HttpStatusCode.NotFound, false),
            ("the chronology as CSV", signedIn, HttpMethod.Get, $"/children/{child}/chronology.csv", HttpStatusCode.OK, false),
            ("screenings through the API, signed in", signedIn, HttpMethod.Get, $"/api/v1/children/{child}/screenings", HttpStatusCode.OK, false),
            ("a referral through the API", school, HttpMethod.Get, $"/api/v1/referrals/{reference}", HttpStatusCode.OK, false),
            ("a referral that does not exist through the API", school, HttpMethod.Get, "/api/v1/referrals/NO-SUCH", HttpStatusCode.NotFound, false),
            ("an API endpoint that does not exist", signedIn, HttpMethod.Get, "/api/v1/nothing-here", HttpStatusCode.NotFound, false),
        };
        foreach (var (what, client, method, path, status, mayBeCached) in requests)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("Input.Email=a%40b.example", Encoding.UTF8, "application/x-www-form-urlencoded");
            }
            using var response = await client.SendAsync(request, Ct);
            Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
            Assert.True(Header("Content-Security-Policy") == Lantern.Security.SecurityHeaders.ContentSecurityPolicy, $"{what}: Content-Security-Policy '{Header("Content-Security-Policy")}'");
            Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", Header("Content-Security-Policy"), StringComparison.Ordinal);
            Assert.True(Header("X-Content-Type-Options") == "nosniff", what + ": X-Content-Type-Options");
            Assert.True(Header("X-Frame-Options") == "DENY", what + ": X-Frame-Options");
            Assert.True(Header("Referrer-Policy") == "no-referrer", what + ": Referrer-Policy");
            foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
            {
                Assert.True(Header("Permissions-Policy").Contains(feature, StringComparison.Ordinal), $"{what}: Permissions-Policy lacks {feature}");
            }
            Assert.False(response.Headers.Contains("Server"), $"{what}: Server: {Header("Server")}");
            Assert.True(mayBeCached != (response.Headers.CacheControl?.NoStore == true), $"{what}: Cache-Control '{response.Headers.CacheControl}'");
        }
    }
}
