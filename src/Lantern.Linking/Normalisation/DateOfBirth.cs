using System.Globalization;

namespace Lantern.Linking.Normalisation;

/// <summary>
/// A date of birth that may be partial: any of year, month and day may be unknown. An invalid date
/// (31 February, month 13 with no plausible reading) is kept as missing rather than guessed.
/// </summary>
public readonly record struct DateOfBirth(int? Year, int? Month, int? Day)
{
    public static readonly DateOfBirth Missing = new(null, null, null);

    public bool IsMissing => Year is null && Month is null && Day is null;

    public bool IsComplete => Year is not null && Month is not null && Day is not null;

    /// <summary>YYYYMMDD for a complete date, else "".</summary>
    public string Compact => IsComplete ? $"{Year:D4}{Month:D2}{Day:D2}" : "";

    public override string ToString() => IsMissing ? "" : $"{Year?.ToString("D4", CultureInfo.InvariantCulture) ?? "????"}-{Month?.ToString("D2", CultureInfo.InvariantCulture) ?? "??"}-{Day?.ToString("D2", CultureInfo.InvariantCulture) ?? "??"}";

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// Parses YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY (also with '-', '.' or spaces), D Month YYYY, MM/YYYY,
    /// YYYY-MM and YYYY. Day-first is assumed (UK usage) unless only a month-first reading is valid.
    /// Two-digit years are placed in the century that keeps them at or before <paramref name="referenceYear"/>.
    /// </summary>
    public static DateOfBirth Parse(string? text, int referenceYear)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Missing;
        }
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
        {
            return Build(Int(t[..4]), Int(t[4..6]), Int(t[6..]), monthFirstAllowed: false);
        }
        var parts = t.Split([' ', '/', '-', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Length > 3)
        {
            return Missing;
        }
        var numbers = new int?[parts.Length];
        var monthNameAt = -1;
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i].TrimEnd('s', 't', 'n', 'd', 'r', 'h');
            if (parts[i].All(char.IsAsciiDigit))
            {
                numbers[i] = Int(parts[i]);
            }
            else if (p.Length > 0 && p.All(char.IsAsciiDigit))
            {
                numbers[i] = Int(p); // "1st", "22nd"
            }
            else if (parts[i].Length >= 3 && Array.IndexOf(MonthNames, parts[i][..3]) is var m and >= 0)
            {
                numbers[i] = m + 1;
                monthNameAt = i;
            }
            else
            {
                return Missing;
            }
        }
        bool IsYear(int i) => parts[i].Length == 4 && parts[i].All(char.IsAsciiDigit);
        int Year(int i) => parts[i].Length <= 2 ? TwoDigitYear(numbers[i]!.Value, referenceYear) : numbers[i]!.Value;
        switch (parts.Length)
        {
            case 1:
                return IsYear(0) ? Build(numbers[0], null, null, false) : Missing;
            case 2:
                if (IsYear(0))
                {
                    return Build(numbers[0], numbers[1], null, false); // YYYY-MM
                }
                return parts[1].Length is 4 or 2 ? Build(Year(1), numbers[0], null, false) : Missing; // MM/YYYY
            default:
                if (IsYear(0))
                {
                    return Build(numbers[0], numbers[1], numbers[2], false); // YYYY-MM-DD
                }
                if (monthNameAt == 0)
                {
                    return Build(Year(2), numbers[0], numbers[1], false); // March 1 1985
                }
                if (monthNameAt == 1)
                {
                    return Build(Year(2), numbers[1], numbers[0], false);
                }
                return Build(Year(2), numbers[1], numbers[0], monthFirstAllowed: true); // DD/MM/YYYY
        }
    }

    private static int TwoDigitYear(int yy, int referenceYear)
    {
        var century = referenceYear / 100 * 100;
        var year = century + yy;
        return year > referenceYear ? year - 100 : year;
    }

    private static int? Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateOfBirth Build(int? year, int? month, int? day, bool monthFirstAllowed)
    {
        if (year is < 1850 or > 2200 || year is null)
        {
            return Missing;
        }
        if (month is null)
        {
            return new DateOfBirth(year, null, null);
        }
        if (month is < 1 or > 12)
        {
            // Only month-first reading is valid (US style 03/25/1990 read as 25/03).
            if (monthFirstAllowed && day is >= 1 and <= 12 && month <= 31 && IsValid(year.Value, day.Value, month.Value))
            {
                return new DateOfBirth(year, day, month);
            }
            return Missing;
        }
        if (day is null)
        {
            return new DateOfBirth(year, month, null);
        }
        // 1 January 1900 is what systems write when the date is unknown, not anyone's birthday.
        if (year == 1900 && month == 1 && day == 1)
        {
            return Missing;
        }
        return IsValid(year.Value, month.Value, day.Value) ? new DateOfBirth(year, month, day) : Missing;
    }

    private static bool IsValid(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
}
