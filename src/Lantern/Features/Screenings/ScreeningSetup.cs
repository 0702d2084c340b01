using Lantern.Domain.Calendar;
using Lantern.Domain.Screening;
using Lantern.Duties;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Screenings;

/// <summary>
/// Every screening tool file in the configured folder, read and checked once at start. A bad file stops
/// the start with each problem named, as a bad calendar or phrase list does; so does an active tool
/// that is not there.
/// </summary>
public sealed class ScreeningToolCatalog
{
    private readonly Dictionary<(string Id, int Version), ScreeningTool> _tools;

    public ScreeningToolCatalog(IEnumerable<ScreeningTool> tools, string activeTool)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = [];
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd((tool.Id!, tool.Version!.Value), tool))
            {
                throw new ScreeningToolException(tool.Key, [new("version", $"Two files define {tool.Key}; raise the version of the newer one.")]);
            }
        }
        Active = _tools.Values.Where(t => t.Id == activeTool).MaxBy(t => t.Version)
                 ?? throw new ScreeningToolException(activeTool, [new(ScreeningOptions.Section + ":" + nameof(ScreeningOptions.ActiveTool),
                     $"No screening tool has the id \"{activeTool}\"; the tools found are: {string.Join(", ", _tools.Values.Select(t => t.Key).Order(StringComparer.Ordinal))}.")]);
    }

    /// <summary>The tool practitioners screen with now: the highest version of the configured id.</summary>
    public ScreeningTool Active { get; }

    public IReadOnlyCollection<ScreeningTool> All => _tools.Values;

    public ScreeningTool? Find(string id, int version) => _tools.GetValueOrDefault((id, version));

    public static ScreeningToolCatalog Load(ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.IsPathRooted(options.ToolsDirectory) ? options.ToolsDirectory : Path.Combine(AppContext.BaseDirectory, options.ToolsDirectory);
        if (!Directory.Exists(folder))
        {
            throw new ScreeningToolException(folder, [new(ScreeningOptions.Section + ":" + nameof(ScreeningOptions.ToolsDirectory), $"The folder {folder} does not exist.")]);
        }
        var tools = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(file => ScreeningTool.FromJson(File.ReadAllText(file), file))
            .ToList();
        return new ScreeningToolCatalog(tools, options.ActiveTool);
    }
}

public static class ScreeningSetup
{
    /// <summary>The screening tools and the schedule of re-screening, with settings checked at start.</summary>
    public static IServiceCollection AddLanternScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScreeningOptions>().Bind(configuration.GetSection(ScreeningOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScreeningOptions>>(new FieldOptionsValidation<ScreeningOptions>(o => o.Validate()));
        services.AddSingleton(sp => ScreeningToolCatalog.Load(sp.GetRequiredService<IOptions<ScreeningOptions>>().Value));
        services.AddSingleton(sp => new ScreeningSchedule(sp.GetRequiredService<WorkingDayCalendar>(), sp.GetRequiredService<IOptions<ScreeningOptions>>().Value));
        return services;
    }

    /// <summary>Screening in the web app: the use cases and the overdue screening's duty.</summary>
    public static IServiceCollection AddScreenings(this IServiceCollection services)
    {
        services.AddScoped<Screenings>();
        services.AddScoped<ScreeningWorkList>();
        services.AddDuty<ScreeningDuty>();
        return services;
    }
}
