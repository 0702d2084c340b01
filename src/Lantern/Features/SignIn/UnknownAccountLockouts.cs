using System.Collections.Concurrent;

namespace Lantern.Features.SignIn;

/// <summary>
/// Failed sign-ins to email addresses that have no account, counted as Identity counts them for real accounts
/// (five failures lock for fifteen minutes), so that "this account is locked" never tells anyone which addresses
/// have accounts. Kept by each node in memory, and forgotten when it grows past a bound.
/// </summary>
public sealed class UnknownAccountLockouts(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLocked(string email) =>
        _addresses.TryGetValue(email, out var state) && state.LockedUntil is { } until && until > time.GetUtcNow();

    public void Failed(string email)
    {
        if (_addresses.Count >= MaxAddresses)
        {
            _addresses.Clear();
        }
        var now = time.GetUtcNow();
        _addresses.AddOrUpdate(email, _ => (1, null), (_, state) =>
        {
            if (state.LockedUntil is { } until && until <= now)
            {
                state = (0, null);
            }
            var failures = state.Failures + 1;
            return failures >= MaxFailures ? (0, now + LockFor) : (failures, state.LockedUntil);
        });
    }
}
