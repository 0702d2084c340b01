using System.Globalization;
using System.Text;

namespace Lantern.Linking.Model;

/// <summary>
/// Fellegi-Sunter parameters: for each field and level, m = P(level | same person) and
/// u = P(level | different people), over pairs where the field is present on both sides; and the prior
/// probability that two records picked at random are the same person.
/// </summary>
public sealed class ModelParameters
{
    public ModelParameters(double[][] m, double[][] u, double prior)
    {
        M = m;
        U = u;
        Prior = prior;
        Weights = new double[m.Length][];
        for (var f = 0; f < m.Length; f++)
        {
            Weights[f] = new double[m[f].Length];
            for (var l = 1; l < m[f].Length; l++)
            {
                Weights[f][l] = Math.Log2(m[f][l] / u[f][l]);
            }
        }
        PriorWeight = Math.Log2(prior / (1 - prior));
    }

    public double[][] M { get; }

    public double[][] U { get; }

    public double Prior { get; }

    /// <summary>log2(m/u) per field and level, in bits; level 0 (missing) is always 0.</summary>
    public double[][] Weights { get; }

    public double PriorWeight { get; }

    /// <summary>Fields left out of scoring (for example an identifier the domain must not rely on).</summary>
    public ISet<Field> Disabled { get; } = new HashSet<Field>();

    public static double ToProbability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    public static double ToWeight(double probability) => Math.Log2(probability / (1 - probability));

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"prior {Prior:G4} ({PriorWeight:+0.00;-0.00} bits)");
        for (var f = 0; f < M.Length; f++)
        {
            var levels = Comparisons.Levels[f];
            for (var l = 1; l < levels.Count; l++)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"{Comparisons.FieldWords[f],-14} {levels[l].Code,-10} m={M[f][l]:0.0000} u={U[f][l]:0.000000} weight={Weights[f][l]:+0.00;-0.00}");
            }
        }
        return sb.ToString();
    }
}
