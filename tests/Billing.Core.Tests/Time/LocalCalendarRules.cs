using Billing.Core.Time;

namespace Billing.Core.Tests.Time;

/// <summary>F3: an invoice's payment window ends when its last payable day ends in the tenant's zone.</summary>
public sealed class LocalCalendarRules
{
    [Theory]
    [InlineData("2026-11-11", "Europe/Kyiv", "2026-11-10T22:00:00Z")] // winter: UTC+2
    [InlineData("2026-07-01", "Europe/Kyiv", "2026-06-30T21:00:00Z")] // summer: UTC+3
    [InlineData("2026-11-11", "America/New_York", "2026-11-11T05:00:00Z")]
    public void F3_a_day_starts_at_local_midnight(string day, string zone, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            LocalCalendar.StartOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), zone));

    [Fact]
    public void F3_a_day_whose_midnight_a_clock_change_skips_starts_at_its_first_valid_instant()
    {
        // Santiago moves its clocks from 00:00 to 01:00 on the first Sunday of September 2026: there is no midnight.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.True(zone.IsInvalidTime(new DateTime(2026, 9, 6, 0, 0, 0)));
        var start = LocalCalendar.StartOf(new DateOnly(2026, 9, 6), "America/Santiago");
        Assert.Equal(new DateTime(2026, 9, 6, 1, 0, 0), TimeZoneInfo.ConvertTime(start, zone).DateTime);
    }
}
