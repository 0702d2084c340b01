namespace Lantern.Linking.Model;

/// <summary>
/// How often each value of a name, date of birth, postcode or locality occurs, so that agreeing on a common
/// value ("Khan", "Smith", or 1 January, the usual placeholder for an unknown birthday) counts for less than
/// agreeing on a rare one. Counts can be added and removed.
/// </summary>
public sealed class TermFrequencies
{
    private readonly Dictionary<string, int>[] _counts = [.. Enumerable.Range(0, Comparisons.FieldCount).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly long[] _totals = new long[Comparisons.FieldCount];

    public static readonly IReadOnlyList<Field> AdjustedFields = [Field.Given, Field.Family, Field.DateOfBirth, Field.Postcode, Field.Locality];

    public static bool IsAdjusted(Field field) => field is Field.Given or Field.Family or Field.DateOfBirth or Field.Postcode or Field.Locality;

    public void Add(PreparedRecord record) => Change(record, +1);

    public void Remove(PreparedRecord record) => Change(record, -1);

    public static string? ValueOf(PreparedRecord record, Field field) => field switch
    {
        Field.Given => record.Given.Length > 1 ? record.Given : null,
        Field.Family => record.Family.Length > 0 ? record.Family : null,
        Field.DateOfBirth => record.DateOfBirth.IsComplete ? record.DobCompact : null,
        Field.Postcode => record.Postcode.IsMissing ? null : record.Postcode.Value,
        Field.Locality => record.Locality.Length > 0 ? record.Locality : null,
        _ => null,
    };

    private void Change(PreparedRecord record, int delta)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var field in AdjustedFields)
        {
            if (ValueOf(record, field) is not { } value)
            {
                continue;
            }
            var counts = _counts[(int)field];
            var next = counts.GetValueOrDefault(value) + delta;
            if (next <= 0)
            {
                counts.Remove(value);
            }
            else
            {
                counts[value] = next;
            }
            _totals[(int)field] += delta;
        }
    }

    /// <summary>The share of records with this value; a value never seen counts as seen once.</summary>
    public double Frequency(Field field, string value)
    {
        var total = Math.Max(1, _totals[(int)field]);
        var count = Math.Max(1, _counts[(int)field].GetValueOrDefault(value));
        return (double)count / total;
    }

    /// <summary>Pseudo-records at the model's rate added to every count, see <see cref="Frequency(Field, string, double)"/>.</summary>
    public const double PriorRecords = 10;

    /// <summary>
    /// The share of records with this value, shrunk towards <paramref name="averageFrequency"/> (the chance two
    /// random records agree) as if <see cref="PriorRecords"/> records at that rate had been seen first. In a
    /// large population this is the plain share; in a small one (an index of one record, where every value
    /// has a share of 1) it stays near the average instead of making every agreement look common.
    /// </summary>
    public double Frequency(Field field, string value, double averageFrequency)
    {
        if (averageFrequency <= 0 || averageFrequency >= 1)
        {
            return Frequency(field, value);
        }
        var pseudo = PriorRecords / averageFrequency;
        var count = Math.Max(1, _counts[(int)field].GetValueOrDefault(value));
        return (count + PriorRecords) / (Math.Max(0, _totals[(int)field]) + pseudo);
    }

    public int Count(Field field, string value) => _counts[(int)field].GetValueOrDefault(value);
}
