using Lantern.Data;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Identity;

/// <summary>Where people see identity decisions.</summary>
public static class IdentityPages
{
    public const string Review = "/identity/review";

    public static string PairPath(Guid match) => $"/identity/review/{match}";
}

public static class IdentitySetup
{
    /// <summary>Identity resolution: the in-memory index on this node and what keeps it current, resolution on arrival, merges.</summary>
    public static IServiceCollection AddIdentityResolution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>>(new FieldOptionsValidation<IdentityOptions>(o => o.Validate()));
        services.AddSingleton<IdentityIndex>();
        services.AddScoped<IdentityResolution>();
        services.AddScoped<ChildMerges>();
        services.AddScoped<IdentityReviewQueries>();
        services.AddScoped<IdentityHistory>();
        services.AddScoped<ChildSearch>();
        services.AddHostedService<IdentityIndexRefresh>();
        return services;
    }
}

/// <summary>
/// Builds this node's identity index when the service starts, then reads the change feed on a timer so that a
/// search finds what other nodes saved even before anyone on this node looks (every lookup also catches up first).
/// </summary>
public sealed partial class IdentityIndexRefresh(IServiceScopeFactory scopes, IdentityIndex index, ILogger<IdentityIndexRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The wall clock, not the service's clock: how often a node polls its database is not a time any rule
        // reads, and a clock moved days ahead (as tests move it) must not make the poll fire once per interval skipped.
        using var timer = new PeriodicTimer(index.Options.RefreshInterval, TimeProvider.System);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await index.CatchUpAsync(scope.ServiceProvider.GetRequiredService<LanternDbContext>(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed refresh must not stop the loop; the next one, or the next lookup, catches up.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the identity change feed failed; the next refresh tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
