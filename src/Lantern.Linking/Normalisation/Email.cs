namespace Lantern.Linking.Normalisation;

/// <summary>Email addresses lower-cased, with "+tag" removed and, for Gmail, dots in the local part removed.</summary>
public static class Email
{
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim().ToLowerInvariant();
        var at = t.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != t.LastIndexOf('@') || at == t.Length - 1 || t.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        var local = t[..at];
        var domain = t[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }
        if (domain is "gmail.com" or "googlemail.com")
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
            domain = "gmail.com";
        }
        return $"{local}@{domain}";
    }
}
