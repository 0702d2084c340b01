using System.Security.Claims;
using Lantern.Auditing;
using Lantern.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

/// <summary>How people sign in and how long a session lasts (<c>Lantern:Security</c>).</summary>
public sealed class AccountSecurityOptions
{
    public const string Section = "Lantern:Security";

    /// <summary>
    /// Whether everyone must sign in with an authenticator code as well as a password. On by default: the
    /// records are about children at risk, and ASVS level 2 requires a second factor (docs/adr/0024).
    /// Someone who has not set one up is asked to at their next sign-in and can do nothing else first.
    /// </summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>A session with no request for this many minutes ends.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this many hours after sign-in, however busy (a working day and some).</summary>
    public int MaximumSessionHours { get; set; } = 12;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan MaximumSession => TimeSpan.FromHours(MaximumSessionHours);

    internal static IReadOnlyList<(string Field, string Message)> Check(AccountSecurityOptions o)
    {
        var errors = new List<(string, string)>();
        if (o.IdleTimeoutMinutes is < 1 or > 24 * 60)
        {
            errors.Add(($"{Section}:{nameof(IdleTimeoutMinutes)}", "must be between 1 and 1440 minutes"));
        }
        if (o.MaximumSessionHours is < 1 or > 7 * 24)
        {
            errors.Add(($"{Section}:{nameof(MaximumSessionHours)}", "must be between 1 and 168 hours"));
        }
        if (o.MaximumSessionHours * 60 < o.IdleTimeoutMinutes)
        {
            errors.Add(($"{Section}:{nameof(MaximumSessionHours)}", "must not be shorter than the idle time-out"));
        }
        return errors;
    }
}

/// <summary>One session as its owner sees it in their list.</summary>
public sealed record SessionView(Guid Id, string Device, bool TwoFactor, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool IsThisOne);

/// <summary>
/// Signed-in sessions, kept in the database: started at sign-in, named by the sign-in cookie, checked on every
/// request (ended, idle too long, too old, or the account's role changed since) and ended by signing out, by their
/// owner from any of their sessions, or by time. Ending one here ends it on every node at once.
/// </summary>
public sealed class UserSessions(LanternDbContext db, TimeProvider time, IOptions<AccountSecurityOptions> options, AuditTrail audit)
{
    /// <summary>How often a session's last-seen time is written: not at every request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private AccountSecurityOptions Options => options.Value;

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(LanternClaimTypes.Session), out var id) ? id : null;

    /// <summary>Whether the sign-in gave a second factor (an authenticator or recovery code).</summary>
    public static bool IsTwoFactor(ClaimsPrincipal? principal) =>
        principal?.FindAll(LanternClaimTypes.AuthenticationMethod).Any(c => c.Value == "mfa") == true;

    public async Task<Guid> StartAsync(Guid userId, bool twoFactor, string? userAgent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            UserId = userId,
            Device = DeviceOf(userAgent),
            TwoFactor = twoFactor,
            StartedAt = now,
            LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// Whether the session named by <paramref name="principal"/> may go on; a session that has been idle too long, or
    /// has lasted too long, or whose account's role is no longer <paramref name="roleSignedInWith"/>, is ended here.
    /// </summary>
    public async Task<bool> CheckAsync(ClaimsPrincipal principal, string? roleSignedInWith, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (IdOf(principal) is not { } id || CurrentUser.From(principal) is not { } user)
        {
            return false;
        }
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && s.UserId == user.Id)
            .Select(s => new { s.EndedAt, s.StartedAt, s.LastSeenAt })
            .FirstOrDefaultAsync(ct);
        if (session is null || session.EndedAt is not null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        SessionEnd? end = now - session.LastSeenAt > Options.IdleTimeout ? SessionEnd.IdleTimeout
            : now - session.StartedAt > Options.MaximumSession ? SessionEnd.MaximumLifetime
            : roleSignedInWith is not null && roleSignedInWith != user.Role.ToString() ? SessionEnd.AccountChanged
            : null;
        if (end is { } reason)
        {
            await EndAsync(user.Id, id, reason, ct);
            await audit.SaveAsync(AuditEntry.Allowed(reason == SessionEnd.AccountChanged ? AuditCode.SessionEndedByAccountChange : AuditCode.SessionTimedOut,
                "UserSession", id.ToString(), reason == SessionEnd.IdleTimeout ? "idle" : reason == SessionEnd.MaximumLifetime ? "maximum lifetime" : "role changed"), ct);
            return false;
        }
        if (now - session.LastSeenAt >= LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }
        return true;
    }

    /// <summary>The open sessions of <paramref name="userId"/> that can still be used, newest first.</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(Guid userId, Guid? current, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var idleSince = now - Options.IdleTimeout;
        var startedSince = now - Options.MaximumSession;
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.LastSeenAt >= idleSince && s.StartedAt >= startedSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(ct);
        return [.. sessions.Select(s => new SessionView(s.Id, s.Device, s.TwoFactor, s.StartedAt, s.LastSeenAt, s.Id == current))];
    }

    /// <summary>Ends one session of <paramref name="userId"/>; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, SessionEnd reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct) == 1;
    }

    /// <summary>Ends every open session of <paramref name="userId"/> except <paramref name="keep"/>; answers how many.</summary>
    public async Task<int> EndAllAsync(Guid userId, SessionEnd reason, Guid? keep, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
    }

    /// <summary>The browser and system in words, from a User-Agent; nothing more of it is kept.</summary>
    public static string DeviceOf(string? userAgent)
    {
        var ua = userAgent ?? "";
        var browser = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "An unknown browser";
        var system = ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return system is null ? browser : $"{browser} on {system}";
    }
}
