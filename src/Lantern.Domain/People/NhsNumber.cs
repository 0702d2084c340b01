namespace Lantern.Domain.People;

/// <summary>The NHS number: ten digits whose last is the modulus 11 check digit of the first nine.</summary>
public static class NhsNumber
{
    public const string Problem = "The NHS number must be 10 digits, like 485 777 3457";

    /// <summary>Whether <paramref name="value"/> is an NHS number, written with or without spaces or hyphens.</summary>
    public static bool IsValid(string? value) => Normalise(value) is not null;

    /// <summary>The value as written without its spaces and hyphens (not checked), or null when there is nothing.</summary>
    public static string? WithoutSeparators(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string([.. value.Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    /// <summary>The ten digits without spaces or hyphens, or null when the value is not a valid NHS number.</summary>
    public static string? Normalise(string? value)
    {
        if (WithoutSeparators(value) is not { } digits)
        {
            return null;
        }
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }
        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }
        return check != 10 && check == digits[9] - '0' ? digits : null;
    }
}
