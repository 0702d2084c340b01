using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Children;

namespace Lantern.Features.Children;

/// <summary>
/// The chronology's filters as the query string gives them, read in one place so that the child's
/// page and the exports understand the same links: <c>agency</c> (an agency id), <c>type</c> (an
/// entry type's name), <c>significance</c> (the minimum: Routine, Significant or Critical),
/// <c>from</c> and <c>to</c> (UK dates, yyyy-MM-dd, both inclusive) and <c>order</c>
/// (<c>newest</c>, the default, or <c>oldest</c>).
/// </summary>
public sealed record ChronologyFilterQuery(ChronologyFilter Filter, IReadOnlyDictionary<string, string[]> Errors)
{
    public const string AgencyKey = "agency";
    public const string TypeKey = "type";
    public const string SignificanceKey = "significance";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string OrderKey = "order";

    public bool IsValid => Errors.Count == 0;

    /// <summary>Reads the filters; an empty parameter means "no filter", a bad one is an error keyed by its name.</summary>
    public static ChronologyFilterQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? One(string key)
        {
            var values = query[key];
            if (values.Count > 1)
            {
                errors[key] = [$"Give one value for {key}"];
                return null;
            }
            var value = values.Count == 1 ? values[0]?.Trim() : null;
            return string.IsNullOrEmpty(value) ? null : value;
        }

        AgencyId? agency = null;
        if (One(AgencyKey) is { } a)
        {
            if (Guid.TryParse(a, out var id))
            {
                agency = new AgencyId(id);
            }
            else
            {
                errors[AgencyKey] = ["agency must be an agency's id"];
            }
        }
        EntryType? type = null;
        if (One(TypeKey) is { } t)
        {
            if (TryParseName<EntryType>(t, out var value))
            {
                type = value;
            }
            else
            {
                errors[TypeKey] = [$"type must be one of {string.Join(", ", Enum.GetNames<EntryType>())}"];
            }
        }
        Significance? significance = null;
        if (One(SignificanceKey) is { } s)
        {
            if (TryParseName<Significance>(s, out var value))
            {
                significance = value;
            }
            else
            {
                errors[SignificanceKey] = [$"significance must be one of {string.Join(", ", Enum.GetNames<Significance>())}"];
            }
        }
        var from = Date(FromKey);
        var to = Date(ToKey);
        if (from is { } f && to is { } end && end < f)
        {
            errors[ToKey] = ["to must be the same as or after from"];
        }
        var oldestFirst = false;
        switch (One(OrderKey)?.ToUpperInvariant())
        {
            case null or "NEWEST":
                break;
            case "OLDEST":
                oldestFirst = true;
                break;
            default:
                errors[OrderKey] = ["order must be newest or oldest"];
                break;
        }
        var filter = new ChronologyFilter
        {
            Agency = agency,
            Type = type,
            MinimumSignificance = significance,
            From = from,
            To = to,
            OldestFirst = oldestFirst,
        };
        return new ChronologyFilterQuery(filter, errors);

        DateOnly? Date(string key)
        {
            if (One(key) is not { } text)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            errors[key] = [$"{key} must be a date written yyyy-MM-dd"];
            return null;
        }
    }

    /// <summary>The query string that gives this filter back (for links from the page to its exports).</summary>
    public static string ToQueryString(ChronologyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<KeyValuePair<string, string?>>();
        if (filter.Agency is { } agency)
        {
            parts.Add(new(AgencyKey, agency.ToString()));
        }
        if (filter.Type is { } type)
        {
            parts.Add(new(TypeKey, type.ToString()));
        }
        if (filter.MinimumSignificance is { } significance)
        {
            parts.Add(new(SignificanceKey, significance.ToString()));
        }
        if (filter.From is { } from)
        {
            parts.Add(new(FromKey, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (filter.To is { } to)
        {
            parts.Add(new(ToKey, to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (filter.OldestFirst)
        {
            parts.Add(new(OrderKey, "oldest"));
        }
        return QueryString.Create(parts).ToUriComponent();
    }

    /// <summary>The filters in words, for the top of an export and its audit event.</summary>
    public static string Describe(ChronologyFilter filter, string? agencyName)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>
        {
            filter.Agency is null ? "all agencies" : $"agency {agencyName ?? "not known"}",
            filter.Type is { } type ? $"type {type.DisplayName()}" : "all types",
            filter.MinimumSignificance is { } significance ? $"significance {significance.DisplayName()} or higher" : "any significance",
        };
        var english = CultureInfo.GetCultureInfo("en-GB");
        parts.Add((filter.From, filter.To) switch
        {
            ({ } from, { } to) => $"from {from.ToString("d MMM yyyy", english)} to {to.ToString("d MMM yyyy", english)}",
            ({ } from, null) => $"from {from.ToString("d MMM yyyy", english)}",
            (null, { } to) => $"up to {to.ToString("d MMM yyyy", english)}",
            _ => "all dates",
        });
        parts.Add(filter.OldestFirst ? "oldest first" : "newest first");
        return string.Join(", ", parts);
    }

    // Names only: Enum.TryParse alone would also take numbers ("3") and undefined values.
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]) && text[0] != '-';
}
