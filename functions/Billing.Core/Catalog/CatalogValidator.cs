namespace Billing.Core.Catalog;

/// <summary>Refuses a catalog that could bill wrongly: a missing price, unordered tiers, a negative amount.</summary>
public static class CatalogValidator
{
    public static IReadOnlyList<string> Problems(BillingCatalog c)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(c.Version)) problems.Add("version is required");
        if (c.Currencies.Count == 0) problems.Add("currencies is empty");
        foreach (var code in c.Currencies)
            if (!Money.Currency.TryGet(code, out _)) problems.Add($"unknown currency {code}");
        if (c.Plans.Count == 0) problems.Add("no plans");

        void Prices(PriceList? prices, string what, bool allowZero = true)
        {
            if (prices is null) { problems.Add($"{what}: prices missing"); return; }
            foreach (var code in c.Currencies)
                if (!prices.TryGetValue(code, out var v)) problems.Add($"{what}: no price in {code}");
                else if (v < 0 || (!allowZero && v == 0)) problems.Add($"{what}: price in {code} must be {(allowZero ? ">= 0" : "> 0")}");
        }

        foreach (var p in c.Plans)
        {
            if (p.Tiers is not { Count: > 0 }) { problems.Add($"plan {p.Id}: no tiers"); continue; }
            for (var i = 0; i < p.Tiers.Count; i++)
            {
                if (i > 0 && p.Tiers[i].UpToSeats <= p.Tiers[i - 1].UpToSeats) problems.Add($"plan {p.Id}: tiers must ascend");
                Prices(p.Tiers[i].Monthly, $"plan {p.Id} tier {i + 1}");
            }
            if (p.MaxSeats < p.Tiers[^1].UpToSeats) problems.Add($"plan {p.Id}: maxSeats below the last tier");
        }
        foreach (var a in c.AddOns) Prices(a.Monthly, $"add-on {a.Id}");
        foreach (var m in c.UsageMetrics) Prices(m.UnitPrice, $"metric {m.Id}");
        Prices(c.TopUp?.Min, "topUp.min", allowZero: false);
        Prices(c.TopUp?.Max, "topUp.max", allowZero: false);
        foreach (var b in c.PrepaymentBonuses)
            if (b.MinMonths < 1 || b.Percent is < 0 or > 100) problems.Add($"bonus {b.MinMonths}/{b.Percent}: out of range");
        var ids = c.Plans.Select(p => p.Id).Concat(c.AddOns.Select(a => a.Id)).Concat(c.UsageMetrics.Select(m => m.Id)).ToList();
        foreach (var dup in ids.GroupBy(i => i).Where(g => g.Count() > 1)) problems.Add($"duplicate id {dup.Key}");
        foreach (var id in ids)
            if (!Validation.Ids.IsValid(id)) problems.Add($"id '{id}' must be [a-z0-9_] and at most 64 characters");
        return problems;
    }
}
