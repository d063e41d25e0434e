using Billing.Core.Charging;
using Billing.Core.TopUps;

namespace Billing.Core.Tests;

public sealed class TierAndBonusRules
{
    [Theory]
    [InlineData(0, "1-5")]
    [InlineData(1, "1-5")]
    [InlineData(5, "1-5")]
    [InlineData(6, "6-10")]
    [InlineData(10, "6-10")]
    [InlineData(11, "6-10")]
    [InlineData(500, "6-10")]
    public void C1_the_tier_is_the_one_whose_range_holds_the_seats_and_the_last_above_it(int seats, string label) =>
        Assert.Equal(label, TestCatalog.Plan().TierFor(seats).Label);

    [Theory]
    [InlineData(99_000 * 3 - 1, 0)]
    [InlineData(99_000 * 3, 5)]
    [InlineData(99_000 * 6 - 1, 5)]
    [InlineData(99_000 * 6, 10)]
    [InlineData(99_000 * 12 - 1, 10)]
    [InlineData(99_000 * 12, 15)]
    [InlineData(99_000 * 40, 15)]
    public void B3_the_bonus_is_the_best_rule_whose_months_the_amount_reaches(long amount, int percent)
    {
        var q = BonusCalculator.Quote(amount, 99_000, TestCatalog.Catalog().PrepaymentBonuses);
        Assert.Equal(percent, q.Percent);
        Assert.Equal(amount * percent / 100, q.Bonus);
    }

    [Fact]
    public void B3_the_bonus_rounds_down_and_never_overflows()
    {
        Assert.Equal(14, BonusCalculator.Quote(299, 99, [new(3, 5)]).Bonus); // 14.95 → 14
        var huge = BonusCalculator.Quote(long.MaxValue / 2, 1, TestCatalog.Catalog().PrepaymentBonuses);
        Assert.Equal((long)((Int128)(long.MaxValue / 2) * 15 / 100), huge.Bonus);
    }

    [Fact]
    public void B3_a_free_plan_earns_no_bonus() =>
        Assert.Equal(0, BonusCalculator.Quote(1_000_000, 0, TestCatalog.Catalog().PrepaymentBonuses).Bonus);

    [Fact]
    public void C4_a_full_postpaid_month_is_base_plus_add_ons_plus_usage()
    {
        var c = TestPipeline.Month(TestCatalog.Plan(), 8, [TestCatalog.AddOn()], [new("sms", 10), new("sms", 5)],
            TestCatalog.Catalog(), "UAH", new DateOnly(2026, 10, 1), new DateOnly(2026, 3, 4));
        Assert.Equal(179_000 + 30_000 + 15 * 150, c.Total);
        Assert.Equal(c.Total, c.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData(2026, 11, 18, 13, 30)] // 13 of 30 days
    [InlineData(2028, 2, 15, 15, 29)]  // leap February
    [InlineData(2027, 2, 15, 14, 28)]
    public void C4_the_activation_month_is_charged_for_its_active_days(int year, int month, int day, int activeDays, int daysInMonth)
    {
        var c = TestPipeline.Month(TestCatalog.Plan(), 1, [], [], TestCatalog.Catalog(), "UAH", new DateOnly(year, month, 1), new DateOnly(year, month, day));
        Assert.Equal(99_000L * activeDays / daysInMonth, c.Total);
        Assert.Equal(activeDays, c.Lines[0].Days);
    }
}
