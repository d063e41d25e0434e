using Billing.Core.Accounts;
using Billing.Core.Restrictions;
using Moq;

namespace Billing.Core.Tests;

/// <summary>D1–D4 rules with the clock walked through whole months, weekends, holidays and time zones.</summary>
public sealed class RestrictionRulesTests
{
    private static readonly RestrictionOptions Options = new();
    private static readonly IHolidayCalendar NoHolidays = Mock.Of<IHolidayCalendar>();

    private static Account InDebt(string timeZone = "Europe/Kyiv", RestrictionPolicy policy = RestrictionPolicy.DayOfMonth, DateOnly? since = null) => new()
    {
        Id = "acc_r", Name = "R", Currency = "UAH", TimeZone = timeZone, Country = "UA", PlanId = "p", State = AccountState.Active,
        Balance = -100, Restrictions = new RestrictionState { Policy = policy, NegativeSince = since },
    };

    private static RestrictionLevel Expected(int day) => day switch
    {
        <= 3 => RestrictionLevel.None, <= 6 => RestrictionLevel.Reminder, <= 9 => RestrictionLevel.PaymentOnly, _ => RestrictionLevel.Blocked,
    };

    [Theory]
    [InlineData(2026, 2)]  // 28 days
    [InlineData(2028, 2)]  // 29 days
    [InlineData(2026, 4)]  // 30 days
    [InlineData(2026, 12)] // 31 days, and the year turns
    public void D2_every_day_of_a_month_follows_the_ladder_and_the_1st_starts_it_again(int year, int month)
    {
        var a = InDebt();
        var first = new DateTimeOffset(year, month, 1, 12, 0, 0, TimeSpan.Zero);
        for (var t = first; t.Month == month; t = t.AddDays(1))
            Assert.Equal(Expected(t.Day), RestrictionRules.Level(a, t, Options, NoHolidays).Level);
        Assert.Equal(RestrictionLevel.None, RestrictionRules.Level(a, first.AddMonths(1), Options, NoHolidays).Level);
    }

    [Theory]
    [InlineData("Asia/Tokyo", 4)]          // 2026-11-03T20:00Z is already the 4th in Tokyo (UTC+9)
    [InlineData("America/Los_Angeles", 3)] // and still the 3rd in Los Angeles (UTC-8)
    public void D2_the_day_is_the_accounts_own_local_day_on_either_side_of_utc(string zone, int localDay)
    {
        var level = RestrictionRules.Level(InDebt(zone), new DateTimeOffset(2026, 11, 3, 20, 0, 0, TimeSpan.Zero), Options, NoHolidays).Level;
        Assert.Equal(Expected(localDay), level);
    }

    [Fact]
    public void D2_across_a_daylight_saving_change_the_local_date_still_decides()
    {
        // Europe/Kyiv leaves summer time on 2026-10-25 at 04:00 local (01:00Z): 21:30Z on the 25th is 23:30 local, still the 25th.
        var a = InDebt();
        Assert.Equal(RestrictionLevel.Blocked, RestrictionRules.Level(a, new DateTimeOffset(2026, 10, 25, 21, 30, 0, TimeSpan.Zero), Options, NoHolidays).Level);
        // 22:30Z is 00:30 on the 26th local time (UTC+2 after the change).
        Assert.Equal(26, TimeZoneInfo.ConvertTime(new DateTimeOffset(2026, 10, 25, 22, 30, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).Day);
        // In March the clocks go forward (2026-03-29); the 4th of April is the 4th either way.
        Assert.Equal(RestrictionLevel.Reminder, RestrictionRules.Level(a, new DateTimeOffset(2026, 4, 3, 21, 30, 0, TimeSpan.Zero), Options, NoHolidays).Level);
    }

    [Fact]
    public void D2_a_balance_of_zero_or_more_is_never_restricted_and_thresholds_are_configurable()
    {
        var t = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(RestrictionLevel.None, RestrictionRules.Level(InDebt() with { Balance = 0 }, t, Options, NoHolidays).Level);
        var lenient = new RestrictionOptions { ReminderFromDay = 15, PaymentOnlyFromDay = 20, BlockedFromDay = 25 };
        Assert.Equal(RestrictionLevel.Reminder, RestrictionRules.Level(InDebt(), t.AddDays(-5), lenient, NoHolidays).Level);
    }

    [Fact]
    public void D3_a_debt_from_a_saturday_blocks_on_monday_and_a_holiday_monday_moves_it_to_tuesday()
    {
        var saturday = new DateOnly(2026, 8, 22);
        var a = InDebt(policy: RestrictionPolicy.Immediate, since: saturday);
        DateTimeOffset Morning(DateOnly d) => new(d.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        Assert.Equal(RestrictionLevel.Reminder, RestrictionRules.Level(a, Morning(saturday), Options, NoHolidays).Level);
        Assert.Equal(RestrictionLevel.Reminder, RestrictionRules.Level(a, Morning(saturday.AddDays(1)), Options, NoHolidays).Level);
        Assert.Equal(RestrictionLevel.Blocked, RestrictionRules.Level(a, Morning(saturday.AddDays(2)), Options, NoHolidays).Level);

        // 24 August is Independence Day in Ukraine.
        var holidays = Mock.Of<IHolidayCalendar>(h => h.IsHoliday("UA", new DateOnly(2026, 8, 24)));
        Assert.Equal(RestrictionLevel.Reminder, RestrictionRules.Level(a, Morning(saturday.AddDays(2)), Options, holidays).Level);
        Assert.Equal(RestrictionLevel.Blocked, RestrictionRules.Level(a, Morning(saturday.AddDays(3)), Options, holidays).Level);
    }

    [Fact]
    public void D3_a_debt_on_a_working_day_blocks_at_once_and_everyone_but_the_owner_loses_access()
    {
        var a = InDebt(policy: RestrictionPolicy.Immediate, since: new DateOnly(2026, 11, 18));
        var level = RestrictionRules.Level(a, new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero), Options, NoHolidays).Level;
        Assert.Equal(RestrictionLevel.Blocked, level);
        Assert.Equal(AccessLevel.PaymentOnly, RestrictionRules.Access(a, level, Role.Owner));
        Assert.Equal(AccessLevel.None, RestrictionRules.Access(a, level, Role.Admin));
        Assert.Equal(AccessLevel.None, RestrictionRules.Access(a, level, Role.Employee));
    }

    [Theory]
    [InlineData(RestrictionLevel.None, AccessLevel.Full, AccessLevel.Full, AccessLevel.Full)]
    [InlineData(RestrictionLevel.Reminder, AccessLevel.Reminder, AccessLevel.Reminder, AccessLevel.Full)]
    [InlineData(RestrictionLevel.PaymentOnly, AccessLevel.PaymentOnly, AccessLevel.PaymentOnly, AccessLevel.Full)]
    [InlineData(RestrictionLevel.Blocked, AccessLevel.None, AccessLevel.None, AccessLevel.None)]
    public void D1_each_role_gets_what_its_level_allows(RestrictionLevel level, AccessLevel owner, AccessLevel admin, AccessLevel employee)
    {
        var a = InDebt();
        Assert.Equal((owner, admin, employee), (RestrictionRules.Access(a, level, Role.Owner), RestrictionRules.Access(a, level, Role.Admin), RestrictionRules.Access(a, level, Role.Employee)));
    }

    [Fact]
    public void D4_a_promise_in_force_lifts_everything_until_it_ends()
    {
        var t = new DateTimeOffset(2026, 11, 12, 12, 0, 0, TimeSpan.Zero);
        var a = InDebt() with { Restrictions = InDebt().Restrictions with { PromiseUntil = t.AddDays(3) } };
        Assert.Equal(RestrictionLevel.None, RestrictionRules.Level(a, t.AddDays(2.9), Options, NoHolidays).Level);
        Assert.Equal(RestrictionLevel.Blocked, RestrictionRules.Level(a, t.AddDays(3), Options, NoHolidays).Level);
    }

    [Fact]
    public void D6_E3_a_deleted_account_gives_no_one_access_whatever_its_level() =>
        Assert.Equal(AccessLevel.None, RestrictionRules.Access(InDebt() with { State = AccountState.Deleted, Balance = 0 }, RestrictionLevel.None, Role.Owner));
}
