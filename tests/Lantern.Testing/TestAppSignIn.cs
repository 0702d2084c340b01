using System.Collections.Concurrent;
using System.Net;
using Lantern.Data;
using Lantern.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Testing;

/// <summary>
/// Signing in as a person does, both steps: the password, then the code their authenticator app would show, computed
/// here from the account's secret and the app's fake clock. Demo accounts have the printed demo secret; an account set
/// up during a test is set up through the real page, and its secret is remembered for its later sign-ins.
/// </summary>
public partial class TestApp
{
    private readonly ConcurrentDictionary<string, string> _authenticatorKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Signs in with <paramref name="email"/> and <paramref name="password"/>; when the password is right, gives the
    /// authenticator code too, or sets two-factor sign-in up first if the account has none. Answers the password
    /// step's response when it was refused, otherwise the last step's (a redirect into the app).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var response = await SignInWithPasswordAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            return response;
        }
        var next = response.Headers.Location!.OriginalString;
        if (next.StartsWith("/sign-in/code", StringComparison.Ordinal))
        {
            return await PostFormAsync(client, next, new Dictionary<string, string> { ["Code"] = await NextAuthenticatorCodeAsync(email) });
        }
        if (!await HasTwoFactorAsync(email) && RequiresTwoFactor)
        {
            await SetUpTwoFactorAsync(client, email);
        }
        return response;
    }

    /// <summary>The password step alone: the response of the sign-in page.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasswordAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await PostFormAsync(client, "/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Whether this deployment asks everyone for a second factor (the default).</summary>
    public bool RequiresTwoFactor => !Settings.TryGetValue("Lantern:Security:RequireTwoFactor", out var value) || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Remembers the secret of an authenticator set up outside <see cref="SetUpTwoFactorAsync"/> (in a browser test).</summary>
    public void RememberAuthenticatorKey(string email, string key) => _authenticatorKeys[email] = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The secret of <paramref name="email"/>'s authenticator: the demo one, or the one set up in this test.</summary>
    public string AuthenticatorKeyOf(string email) =>
        _authenticatorKeys.TryGetValue(email, out var key) ? key
        : DemoSeed.Accounts.Any(a => a.Email.Equals(email, StringComparison.OrdinalIgnoreCase)) ? DemoSeed.DemoAuthenticatorKey
        : throw new InvalidOperationException($"No authenticator has been set up for {email} in this test");

    /// <summary>
    /// The code the person's app shows that the app will accept: the oldest step within its tolerance that is later
    /// than the last code it accepted. When the steps around now are used up (three sign-ins of one account at one
    /// moment), the fake clock moves on to the next step, as a person would wait for the next code.
    /// </summary>
    public async Task<string> NextAuthenticatorCodeAsync(string email)
    {
        var key = Totp.FromBase32(AuthenticatorKeyOf(email))!;
        var normalised = email.ToUpperInvariant();
        var last = await WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == normalised)
            .Select(u => u.AuthenticatorLastTimeStep).SingleAsync());
        var now = Totp.TimeStep(Time.GetUtcNow());
        var step = last is { } used && used >= now - Totp.Tolerance ? used + 1 : now - Totp.Tolerance;
        if (step > now + Totp.Tolerance)
        {
            Time.SetUtcNow(Totp.StartOf(step - Totp.Tolerance));
        }
        return Totp.Compute(key, step);
    }

    /// <summary>The code the authenticator shows now (which may already have been used).</summary>
    public string CurrentAuthenticatorCode(string email) =>
        Totp.Compute(Totp.FromBase32(AuthenticatorKeyOf(email))!, Totp.TimeStep(Time.GetUtcNow()));

    public Task<bool> HasTwoFactorAsync(string email)
    {
        var normalised = email.ToUpperInvariant();
        return WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.TwoFactorEnabled).SingleAsync());
    }

    /// <summary>
    /// Sets up two-factor sign-in through the set-up page, as a person with an authenticator app would (reading the
    /// key shown as text), and answers the page that shows the recovery codes.
    /// </summary>
    public async Task<AngleSharp.Dom.IDocument> SetUpTwoFactorAsync(HttpClient client, string email)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/account/two-factor/set-up", UriKind.Relative)));
        var key = page.QuerySelector("#authenticator-key")?.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant()
            ?? throw new InvalidOperationException("The set-up page shows no key");
        var form = new Dictionary<string, string>
        {
            ["ProtectedKey"] = page.QuerySelector("input[name=ProtectedKey]")!.GetAttribute("value")!,
            ["Code"] = Totp.Compute(Totp.FromBase32(key)!, Totp.TimeStep(Time.GetUtcNow())),
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        using var content = new FormUrlEncodedContent(form);
        var done = await Html.ParseAsync(await client.PostAsync(new Uri("/account/two-factor/set-up", UriKind.Relative), content));
        if (done.QuerySelectorAll("code").Length == 0)
        {
            throw new InvalidOperationException("Two-factor set-up failed: " + done.Heading());
        }
        _authenticatorKeys[email] = key;
        return done;
    }
}
