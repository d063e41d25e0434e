using Billing.Core.CustomerBilling;
using static Billing.Core.Tests.CustomerBilling.CustomerBillingFixtures;

namespace Billing.Core.Tests.CustomerBilling;

public sealed class ForecastRules
{
    private static readonly DateOnly Nov1 = new(2026, 11, 1);
    private static readonly Period November = new(Nov1, new DateOnly(2026, 11, 30));

    [Fact]
    public void F2_forecast_prices_planned_lessons_in_the_period_less_paid_lessons_and_money_on_account()
    {
        // 5 guitar lessons in November (+1 in December, outside), 1 already paid, 250.00 on the base account.
        var c = Customer(balance: 25_000, passes: [Guitar(lessonsLeft: 1), Piano()], lessons: Weekly("guitar", new DateOnly(2026, 11, 2), 6));
        var f = InvoiceAmounts.Forecast(c, TargetAccount.Base, November);
        // 4 chargeable × 1000.00 / 4 = 1000.00, less 250.00 on account.
        Assert.Equal(75_000, f.Amount);
        Assert.Equal(f.Amount, f.Lines.Sum(l => l.Amount));
        Assert.Contains(f.Lines, l => l.Description.Contains("5 lessons planned") && l.Amount == 100_000);
        Assert.Equal(["guitar"], f.Subjects);
    }

    [Fact]
    public void F2_forecast_of_a_separate_pass_counts_only_its_lessons_and_its_own_money()
    {
        var lessons = Weekly("guitar", Nov1, 4).Concat(Weekly("piano", Nov1, 3)).ToList();
        var c = Customer(balance: 1_000_000, passes: [Guitar(), Piano(moneyLeft: 15_000)], lessons: lessons);
        var f = InvoiceAmounts.Forecast(c, new TargetAccount("piano"), November);
        // 3 × 1200.00 / 8 = 450.00, less 150.00 on the pass.
        Assert.Equal(30_000, f.Amount);
    }

    [Fact]
    public void F2_forecast_never_goes_below_zero_when_the_account_covers_the_period()
    {
        var c = Customer(balance: 500_000, lessons: Weekly("guitar", Nov1, 4));
        Assert.Equal(0, InvoiceAmounts.Forecast(c, TargetAccount.Base, November).Amount);
    }

    [Fact]
    public void F2_a_debt_on_the_account_is_added_to_the_forecast()
    {
        var c = Customer(balance: -20_000, lessons: Weekly("guitar", Nov1, 1));
        Assert.Equal(25_000 + 20_000, InvoiceAmounts.Forecast(c, TargetAccount.Base, November).Amount);
    }

    [Theory]
    [InlineData(100_000, 3, 1, 33_334)]
    [InlineData(100_000, 3, 3, 100_000)]
    [InlineData(99, 4, 1, 25)]
    [InlineData(0, 4, 4, 0)]
    public void F2_a_lesson_costs_price_over_lessons_per_period_rounded_up(long price, int perPeriod, int lessons, long expected) =>
        Assert.Equal(expected, InvoiceAmounts.LessonsCost(new Pass { Id = "p", Name = "p", Price = price, LessonsPerPeriod = perPeriod }, lessons));

    [Fact]
    public void F2_subscription_amount_is_the_price_of_the_passes_the_account_pays_for()
    {
        var c = Customer();
        Assert.Equal(100_000, InvoiceAmounts.Subscription(c, TargetAccount.Base).Amount);
        Assert.Equal(120_000, InvoiceAmounts.Subscription(c, new TargetAccount("piano")).Amount);
    }

    [Fact]
    public void F2_forecast_period_starts_on_the_issue_day()
    {
        Assert.Equal(new Period(new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 22)), Periods.StartingOn(new DateOnly(2026, 11, 23), PeriodUnit.Month));
        Assert.Equal(new Period(new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 27)), Periods.StartingOn(new DateOnly(2026, 1, 31), PeriodUnit.Month));
        Assert.Equal(new Period(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)), Periods.StartingOn(new DateOnly(2026, 11, 23), PeriodUnit.Week));
    }
}
