using System.Globalization;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;

namespace Lantern.Features.Chronology;

/// <summary>
/// The chronology's filters as the page and the exports take them from the query string: agency,
/// type, significance (at least), from and to (UK dates, yyyy-MM-dd), order (newest or oldest).
/// Each bad value is named so the page can say what to fix.
/// </summary>
public static class ChronologyFilters
{
    public static (ChronologyFilter Filter, IReadOnlyList<(string Field, string Message)> Errors) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<(string, string)>();
        var filter = new ChronologyFilter();
        if (Value(query, "agency") is { } agency)
        {
            if (Guid.TryParse(agency, out var id))
            {
                filter = filter with { Agency = new AgencyId(id) };
            }
            else
            {
                errors.Add(("agency", "Select an agency from the list"));
            }
        }
        if (Value(query, "type") is { } type)
        {
            if (ByName<EntryType>(type) is { } t)
            {
                filter = filter with { Type = t };
            }
            else
            {
                errors.Add(("type", "Select a type from the list"));
            }
        }
        if (Value(query, "significance") is { } significance)
        {
            if (ByName<Significance>(significance) is { } s)
            {
                filter = filter with { MinimumSignificance = s };
            }
            else
            {
                errors.Add(("significance", "Select Routine, Significant or Critical"));
            }
        }
        if (Value(query, "from") is { } from)
        {
            if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                filter = filter with { From = d };
            }
            else
            {
                errors.Add(("from", "The start of the period must be a date like 2026-01-31"));
            }
        }
        if (Value(query, "to") is { } to)
        {
            if (DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                filter = filter with { To = d };
            }
            else
            {
                errors.Add(("to", "The end of the period must be a date like 2026-12-31"));
            }
        }
        if (filter.From is { } f && filter.To is { } e && e < f)
        {
            errors.Add(("to", "The end of the period must be on or after its start"));
        }
        switch (Value(query, "order")?.ToLowerInvariant())
        {
            case null or "newest":
                break;
            case "oldest":
                filter = filter with { OldestFirst = true };
                break;
            default:
                errors.Add(("order", "Choose newest first or oldest first"));
                break;
        }
        return (filter, errors);
    }

    /// <summary>The same filter as query-string parameters, for links (exports) that keep what the user chose.</summary>
    public static string ToQueryString(ChronologyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        if (filter.Agency is { } a)
        {
            parts.Add("agency=" + a.Value);
        }
        if (filter.Type is { } t)
        {
            parts.Add("type=" + t);
        }
        if (filter.MinimumSignificance is { } s)
        {
            parts.Add("significance=" + s);
        }
        if (filter.From is { } f)
        {
            parts.Add("from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (filter.To is { } e)
        {
            parts.Add("to=" + e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (filter.OldestFirst)
        {
            parts.Add("order=oldest");
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>Only a value's own name (any case): never a number or a combination, which Enum.TryParse would accept.</summary>
    private static T? ByName<T>(string text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : null;

    private static string? Value(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
}
