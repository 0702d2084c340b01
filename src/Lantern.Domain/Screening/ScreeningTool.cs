using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Domain.Children;

namespace Lantern.Domain.Screening;

/// <summary>
/// The three parts of a screening, kept apart because they mean different things: what makes a child
/// more vulnerable, what suggests risk, and what says harm is already happening.
/// </summary>
public enum ScreeningSectionKind
{
    Vulnerabilities = 1,
    RiskIndicators = 2,
    HarmIndicators = 3,
}

/// <summary>Facts the system already holds that can tick an indicator for the practitioner, with their source.</summary>
public enum PrefillSource
{
    /// <summary>Missing episodes in the last 12 months.</summary>
    MissingEpisodes = 1,

    /// <summary>Sexual health attendances in the chronology.</summary>
    SexualHealthAttendances = 2,

    /// <summary>Police incidents or crimes whose entry names an adult (a person) alongside the child.</summary>
    PoliceIncidentsWithAdults = 3,

    /// <summary>Intelligence entries that link the child to a named person.</summary>
    IntelligenceLinkingPerson = 4,
}

/// <summary>What makes a raise-only rule apply.</summary>
public enum ScreeningRuleKind
{
    /// <summary>The child is this age or younger and any risk or harm indicator is ticked.</summary>
    AgeAtOrUnder = 1,

    /// <summary>A named indicator is ticked (and, when <see cref="ScreeningRule.WithRiskOrHarm"/>, so is any risk or harm indicator).</summary>
    IndicatorTicked = 2,

    /// <summary>The child is a repeat missing child by the partnership's threshold.</summary>
    RepeatMissing = 3,
}

public sealed record ScreeningIndicator
{
    /// <summary>Stable within the tool: lower case words joined by hyphens.</summary>
    public string? Id { get; init; }

    /// <summary>What the practitioner ticks, in plain words that put responsibility on those who harm.</summary>
    public string? Text { get; init; }

    /// <summary>A hint under the indicator: examples, what counts.</summary>
    public string? Hint { get; init; }

    /// <summary>Points when ticked and current.</summary>
    public decimal? Weight { get; init; }

    /// <summary>
    /// When true the weight fades with time since the indicator was last seen (see <see cref="RecencyRule"/>);
    /// when false it counts fully whenever it was seen (a learning disability does not fade).
    /// </summary>
    public bool Recency { get; init; }

    /// <summary>A fact the system holds that ticks this indicator for the practitioner to confirm.</summary>
    public PrefillSource? Prefill { get; init; }
}

public sealed record ScreeningSection
{
    public ScreeningSectionKind? Kind { get; init; }

    public string? Title { get; init; }

    public string? Hint { get; init; }

    public IReadOnlyList<ScreeningIndicator>? Indicators { get; init; }
}

/// <summary>How an indicator's weight fades: fully within <see cref="FullMonths"/>, by <see cref="PartialFactor"/> within <see cref="PartialMonths"/>, not at all after.</summary>
public sealed record RecencyRule
{
    public int FullMonths { get; init; } = 6;

    public int PartialMonths { get; init; } = 12;

    public decimal PartialFactor { get; init; } = 0.2m;
}

/// <summary>The lowest score at which a band starts.</summary>
public sealed record ScreeningBand
{
    public LevelOfConcern? Level { get; init; }

    public decimal? From { get; init; }
}

/// <summary>A rule that can only raise the supporting band, never lower it.</summary>
public sealed record ScreeningRule
{
    public string? Id { get; init; }

    public ScreeningRuleKind? Kind { get; init; }

    /// <summary>For <see cref="ScreeningRuleKind.AgeAtOrUnder"/>: the age.</summary>
    public int? Age { get; init; }

    /// <summary>For <see cref="ScreeningRuleKind.IndicatorTicked"/>: the indicator's id.</summary>
    public string? Indicator { get; init; }

    /// <summary>For <see cref="ScreeningRuleKind.IndicatorTicked"/>: only when a risk or harm indicator is also ticked.</summary>
    public bool WithRiskOrHarm { get; init; }

    /// <summary>The band the rule raises to at least.</summary>
    public LevelOfConcern? AtLeast { get; init; }

    /// <summary>Why, in words shown beside the result.</summary>
    public string? Reason { get; init; }
}

public sealed record ScreeningToolError(string Field, string Message);

public sealed class ScreeningToolException(string source, IReadOnlyList<ScreeningToolError> errors)
    : Exception($"The screening tool {source} is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<ScreeningToolError> Errors { get; } = errors;
}

/// <summary>
/// A screening tool as a partnership configures it: versioned, with three sections of weighted
/// indicators, bands and raise-only rules. The result is supporting evidence for the practitioner's
/// own level of concern, never the level itself. The domain never reads files: the host passes the text.
/// </summary>
public sealed record ScreeningTool
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string? Id { get; init; }

    public int? Version { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public RecencyRule? Recency { get; init; }

    public IReadOnlyList<ScreeningBand>? Bands { get; init; }

    public IReadOnlyList<ScreeningSection>? Sections { get; init; }

    public IReadOnlyList<ScreeningRule>? Rules { get; init; }

    /// <summary>"lantern-cse v1".</summary>
    public string Key => $"{Id} v{Version}";

    public IEnumerable<(ScreeningSection Section, ScreeningIndicator Indicator)> AllIndicators =>
        (Sections ?? []).SelectMany(s => (s.Indicators ?? []).Select(i => (s, i)));

    /// <summary>Reads and validates a tool; throws <see cref="ScreeningToolException"/> naming every problem.</summary>
    public static ScreeningTool FromJson(string json, string source)
    {
        ScreeningTool? tool;
        try
        {
            tool = JsonSerializer.Deserialize<ScreeningTool>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ScreeningToolException(source, [new(ex.Path ?? "$", ex.Message)]);
        }
        if (tool is null)
        {
            throw new ScreeningToolException(source, [new("$", "The file is empty.")]);
        }
        var errors = tool.Validate();
        if (errors.Count > 0)
        {
            throw new ScreeningToolException(source, errors);
        }
        return tool;
    }

    private static bool IsSlug(string? s) =>
        !string.IsNullOrEmpty(s) && s.Length <= 60 && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && s[0] != '-' && s[^1] != '-';

    public IReadOnlyList<ScreeningToolError> Validate()
    {
        var errors = new List<ScreeningToolError>();
        void Error(string field, string message) => errors.Add(new(field, message));

        if (!IsSlug(Id))
        {
            Error("id", "Give the tool an id of lower case letters, digits and hyphens, such as \"lantern-cse\".");
        }
        if (Version is null or < 1)
        {
            Error("version", "Give the tool a version number of 1 or more; raise it whenever the tool changes.");
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            Error("name", "Give the tool a name practitioners will recognise.");
        }
        var recency = Recency ?? new RecencyRule();
        if (recency.FullMonths is < 1 or > 60 || recency.PartialMonths < recency.FullMonths || recency.PartialMonths > 120)
        {
            Error("recency", "Full months must be from 1 to 60, and partial months no fewer than full months and at most 120.");
        }
        if (recency.PartialFactor is < 0 or > 1 || decimal.Round(recency.PartialFactor, 2) != recency.PartialFactor)
        {
            Error("recency.partialFactor", "Must be from 0 to 1, with at most two decimal places.");
        }

        var bands = Bands ?? [];
        if (bands.Count < 2)
        {
            Error("bands", "Give at least two bands, each with a level and the score it starts from.");
        }
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Level is null || bands[i].From is null)
            {
                Error($"bands[{i}]", "Each band needs a level and the score it starts from.");
            }
            else if (decimal.Round(bands[i].From!.Value, 2) != bands[i].From)
            {
                Error($"bands[{i}].from", "Give the score with at most two decimal places.");
            }
            else if (i > 0 && bands[i - 1] is { Level: { } lower, From: { } lowerFrom } && (bands[i].Level <= lower || bands[i].From <= lowerFrom))
            {
                Error($"bands[{i}]", "Bands must go up: each a higher level starting at a higher score than the one before.");
            }
        }
        if (bands.Count > 0 && bands[0].From != 0)
        {
            Error("bands[0].from", "The first band must start at 0 so every score has a band.");
        }

        var sections = Sections ?? [];
        foreach (var kind in Enum.GetValues<ScreeningSectionKind>())
        {
            var count = sections.Count(s => s.Kind == kind);
            if (count != 1)
            {
                Error("sections", $"Give exactly one {JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())} section; there {(count == 0 ? "is none" : $"are {count}")}. Vulnerabilities, risk indicators and indicators that harm is happening are kept apart.");
            }
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            if (section.Kind is null)
            {
                Error($"sections[{s}].kind", "Say which section this is: vulnerabilities, riskIndicators or harmIndicators.");
            }
            if (string.IsNullOrWhiteSpace(section.Title))
            {
                Error($"sections[{s}].title", "Give the section a title.");
            }
            var indicators = section.Indicators ?? [];
            if (indicators.Count == 0)
            {
                Error($"sections[{s}].indicators", "Give the section at least one indicator.");
            }
            for (var i = 0; i < indicators.Count; i++)
            {
                var indicator = indicators[i];
                var at = $"sections[{s}].indicators[{i}]";
                if (!IsSlug(indicator.Id))
                {
                    Error(at + ".id", "Give the indicator an id of lower case letters, digits and hyphens.");
                }
                else if (!ids.Add(indicator.Id!))
                {
                    Error(at + ".id", $"The id \"{indicator.Id}\" is used twice; each indicator needs its own.");
                }
                if (string.IsNullOrWhiteSpace(indicator.Text))
                {
                    Error(at + ".text", "Say what the practitioner is ticking.");
                }
                if (indicator.Weight is null or < 0 or > 100 || decimal.Round(indicator.Weight.Value, 2) != indicator.Weight)
                {
                    Error(at + ".weight", "Give a weight from 0 to 100, with at most two decimal places.");
                }
            }
        }

        var rules = Rules ?? [];
        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var at = $"rules[{r}]";
            if (!IsSlug(rule.Id) || !ruleIds.Add(rule.Id!))
            {
                Error(at + ".id", "Give each rule its own id of lower case letters, digits and hyphens.");
            }
            if (rule.AtLeast is null)
            {
                Error(at + ".atLeast", "Say which band the rule raises the result to at least.");
            }
            if (string.IsNullOrWhiteSpace(rule.Reason))
            {
                Error(at + ".reason", "Say why, in words shown beside the result.");
            }
            switch (rule.Kind)
            {
                case ScreeningRuleKind.AgeAtOrUnder:
                    if (rule.Age is null or < 1 or > 17)
                    {
                        Error(at + ".age", "Give the age from 1 to 17.");
                    }
                    break;
                case ScreeningRuleKind.IndicatorTicked:
                    if (rule.Indicator is null || !ids.Contains(rule.Indicator))
                    {
                        Error(at + ".indicator", $"Name an indicator of this tool; \"{rule.Indicator}\" is not one.");
                    }
                    break;
                case ScreeningRuleKind.RepeatMissing:
                    break;
                case null:
                    Error(at + ".kind", "Say what makes the rule apply: ageAtOrUnder, indicatorTicked or repeatMissing.");
                    break;
                default:
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown rule kind {rule.Kind}"));
            }
        }
        return errors;
    }
}
