using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Lantern.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

/// <summary>
/// Agency systems call the API with a key of their own (header <c>X-Api-Key</c>). Keys are 256
/// random bits, shown once, stored as SHA-256 (a slow hash adds nothing to a key that cannot be
/// guessed), scoped to one agency and revocable.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ApiKeyIdClaim = "lantern:apikey";
    public const string AgencySystemRole = "AgencySystem";

    public static string NewKey() => "lk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Creates a key for an agency; returns the record and the key to show once.</summary>
    public static async Task<(ApiKey Record, string Key)?> CreateAsync(LanternDbContext db, string agencyName, string label, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Name == agencyName, ct);
        if (agency is null)
        {
            return null;
        }
        var key = NewKey();
        var record = new ApiKey { AgencyId = agency.Id, Label = label, Prefix = key[..10], KeyHash = Hash(key), CreatedAt = time.GetUtcNow() };
        db.ApiKeys.Add(record);
        return (record, key);
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LanternDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKeys.Hash(values.ToString().Trim());
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ApiKeys.ApiKeyIdClaim, key.Id.ToString()),
            new Claim(ClaimTypes.Name, "api key " + key.Prefix + " (" + key.Label + ")"),
            new Claim(ClaimTypes.Role, ApiKeys.AgencySystemRole),
            new Claim(LanternClaimTypes.Agency, key.AgencyId.ToString()),
        ], ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }
}
