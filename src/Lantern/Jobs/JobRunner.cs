using Lantern.Domain.Escalation;
using Lantern.Duties;
using Microsoft.Extensions.Options;

namespace Lantern.Jobs;

/// <summary>Bound from <c>Lantern:Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Lantern:Jobs";

    /// <summary>Whether this node runs the scheduled work; every node may, safely (see the escalation ADR).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Scheduled work a mechanism or feature adds (sending mail not yet sent, removing old drafts), run
/// by every node after the duty sweep; it must be safe to run on several nodes at once.
/// </summary>
public interface IScheduledWork
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Runs the scheduled work on every node, on the injected clock: the duty sweep, then each registered
/// piece of <see cref="IScheduledWork"/> in the order registered. It knows no feature. A failing run is
/// logged and the next one tries again; nothing is lost, because what is due is worked out from the
/// data each time rather than from a queue of timers.
/// </summary>
public sealed partial class JobRunner(IServiceScopeFactory scopes, TimeProvider time, IOptions<EscalationOptions> escalation, ILogger<JobRunner> logger) : BackgroundService
{
    /// <summary>Raised after each run with the clock's time when it started, for tests that move a fake clock and wait for the work.</summary>
    public event EventHandler<DateTimeOffset>? RunCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(escalation.Value.SweepInterval, time);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass of all the scheduled work.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var started = time.GetUtcNow();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunWorkAsync(scope.ServiceProvider, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A scheduled run must never stop the loop; the next run retries whatever failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, ex.GetType().Name, ex);
        }
        RunCompleted?.Invoke(this, started);
    }

    /// <summary>The work of one pass, in a scope of the caller's; returns the escalation steps this node performed.</summary>
    public static async Task<int> RunWorkAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var performed = await services.GetRequiredService<DutySweep>().RunAsync(ct);
        foreach (var work in services.GetServices<IScheduledWork>())
        {
            await work.RunAsync(ct);
        }
        return performed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduled run failed ({Error}); the next run will retry")]
    private static partial void LogRunFailed(ILogger logger, string error, Exception exception);
}

public static class JobServices
{
    public static IServiceCollection AddLanternJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section));
        if (configuration.GetValue(JobOptions.Section + ":" + nameof(JobOptions.Enabled), true))
        {
            services.AddSingleton<JobRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        }
        return services;
    }
}
