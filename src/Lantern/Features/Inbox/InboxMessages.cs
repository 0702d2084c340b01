using Lantern.Data;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Inbox;

/// <summary>
/// A person's inbox, read one way: the inbox page lists it, and the navigation and the home page count what is
/// unread, so the counts and the page agree.
/// </summary>
public sealed class InboxMessages(LanternDbContext db)
{
    public const string PagePath = "/inbox";

    /// <summary>The most messages the inbox page shows, newest first.</summary>
    public const int MaxShown = 200;

    public async Task<IReadOnlyList<Notification>> NewestAsync(Guid user, CancellationToken ct) =>
        await Of(user).OrderByDescending(n => n.CreatedAt).Take(MaxShown).ToListAsync(ct);

    public Task<int> UnreadCountAsync(Guid user, CancellationToken ct) => Unread(user).CountAsync(ct);

    /// <summary>Marks every unread message of the person read at <paramref name="at"/>.</summary>
    public Task<int> MarkAllReadAsync(Guid user, DateTimeOffset at, CancellationToken ct) =>
        Unread(user).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, at), ct);

    private IQueryable<Notification> Of(Guid user) => db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == user);

    private IQueryable<Notification> Unread(Guid user) => Of(user).Where(n => n.ReadAt == null);
}

public static class InboxSetup
{
    /// <summary>The inbox's one reading of a person's messages.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddScoped<InboxMessages>();
        return services;
    }
}
