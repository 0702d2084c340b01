using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Notifications;
using Microsoft.Extensions.Options;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// A child missing three or more times in 90 days (configurable): the children's social care
/// practitioners involved with the child (or their teams, with nobody named) and the exploitation team
/// are told once; further episodes join the open alert quietly.
/// </summary>
public sealed class RepeatMissingRule(Recipients recipients, IOptions<ChildRecordOptions> options) : IAlertRule
{
    public const string RuleKey = "RepeatMissing";

    public string Key => RuleKey;

    public string Title => "Repeat missing";

    public AuditCode RaisedCode => AuditCode.RepeatMissingAlertRaised;

    public Domain.Partnership.AgencyKind? Owner => Domain.Partnership.AgencyKind.ChildrensSocialCare;

    public bool TellOnNewEvidence => false;

    public Task<IReadOnlyList<Recipient>> WhoIsToldAsync(AlertSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return recipients.SocialCareAndTeamAsync(subject.Child, options.Value.ExploitationTeam, ct);
    }

    public AlertMessage Message(Alert alert, bool raised)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var latest = alert.Evidence.Count > 0 ? alert.Evidence[^1].RecordReference : alert.Reference;
        return new($"Repeat missing: {latest}",
            $"Missing episode {latest} makes {alert.Evidence.Count} in {options.Value.RepeatMissingDays} days for this child. "
            + "A fresh exploitation screening is asked for: look at the episodes, the return home interviews and the chronology together.");
    }
}
