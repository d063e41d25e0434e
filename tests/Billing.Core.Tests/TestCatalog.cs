using Billing.Core.Accounts;
using Billing.Core.Catalog;

namespace Billing.Core.Tests;

/// <summary>A small catalog for calculator tests: one daily plan with two tiers, one add-on, one metric.</summary>
internal static class TestCatalog
{
    public static PriceList Uah(long minor) => new() { ["UAH"] = minor };

    public static Plan Plan(long lowTier = 99_000, long highTier = 179_000) =>
        new("std", "Standard", BillingMode.Daily, 10, [new SeatTier(5, Uah(lowTier)), new SeatTier(10, Uah(highTier))]);

    public static AddOn AddOn(long monthly = 30_000) => new("pbx", "PBX", Uah(monthly));

    public static BillingCatalog Catalog(Plan? plan = null, AddOn? addOn = null) => new("test", ["UAH"], [plan ?? Plan()], [addOn ?? AddOn()],
        [new UsageMetric("sms", "SMS", "SMS", Uah(150))], [new PrepaymentBonus(3, 5), new PrepaymentBonus(6, 10), new PrepaymentBonus(12, 15)],
        new TopUpLimits(Uah(100), Uah(1_000_000_000)));
}
