using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Testing;

/// <summary>
/// The app on real Kestrel, on a loopback port of its own, on SQLite: for what only a real server shows, such as
/// the headers Kestrel itself adds.
/// </summary>
public sealed class KestrelTestApp : TestApp
{
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client over real HTTP that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateHttpClient(string? apiKey = null)
    {
#pragma warning disable CA2000 // The client owns its handler and disposes it.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = apiKey is null, CookieContainer = new CookieContainer() }, disposeHandler: true)
#pragma warning restore CA2000
        {
            BaseAddress = BaseAddress,
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, apiKey);
        }
        return client;
    }

    protected override void Start()
    {
        UseKestrel(0);
        StartServer();
    }
}
