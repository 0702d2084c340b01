using Lantern.Domain.Partnership;
using Lantern.Features.FrontDoor;
using Lantern.Features.Identity;
using Lantern.Features.Inbox;
using Lantern.Features.Screenings;
using Lantern.Security;

namespace Lantern.Features.Layout;

/// <summary>One item of the service navigation.</summary>
public sealed record NavItem(string Href, string Text);

/// <summary>Where the navigation puts the reader: the item they are on, and whether it is that very page or a page within it.</summary>
public sealed record NavPosition(NavItem Item, bool IsPage);

/// <summary>
/// Which of Lantern's lists a person has (each page's policy says the same: this decides only what is offered),
/// the menu built from them, and which item the page being read belongs to. The menu, the home page's links
/// and its work list ask here, so they offer the same lists.
/// </summary>
public static class Navigation
{
    public const string Home = "/";

    /// <summary>The front door queue and its parts: children's social care's front door.</summary>
    public static bool HasFrontDoorQueue(CurrentUser user) => user.IsFrontDoor;

    /// <summary>The partnership's overdue list, offered to those who answer for it: service managers and heads of service.</summary>
    public static bool HasPartnershipOverdue(CurrentUser user) => user.Role is Role.ServiceManager or Role.HeadOfService;

    /// <summary>Deciding whether records are one child or one person: the front door and intelligence analysts.</summary>
    public static bool HasIdentityReview(CurrentUser user) => user.IsFrontDoor || user.Role == Role.IntelligenceAnalyst;

    /// <summary>Children's records and screening: everyone but administrators, who manage accounts and see no child.</summary>
    public static bool HasChildren(CurrentUser user) => user.Role != Role.Administrator;

    /// <summary>Contexts of harm: the front door and the police who work the network.</summary>
    public static bool HasContexts(CurrentUser user) => user.IsFrontDoor || user.Role is Role.IntelligenceAnalyst or Role.PoliceInvestigator;

    /// <summary>Disruption plans: those who work them (the police, analysts and the front door; ADR 0022), the same rule as <see cref="Policies.Disruption"/>.</summary>
    public static bool HasDisruption(CurrentUser user) =>
        user.IsFrontDoor || user.Role == Role.IntelligenceAnalyst
        || (user.AgencyKind == Domain.Partnership.AgencyKind.Police && user.Role is not (Role.Administrator or Role.DataProtectionOfficer));

    /// <summary>Alerts: everyone who sees children (a child's alerts go to those who may see the child; the network's to the front door and analysts).</summary>
    public static bool HasAlerts(CurrentUser user) => HasChildren(user);

    public static IReadOnlyList<NavItem> For(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var items = new List<NavItem> { new(Home, "Home") };
        if (HasFrontDoorQueue(user))
        {
            items.Add(new(QueueView.All.Path(), "Front door"));
        }
        if (HasPartnershipOverdue(user))
        {
            items.Add(new("/front-door/overdue", "Overdue referrals"));
        }
        if (HasIdentityReview(user))
        {
            items.Add(new(IdentityReviewQueries.PagePath, "Possible matches"));
        }
        if (HasChildren(user))
        {
            items.Add(new("/children", "Children"));
            items.Add(new(ScreeningWorkList.PagePath, "Screenings"));
        }
        if (HasAlerts(user))
        {
            items.Add(new(Features.Alerts.IndexModel.PagePath, "Alerts"));
        }
        if (HasContexts(user))
        {
            items.Add(new("/network/contexts", "Contexts"));
        }
        if (HasDisruption(user))
        {
            items.Add(new(Disruption.DisruptionPlans.ListPath, "Disruption"));
        }
        else if (HasPartnershipOverdue(user))
        {
            items.Add(new(Disruption.DisruptionPlans.OversightPath, "Disruption oversight"));
        }
        items.Add(new("/referrals", "Your referrals"));
        items.Add(new(InboxMessages.PagePath, "Inbox"));
        items.Add(new("/practitioners", "Colleagues"));
        if (user.Role == Role.Administrator)
        {
            items.Add(new("/admin", "Administration"));
        }
        items.Add(new(Account.SessionsModel.PagePath, "Your account"));
        return items;
    }

    /// <summary>
    /// The item the page at <paramref name="path"/> belongs to: the item of that address, or else the one whose
    /// address is the nearest folder above it (<c>/front-door/overdue</c> is not in <c>/front-door</c> when it is an
    /// item of its own). Home holds only the home page.
    /// </summary>
    public static NavPosition? Current(IReadOnlyList<NavItem> items, string? path)
    {
        ArgumentNullException.ThrowIfNull(items);
        path = string.IsNullOrEmpty(path) ? Home : path.TrimEnd('/');
        if (path.Length == 0)
        {
            path = Home;
        }
        NavItem? best = null;
        foreach (var item in items)
        {
            var within = item.Href == Home
                ? path == Home
                : path.Equals(item.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(item.Href + "/", StringComparison.OrdinalIgnoreCase);
            if (within && (best is null || item.Href.Length > best.Href.Length))
            {
                best = item;
            }
        }
        return best is null ? null : new(best, path.Equals(best.Href, StringComparison.OrdinalIgnoreCase));
    }
}
