using Lantern.Domain.Alerts;
using Lantern.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lantern.Features.Alerts;

public static class AlertEndpoints
{
    public static void MapAlertApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", ListAsync)
            .RequireAuthorization(Policies.NetworkAlerts)
            .WithTags("Alerts")
            .WithName("ListAlerts")
            .WithSummary("Alerts, newest first: the network's, and those about children you may see")
            .WithDescription("For intelligence analysts and the front door (the exploitation team is part of it), signed in. Each alert gives its rule, status, "
                + "when its evidence became complete (the time of the record that met the rule, in that record's own time: an import of old records gives old times) "
                + "and when Lantern raised it, its members (the adult or thing it is about, and each child) with the agency and source id of every record that joined each, "
                + "and the records behind it with their dates and gradings. Filter with `rule` (MultipleVictims, Hotspot, RepeatMissing, ...) and `status` "
                + $"(open, acknowledged, actioned, closed). At most {AlertList.MaxListed} are listed. Audited (2502).")
            .Produces<IReadOnlyList<AlertView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertView>>, ValidationProblem>> ListAsync(string? rule, string? status, DataScope scope, AlertList list, CancellationToken ct)
    {
        AlertStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<AlertStatus>(status.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Status must be one of: open, acknowledged, actioned, closed"] });
            }
            wanted = parsed;
        }
        return TypedResults.Ok(await list.ForReaderAsync(scope, string.IsNullOrWhiteSpace(rule) ? null : rule.Trim(), wanted, ct));
    }
}
