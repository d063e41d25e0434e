using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Notifications;
using Billing.Core.Runways;
using Billing.Core.Storage;
using Moq;

namespace Billing.Core.Tests;

/// <summary>A6: the runway from the head and the catalog, and the low-balance alert once per crossing.</summary>
public sealed class RunwayRules
{
    // 12:00 in Kyiv on Monday 2 November 2026.
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly BillingCatalog Catalog = TestCatalog.Catalog();

    /// <summary>The test plan's first tier (99,000 a month) at 3 seats with the PBX add-on (30,000): 129,000 a month, 4,300 a day.</summary>
    private static Account Daily(long balance, IReadOnlyList<long>? usage = null, DateOnly? lastCharged = null, string timeZone = "Europe/Kyiv") => new()
    {
        Id = "acc_r", Name = "R", Currency = "UAH", TimeZone = timeZone, Country = "UA", PlanId = "std", AddOns = ["pbx"], State = AccountState.Active,
        BillingMode = BillingMode.Daily, ActivatedOn = new DateOnly(2026, 10, 1), Balance = balance,
        Charging = new ChargingState { ReportedSeats = 3, KnownSeats = 3, LastChargedDay = lastCharged ?? Today.AddDays(-1), UsageCosts = usage ?? [] },
    };

    private static RunwayOutcome Of(Account a, DateTimeOffset? at = null) => RunwayCalculator.Of(a, Catalog, at ?? Noon);

    [Fact]
    public void A6_the_runway_is_the_balance_over_the_plan_tier_for_the_seats_in_use_and_the_add_ons_a_day()
    {
        var outcome = Assert.IsType<RunwayOutcome.Ends>(Of(Daily(43_000)));
        Assert.Equal(new Runway(10, Today.AddDays(10)), outcome.Runway);
        Assert.Equal(4_300, outcome.Burn.Rounded);
        // One minor unit short of ten days is nine; the tenth day is the first it cannot pay.
        Assert.Equal(new Runway(9, Today.AddDays(9)), Of(Daily(42_999)).Shown);
        // Six seats is the second tier (179,000): 209,000 a month.
        var six = Daily(69_667) with { Charging = Daily(0).Charging with { ReportedSeats = 6 } };
        Assert.Equal(new Runway(10, Today.AddDays(10)), Of(six).Shown);
    }

    [Fact]
    public void A6_usage_adds_its_average_over_the_last_charged_days_days_without_usage_counting_as_zero()
    {
        // 4,300 + (1,500 + 0) / 2 = 5,050 a day: 50,500 lasts ten days exactly.
        var outcome = Assert.IsType<RunwayOutcome.Ends>(Of(Daily(50_500, usage: [1_500, 0])));
        Assert.Equal(10, outcome.Runway.Days);
        Assert.Equal(5_050, outcome.Burn.Rounded);
        Assert.Equal(9, Of(Daily(50_499, usage: [1_500, 0])).Shown!.Days);
        // An average that is no whole number is kept exact: 4,300 + 1,000 / 3 = 4,633⅓; 46,334 pays ten days, 46,333 nine.
        Assert.Equal(10, Of(Daily(46_334, usage: [1_000, 0, 0])).Shown!.Days);
        Assert.Equal(9, Of(Daily(46_333, usage: [1_000, 0, 0])).Shown!.Days);
    }

    [Fact]
    public void A6_the_daily_charge_keeps_the_usage_cost_of_the_last_30_charged_days_only()
    {
        var charging = new ChargingState();
        for (var d = 1; d <= 35; d++) charging = charging.DayCharged(Today.AddDays(d), 0, 1, d * 10);
        Assert.Equal(ChargingState.UsageWindowDays, charging.UsageCosts.Count);
        Assert.Equal(Enumerable.Range(6, 30).Select(d => d * 10L), charging.UsageCosts);
    }

    [Fact]
    public void A6_the_burn_is_what_30_daily_charges_take_whatever_the_carry()
    {
        foreach (var (low, addOn) in new (long, long)[] { (99_000, 30_000), (99_001, 7), (1, 0), (59_999, 29_999) })
        {
            var catalog = TestCatalog.Catalog(TestCatalog.Plan(lowTier: low), TestCatalog.AddOn(addOn));
            var a = Daily(0);
            var burn = RunwayCalculator.Burn(a, catalog)!;
            long carry = 0, total = 0;
            for (var day = 0; day < ChargePipeline.DaysPerMonth; day++)
            {
                var charge = ChargePipeline.Day(a, catalog, a.Charging.SeatsInUse, [], carry);
                (carry, total) = (charge.NewCarry, total + charge.Total);
            }
            Assert.Equal(total, burn.Numerator * ChargePipeline.DaysPerMonth / burn.Denominator);
            Assert.Equal(low + addOn, burn.MonthlyRate);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-12_345L)]
    [InlineData(4_299L)] // less than one day
    public void A6_a_balance_that_pays_no_whole_day_is_0_days_until_today(long balance) =>
        Assert.Equal(new Runway(0, Today), Of(Daily(balance)).Shown);

    [Fact]
    public void A6_until_is_a_local_day_of_the_accounts_time_zone_counted_from_the_first_day_not_yet_charged()
    {
        // 00:30 on 3 November in Kyiv, before the hourly charge took 2 November: that day is paid first.
        var afterMidnight = new DateTimeOffset(2026, 11, 2, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal(new Runway(9, Today.AddDays(10)), Of(Daily(43_000), afterMidnight).Shown);
        // The same instant is still the afternoon of 2 November in Los Angeles.
        Assert.Equal(new Runway(10, Today.AddDays(10)), Of(Daily(43_000, timeZone: "America/Los_Angeles"), afterMidnight).Shown);
        // Days due and not charged that the balance cannot pay: it ran out, today.
        Assert.Equal(new Runway(0, Today), Of(Daily(4_300, lastCharged: Today.AddDays(-5))).Shown);
    }

    [Fact]
    public void A6_nothing_charged_per_day_never_runs_out_and_has_no_runway_to_show()
    {
        var free = TestCatalog.Catalog(TestCatalog.Plan(lowTier: 0), TestCatalog.AddOn(0));
        Assert.IsType<RunwayOutcome.Endless>(RunwayCalculator.Of(Daily(0), free, Noon));
        Assert.Null(RunwayCalculator.Of(Daily(-500), free, Noon).Shown);
        // More than a century of charges: no date worth showing either.
        Assert.IsType<RunwayOutcome.Endless>(Of(Daily(long.MaxValue / 2)));
        Assert.IsType<RunwayOutcome.Ends>(Of(Daily(4_300L * RunwayCalculator.MaxDays)));
    }

    [Fact]
    public void A6_accounts_no_daily_charge_takes_money_from_have_no_runway()
    {
        Assert.IsType<RunwayOutcome.NotCharged>(Of(Daily(1_000) with { State = AccountState.Trial }));
        Assert.IsType<RunwayOutcome.NotCharged>(Of(Daily(1_000) with { State = AccountState.Deleted }));
        Assert.IsType<RunwayOutcome.NotCharged>(Of(Daily(1_000) with { BillingMode = BillingMode.MonthlyPostpaid }));
        Assert.IsType<RunwayOutcome.NotCharged>(Of(Daily(1_000) with { PlanId = "retired_plan" }));
    }

    [Fact]
    public void A6_the_alert_is_sent_once_per_crossing_and_re_armed_when_the_runway_rises_above_the_threshold()
    {
        var state = new LowBalanceState();
        AccountNotice? Step(int days)
        {
            var (next, notice) = state.Follow(new RunwayOutcome.Ends(new Runway(days, Today.AddDays(days)), new DailyBurn(129_000, 0, 0)), days * 4_300L, "UAH", Today);
            state = next;
            return notice;
        }

        Assert.Null(Step(10));
        var low = Assert.IsType<BalanceLow>(Step(6));
        Assert.Equal(("balance-low-1", 6, 7, 4_300L), (low.Key, low.Runway.Days, low.Threshold, low.DailyCost));
        Assert.Equal(Today, state.AlertedOn);
        Assert.Null(Step(5));
        Assert.Null(Step(0));
        var recovered = Assert.IsType<BalanceRecovered>(Step(12));
        Assert.Equal("balance-recovered-1", recovered.Key);
        Assert.Null(state.AlertedOn);
        Assert.Null(Step(8));
        // The threshold itself counts as low: 7 days of a 7-day threshold is a new crossing, with a new key.
        Assert.Equal("balance-low-2", Assert.IsType<BalanceLow>(Step(7)).Key);
        Assert.Equal(2, state.Alerts);
    }

    [Fact]
    public void A6_a_threshold_of_0_sends_nothing_and_quietly_re_arms_an_alert_in_force()
    {
        var burn = new DailyBurn(129_000, 0, 0);
        var zero = new RunwayOutcome.Ends(new Runway(0, Today), burn);
        var (off, notice) = new LowBalanceState { Days = 0 }.Follow(zero, 0, "UAH", Today);
        Assert.Null(notice);
        Assert.Null(off.AlertedOn);

        var (rearmed, quiet) = new LowBalanceState { AlertedOn = Today, Alerts = 1 }.WithThreshold(0).Follow(zero, 0, "UAH", Today);
        Assert.Null(quiet);
        Assert.Null(rearmed.AlertedOn);
        // Nothing charged per day any more: recovered, with no date to give.
        var (_, endless) = new LowBalanceState { AlertedOn = Today, Alerts = 1 }.Follow(new RunwayOutcome.Endless(burn), 0, "UAH", Today);
        Assert.DoesNotContain("until", Assert.IsType<BalanceRecovered>(endless).Data().Select(kv => kv.Key));
        // An account the daily charge does not charge keeps its state.
        var kept = new LowBalanceState { AlertedOn = Today, Alerts = 1 };
        Assert.Equal((kept, (AccountNotice?)null), kept.Follow(new RunwayOutcome.NotCharged(), 0, "UAH", Today));
    }

    [Fact]
    public async Task A6_the_daily_charge_that_crosses_the_threshold_commits_the_alert_with_its_email_and_event_and_the_next_charge_adds_none()
    {
        var store = new InMemoryAccountStore();
        var job = new DailyChargeJob(TestPipeline.UnitOfWork(store), Mock.Of<ICatalogSource>(c => c.Current == Catalog), new ChargeDue(Mock.Of<IShardIndex>(), Mock.Of<IJobRunLog>()));
        // Charged up to 1 November; 34,400 lasts 8 days, so charging 2 November leaves 7: the threshold.
        await store.CreateAsync(Daily(34_400, lastCharged: Today.AddDays(-1)) with { OwnerEmail = "owner@test.example", AdminEmails = ["admin@test.example"] }, default);
        var committed = store.Commits;

        Assert.Equal(1, await job.RunAsync("acc_r", new JobContext(Noon.AddDays(1), "run1"), default));
        Assert.Equal(committed + 1, store.Commits); // the charge and its alert: one transaction
        var head = (await store.FindAsync("acc_r", default))!.Value;
        Assert.Equal(30_100, head.Balance);
        Assert.Equal(new LowBalanceState { AlertedOn = Today.AddDays(1), Alerts = 1 }, head.LowBalance);
        var outbox = await store.ListAsync("acc_r", OutboxMessage.All, default).ToListAsync();
        var email = Assert.Single(outbox, m => m.Channel == OutboxChannel.Email);
        Assert.Equal(("mail-balance-low-1", NoticeType.BalanceLow), (email.Id, email.Type));
        Assert.Equal(["owner@test.example", "admin@test.example"], email.To);
        var evt = Assert.Single(outbox, m => m.Channel == OutboxChannel.Event);
        Assert.Equal("acc_r.event-balance-low-1", evt.EventId("acc_r"));
        Assert.Equal("""{"alert":1,"days":7,"until":"2026-11-10","threshold":7,"balance":30100,"dailyCost":4300,"currency":"UAH"}""", evt.Payload!.ToJsonString());

        Assert.Equal(1, await job.RunAsync("acc_r", new JobContext(Noon.AddDays(2), "run2"), default));
        Assert.Equal(2, (await store.ListAsync("acc_r", OutboxMessage.All, default).ToListAsync()).Count);
        Assert.Equal(1, (await store.FindAsync("acc_r", default))!.Value.LowBalance.Alerts);
    }
}
