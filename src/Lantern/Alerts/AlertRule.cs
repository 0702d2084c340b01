using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Domain.Partnership;
using Lantern.Notifications;

namespace Lantern.Alerts;

/// <summary>What people are told when an alert is raised, or (where the rule says so) when more evidence joins it.</summary>
public sealed record AlertMessage(string Subject, string Body);

/// <summary>
/// An alert rule a feature contributes, in the feature's own folder, registered with
/// <see cref="AlertServices.AddAlertRule{TRule}"/>. The feature decides when its rule is met, as the
/// evidence arrives, and saves through <see cref="AlertService.SaveWithAlertAsync"/>; the mechanism raises the alert
/// once per subject, attaches the evidence, tells the rule's people, and lets them acknowledge, act on
/// and close it (closing by a manager where configured: <c>Lantern:Alerts:Rules:{Key}:ManagerCloses</c>).
/// </summary>
public interface IAlertRule
{
    /// <summary>The rule's stable key, kept on every alert it raises and used to configure it; never change it once used.</summary>
    string Key { get; }

    /// <summary>What people call the alert, for example "Repeat missing".</summary>
    string Title { get; }

    /// <summary>The audit event of a raise (a stable number; partner systems filter on it).</summary>
    AuditCode RaisedCode { get; }

    /// <summary>The kind of agency whose people close the rule's alerts (children's social care for a child's alerts), or null for anyone who may see it.</summary>
    AgencyKind? Owner { get; }

    /// <summary>Whether more evidence joining an open alert tells the people again.</summary>
    bool TellOnNewEvidence { get; }

    /// <summary>Who is told about an alert on <paramref name="subject"/>, raised or joined.</summary>
    Task<IReadOnlyList<Recipient>> WhoIsToldAsync(AlertSubject subject, CancellationToken ct);

    /// <summary>What they are told, on the raise (<paramref name="raised"/>) or when evidence joins; no child's details.</summary>
    AlertMessage Message(Alert alert, bool raised);
}
