using System.Collections.Concurrent;

namespace Lantern.Features.SignIn;

/// <summary>
/// Failed sign-ins counted by where they come from as well as by account, so that an outsider cannot lock a
/// colleague out. Five failures with one email address from one network address lock that address out of that
/// email address for fifteen minutes; the account itself is locked by ASP.NET Core Identity only after
/// <see cref="AccountWideFailures"/> failures from anywhere. Addresses with no account are counted the same way
/// (both the per-client and the account-wide lock), so "locked" never tells anyone which addresses have accounts.
/// Kept by each node in memory, and forgotten when it grows past a bound.
/// </summary>
public sealed class SignInLockouts(TimeProvider time)
{
    public const int ClientFailures = 5;
    public const int AccountWideFailures = 20;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _counts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="client"/> is locked out of signing in as <paramref name="email"/>.</summary>
    public bool IsClientLocked(string client, string email) => IsLocked(ClientKey(client, email));

    /// <summary>Whether an address with no account is "locked", as a real account would be after as many failures.</summary>
    public bool IsUnknownAccountLocked(string email) => IsLocked(AccountKey(email));

    /// <summary>A wrong password from <paramref name="client"/> for <paramref name="email"/> (and, with no account, for the address itself).</summary>
    public void Failed(string client, string email, bool accountExists)
    {
        if (_counts.Count >= MaxEntries)
        {
            _counts.Clear();
        }
        Count(ClientKey(client, email), ClientFailures);
        if (!accountExists)
        {
            Count(AccountKey(email), AccountWideFailures);
        }
    }

    public void Succeeded(string client, string email) => _counts.TryRemove(ClientKey(client, email), out _);

    private bool IsLocked(string key) => _counts.TryGetValue(key, out var state) && state.LockedUntil is { } until && until > time.GetUtcNow();

    private void Count(string key, int limit)
    {
        var now = time.GetUtcNow();
        _counts.AddOrUpdate(key, _ => limit <= 1 ? (0, now + LockFor) : (1, null), (_, state) =>
        {
            if (state.LockedUntil is { } until && until <= now)
            {
                state = (0, null);
            }
            var failures = state.Failures + 1;
            return failures >= limit ? (0, now + LockFor) : (failures, state.LockedUntil);
        });
    }

    private static string ClientKey(string client, string email) => "client\n" + client + "\n" + email;

    private static string AccountKey(string email) => "account\n" + email;
}
