using System.Collections.Frozen;
using System.Globalization;

namespace Lantern.Domain.Calendar;

/// <summary>
/// Applies one-off changes to the rule-based holidays of the years they touch. Changes are applied
/// in order and each must make sense against what came before it (a removed or moved day must be a
/// holiday, an added day must not already be one): a change that does nothing is almost always a
/// typo in a date, and a silent typo would move every deadline near it.
/// </summary>
internal static class BankHolidayTable
{
    public static FrozenDictionary<int, IReadOnlyList<BankHoliday>> Build(
        IReadOnlyList<CalendarChange> changes,
        List<CalendarConfigurationError> errors)
    {
        var years = new Dictionary<int, List<BankHoliday>>();
        for (var i = 0; i < changes.Count; i++)
        {
            Apply(changes[i], $"{nameof(WorkingDayCalendarOptions.Changes)}[{i}]", years, errors);
        }

        return years.ToFrozenDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<BankHoliday>)[.. pair.Value.OrderBy(h => h.Date)]);
    }

    private static void Apply(
        CalendarChange? change,
        string field,
        Dictionary<int, List<BankHoliday>> years,
        List<CalendarConfigurationError> errors)
    {
        if (change is null)
        {
            errors.Add(new(field, "The change is empty."));
            return;
        }

        var before = errors.Count;
        if (change.Date is not { } date)
        {
            errors.Add(new($"{field}.{nameof(CalendarChange.Date)}", "A change needs a date: the day added, moved to or removed (yyyy-MM-dd)."));
        }
        else if (!EnglandAndWalesBankHolidays.IsSupportedYear(date.Year))
        {
            errors.Add(new($"{field}.{nameof(CalendarChange.Date)}", OutOfRange(date)));
        }

        if (string.IsNullOrWhiteSpace(change.Reason))
        {
            errors.Add(new($"{field}.{nameof(CalendarChange.Reason)}", "A change needs a reason, e.g. \"Coronation of King Charles III\"."));
        }

        if (change.Kind is not { } kind)
        {
            errors.Add(new($"{field}.{nameof(CalendarChange.Kind)}", "A change needs a kind: Added, Moved or Removed."));
            return;
        }

        var movedFromField = $"{field}.{nameof(CalendarChange.MovedFrom)}";
        switch (kind)
        {
            case CalendarChangeKind.Moved when change.MovedFrom is null:
                errors.Add(new(movedFromField, "A moved holiday needs the date it was moved from (yyyy-MM-dd)."));
                break;
            case CalendarChangeKind.Moved when !EnglandAndWalesBankHolidays.IsSupportedYear(change.MovedFrom.Value.Year):
                errors.Add(new(movedFromField, OutOfRange(change.MovedFrom.Value)));
                break;
            case CalendarChangeKind.Moved:
                break;
            case CalendarChangeKind.Added or CalendarChangeKind.Removed when change.MovedFrom is not null:
                errors.Add(new(movedFromField, $"Only a Moved change has a date moved from; this one is {kind}."));
                break;
            case CalendarChangeKind.Added or CalendarChangeKind.Removed:
                break;
            default:
                errors.Add(new($"{field}.{nameof(CalendarChange.Kind)}", $"Unknown kind {(int)kind}; use Added, Moved or Removed."));
                break;
        }

        if (errors.Count > before)
        {
            return;
        }

        var on = change.Date!.Value;
        var reason = change.Reason!.Trim();
        var dateField = $"{field}.{nameof(CalendarChange.Date)}";
        switch (kind)
        {
            case CalendarChangeKind.Added:
                if (Find(years, on) is not null)
                {
                    errors.Add(new(dateField, $"{Show(on)} is already a bank holiday, so it cannot be added."));
                    return;
                }

                Year(years, on.Year).Add(new BankHoliday(on, Named(change.Name, reason), reason));
                return;
            case CalendarChangeKind.Removed:
                if (Find(years, on) is not { } removed)
                {
                    errors.Add(new(dateField, $"{Show(on)} is not a bank holiday, so it cannot be removed."));
                    return;
                }

                Year(years, on.Year).Remove(removed);
                return;
            case CalendarChangeKind.Moved:
                var from = change.MovedFrom!.Value;
                if (Find(years, from) is not { } moved)
                {
                    errors.Add(new(movedFromField, $"{Show(from)} is not a bank holiday, so nothing can be moved from it."));
                    return;
                }

                if (Find(years, on) is not null)
                {
                    errors.Add(new(dateField, $"{Show(on)} is already a bank holiday, so another cannot be moved to it."));
                    return;
                }

                Year(years, from.Year).Remove(moved);
                Year(years, on.Year).Add(new BankHoliday(on, Named(change.Name, moved.Name), reason));
                return;
            default:
                // Unknown kinds were reported above.
                return;
        }
    }

    private static List<BankHoliday> Year(Dictionary<int, List<BankHoliday>> years, int year)
    {
        if (!years.TryGetValue(year, out var list))
        {
            list = [.. EnglandAndWalesBankHolidays.ByRule(year)];
            years.Add(year, list);
        }

        return list;
    }

    private static BankHoliday? Find(Dictionary<int, List<BankHoliday>> years, DateOnly date) =>
        Year(years, date.Year).Find(h => h.Date == date);

    private static string Named(string? name, string fallback) =>
        string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();

    private static string Show(DateOnly date) =>
        date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string OutOfRange(DateOnly date) =>
        $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is outside the years the calendar covers ({EnglandAndWalesBankHolidays.FirstSupportedYear} to {EnglandAndWalesBankHolidays.LastSupportedYear}).";
}
