using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Domain.Auditing;

namespace Lantern.Auditing;

/// <summary>One line of a checkpoint file as read: the checkpoint, or why the line could not be read.</summary>
public sealed record StoredCheckpointLine(string File, int Line, AuditCheckpoint? Checkpoint, string? Unreadable);

/// <summary>The checkpoint file of one node could not be opened or written; the message says why.</summary>
public sealed class AuditCheckpointStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A folder of checkpoint files, one per node (<c>checkpoints-{node}.jsonl</c>), each JSON lines appended
/// to and never rewritten. A writer holds its node's file exclusively while it reads the last line and
/// appends the next, so the app and <c>lantern audit checkpoint</c> on one node cannot interleave, and
/// nodes never write one file.
/// </summary>
public static class AuditCheckpointStore
{
    private const string Prefix = "checkpoints-";
    private const string Extension = ".jsonl";

    // Lines are read by people too: a signature's + and / stay as they are.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FileOf(string directory, string node) => Path.Combine(directory, Prefix + node + Extension);

    /// <summary>The node a checkpoint file belongs to, from its name.</summary>
    public static string NodeOf(string file) => Path.GetFileName(file)[Prefix.Length..^Extension.Length];

    public static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, Prefix + "*" + Extension).Order(StringComparer.Ordinal) : [];

    public static string ToLine(AuditCheckpoint c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return JsonSerializer.Serialize(new Line(AuditCheckpoint.FormatVersion, c.Node, c.Number, c.Sequence, c.Head,
            c.At.ToString("O", CultureInfo.InvariantCulture), c.KeyId, c.Signature), Json);
    }

    /// <summary>The checkpoint a line holds, or null with the reason it cannot be read.</summary>
    public static (AuditCheckpoint? Checkpoint, string? Unreadable) Parse(string line)
    {
        try
        {
            var l = JsonSerializer.Deserialize<Line>(line, Json);
            if (l is null || l.V != AuditCheckpoint.FormatVersion || l.Node is null || l.Head is null || l.At is null || l.Key is null || l.Sig is null)
            {
                return (null, "it is not a checkpoint of a version this Lantern reads");
            }
            var at = DateTimeOffset.ParseExact(l.At, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
            return (new AuditCheckpoint(l.Node, l.N, l.Seq, l.Head, at, l.Key, l.Sig), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (null, "it is not a well-formed checkpoint");
        }
    }

    /// <summary>Every line of one checkpoint file, in stored order.</summary>
    public static IEnumerable<StoredCheckpointLine> Read(string file)
    {
        var number = 0;
        foreach (var text in File.ReadLines(file, Encoding.UTF8))
        {
            number++;
            if (text.Length == 0)
            {
                yield return new StoredCheckpointLine(file, number, null, "it is empty");
                continue;
            }
            var (checkpoint, unreadable) = Parse(text);
            yield return new StoredCheckpointLine(file, number, checkpoint, unreadable);
        }
    }

    /// <summary>The last checkpoint in a node's file without taking it (null when there is none or it cannot be read).</summary>
    public static AuditCheckpoint? Last(string directory, string node)
    {
        var file = FileOf(directory, node);
        if (!File.Exists(file))
        {
            return null;
        }
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return LastLine(stream) is { } line ? Parse(line).Checkpoint : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Appends the checkpoint <paramref name="next"/> makes of the node's last one (null: the first), holding
    /// the file exclusively throughout. Refuses when the file's last line is damaged or another writer holds it.
    /// </summary>
    public static AuditCheckpoint Append(string directory, string node, Func<AuditCheckpoint?, AuditCheckpoint> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var file = FileOf(directory, node);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(directory);
            stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditCheckpointStoreException($"{file} cannot be opened for writing ({ex.Message}); another writer may hold it", ex);
        }
        using (stream)
        {
            AuditCheckpoint? last = null;
            if (stream.Length > 0)
            {
                var line = LastLine(stream);
                last = line is null ? null : Parse(line).Checkpoint;
                if (last is null)
                {
                    throw new AuditCheckpointStoreException($"the last line of {file} cannot be read, so no checkpoint is added after it; run lantern audit verify");
                }
            }
            var checkpoint = next(last);
            var bytes = Encoding.UTF8.GetBytes(ToLine(checkpoint) + "\n");
            stream.Seek(0, SeekOrigin.End);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            return checkpoint;
        }
    }

    /// <summary>Appends a checkpoint made elsewhere (the second store takes the checkpoint file's lines as they are).</summary>
    public static void AppendCopy(string directory, AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Append(directory, checkpoint.Node, _ => checkpoint);
    }

    /// <summary>The last complete line (ending in a newline), or null when the file does not end with one.</summary>
    private static string? LastLine(FileStream stream)
    {
        const int Window = 4096;
        var start = Math.Max(0, stream.Length - Window);
        stream.Position = start;
        var buffer = new byte[stream.Length - start];
        stream.ReadExactly(buffer);
        var text = Encoding.UTF8.GetString(buffer);
        if (!text.EndsWith('\n'))
        {
            return null;
        }
        text = text[..^1];
        var from = text.LastIndexOf('\n') + 1;
        return from == 0 && start > 0 ? null : text[from..];
    }

    private sealed record Line(
        [property: JsonPropertyName("v")] int V,
        [property: JsonPropertyName("node")] string? Node,
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("head")] string? Head,
        [property: JsonPropertyName("at")] string? At,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("sig")] string? Sig);
}
