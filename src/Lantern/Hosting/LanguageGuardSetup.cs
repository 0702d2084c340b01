using Lantern.Domain.Language;
using Microsoft.Extensions.Options;

namespace Lantern.Hosting;

/// <summary>Bound from <c>Lantern:LanguageGuard</c>: which phrase list the language guard uses.</summary>
public sealed class LanguageGuardSettings
{
    public const string Section = "Lantern:LanguageGuard";
    public const string DefaultFile = "language-guard.json";

    /// <summary>The phrase list, relative to the app's folder unless rooted; the shipped list by default.</summary>
    public string File { get; set; } = DefaultFile;
}

public static class LanguageGuardSetup
{
    /// <summary>
    /// The configured phrase list, read once at start: a missing or bad file stops the start with each
    /// problem named (see StartupProblem in the command line). Pages and the API use it through
    /// <see cref="Features.Language.CurrentLanguageGuard"/>, which adds the administrators' edits.
    /// The front door's consent rule does not use this list: it always uses the list built into the
    /// domain, so that editing the file can never switch that rule off (docs/adr/0008-language-guard.md).
    /// </summary>
    public static IServiceCollection AddLanternLanguageGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LanguageGuardSettings>().Bind(configuration.GetSection(LanguageGuardSettings.Section));
        services.AddSingleton(sp => Load(sp.GetRequiredService<IOptions<LanguageGuardSettings>>().Value.File));
        // The list in use: the file with the administrators' edits from the database laid over it.
        services.AddSingleton<Features.Language.CurrentLanguageGuard>();
        return services;
    }

    /// <summary>Reads and checks a phrase-list file; problems throw <see cref="LanguageGuardConfigurationException"/> naming the file and each field.</summary>
    public static LanguageGuard Load(string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new LanguageGuardConfigurationException([new("Lantern:LanguageGuard:File", "The phrase list file is required; the shipped one is \"language-guard.json\".")]);
        }
        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        if (!System.IO.File.Exists(path))
        {
            throw new LanguageGuardConfigurationException([new("Lantern:LanguageGuard:File", $"The phrase list file {path} does not exist.")]);
        }
        try
        {
            return LanguageGuard.FromJson(System.IO.File.ReadAllText(path));
        }
        catch (LanguageGuardConfigurationException ex)
        {
            throw new LanguageGuardConfigurationException(ex.Errors, path, ex);
        }
    }
}
