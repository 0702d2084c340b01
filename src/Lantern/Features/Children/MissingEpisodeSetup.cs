using Lantern.Domain.Children;
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
        services.AddSingleton<IValidateOptions<ChildRecordOptions>, ChildRecordOptionsValidation>();
        services.AddScoped<MissingEpisodes>();
        return services;
    }

    private sealed class ChildRecordOptionsValidation : IValidateOptions<ChildRecordOptions>
    {
        public ValidateOptionsResult Validate(string? name, ChildRecordOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{e.Field}: {e.Message}"));
        }
    }
}
