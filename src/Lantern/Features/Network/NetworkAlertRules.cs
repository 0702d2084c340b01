using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Notifications;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

/// <summary>
/// What the network's alert rules share: they are about a person or a thing, not one child, so they are told to the
/// specialist exploitation team and to the police intelligence analysts, seen by those who work the whole network,
/// closed by a manager (<c>Lantern:Alerts:Rules:{Key}:ManagerCloses</c>), and told again when a child joins them.
/// </summary>
public abstract class NetworkAlertRule(Recipients recipients, IOptions<ChildRecordOptions> children) : IAlertRule
{
    public abstract string Key { get; }

    public abstract string Title { get; }

    public abstract AuditCode RaisedCode { get; }

    public AgencyKind? Owner => null;

    public bool TellOnNewEvidence => true;

    public async Task<IReadOnlyList<Recipient>> WhoIsToldAsync(AlertSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var team = await recipients.TeamNamedAsync(children.Value.ExploitationTeam, Where.ChildrensSocialCare, ct);
        var analysts = await recipients.HoldersAsync(Role.IntelligenceAnalyst, new Where(Kind: AgencyKind.Police), ct);
        return [.. team.Concat(analysts).DistinctBy(r => r.UserId)];
    }

    public AlertMessage Message(Alert alert, bool raised)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var joined = alert.Evidence.Where(e => e.Member is not null).Select(e => e.Member).Distinct(StringComparer.Ordinal).Count();
        return new($"{Title}: {alert.Reference}",
            (raised ? $"{Title}: {joined} children are now linked. " : $"More evidence joined the alert: {joined} children are now linked. ")
            + $"Look at alert {alert.Reference} and record what was done (a strategy discussion, a disruption plan, a screening).");
    }
}

/// <summary>An adult linked through concerning records to children of different households (docs/network.md, "Alerts").</summary>
public sealed class MultipleVictimsRule(Recipients recipients, IOptions<ChildRecordOptions> children) : NetworkAlertRule(recipients, children)
{
    public const string RuleKey = "MultipleVictims";

    public override string Key => RuleKey;

    public override string Title => "Adult linked to several children";

    public override AuditCode RaisedCode => AuditCode.MultipleVictimsAlertRaised;
}

/// <summary>A vehicle, phone or place linked to several children within months through concerning events (docs/network.md, "Alerts").</summary>
public sealed class HotspotRule(Recipients recipients, IOptions<ChildRecordOptions> children) : NetworkAlertRule(recipients, children)
{
    public const string RuleKey = "Hotspot";

    public override string Key => RuleKey;

    public override string Title => "Hotspot";

    public override AuditCode RaisedCode => AuditCode.HotspotAlertRaised;
}

/// <summary>A connected group of several children and several adults joined by concerning links (docs/network.md, "Alerts").</summary>
public sealed class OrganisedNetworkRule(Recipients recipients, IOptions<ChildRecordOptions> children) : NetworkAlertRule(recipients, children)
{
    public const string RuleKey = "OrganisedNetwork";

    public override string Key => RuleKey;

    public override string Title => "Possible organised network";

    public override AuditCode RaisedCode => AuditCode.OrganisedNetworkAlertRaised;
}
