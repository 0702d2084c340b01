using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Features.Alerts;

namespace Lantern.Cli;

/// <summary>
/// `lantern alerts list [--json] [--rule R] [--status S]`: every alert, newest first, as the API gives it (with --json), or one
/// line each: reference, rule, status, when the evidence became complete, when raised, the subject and how many members.
/// Audited as a listing by the command line. Exit code 2 for a status that is not one.
/// </summary>
internal static class AlertsCommand
{
    private static readonly JsonSerializerOptions Json = new(ApiJson.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Write the alerts as JSON, as GET /api/v1/alerts gives them" };
        var rule = new Option<string?>("--rule") { Description = "Only alerts of this rule (MultipleVictims, Hotspot, RepeatMissing, ...)" };
        var status = new Option<string?>("--status") { Description = "Only alerts of this status: open, acknowledged, actioned or closed" };
        var list = new Command("list", "List alerts, newest first: rule, status, when the evidence became complete and when raised, members and the records behind them")
        {
            json, rule, status,
        };
        list.SetAction((p, ct) => LanternCommandLine.RunAsync(p, async (sp, token) =>
        {
            AlertStatus? wanted = null;
            if (p.GetValue(status) is { Length: > 0 } given)
            {
                if (!Enum.TryParse<AlertStatus>(given, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(given, out _))
                {
                    await Console.Error.WriteLineAsync("lantern alerts list: --status must be one of: open, acknowledged, actioned, closed");
                    return 2;
                }
                wanted = parsed;
            }
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(token);
            await using var scope = sp.CreateAsyncScope();
            var alerts = await scope.ServiceProvider.GetRequiredService<AlertList>().AllAsync(p.GetValue(rule), wanted, token);
            if (p.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(alerts, Json));
                return 0;
            }
            foreach (var a in alerts)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Reference}  {a.Rule}  {a.Status.DisplayName()}  evidence complete {a.EvidenceCompleteAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}  raised {a.RaisedAt:u}  {a.SubjectType} {a.SubjectId}  {a.Members.Count} members"));
            }
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{alerts.Count:N0} alerts."));
            return 0;
        }, (services, _) => services.AddScoped<AlertList>(), ct));
        var alerts = new Command("alerts", "Alerts raised by the rules: the network's (an adult around several children, a hotspot) and children's");
        alerts.Subcommands.Add(list);
        return alerts;
    }
}
