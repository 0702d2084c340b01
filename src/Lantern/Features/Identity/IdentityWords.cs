using System.Globalization;
using Lantern.Linking.Model;

namespace Lantern.Features.Identity;

/// <summary>How identity decisions read on a page.</summary>
public static class IdentityWords
{
    /// <summary>A probability in words a practitioner reads, with the figure.</summary>
    public static string Likelihood(double probability)
    {
        var words = probability switch
        {
            >= 0.99 => "Almost certainly the same child",
            >= 0.9 => "Very likely the same child",
            >= 0.5 => "Possibly the same child",
            _ => "Unlikely, but worth a look",
        };
        return $"{words} ({(probability * 100).ToString(probability is > 0.99 and < 1 ? "0.0" : "0", CultureInfo.InvariantCulture)}%)";
    }

    /// <summary>One field's part in the score as a line a practitioner reads: "Date of birth: the same (+12.1)".</summary>
    public static string Reason(FieldContribution contribution, bool withValues)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var field = Comparisons.FieldWords[(int)contribution.Field];
        var detail = withValues && contribution.Detail.Length > 0 ? $" ({contribution.Detail})" : "";
        return $"{char.ToUpperInvariant(field[0])}{field[1..]}: {contribution.LevelWords}{detail}";
    }

    /// <summary>Whether the field counted for, against or not at all.</summary>
    public static string Direction(double bits) => bits switch
    {
        > 0.05 => "for",
        < -0.05 => "against",
        _ => "neither",
    };
}
