using System.Text;

namespace Lantern.Linking.Io;

/// <summary>A CSV row and the line of the file on which it starts (1-based).</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>A row that cannot be read, with the line where the problem was found.</summary>
public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a quote inside quotes,
/// line breaks allowed inside quotes. Unquoted fields are trimmed when asked (FEBRL writes ", ").
/// </summary>
public sealed class CsvReader(TextReader reader, bool trim = true)
{
    private int _line = 1;

    public IEnumerable<CsvRow> ReadRows()
    {
        while (ReadRow() is { } row)
        {
            yield return row;
        }
    }

    public CsvRow? ReadRow()
    {
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        var any = false;
        while (true)
        {
            var next = reader.Read();
            if (next == -1)
            {
                if (quoted)
                {
                    throw new CsvFormatException(start, "a quoted field is not closed before the end of the file");
                }
                if (!any)
                {
                    return null;
                }
                fields.Add(Finish(field, wasQuoted));
                return new CsvRow(start, fields);
            }
            any = true;
            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when IsBlank(field) && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    field.Clear();
                    break;
                case '"':
                    throw new CsvFormatException(start, "a quote appears inside an unquoted field");
                case ',':
                    fields.Add(Finish(field, wasQuoted));
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(Finish(field, wasQuoted));
                    return new CsvRow(start, fields);
                default:
                    if (wasQuoted && !char.IsWhiteSpace(c))
                    {
                        throw new CsvFormatException(start, "text follows a closing quote");
                    }
                    if (!wasQuoted)
                    {
                        field.Append(c);
                    }
                    break;
            }
        }
    }

    private static bool IsBlank(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++)
        {
            if (!char.IsWhiteSpace(sb[i]))
            {
                return false;
            }
        }
        return true;
    }

    private string Finish(StringBuilder field, bool wasQuoted) => wasQuoted || !trim ? field.ToString() : field.ToString().Trim();
}
