using System.Collections.Concurrent;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Duties;

/// <summary>The ladder of each duty: the partnership's own from configuration, else the duty's default.</summary>
public sealed class EscalationLadders(WorkingDayCalendar calendar, IOptions<EscalationOptions> options)
{
    private readonly ConcurrentDictionary<string, EscalationLadder> _ladders = new(StringComparer.Ordinal);

    private EscalationOptions Options => options.Value;

    public EscalationLadder For(IDuty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return _ladders.GetOrAdd(duty.Key, _ => new EscalationLadder(calendar,
            Options.Ladders.TryGetValue(duty.Key, out var configured) ? configured : duty.DefaultLadder(Options)));
    }
}

public static class DutyServices
{
    /// <summary>The duty mechanism: escalation settings checked at start (ladders named by a registered duty's key), the ladders and the sweep.</summary>
    public static IServiceCollection AddLanternDuties(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EscalationOptions>().Bind(configuration.GetSection(EscalationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EscalationOptions>>(sp => new FieldOptionsValidation<EscalationOptions>(o =>
        {
            using var scope = sp.CreateScope();
            var keys = scope.ServiceProvider.GetServices<IDuty>().Select(d => d.Key).ToList();
            return [.. o.Validate(keys).Select(e => (e.Field, e.Message))];
        }));
        services.AddSingleton<EscalationLadders>();
        services.AddScoped<DutySweep>();
        return services;
    }

    /// <summary>Adds a feature's clocked duty to the sweep: one line in the feature's setup.</summary>
    public static IServiceCollection AddDuty<TDuty>(this IServiceCollection services)
        where TDuty : class, IDuty
    {
        services.AddScoped<IDuty, TDuty>();
        return services;
    }
}
