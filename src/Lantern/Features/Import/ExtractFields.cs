using System.Globalization;
using System.Text.Json;
using Lantern.Domain;

namespace Lantern.Features.Import;

/// <summary>
/// Reads the fields of one object of an extract line, checking each as it goes: every problem is kept with the
/// field's path ("children[1].child"), so that the summary names the line and the field to fix.
/// </summary>
internal sealed class ExtractFields(JsonElement element, string path, List<FieldError> errors)
{
    public List<FieldError> Errors => errors;

    private string Path(string name) => path.Length == 0 ? name : $"{path}.{name}";

    private JsonElement? Get(string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Has(string name) => Get(name) is not null;

    public void Fail(string name, string message) => errors.Add(new(Path(name), message));

    /// <summary>A text, trimmed; null when absent (a problem when required), too long, or not storable.</summary>
    public string? Text(string name, int max, bool required = false, TextShape shape = TextShape.OneLine, string? what = null)
    {
        var label = what ?? name;
        if (Get(name) is not { } value)
        {
            if (required)
            {
                Fail(name, $"Give {label}");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"{Capital(label)} must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (StorableText.Check(text, Capital(label), shape, required ? $"Give {label}" : null) is { } problem)
        {
            Fail(name, problem);
            return null;
        }
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length > max)
        {
            Fail(name, $"{Capital(label)} must be {max:N0} characters or fewer");
            return null;
        }
        return text;
    }

    /// <summary>A date written yyyy-MM-dd, not after <paramref name="latest"/>.</summary>
    public DateOnly? Date(string name, DateOnly latest)
    {
        if (Text(name, 10) is not { } text)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(name, "Write the date as yyyy-MM-dd, for example 2008-03-14");
            return null;
        }
        if (date > latest || date.Year < 1900)
        {
            Fail(name, "The date must be between 1900 and today");
            return null;
        }
        return date;
    }

    /// <summary>An instant written in ISO 8601 with its offset (2008-03-14T19:30:00Z); a date alone is midnight UTC. Not in the future.</summary>
    public DateTimeOffset? Instant(string name, DateTimeOffset latest, bool required = false)
    {
        if (Text(name, 40, required) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Check(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var at) || !(text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            Fail(name, "Write the time in ISO 8601 with its offset, for example 2008-03-14T19:30:00Z");
            return null;
        }
        return Check(at.ToUniversalTime());

        DateTimeOffset? Check(DateTimeOffset value)
        {
            if (value > latest || value.Year < 1900)
            {
                Fail(name, "The time must be between 1900 and now");
                return null;
            }
            return value;
        }
    }

    /// <summary>A whole number within bounds.</summary>
    public int? Number(string name, int min, int max)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < min || n > max)
        {
            Fail(name, $"{Capital(name)} must be a whole number from {min} to {max}");
            return null;
        }
        return n;
    }

    /// <summary>One of the words the format allows; the message lists them.</summary>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> words, bool required = false)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(words);
        if (Text(name, 40, required) is not { } text)
        {
            return null;
        }
        if (!words.TryGetValue(text, out var value))
        {
            Fail(name, $"{Capital(name)} must be one of: {string.Join(", ", words.Keys)}");
            return null;
        }
        return value;
    }

    /// <summary>The objects of an array, each read with its own path; a problem when it is not an array of objects or is too long.</summary>
    public IReadOnlyList<ExtractFields> Objects(string name, int max)
    {
        if (Get(name) is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"{Capital(name)} must be a list");
            return [];
        }
        if (value.GetArrayLength() > max)
        {
            Fail(name, $"{Capital(name)} may have at most {max} items");
            return [];
        }
        var items = new List<ExtractFields>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new($"{Path(name)}[{i}]", "Each item must be an object"));
            }
            else
            {
                items.Add(new ExtractFields(item, $"{Path(name)}[{i}]", errors));
            }
            i++;
        }
        return items;
    }

    /// <summary>A nested object, read with its own path; null when absent.</summary>
    public ExtractFields? Object(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"{Capital(name)} must be an object");
            return null;
        }
        return new ExtractFields(value, Path(name), errors);
    }

    /// <summary>The strings of an array.</summary>
    public IReadOnlyList<string> Strings(string name, int max, int maxLength)
    {
        if (Get(name) is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > max)
        {
            Fail(name, $"{Capital(name)} must be a list of at most {max} names");
            return [];
        }
        var found = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (text is null || StorableText.Check(text, "A name", TextShape.OneLine, "Give the name") is not null || text.Trim().Length > maxLength)
            {
                errors.Add(new($"{Path(name)}[{i}]", $"Each must be a name of 1 to {maxLength} characters on one line"));
            }
            else
            {
                found.Add(text.Trim());
            }
            i++;
        }
        return found;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
