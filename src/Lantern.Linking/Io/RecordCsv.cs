namespace Lantern.Linking.Io;

/// <summary>Bad input, named by file, line and (where it applies) column, for a message to the user.</summary>
public sealed class LinkInputException(string file, int? line, string? column, string problem)
    : Exception($"{file}{(line is null ? "" : $", line {line}")}{(column is null ? "" : $", column '{column}'")}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;

    public string? Column { get; } = column;
}

/// <summary>
/// Which CSV columns fill which roles: <c>id=rec_id,given=given_name,address=street_number+address_1</c>.
/// A role may take several columns joined with '+'; roles not named are left empty.
/// </summary>
public sealed class ColumnMap
{
    public static readonly IReadOnlyList<string> Roles =
        ["id", "given", "family", "dob", "sex", "postcode", "address", "locality", "phone", "identifier", "email", "vehicle"];

    private readonly Dictionary<string, string[]> _columns;

    private ColumnMap(Dictionary<string, string[]> columns) => _columns = columns;

    public IReadOnlyDictionary<string, string[]> Columns => _columns;

    /// <summary>Parses the --columns text; throws <see cref="FormatException"/> naming the problem.</summary>
    public static ColumnMap Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new FormatException($"'{part}' is not role=column");
            }
            var role = part[..eq].Trim().ToLowerInvariant();
            if (!Roles.Contains(role))
            {
                throw new FormatException($"unknown role '{role}'; roles are {string.Join(", ", Roles)}");
            }
            if (map.ContainsKey(role))
            {
                throw new FormatException($"role '{role}' is given twice");
            }
            map[role] = part[(eq + 1)..].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        if (!map.ContainsKey("id"))
        {
            throw new FormatException("no id column: name one with id=<column>");
        }
        return new ColumnMap(map);
    }

    /// <summary>Reads every row into a record; checks columns exist and ids are present and unique.</summary>
    public List<PersonRecord> Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvReader(reader);
        try
        {
            var header = csv.ReadRow() ?? throw new LinkInputException(file, 1, null, "the file is empty; a header row is needed");
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Fields.Count; i++)
            {
                index.TryAdd(header.Fields[i], i);
            }
            var positions = new Dictionary<string, int[]>(StringComparer.Ordinal);
            foreach (var (role, columns) in _columns)
            {
                positions[role] = [.. columns.Select(c => index.TryGetValue(c, out var p) ? p
                    : throw new LinkInputException(file, 1, c, $"no such column in the header (for role '{role}')"))];
            }
            var records = new List<PersonRecord>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in csv.ReadRows())
            {
                if (row.Fields.Count == 1 && row.Fields[0].Length == 0)
                {
                    continue; // a blank line
                }
                if (row.Fields.Count != header.Fields.Count)
                {
                    throw new LinkInputException(file, row.Line, null, $"the row has {row.Fields.Count} fields but the header has {header.Fields.Count}");
                }
                string? Get(string role)
                {
                    if (!positions.TryGetValue(role, out var ps))
                    {
                        return null;
                    }
                    var value = string.Join(" ", ps.Select(p => row.Fields[p]).Where(v => v.Length > 0));
                    return value.Length == 0 ? null : value;
                }
                var id = Get("id") ?? throw new LinkInputException(file, row.Line, _columns["id"][0], "the id is empty");
                if (!seen.TryAdd(id, row.Line))
                {
                    throw new LinkInputException(file, row.Line, _columns["id"][0], $"duplicate id '{id}' (first on line {seen[id]})");
                }
                records.Add(new PersonRecord(id)
                {
                    Given = Get("given"),
                    Family = Get("family"),
                    DateOfBirth = Get("dob"),
                    Sex = Get("sex"),
                    Postcode = Get("postcode"),
                    Address = Get("address"),
                    Locality = Get("locality"),
                    Phone = Get("phone"),
                    Identifier = Get("identifier"),
                    Email = Get("email"),
                    VehicleRegistration = Get("vehicle"),
                });
            }
            return records;
        }
        catch (CsvFormatException e)
        {
            throw new LinkInputException(file, e.Line, null, e.Message);
        }
    }
}
