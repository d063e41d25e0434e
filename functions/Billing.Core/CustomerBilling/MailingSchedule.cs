using System.Globalization;

namespace Billing.Core.CustomerBilling;

public enum ScheduleKind { Daily, Weekly, Monthly }

/// <summary>
/// When a mailing rule runs (F8): daily at a time, weekly on a weekday at a time, or monthly on a day at a time, in
/// the tenant's time zone. A monthly day past the month's end runs on its last day (31 → 30 April, 28/29 February).
/// </summary>
public sealed record MailingSchedule
{
    public required ScheduleKind Kind { get; init; }
    /// <summary>Local time, <c>HH:mm</c>.</summary>
    public required string Time { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public int? DayOfMonth { get; init; }

    /// <summary><see cref="Time"/> parsed; not part of the API or the stored JSON, so a rule read back can be written back unchanged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeOnly LocalTime => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);

    public void Validate()
    {
        if (!TimeOnly.TryParseExact(Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw Invalid("schedule.time", "A local time such as 09:30.");
        if (Kind == ScheduleKind.Weekly && Weekday is null) throw Invalid("schedule.weekday", "Required for a weekly schedule.");
        if (Kind == ScheduleKind.Monthly && DayOfMonth is not (>= 1 and <= 31)) throw Invalid("schedule.dayOfMonth", "1 to 31 for a monthly schedule.");
    }

    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        // Scan forward day by day: at most a month and a bit, and it follows DST and month lengths exactly.
        for (var day = localDay.AddDays(-1); day <= localDay.AddDays(63); day = day.AddDays(1))
        {
            if (!RunsOn(day)) continue;
            var at = ToUtc(day.ToDateTime(LocalTime), zone);
            if (at > after) return at;
        }
        throw new InvalidOperationException("No run within two months; the schedule was not validated.");
    }

    /// <summary>
    /// A run planned in zone <paramref name="from"/> moved to the same local day and time in zone <paramref name="to"/>
    /// (the tenant changed its time zone, F8); never at or before <paramref name="notAfter"/> (the last run).
    /// </summary>
    public DateTimeOffset Rezone(DateTimeOffset planned, TimeZoneInfo from, TimeZoneInfo to, DateTimeOffset? notAfter)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(planned, from).DateTime);
        var moved = ToUtc(day.ToDateTime(LocalTime), to);
        return notAfter is { } last && moved <= last ? NextAfter(last, to) : moved;
    }

    private bool RunsOn(DateOnly day) => Kind switch
    {
        ScheduleKind.Daily => true,
        ScheduleKind.Weekly => day.DayOfWeek == Weekday,
        _ => day.Day == Math.Min(DayOfMonth ?? 1, DateTime.DaysInMonth(day.Year, day.Month)),
    };

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A local time skipped by a DST jump runs at the first valid minute after it.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static BillingException Invalid(string field, string message) =>
        BillingException.Invalid("schedule_invalid", $"'{field}': {message}", new Dictionary<string, string[]> { [field] = [message] });
}
