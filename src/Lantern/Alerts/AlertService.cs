using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Records;
using Lantern.Hosting;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Alerts;

/// <summary>How one rule's alerts are handled, bound from <c>Lantern:Alerts:Rules:{Key}</c>.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Only a team manager, service manager or head of service may close the rule's alerts.</summary>
    public bool ManagerCloses { get; set; } = true;
}

/// <summary>Bound from <c>Lantern:Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Lantern:Alerts";

    public Dictionary<string, AlertRuleOptions> Rules { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Field, string Message)> Validate(IEnumerable<string> ruleKeys)
    {
        var known = ruleKeys.ToHashSet(StringComparer.Ordinal);
        return [.. Rules.Keys.Where(k => !known.Contains(k)).Select(k => ($"{Section}:{nameof(Rules)}:{k}",
            $"No alert rule has the key \"{k}\"; the rules are: {string.Join(", ", known.Order(StringComparer.Ordinal))}."))];
    }
}

/// <summary>
/// An alert a feature found due as its evidence arrived: the rule, what it is about, what it says and the
/// records behind it. <paramref name="WhenRaised"/> is done only when this raises the alert (not when the
/// evidence joins one already open), in the same transaction: a repeat-missing alert asks for a screening.
/// <paramref name="EvidenceCompleteAt"/> is when the rule was met, in the records' own time, where the rule says.
/// </summary>
public sealed record AlertDue(IAlertRule Rule, AlertSubject Subject, string Summary, IReadOnlyList<AlertEvidenceText> Evidence, Action? WhenRaised = null,
    DateTimeOffset? EvidenceCompleteAt = null);

/// <summary>
/// The one alert mechanism: raises a rule's alert about a subject once (more evidence joins the alert
/// already open, and the database refuses a second), tells the rule's people, and says whether a
/// manager must close it. The alert is saved with the feature's own change, in one transaction.
/// </summary>
public sealed class AlertService(LanternDbContext db, IEnumerable<IAlertRule> rules, Notifier notifier, AuditTrail audit, IOptions<AlertOptions> options, TimeProvider time)
{
    public const string RecordType = "Alert";

    public static string PagePath(Guid alert) => $"/alerts/{alert}";

    /// <summary>Every rule that raises alerts, in the order they were registered.</summary>
    public IReadOnlyList<IAlertRule> Rules => [.. rules];

    public IAlertRule Rule(string key) => rules.FirstOrDefault(r => r.Key == key)
        ?? throw new InvalidOperationException($"No alert rule has the key \"{key}\".");

    /// <summary>Whether only a manager may close alerts of the rule.</summary>
    public bool ManagerCloses(string ruleKey) => !options.Value.Rules.TryGetValue(ruleKey, out var rule) || rule.ManagerCloses;

    /// <summary>
    /// Saves the caller's pending change and <paramref name="audits"/> together with the alert that is
    /// <paramref name="due"/>, if any, in one transaction: the rule's alert about the subject is raised, or the
    /// evidence joins the one open, and the rule's people are told. The open alert is looked up under the audit
    /// trail's write lock, which every audited write takes, so requests bringing evidence at the same moment
    /// join one alert in turn and the caller's change is never lost to the alert.
    /// </summary>
    public Task SaveWithAlertAsync(AlertDue? due, IReadOnlyList<AuditEntry> audits, CancellationToken ct) =>
        SaveWithAlertsAsync(due is null ? [] : [due], audits, ct);

    /// <summary>As <see cref="SaveWithAlertAsync"/>, with every alert that is due (one change may concern several children).</summary>
    public async Task SaveWithAlertsAsync(IReadOnlyList<AlertDue> dues, IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dues);
        ArgumentNullException.ThrowIfNull(audits);
        if (dues.Count == 0)
        {
            await audit.SaveAsync(audits, ct);
            return;
        }
        await audit.SaveAsync(audits, await UnderLockAsync(dues, ct), ct);
    }

    /// <summary>
    /// For a caller that saves its change under the audit trail's lock with work of its own (a merge moving links): the
    /// work that raises the alerts that are <paramref name="dues"/>, to run inside that same transaction, so that the
    /// change and its alerts stand or fall together.
    /// </summary>
    public async Task<Func<CancellationToken, Task<IReadOnlyList<AuditEntry>>>> UnderLockAsync(IReadOnlyList<AlertDue> dues, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dues);
        // Who is told depends on the subject only: worked out before the lock, which every audited write waits for.
        var told = new List<IReadOnlyList<Recipient>>(dues.Count);
        foreach (var due in dues)
        {
            told.Add(await due.Rule.WhoIsToldAsync(due.Subject, ct));
        }
        return async token =>
        {
            var raised = new List<AuditEntry>();
            for (var i = 0; i < dues.Count; i++)
            {
                raised.AddRange(await RaiseAsync(dues[i], told[i], token));
            }
            return raised;
        };
    }

    /// <summary>Raises the alert, or adds the evidence to the one already open; tells the rule's people; returns the audit events.</summary>
    private async Task<IReadOnlyList<AuditEntry>> RaiseAsync(AlertDue due, IReadOnlyList<Recipient> told, CancellationToken ct)
    {
        var (rule, subject) = (due.Rule, due.Subject);
        var now = time.GetUtcNow();
        var open = await db.Alerts.Include(a => a.Evidence)
            .FirstOrDefaultAsync(a => a.Rule == rule.Key && a.SubjectType == subject.Type && a.SubjectId == subject.Id && a.ClosedAt == null, ct);
        if (open is not null)
        {
            open.Add(due.Evidence, due.Summary, now, due.EvidenceCompleteAt);
            if (rule.TellOnNewEvidence)
            {
                var again = rule.Message(open, raised: false);
                notifier.Tell(told, again.Subject, again.Body, PagePath(open.Id));
            }
            return [AuditEntry.Allowed(AuditCode.AlertEvidenceAdded, RecordType, open.Reference,
                $"{rule.Key}; {string.Join(", ", due.Evidence.Select(e => e.RecordReference))}")];
        }
        var alert = Alert.Raise(RecordReference.New("ALR"), rule.Key, subject, due.Summary, due.Evidence, now, due.EvidenceCompleteAt);
        db.Alerts.Add(alert);
        due.WhenRaised?.Invoke();
        var message = rule.Message(alert, raised: true);
        notifier.Tell(told, message.Subject, message.Body, PagePath(alert.Id));
        return [AuditEntry.Allowed(rule.RaisedCode, subject.Type, subject.Id, $"{rule.Key} alert {alert.Reference}: {due.Summary}; {told.Count} told")];
    }
}

public static class AlertServices
{
    /// <summary>The alert mechanism, with its settings checked at start (each rule named must be registered).</summary>
    public static IServiceCollection AddLanternAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>>(sp => new FieldOptionsValidation<AlertOptions>(o =>
        {
            using var scope = sp.CreateScope();
            return o.Validate(scope.ServiceProvider.GetServices<IAlertRule>().Select(r => r.Key));
        }));
        services.AddScoped<AlertService>();
        return services;
    }

    /// <summary>Adds a feature's alert rule: one line in the feature's setup.</summary>
    public static IServiceCollection AddAlertRule<TRule>(this IServiceCollection services)
        where TRule : class, IAlertRule
    {
        services.AddScoped<TRule>();
        services.AddScoped<IAlertRule>(sp => sp.GetRequiredService<TRule>());
        return services;
    }
}
