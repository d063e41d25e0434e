namespace Billing.Core.Time;

/// <summary>Calendar days in an account's own time zone: days are charged by local date (C2).</summary>
public static class LocalCalendar
{
    public static TimeZoneInfo Zone(string timeZoneId)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw BillingException.Invalid("time_zone_unknown", $"Unknown time zone '{timeZoneId}' (use an IANA id such as Europe/Kyiv).");
        }
    }

    public static bool IsKnown(string timeZoneId) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);

    public static DateOnly Today(DateTimeOffset now, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZoneId)).DateTime);

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The instant <paramref name="day"/> begins in the zone (midnight local; the first valid instant when a clock change skips it).</summary>
    public static DateTimeOffset StartOf(DateOnly day, string timeZoneId)
    {
        var zone = Zone(timeZoneId);
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
