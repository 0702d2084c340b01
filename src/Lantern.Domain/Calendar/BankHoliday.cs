namespace Lantern.Domain.Calendar;

/// <summary>
/// One bank holiday as observed: a substitute day carries the date it is taken on, and a one-off
/// change carries the reason it was made so that a deadline can be explained to a practitioner.
/// </summary>
public sealed record BankHoliday(DateOnly Date, string Name, string? Reason = null);
