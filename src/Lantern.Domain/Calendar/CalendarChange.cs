using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lantern.Domain.Calendar;

public enum CalendarChangeKind
{
    /// <summary>An extra bank holiday on <see cref="CalendarChange.Date"/>.</summary>
    Added,

    /// <summary>The bank holiday on <see cref="CalendarChange.MovedFrom"/> is taken on <see cref="CalendarChange.Date"/> instead.</summary>
    Moved,

    /// <summary>The bank holiday on <see cref="CalendarChange.Date"/> is not taken.</summary>
    Removed,
}

/// <summary>
/// A one-off change to the standing rules, as configured. Every property is nullable because this
/// is what configuration and JSON bind into: a missing value must reach validation and be reported
/// by name, not silently become 0001-01-01.
/// </summary>
public sealed record CalendarChange
{
    /// <summary>The day the change is about: the added day, the day moved to, or the removed day.</summary>
    public DateOnly? Date { get; init; }

    public CalendarChangeKind? Kind { get; init; }

    /// <summary>Only for <see cref="CalendarChangeKind.Moved"/>: the day the holiday would have been.</summary>
    public DateOnly? MovedFrom { get; init; }

    /// <summary>The holiday's name; a moved holiday keeps its name when this is empty, an added one takes the reason.</summary>
    public string? Name { get; init; }

    /// <summary>Why the change was made, e.g. "Coronation of King Charles III".</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// The shape of a calendar configuration file such as calendar.england-and-wales.json. The domain
/// never reads files: the host reads the text and passes it to <see cref="FromJson"/>.
/// </summary>
public sealed record CalendarChangeSet
{
    /// <summary>What the file is for; free text for the people who maintain it.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<CalendarChange> Changes { get; init; } = [];

    /// <summary>
    /// Reads the JSON. Malformed JSON, a value of the wrong type or an unknown property (usually a
    /// typo, which would otherwise drop a change without a word) fails with the JSON path named.
    /// The changes themselves are checked by <see cref="WorkingDayCalendarOptions.Validate"/>.
    /// </summary>
    public static CalendarChangeSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, CalendarJsonContext.Default.CalendarChangeSet)
                ?? throw new CalendarConfigurationException([new CalendarConfigurationError("$", "The calendar configuration is empty (null).")]);
        }
        catch (JsonException ex)
        {
            throw new CalendarConfigurationException([new CalendarConfigurationError(ex.Path ?? "$", ex.Message)], ex);
        }
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CalendarChangeSet))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
