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

/// <summary>An alert raised now, or the open alert the evidence joined, with the audit events to save with the caller's change.</summary>
public sealed record AlertRaise(Alert Alert, bool IsNew, IReadOnlyList<AuditEntry> Audit);

/// <summary>
/// The one alert mechanism: raises a rule's alert about a subject once (more evidence joins the alert
/// already open, and the database refuses a second), tells the rule's people, and says whether a
/// manager must close it. The caller saves, with its own change, in one transaction.
/// </summary>
public sealed class AlertService(LanternDbContext db, IEnumerable<IAlertRule> rules, Notifier notifier, IOptions<AlertOptions> options, TimeProvider time)
{
    public const string RecordType = "Alert";

    public static string PagePath(Guid alert) => $"/alerts/{alert}";

    public IAlertRule Rule(string key) => rules.FirstOrDefault(r => r.Key == key)
        ?? throw new InvalidOperationException($"No alert rule has the key \"{key}\".");

    /// <summary>Whether only a manager may close alerts of the rule.</summary>
    public bool ManagerCloses(string ruleKey) => !options.Value.Rules.TryGetValue(ruleKey, out var rule) || rule.ManagerCloses;

    /// <summary>
    /// Raises <paramref name="rule"/>'s alert about <paramref name="subject"/>, or adds the evidence to the
    /// one already open; tells the rule's people. The caller saves, with its audit events, in one transaction.
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
            if (rule.TellOnNewEvidence)
            {
                var again = rule.Message(open, raised: false);
                notifier.Tell(await rule.WhoIsToldAsync(open, ct), again.Subject, again.Body, PagePath(open.Id));
            }
            return new AlertRaise(open, false, [AuditEntry.Allowed(AuditCode.AlertEvidenceAdded, RecordType, open.Reference,
                $"{rule.Key}; {string.Join(", ", evidence.Select(e => e.RecordReference))}")]);
        }
        var alert = Alert.Raise(RecordReference.New("ALR"), rule.Key, subject, summary, evidence, now);
        db.Alerts.Add(alert);
        var message = rule.Message(alert, raised: true);
        var told = await rule.WhoIsToldAsync(alert, ct);
        notifier.Tell(told, message.Subject, message.Body, PagePath(alert.Id));
        return new AlertRaise(alert, true, [AuditEntry.Allowed(rule.RaisedCode, subject.Type, subject.Id,
            $"{rule.Key} alert {alert.Reference}: {summary}; {told.Count} told")]);
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
