using Billing.Core.CustomerBilling;

namespace Billing.Core.Tests.CustomerBilling;

public sealed class PeriodAndDueRules
{
    [Theory]
    [InlineData("2026-11-23", DuePreset.Days3, "2026-11-26")]
    [InlineData("2026-11-23", DuePreset.Days5, "2026-11-28")]
    [InlineData("2026-11-23", DuePreset.Days6, "2026-11-29")]
    [InlineData("2026-11-23", DuePreset.Week1, "2026-11-30")]
    [InlineData("2026-11-23", DuePreset.Week2, "2026-12-07")]
    [InlineData("2026-12-30", DuePreset.Days3, "2027-01-02")]
    [InlineData("2026-11-23", DuePreset.EndOfThisMonth, "2026-11-30")]
    [InlineData("2026-11-23", DuePreset.EndOfNextMonth, "2026-12-31")]
    [InlineData("2026-12-15", DuePreset.EndOfNextMonth, "2027-01-31")]
    [InlineData("2027-01-31", DuePreset.EndOfNextMonth, "2027-02-28")]
    [InlineData("2028-01-31", DuePreset.EndOfNextMonth, "2028-02-29")]
    [InlineData("2028-02-10", DuePreset.EndOfThisMonth, "2028-02-29")]
    [InlineData("2100-02-10", DuePreset.EndOfThisMonth, "2100-02-28")]
    [InlineData("2028-02-27", DuePreset.Days3, "2028-03-01")]
    public void F8_due_presets_end_the_window_counted_from_the_issue_day(string issued, DuePreset preset, string until) =>
        Assert.Equal(DateOnly.Parse(until), Periods.PayableUntil(preset, DateOnly.Parse(issued)));

    [Fact]
    public void F8_unlimited_window_has_no_end() => Assert.Null(Periods.PayableUntil(DuePreset.Unlimited, new DateOnly(2026, 11, 23)));

    [Theory]
    [InlineData("2026-11-23", PeriodUnit.Day, PeriodType.Current, "2026-11-23", "2026-11-23")]
    [InlineData("2026-11-25", PeriodUnit.Week, PeriodType.Current, "2026-11-23", "2026-11-29")]
    [InlineData("2026-11-23", PeriodUnit.Month, PeriodType.Current, "2026-11-01", "2026-11-30")]
    public void F8_current_periods_are_the_calendar_day_week_and_month_of_the_run_day(string today, PeriodUnit unit, PeriodType type, string start, string end) =>
        Assert.Equal(new Period(DateOnly.Parse(start), DateOnly.Parse(end)), Periods.Of(DateOnly.Parse(today), unit, type));

    // The help page: "a monthly pass from 1.09: current = 1.09–30.09, next = 1.09–31.10".
    [Theory]
    [InlineData("2026-09-01", PeriodUnit.Month, "2026-09-01", "2026-10-31")]
    [InlineData("2026-09-17", PeriodUnit.Month, "2026-09-01", "2026-10-31")]
    [InlineData("2026-12-31", PeriodUnit.Month, "2026-12-01", "2027-01-31")]
    [InlineData("2028-01-15", PeriodUnit.Month, "2028-01-01", "2028-02-29")]
    [InlineData("2026-11-29", PeriodUnit.Week, "2026-11-23", "2026-12-06")]
    [InlineData("2026-11-23", PeriodUnit.Day, "2026-11-23", "2026-11-24")]
    public void F8_next_spans_from_the_start_of_the_current_period_to_the_end_of_the_next(string today, PeriodUnit unit, string start, string end) =>
        Assert.Equal(new Period(DateOnly.Parse(start), DateOnly.Parse(end)), Periods.Of(DateOnly.Parse(today), unit, PeriodType.Next));

    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

    [Fact]
    public void F8_daily_schedule_runs_at_the_local_time_in_the_tenant_zone()
    {
        var s = new MailingSchedule { Kind = ScheduleKind.Daily, Time = "09:30" };
        // 09:30 in Kyiv is 07:30 UTC in winter.
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T07:30:00Z"), s.NextAfter(DateTimeOffset.Parse("2026-11-23T07:00:00Z"), Kyiv));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T07:30:00Z"), s.NextAfter(DateTimeOffset.Parse("2026-11-23T07:30:00Z"), Kyiv));
    }

    [Fact]
    public void F8_weekly_schedule_runs_on_its_weekday()
    {
        var s = new MailingSchedule { Kind = ScheduleKind.Weekly, Time = "10:00", Weekday = DayOfWeek.Friday };
        var next = s.NextAfter(DateTimeOffset.Parse("2026-11-23T12:00:00Z"), Kyiv);
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T08:00:00Z"), next);
    }

    [Theory]
    [InlineData(31, "2027-02-01T00:00:00Z", "2027-02-28T07:00:00Z")]
    [InlineData(31, "2028-02-01T00:00:00Z", "2028-02-29T07:00:00Z")]
    [InlineData(31, "2027-04-01T00:00:00Z", "2027-04-30T06:00:00Z")]
    [InlineData(15, "2026-11-15T08:00:00Z", "2026-12-15T07:00:00Z")]
    public void F8_monthly_schedule_runs_on_its_day_or_the_last_day_of_a_shorter_month(int day, string after, string expected)
    {
        var s = new MailingSchedule { Kind = ScheduleKind.Monthly, Time = "09:00", DayOfMonth = day };
        Assert.Equal(DateTimeOffset.Parse(expected), s.NextAfter(DateTimeOffset.Parse(after), Kyiv));
    }

    [Fact]
    public void F8_a_local_time_skipped_by_the_spring_clock_change_runs_just_after_it()
    {
        // Kyiv jumps from 03:00 to 04:00 on 2027-03-28.
        var s = new MailingSchedule { Kind = ScheduleKind.Daily, Time = "03:30" };
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T01:00:00Z"), s.NextAfter(DateTimeOffset.Parse("2027-03-27T12:00:00Z"), Kyiv));
    }

    [Fact]
    public void F8_a_rule_planned_in_another_zone_moves_to_the_same_local_day_and_time_in_the_tenant_zone()
    {
        var rule = new MailingRule
        {
            Id = "rule_a", Name = "r", Method = MailingMethod.Forecast, Channel = MessageChannel.Email, TemplateId = "tpl_a", UpdatedAt = DateTimeOffset.UnixEpoch,
            Schedule = new MailingSchedule { Kind = ScheduleKind.Monthly, Time = "09:00", DayOfMonth = 1 },
            NextRunAt = DateTimeOffset.Parse("2026-12-01T07:00:00Z"), LastRunAt = DateTimeOffset.Parse("2026-11-01T07:00:00Z"), TimeZone = "Europe/Kyiv",
        };
        Assert.Same(rule, rule.InZone("Europe/Kyiv"));
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T14:00:00Z"), rule.InZone("America/New_York").NextRunAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T19:00:00Z"), rule.InZone("Pacific/Kiritimati").NextRunAt);
        Assert.Equal("America/New_York", rule.InZone("America/New_York").TimeZone);
        // A rule stored before zones were kept was planned in the tenant's zone: only the zone is noted.
        Assert.Equal(rule.NextRunAt, (rule with { TimeZone = null }).InZone("Asia/Tokyo").NextRunAt);
    }

    [Theory]
    [InlineData(ScheduleKind.Daily, "9:30", null, null)]
    [InlineData(ScheduleKind.Daily, "25:00", null, null)]
    [InlineData(ScheduleKind.Weekly, "09:30", null, null)]
    [InlineData(ScheduleKind.Monthly, "09:30", null, 0)]
    [InlineData(ScheduleKind.Monthly, "09:30", null, 32)]
    public void F8_an_incomplete_schedule_is_refused(ScheduleKind kind, string time, DayOfWeek? weekday, int? day)
    {
        var e = Assert.Throws<BillingException>(() => new MailingSchedule { Kind = kind, Time = time, Weekday = weekday, DayOfMonth = day }.Validate());
        Assert.Equal("schedule_invalid", e.Code);
    }
}
