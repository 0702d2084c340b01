using Lantern.Alerts;
using Lantern.Jobs;

namespace Lantern.Features.Network;

public static class NetworkSetup
{
    /// <summary>The network of persons, vehicles, phones, places and contexts: reading mentions into it, its pages, contexts of harm, links by hand and the household alert.</summary>
    public static IServiceCollection AddNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddScoped<MentionLinker>();
        services.AddScoped<NetworkRecords>();
        services.AddScoped<NetworkGraph>();
        services.AddScoped<PersonsOfConcern>();
        services.AddScoped<ContextRecords>();
        services.AddScoped<ManualLinks>();
        services.AddScoped<PersonReviewQueries>();
        services.AddScoped<PersonMerges>();
        services.AddScoped<IScheduledWork, PendingMentions>();
        services.AddAlertRule<PersonOfConcernInHouseholdRule>();
        return services;
    }
}
