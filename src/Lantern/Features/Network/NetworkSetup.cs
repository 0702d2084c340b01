using Lantern.Alerts;
using Lantern.Hosting;
using Lantern.Jobs;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

public static class NetworkSetup
{
    /// <summary>The network of persons, vehicles, phones, places and contexts: reading mentions into it, its pages, contexts of harm, links by hand, the household alert and the network's own alert rules.</summary>
    public static IServiceCollection AddNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddOptions<NetworkAlertOptions>().Bind(configuration.GetSection(NetworkAlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkAlertOptions>>(new FieldOptionsValidation<NetworkAlertOptions>(o => o.Validate()));
        services.AddScoped<NetworkAlerts>();
        services.AddScoped<MentionLinker>();
        services.AddScoped<NetworkRecords>();
        services.AddScoped<NetworkGraph>();
        services.AddScoped<PersonsOfConcern>();
        services.AddScoped<ContextRecords>();
        services.AddScoped<ManualLinks>();
        services.AddScoped<PersonReviewQueries>();
        services.AddScoped<PersonMerges>();
        services.AddScoped<IScheduledWork, PendingMentions>();
        services.AddSingleton<OrganisedNetworkState>();
        services.AddScoped<OrganisedNetworks>();
        services.AddScoped<IScheduledWork>(sp => sp.GetRequiredService<OrganisedNetworks>());
        services.AddAlertRule<PersonOfConcernInHouseholdRule>();
        services.AddAlertRule<MultipleVictimsRule>();
        services.AddAlertRule<HotspotRule>();
        services.AddAlertRule<OrganisedNetworkRule>();
        return services;
    }
}
