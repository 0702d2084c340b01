using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lantern.Common;

/// <summary>
/// The API's JSON, one set of options for every endpoint and for drafts stored in the API's shape:
/// camelCase, enums as words (never numbers), and a member the contract does not have is refused.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
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

    /// <summary>A request body read whole, or null when it is larger than <paramref name="maximumBytes"/> (read no further).</summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, int maximumBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maximumBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
