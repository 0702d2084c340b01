using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Domain;

namespace Lantern.Common;

/// <summary>
/// The API's JSON, one set of options for every endpoint and for drafts stored in the API's shape:
/// camelCase, enums as words (never numbers), a member the contract does not have is refused, and so is
/// a member sent twice (names are matched ignoring case, so "mentions" and "Mentions" are the same member).
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // The last of two members would otherwise win silently ("mentions":[...],"mentions":[] stores none).
        AllowDuplicateProperties = false,
    };

    /// <summary>Where in a JSON body the reader stopped ("$.child.givenName") as the field the validation errors name ("child.givenName").</summary>
    public static string FieldOfPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>A domain field name (ReturnedAt, Child.GivenName) as the API spells it (returnedAt, child.givenName).</summary>
    public static string FieldName(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }

    /// <summary>
    /// A request body read whole, or null when it is larger than <paramref name="maximumBytes"/> (read no
    /// further), including when the server's own limit stops the read first.
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, int maximumBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maximumBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>, or the one problem that stops it being read: a member sent more
    /// than once (named), malformed JSON, a value of the wrong kind or a member the contract does not have.
    /// </summary>
    public static FieldError? TryRead<T>(ReadOnlySpan<byte> body, out T? value)
    {
        value = default;
        if (FirstDuplicateMember(body) is { } duplicate)
        {
            return new FieldError(FieldOfPath(duplicate.Path),
                $"\"{duplicate.Name}\" is sent more than once (names that differ only in capital letters are the same member); send each member once");
        }
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Options);
            return null;
        }
        catch (JsonException ex)
        {
            return new FieldError(FieldOfPath(ex.Path), $"This value is not valid here ({ex.Message.Split('.')[0]})");
        }
    }

    /// <summary>
    /// The first member of any object in <paramref name="json"/> whose name was already used in that object,
    /// compared ignoring case as the options match names; null when there is none or the JSON is malformed
    /// (the deserializer then says where).
    /// </summary>
    public static (string Path, string Name)? FirstDuplicateMember(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Push(new Container(PathOfValue(open), new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(new Container(PathOfValue(open), names: null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var container = open.Peek();
                        var name = reader.GetString()!;
                        if (!container.Names!.Add(name))
                        {
                            return ($"{container.Path}.{name}", name);
                        }
                        container.LastName = name;
                        break;
                    case JsonTokenType.None:
                    case JsonTokenType.Comment:
                        break;
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                    case JsonTokenType.Null:
                        _ = PathOfValue(open);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The path of the value starting now, moving an array on to its next item.</summary>
    private static string PathOfValue(Stack<Container> open)
    {
        if (open.Count == 0)
        {
            return "$";
        }
        var container = open.Peek();
        return container.Names is null ? $"{container.Path}[{container.Items++}]" : $"{container.Path}.{container.LastName}";
    }

    private sealed class Container(string path, HashSet<string>? names)
    {
        public string Path { get; } = path;

        /// <summary>The member names seen so far in an object; null for an array.</summary>
        public HashSet<string>? Names { get; } = names;

        public string? LastName { get; set; }

        public int Items { get; set; }
    }
}
