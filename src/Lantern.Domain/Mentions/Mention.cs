using System.Globalization;
using Lantern.Domain.Referrals;

namespace Lantern.Domain.Mentions;

public enum MentionKind
{
    Person = 1,
    Vehicle = 2,
    Phone = 3,
    Place = 4,
}

/// <summary>A person, vehicle, phone or place as someone named it: the value (a name, a registration, a number) and any detail.</summary>
public sealed record MentionText(MentionKind Kind, string Value, string? Detail = null);

/// <summary>
/// A person, vehicle, phone or place named in a record (a referral or a chronology entry), kept as it
/// was written. One table for every record that names things, so that the same registration or
/// nickname can be found across records and, later, linked to the person, vehicle or place it is.
/// </summary>
public sealed class Mention
{
    private Mention()
    {
    }

    internal Mention(MentionText text)
    {
        Kind = text.Kind;
        Value = text.Value;
        Detail = text.Detail;
    }

    public long Id { get; private init; }

    public MentionKind Kind { get; private init; }

    /// <summary>Name of a person or place, a phone number, or a vehicle registration, as written.</summary>
    public string Value { get; private init; } = "";

    /// <summary>Nickname, vehicle make and colour, or how the place is known.</summary>
    public string? Detail { get; private init; }

    /// <summary>The referral that named it, when a referral did.</summary>
    public ReferralId? ReferralId { get; private init; }

    /// <summary>The chronology entry that named it, when an entry did.</summary>
    public Guid? ChronologyEntryId { get; private init; }

    /// <summary>The person, vehicle, phone or place the mention was found to be, once the network has read it.</summary>
    public Guid? NodeId { get; private set; }

    /// <summary>When the network read the mention; null until it has. A mention read but not linked says why.</summary>
    public DateTimeOffset? LinkedAt { get; private set; }

    public string? NotLinkedReason { get; private set; }

    public MentionText Text => new(Kind, Value, Detail);

    /// <summary>Records what the network made of the mention: the record it is, or why it is none.</summary>
    public void Linked(Guid? node, string? notLinkedReason, DateTimeOffset at)
    {
        NodeId = node;
        NotLinkedReason = node is null ? notLinkedReason ?? "Not linked" : null;
        LinkedAt = at;
    }
}

/// <summary>
/// The one way mentions are read from what people type and checked, whatever the form or API: one
/// mention a line, and on a line the value first and any detail after the first comma, so that
/// "NB19 XKR, silver Astra" is one vehicle with its description.
/// </summary>
public static class MentionRules
{
    public const int ValueMaxLength = 200;
    public const int DetailMaxLength = 200;

    /// <summary>The mentions of one kind typed one a line into a box; blank lines are skipped.</summary>
    public static IReadOnlyList<MentionText> ParseLines(MentionKind kind, string? text)
    {
        var found = new List<MentionText>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var value = (comma < 0 ? line : line[..comma]).Trim();
            var detail = comma < 0 ? null : line[(comma + 1)..].Trim();
            if (value.Length == 0)
            {
                // ", silver Astra": only a description; keep it as the value so nothing typed is lost.
                (value, detail) = (detail!, null);
            }
            found.Add(new MentionText(kind, value, string.IsNullOrEmpty(detail) ? null : detail));
        }
        return found;
    }

    /// <summary>Each box's mentions, in the order person, vehicle, phone, place.</summary>
    public static IReadOnlyList<MentionText> ParseBoxes(string? people, string? vehicles = null, string? phones = null, string? places = null) =>
    [
        .. ParseLines(MentionKind.Person, people),
        .. ParseLines(MentionKind.Vehicle, vehicles),
        .. ParseLines(MentionKind.Phone, phones),
        .. ParseLines(MentionKind.Place, places),
    ];

    /// <summary>Mentions written back into a box, one a line, as <see cref="ParseLines"/> reads them.</summary>
    public static string ToLines(IEnumerable<MentionText> mentions) =>
        string.Join('\n', (mentions ?? []).Select(m => m.Detail is null ? m.Value : $"{m.Value}, {m.Detail}"));

    /// <summary>
    /// Every problem with a list of mentions as given (kind, value, detail may each be missing), keyed
    /// by "{list}[i].kind" or "{list}[i].value" or "{list}[i].detail", or "{list}" when there are too many.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(IReadOnlyList<(MentionKind? Kind, string? Value, string? Detail)> mentions, int max, string list)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var errors = new List<FieldError>();
        if (mentions.Count > max)
        {
            errors.Add(new(list, $"Name at most {max} people, vehicles, phones and places"));
        }
        for (var i = 0; i < Math.Min(mentions.Count, max); i++)
        {
            var (kind, value, detail) = mentions[i];
            if (kind is not { } k || !Enum.IsDefined(k))
            {
                errors.Add(new($"{list}[{i}].kind", "Say whether this is a person, vehicle, phone or place"));
            }
            if (StorableText.Check(value, "A name, registration or number", TextShape.OneLine, "Enter the name, registration or number") is { } valueProblem)
            {
                errors.Add(new($"{list}[{i}].value", valueProblem));
            }
            else if (value!.Trim().Length > ValueMaxLength)
            {
                errors.Add(new($"{list}[{i}].value", $"Each name, registration or number must be {ValueMaxLength} characters or fewer"));
            }
            if (StorableText.Check(detail, "A description", TextShape.OneLine) is { } detailProblem)
            {
                errors.Add(new($"{list}[{i}].detail", detailProblem));
            }
            else if (detail?.Trim().Length > DetailMaxLength)
            {
                errors.Add(new($"{list}[{i}].detail", $"Each description must be {DetailMaxLength} characters or fewer"));
            }
        }
        return errors;
    }

    /// <summary>
    /// The kind of the mention a problem from <see cref="Check"/> is about (its field is "{list}[i]…"), so a form
    /// can show it on that kind's box; null when the field names none of <paramref name="mentions"/>.
    /// </summary>
    public static MentionKind? KindAt(string field, string list, IReadOnlyList<MentionText> mentions)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(mentions);
        var prefix = list + "[";
        var close = field.StartsWith(prefix, StringComparison.Ordinal) ? field.IndexOf(']', prefix.Length) : -1;
        return close > prefix.Length
               && int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
               && i < mentions.Count
            ? mentions[i].Kind
            : null;
    }

    /// <summary>Checked mentions as they are stored: trimmed, an empty detail dropped.</summary>
    public static IReadOnlyList<MentionText> Clean(IEnumerable<(MentionKind? Kind, string? Value, string? Detail)> mentions) =>
        [.. (mentions ?? []).Select(m => new MentionText(m.Kind!.Value, m.Value!.Trim(), string.IsNullOrWhiteSpace(m.Detail) ? null : m.Detail.Trim()))];

    /// <summary>"Person: Mo (older man); Vehicle: NB19 XKR": mentions in words, by kind, for a page, an export or a mail.</summary>
    public static string Describe(IEnumerable<MentionText> mentions) =>
        string.Join("; ", (mentions ?? []).Select((m, i) => (m, i)).OrderBy(x => x.m.Kind).ThenBy(x => x.i)
            .Select(x => $"{x.m.Kind.DisplayName()}: {x.m.Value}{(string.IsNullOrWhiteSpace(x.m.Detail) ? "" : $" ({x.m.Detail})")}"));

    public static string DisplayName(this MentionKind kind) => kind switch
    {
        MentionKind.Person => "Person",
        MentionKind.Vehicle => "Vehicle",
        MentionKind.Phone => "Phone",
        MentionKind.Place => "Place",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
