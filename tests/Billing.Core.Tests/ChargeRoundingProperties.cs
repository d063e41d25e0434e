using Billing.Core.Charging;

namespace Billing.Core.Tests;

/// <summary>C2: daily division carries its remainder, so money is never lost or invented, for any price and run of days.</summary>
public sealed class ChargeRoundingProperties
{
    [Fact]
    public void C2_thirty_days_at_one_price_sum_exactly_to_the_monthly_price_for_any_price_and_starting_carry()
    {
        const int seed = 20261123;
        var random = new Random(seed);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var monthly = random.NextInt64(0, 1_000_000_000_000);
            long carry = random.Next(0, 30);
            var plan = TestCatalog.Plan(monthly, monthly);
            var catalog = TestCatalog.Catalog(plan);
            long sum = 0;
            for (var day = 0; day < 30; day++)
            {
                var c = TestPipeline.Day(plan, 1, [], [], catalog, "UAH", carry);
                sum += c.Total;
                carry = c.NewCarry;
            }
            Assert.True(sum == monthly, $"seed {seed}, trial {trial}: price {monthly}, 30 days summed to {sum}");
        }
    }

    [Fact]
    public void C2_any_run_of_days_with_changing_prices_charges_exactly_the_thirtieths_less_the_final_carry()
    {
        const int seed = 7;
        var random = new Random(seed);
        for (var trial = 0; trial < 300; trial++)
        {
            var days = random.Next(1, 401);
            long carry = random.Next(0, 30);
            var initialCarry = carry;
            long charged = 0, thirtieths = 0;
            var plan = TestCatalog.Plan(random.NextInt64(0, 10_000_000), random.NextInt64(0, 10_000_000));
            var addOn = TestCatalog.AddOn(random.NextInt64(0, 1_000_000));
            var catalog = TestCatalog.Catalog(plan, addOn);
            for (var d = 0; d < days; d++)
            {
                var seats = random.Next(1, 11);
                var sms = random.Next(0, 3) == 0 ? random.Next(1, 500) : 0;
                var c = TestPipeline.Day(plan, seats, [addOn], [new UsageQuantity("sms", sms)], catalog, "UAH", carry);
                Assert.All(c.Lines, l => Assert.True(l.Amount >= 0, $"seed {seed}: negative line {l}"));
                Assert.Equal(c.Total, c.Lines.Sum(l => l.Amount));
                Assert.InRange(c.NewCarry, 0, 29);
                var usage = c.Lines.Where(l => l.Item == "usage:sms").Sum(l => l.Amount);
                Assert.Equal(sms * 150L, usage);
                charged += c.Total - usage;
                thirtieths += plan.TierFor(seats).Tier.Monthly["UAH"] + addOn.Monthly["UAH"];
                carry = c.NewCarry;
            }
            Assert.True(charged * 30 == thirtieths + initialCarry - carry, $"seed {seed}, trial {trial}: {days} days lost or invented money");
        }
    }

    [Fact]
    public void C2_a_day_explains_itself_plan_with_tier_and_seats_then_add_ons_then_usage()
    {
        var catalog = TestCatalog.Catalog();
        var c = TestPipeline.Day(TestCatalog.Plan(), 7, [TestCatalog.AddOn()], [new UsageQuantity("sms", 3)], catalog, "UAH", 0);
        Assert.Equal(["plan:std", "add_on:pbx", "usage:sms"], c.Lines.Select(l => l.Item).ToArray());
        Assert.Equal("6-10", c.Lines[0].Tier);
        Assert.Equal(7, c.Lines[0].Seats);
        Assert.Equal(179_000 / 30, c.Lines[0].Amount);
        Assert.Equal((179_000 % 30 + 30_000) / 30, c.Lines[1].Amount); // the plan's remainder carries into the add-on
        Assert.Equal(450, c.Lines[2].Amount);
    }

    [Fact]
    public void C2_a_carry_outside_0_to_29_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestPipeline.Day(TestCatalog.Plan(), 1, [], [], TestCatalog.Catalog(), "UAH", 30));
}
