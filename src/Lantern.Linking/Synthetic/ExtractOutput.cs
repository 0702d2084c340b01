using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lantern.Linking.Synthetic;

/// <summary>
/// Writes the lines of a synthetic extract and, beside each record line, its entry in the truth file. A line is built
/// in a small buffer and written out at once, or held back with its truth entry while the records it refers to are
/// written first (a household's children and parents before the household's events); nothing else is kept.
/// </summary>
internal sealed class ExtractOutput : IDisposable
{
    /// <summary>Readable text in the files (quotes and apostrophes as written); the JSON is still escaped where it must be.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _extract;
    private readonly Stream _truth;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly ArrayBufferWriter<byte> _entry = new(1024);
    private readonly ArrayBufferWriter<byte> _heldLines = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _heldTruth = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private readonly Utf8JsonWriter _truthJson;
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byAgency = new(StringComparer.Ordinal);
    private readonly List<string> _children = [];
    private readonly List<string> _mentions = [];
    private bool _firstTruth = true;
    private string? _type;
    private string? _agency;
    private string? _id;

    public ExtractOutput(Stream extract, Stream truth)
    {
        _extract = extract;
        _truth = truth;
        _json = new Utf8JsonWriter(_line, Options);
        _truthJson = new Utf8JsonWriter(_entry, Options);
    }

    /// <summary>When what the record being written shows happened (an event's, a referral's, a missing episode's own time), for its truth entry.</summary>
    public DateTime? At { get; set; }

    /// <summary>Lines are held back (with their truth) until <see cref="Release"/>.</summary>
    public bool Holding { get; set; }

    public long Lines { get; private set; }

    public long VictimBlamingLines { get; set; }

    public IReadOnlyDictionary<string, long> ByType => _byType;

    public IReadOnlyDictionary<string, long> ByAgency => _byAgency;

    /// <summary>Starts a line: its type, and for a record its agency and id (both null for the header and agency lines).</summary>
    public Utf8JsonWriter Begin(string type, string? agency, string? id)
    {
        _type = type;
        _agency = agency;
        _id = id;
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        if (agency is not null)
        {
            _json.WriteString("agency", agency);
        }
        if (id is not null)
        {
            _json.WriteString("id", id);
        }
        return _json;
    }

    /// <summary>A true child the record being written is about.</summary>
    public void AboutChild(string entity)
    {
        if (!_children.Contains(entity))
        {
            _children.Add(entity);
        }
    }

    /// <summary>A true person, vehicle, phone or place the record being written names (by id or as a mention).</summary>
    public void Names(string entity)
    {
        if (!_mentions.Contains(entity))
        {
            _mentions.Add(entity);
        }
    }

    /// <summary>Ends the line; a record line's truth entry says which true entity it is, and what it is about and names.</summary>
    public void End(string? entity = null, string? network = null, string? decoy = null)
    {
        _json.WriteEndObject();
        _json.Flush();
        var lines = Holding ? _heldLines : null;
        Write(lines, _line.WrittenSpan);
        Lines++;
        _byType[_type!] = _byType.GetValueOrDefault(_type!) + 1;
        if (_agency is not null && entity is not null)
        {
            _byAgency[_agency] = _byAgency.GetValueOrDefault(_agency) + 1;
            _entry.ResetWrittenCount();
            _truthJson.Reset(_entry);
            _truthJson.WriteStartObject();
            _truthJson.WriteString("agency", _agency);
            _truthJson.WriteString("type", _type);
            _truthJson.WriteString("id", _id);
            _truthJson.WriteString("entity", entity);
            if (At is { } at)
            {
                _truthJson.WriteString("at", Instant(at));
            }
            List("children", _children);
            List("names", _mentions);
            if (network is not null)
            {
                _truthJson.WriteString("network", network);
            }
            if (decoy is not null)
            {
                _truthJson.WriteString("decoy", decoy);
            }
            _truthJson.WriteEndObject();
            _truthJson.Flush();
            TruthRecord(_entry.WrittenSpan);
        }
        _children.Clear();
        _mentions.Clear();
        At = null;
    }

    private void List(string name, List<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        _truthJson.WriteStartArray(name);
        foreach (var v in values)
        {
            _truthJson.WriteStringValue(v);
        }
        _truthJson.WriteEndArray();
    }

    private void Write(ArrayBufferWriter<byte>? held, ReadOnlySpan<byte> line)
    {
        if (held is not null)
        {
            held.Write(line);
            held.Write("\n"u8);
        }
        else
        {
            _extract.Write(line);
            _extract.WriteByte((byte)'\n');
        }
    }

    private void TruthRecord(ReadOnlySpan<byte> entry)
    {
        // Entries held back each start with a comma; the very first entry of the list is written without one.
        if (Holding)
        {
            _heldTruth.Write(",\n"u8);
            _heldTruth.Write(entry);
            return;
        }
        _truth.Write(_firstTruth ? "\n"u8 : ",\n"u8);
        _firstTruth = false;
        _truth.Write(entry);
    }

    /// <summary>Writes out the lines held back, after the lines written since.</summary>
    public void Release()
    {
        Holding = false;
        _extract.Write(_heldLines.WrittenSpan);
        if (_heldTruth.WrittenCount > 0)
        {
            _truth.Write(_firstTruth ? _heldTruth.WrittenSpan[1..] : _heldTruth.WrittenSpan);
            _firstTruth = false;
        }
        _heldLines.ResetWrittenCount();
        _heldTruth.ResetWrittenCount();
    }

    /// <summary>Writes raw text into the truth file (its opening and the sections after the records).</summary>
    public void TruthText(string text) => _truth.Write(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes one JSON value into the truth file through <paramref name="write"/>.</summary>
    public void TruthJson(Action<Utf8JsonWriter> write)
    {
        _entry.ResetWrittenCount();
        _truthJson.Reset(_entry);
        write(_truthJson);
        _truthJson.Flush();
        _truth.Write(_entry.WrittenSpan);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _json.Dispose();
        _truthJson.Dispose();
    }
}
