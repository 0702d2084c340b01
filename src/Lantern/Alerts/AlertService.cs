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

/// <summary>An alert a feature found due as its evidence arrived: the rule, what it is about, what it says and the records behind it.</summary>
public sealed record AlertDue(IAlertRule Rule, AlertSubject Subject, string Summary, IReadOnlyList<AlertEvidenceText> Evidence);

/// <summary>An alert raised now, or the open alert the evidence joined, with the audit events to save with the caller's change and the messages added.</summary>
public sealed record AlertRaise(Alert Alert, bool IsNew, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<Notification> Told);

/// <summary>
/// The one alert mechanism: raises a rule's alert about a subject once (more evidence joins the alert
/// already open, and the database refuses a second), tells the rule's people, and says whether a
/// manager must close it. The caller saves, with its own change, in one transaction.
/// </summary>
public sealed class AlertService(LanternDbContext db, IEnumerable<IAlertRule> rules, Notifier notifier, AuditTrail audit, IOptions<AlertOptions> options, TimeProvider time)
{
    /// <summary>How many times the alert step is done again when another request raised or changed the same alert at the same moment.</summary>
    private const int Attempts = 3;

    public const string RecordType = "Alert";

    public static string PagePath(Guid alert) => $"/alerts/{alert}";

    public IAlertRule Rule(string key) => rules.FirstOrDefault(r => r.Key == key)
        ?? throw new InvalidOperationException($"No alert rule has the key \"{key}\".");

    /// <summary>Whether only a manager may close alerts of the rule.</summary>
    public bool ManagerCloses(string ruleKey) => !options.Value.Rules.TryGetValue(ruleKey, out var rule) || rule.ManagerCloses;

    /// <summary>Whether the rule's alert about the subject is open now.</summary>
    public Task<bool> IsOpenAsync(IAlertRule rule, AlertSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(subject);
        return db.Alerts.AnyAsync(a => a.Rule == rule.Key && a.SubjectType == subject.Type && a.SubjectId == subject.Id && a.ClosedAt == null, ct);
    }

    /// <summary>
    /// Saves the caller's pending change and <paramref name="audits"/> together with the alert that is
    /// <paramref name="due"/>, if any (raised, or the open one joined), in one transaction. The open alert is
    /// looked up under the audit trail's write lock, so two requests bringing evidence at once join one alert
    /// in turn; should the database still refuse the save (another node without the lock, say), the alert
    /// step is done again against what was saved, so the caller's change is never lost to the alert.
    /// </summary>
    public async Task<AlertRaise?> SaveWithAlertAsync(AlertDue? due, IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audits);
        if (due is null)
        {
            await audit.SaveAsync(audits, ct);
            return null;
        }
        for (var attempt = 1; ; attempt++)
        {
            AlertRaise? raise = null;
            try
            {
                await audit.SaveAsync(audits, async token =>
                {
                    raise = await RaiseAsync(due.Rule, due.Subject, due.Summary, due.Evidence, token);
                    return raise.Audit;
                }, ct);
                return raise;
            }
            catch (DbUpdateException) when (attempt < Attempts && raise is not null)
            {
                Forget(raise);
            }
        }
    }

    /// <summary>Drops the alert step's pending changes, so that it can be done again on fresh data.</summary>
    private void Forget(AlertRaise raise)
    {
        // Copies: detaching an entity lets the change tracker fix up the collections being walked.
        foreach (var evidence in raise.Alert.Evidence.ToList())
        {
            db.Entry(evidence).State = EntityState.Detached;
        }
        db.Entry(raise.Alert).State = EntityState.Detached;
        foreach (var message in raise.Told.ToList())
        {
            db.Entry(message).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Raises <paramref name="rule"/>'s alert about <paramref name="subject"/>, or adds the evidence to the
    /// one already open; tells the rule's people. The caller saves, with its audit events, in one transaction
    /// (<see cref="SaveWithAlertAsync"/> does both, and is safe when two requests raise the same alert at once).
    /// </summary>
    public async Task<AlertRaise> RaiseAsync(IAlertRule rule, AlertSubject subject, string summary, IReadOnlyList<AlertEvidenceText> evidence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(subject);
        var now = time.GetUtcNow();
        var open = await db.Alerts.Include(a => a.Evidence)
            .FirstOrDefaultAsync(a => a.Rule == rule.Key && a.SubjectType == subject.Type && a.SubjectId == subject.Id && a.ClosedAt == null, ct);
        if (open is not null)
        {
            open.Add(evidence, summary, now);
            IReadOnlyList<Notification> toldAgain = [];
            if (rule.TellOnNewEvidence)
            {
                var again = rule.Message(open, raised: false);
                toldAgain = notifier.Tell(await rule.WhoIsToldAsync(open, ct), again.Subject, again.Body, PagePath(open.Id));
            }
            return new AlertRaise(open, false, [AuditEntry.Allowed(AuditCode.AlertEvidenceAdded, RecordType, open.Reference,
                $"{rule.Key}; {string.Join(", ", evidence.Select(e => e.RecordReference))}")], toldAgain);
        }
        var alert = Alert.Raise(RecordReference.New("ALR"), rule.Key, subject, summary, evidence, now);
        db.Alerts.Add(alert);
        var message = rule.Message(alert, raised: true);
        var told = await rule.WhoIsToldAsync(alert, ct);
        var messages = notifier.Tell(told, message.Subject, message.Body, PagePath(alert.Id));
        return new AlertRaise(alert, true, [AuditEntry.Allowed(rule.RaisedCode, subject.Type, subject.Id,
            $"{rule.Key} alert {alert.Reference}: {summary}; {told.Count} told")], messages);
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
