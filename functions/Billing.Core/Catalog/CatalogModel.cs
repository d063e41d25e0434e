using Billing.Core.Accounts;

namespace Billing.Core.Catalog;

/// <summary>Prices per currency, in minor units.</summary>
public sealed class PriceList : Dictionary<string, long>
{
    public long For(string currency, string what) =>
        TryGetValue(currency, out var minor) ? minor
            : throw BillingException.Refused("price_missing", $"{what} has no price in {currency}.");
}

public sealed record SeatTier(int UpToSeats, PriceList Monthly);

public sealed record Plan(string Id, string Name, BillingMode BillingMode, int MaxSeats, IReadOnlyList<SeatTier> Tiers)
{
    /// <summary>The tier whose range holds the seat count; above the last tier, the last tier (C1, C2).</summary>
    public (SeatTier Tier, string Label) TierFor(int seats)
    {
        var lower = 1;
        foreach (var tier in Tiers)
        {
            if (seats <= tier.UpToSeats) return (tier, $"{lower}-{tier.UpToSeats}");
            lower = tier.UpToSeats + 1;
        }
        var last = Tiers[^1];
        return (last, $"{(Tiers.Count > 1 ? Tiers[^2].UpToSeats + 1 : 1)}-{last.UpToSeats}");
    }
}

public sealed record AddOn(string Id, string Name, PriceList Monthly);

public sealed record UsageMetric(string Id, string Name, string Unit, PriceList UnitPrice);

/// <summary>"Pay at least N months of the current plan: +P %" (B3).</summary>
public sealed record PrepaymentBonus(int MinMonths, int Percent);

public sealed record TopUpLimits(PriceList Min, PriceList Max);

/// <summary>Service rules (C6–C8): days a lapsed service keeps before it expires, days to pay a renewal invoice.</summary>
public sealed record ServiceRules(int GracePeriodDays = 7, int InvoiceDueDays = 3);

/// <summary>The versioned catalog (C1): configuration, not code.</summary>
public sealed record BillingCatalog(
    string Version,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<Plan> Plans,
    IReadOnlyList<AddOn> AddOns,
    IReadOnlyList<UsageMetric> UsageMetrics,
    IReadOnlyList<PrepaymentBonus> PrepaymentBonuses,
    TopUpLimits TopUp,
    ServiceRules? Services = null)
{
    public ServiceRules ServiceRules => Services ?? new ServiceRules();

    public Plan Plan(string id) => Plans.FirstOrDefault(p => p.Id == id) ?? throw BillingException.NotFound("plan", id);
    public AddOn AddOn(string id) => AddOns.FirstOrDefault(a => a.Id == id) ?? throw BillingException.NotFound("add_on", id);
    /// <summary>A plan's price for a month at a seat count, or an add-on's.</summary>
    public long MonthlyPrice(string itemId, string currency, int seats)
    {
        var plan = Plans.FirstOrDefault(p => p.Id == itemId);
        return plan is not null ? plan.TierFor(seats).Tier.Monthly.For(currency, $"plan {plan.Id}") : AddOn(itemId).Monthly.For(currency, $"add-on {itemId}");
    }

    public UsageMetric Metric(string id) => UsageMetrics.FirstOrDefault(m => m.Id == id) ?? throw BillingException.NotFound("usage_metric", id);
}
