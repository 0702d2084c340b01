using Lantern.Domain.Partnership;
using Lantern.Features.Alerts;
using Lantern.Features.FrontDoor;
using Lantern.Features.Identity;
using Lantern.Features.Inbox;
using Lantern.Features.Layout;
using Lantern.Features.MissingEpisodes;
using Lantern.Features.Screenings;
using Lantern.Security;

namespace Lantern.Features.Home;

/// <summary>One line of a person's work list: what it counts, how many there are now, and the list behind it.</summary>
public sealed record WorkItem(string Label, int Count, string Href);

/// <summary>
/// What is waiting for the signed-in person, as counts on their home page, each linking to the list it counts.
/// Each count is the list's own query (<see cref="FrontDoorWork"/>, <see cref="ScreeningWorkList"/>,
/// <see cref="IdentityReviewQueries"/>, <see cref="InboxMessages"/>, <see cref="AlertList"/>, <see cref="ReturnInterviewWorkList"/>) in the person's data scope, so it agrees
/// with the list. Only the lists the person has are counted (<see cref="Navigation"/>). A count names no child
/// and is not an audited read; opening the list is.
/// </summary>
public sealed class WorkList(FrontDoorWork frontDoor, ScreeningWorkList screenings, IdentityReviewQueries identity, InboxMessages inbox, AlertList alerts, ReturnInterviewWorkList interviews, DataScope scope)
{
    public async Task<IReadOnlyList<WorkItem>> ForAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var items = new List<WorkItem>();
        if (Navigation.HasFrontDoorQueue(user))
        {
            items.Add(await QueueItemAsync("Referrals allocated to you", QueueView.AllocatedToMe, ct));
            items.Add(await QueueItemAsync("Decisions due today", QueueView.DueToday, ct));
            items.Add(await QueueItemAsync("Overdue decisions", QueueView.Overdue, ct));
            items.Add(await QueueItemAsync("Decisions sent back to you", QueueView.SentBackToMe, ct));
            if (user.Role.IsManager())
            {
                items.Add(await QueueItemAsync("Decisions waiting for your sign-off", QueueView.AwaitingMySignOff, ct));
            }
        }
        if (Navigation.HasPartnershipOverdue(user))
        {
            items.Add(new("Referrals on the partnership's overdue list", (await frontDoor.PartnershipOverdueAsync(ct)).Count, "/front-door/overdue"));
        }
        if (Navigation.HasChildren(user))
        {
            if (screenings.IsReviewer)
            {
                items.Add(new("Screenings waiting for your review", (await screenings.ToReviewAsync(ct)).Count, ScreeningWorkList.PagePath + "#review"));
            }
            items.Add(new("Screenings due or overdue", await screenings.CountDueAsync(ct), ScreeningWorkList.PagePath + "#due"));
            items.Add(new("Return home interviews owed", await interviews.CountAsync(ct), ReturnInterviewWorkList.PagePath));
        }
        if (Navigation.HasAlerts(user))
        {
            items.Add(new("Alerts to acknowledge", await alerts.CountOpenAsync(scope, ct), Alerts.IndexModel.Path()));
        }
        if (Navigation.HasIdentityReview(user))
        {
            items.Add(new("Records that may be the same child", await identity.CountAwaitingAsync(ct), IdentityReviewQueries.PagePath));
        }
        items.Add(new("Unread messages", await inbox.UnreadCountAsync(user.Id, ct), InboxMessages.PagePath));
        return items;
    }

    private async Task<WorkItem> QueueItemAsync(string label, QueueView view, CancellationToken ct) =>
        new(label, await frontDoor.CountAsync(view, ct), view.Path());
}

public static class WorkListSetup
{
    /// <summary>The home page's work list.</summary>
    public static IServiceCollection AddWorkList(this IServiceCollection services)
    {
        services.AddScoped<WorkList>();
        return services;
    }
}
