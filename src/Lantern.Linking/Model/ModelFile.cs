using System.Globalization;

namespace Lantern.Linking.Model;

/// <summary>
/// Learned parameters written to and read from text, so that a running service can score one record at a
/// time against those it knows without learning from them first (a few dozen children teach nothing). One line
/// per value: <c>prior p</c>, <c>household rate pairs</c>, <c>disabled Field</c>, and <c>m Field level value</c>
/// and <c>u Field level value</c> for every level above "missing"; '#' starts a comment.
/// </summary>
public static class ModelFile
{
    private static readonly Lazy<ModelParameters> EmbeddedDefault = new(() =>
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream("Lantern.Linking.Data.default-model.txt")
            ?? throw new InvalidOperationException("the default linking model is not embedded");
        using var reader = new StreamReader(stream);
        return Read(reader);
    });

    /// <summary>
    /// Parameters learned without labels from a synthetic town of families (see Data/README.md): what the
    /// service uses until an administrator gives it parameters learned from the partnership's own records.
    /// </summary>
    public static ModelParameters Default => EmbeddedDefault.Value;

    public static void Write(ModelParameters model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("# Lantern linking model: Fellegi-Sunter m and u per field and level (level 0, missing, carries no weight)");
        writer.WriteLine(Invariant($"prior {model.Prior:R}"));
        if (model.Household is { } household)
        {
            writer.WriteLine(Invariant($"household {household.MatchRate:R} {household.Pairs:R}"));
        }
        foreach (var field in model.Disabled.OrderBy(f => f))
        {
            writer.WriteLine(Invariant($"disabled {field}"));
        }
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            for (var l = 1; l < model.M[f].Length; l++)
            {
                writer.WriteLine(Invariant($"m {(Field)f} {l} {model.M[f][l]:R}"));
                writer.WriteLine(Invariant($"u {(Field)f} {l} {model.U[f][l]:R}"));
            }
        }
    }

    /// <summary>Reads parameters written by <see cref="Write"/>; a missing or malformed value is refused with its line number.</summary>
    public static ModelParameters Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var m = new double[Comparisons.FieldCount][];
        var u = new double[Comparisons.FieldCount][];
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            m[f] = new double[Comparisons.Levels[f].Count];
            u[f] = new double[Comparisons.Levels[f].Count];
            Array.Fill(m[f], double.NaN);
            Array.Fill(u[f], double.NaN);
            m[f][0] = u[f][0] = 0;
        }
        double? prior = null;
        HouseholdModel? household = null;
        var disabled = new List<Field>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0].StartsWith('#'))
            {
                continue;
            }
            switch (parts[0])
            {
                case "prior" when parts.Length == 2:
                    prior = Probability(parts[1], number);
                    break;
                case "household" when parts.Length == 3:
                    household = new HouseholdModel(Probability(parts[1], number), Number(parts[2], number));
                    break;
                case "disabled" when parts.Length == 2:
                    disabled.Add(FieldOf(parts[1], number));
                    break;
                case "m" or "u" when parts.Length == 4:
                    var field = (int)FieldOf(parts[1], number);
                    var level = int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= 1 && l < m[field].Length
                        ? l : throw Problem(number, $"no level {parts[2]} of {parts[1]}");
                    (parts[0] == "m" ? m : u)[field][level] = Probability(parts[3], number);
                    break;
                default:
                    throw Problem(number, $"cannot read '{line.Trim()}'");
            }
        }
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            for (var l = 1; l < m[f].Length; l++)
            {
                if (double.IsNaN(m[f][l]) || double.IsNaN(u[f][l]))
                {
                    throw new FormatException($"the model gives no m or u for {(Field)f} level {l}");
                }
            }
        }
        var model = new ModelParameters(m, u, prior ?? throw new FormatException("the model gives no prior")) { Household = household };
        foreach (var field in disabled)
        {
            model.Disabled.Add(field);
        }
        return model;
    }

    private static Field FieldOf(string text, int line) =>
        Enum.TryParse<Field>(text, ignoreCase: false, out var field) && Enum.IsDefined(field) ? field : throw Problem(line, $"no field '{text}'");

    private static double Probability(string text, int line)
    {
        var value = Number(text, line);
        return value is > 0 and < 1 ? value : throw Problem(line, $"{text} is not a probability between 0 and 1");
    }

    private static double Number(string text, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value : throw Problem(line, $"'{text}' is not a number");

    private static FormatException Problem(int line, string what) => new($"line {line}: {what}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
