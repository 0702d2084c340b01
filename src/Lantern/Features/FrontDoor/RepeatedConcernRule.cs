using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Notifications;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// The same child referred by two or more agencies within 30 days, or three or more times within 90:
/// the front door's team managers are told, and told again for each further referral while the alert is open.
/// </summary>
public sealed class RepeatedConcernRule(Recipients recipients) : IAlertRule
{
    public const string RuleKey = "RepeatedConcern";

    public string Key => RuleKey;

    public string Title => "Repeated concern";

    public AuditCode RaisedCode => AuditCode.RepeatedConcernAlertRaised;

    public Domain.Partnership.AgencyKind? Owner => Domain.Partnership.AgencyKind.ChildrensSocialCare;

    public bool TellOnNewEvidence => true;

    public Task<IReadOnlyList<Recipient>> WhoIsToldAsync(AlertSubject subject, CancellationToken ct) =>
        recipients.HoldersAsync(Domain.Partnership.Role.TeamManager, Where.ChildrensSocialCare, ct);

    public AlertMessage Message(Alert alert, bool raised)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // The referral that made (or joined) the alert is the last evidence added.
        var latest = alert.Evidence.Count > 0 ? alert.Evidence[^1].RecordReference : alert.Reference;
        return new($"Repeated concern: referral {latest}",
            $"Referral {latest} is about a child who has been referred again and again: {alert.Summary}");
    }
}
