using Lantern.Domain.Children;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Children;

public static class MissingEpisodeSetup
{
    /// <summary>The missing-episode handler and its settings, checked at start so a bad setting is named before anyone relies on the clock.</summary>
    public static IServiceCollection AddMissingEpisodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChildRecordOptions>()
            .Bind(configuration.GetSection(ChildRecordOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChildRecordOptions>>(new FieldOptionsValidation<ChildRecordOptions>(o => o.Validate()));
        services.AddScoped<MissingEpisodes>();
        return services;
    }
}
