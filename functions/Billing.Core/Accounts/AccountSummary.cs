using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Accounts;

public sealed record ServiceLine(string Kind, string Id, string Name, long MonthlyPrice, int? MaxSeats, string? Tier);

public sealed record AccountSummary(
    Account Account,
    long Balance,
    string Currency,
    DateOnly Today,
    DateOnly MonthStart,
    IReadOnlyList<BreakdownLine> UsageThisMonth,
    long UsageCost,
    long? PostpaidEstimate,
    IReadOnlyList<BreakdownLine> PostpaidEstimateLines,
    IReadOnlyList<ServiceLine> Services,
    IReadOnlyList<Services.Service> PrepaidServices,
    IReadOnlyList<Invoice> UnpaidInvoices,
    Runways.Runway? Runway)
{
    /// <summary>A5, B5: the unpaid invoices the balance can pay now, at the admin's word.</summary>
    public IReadOnlyList<PayableInvoice> PayableFromBalance =>
        UnpaidInvoices.Where(i => AutoPayPolicy.PayableFromBalance(Account, i)).Select(PayableInvoice.Of).ToList();
}

/// <summary>A5: what the account has, has used this month and what that will cost, and what it owes.</summary>
public sealed class AccountSummaryService(IAccountReader reader, ICatalogSource catalog, TimeProvider clock)
{
    public async Task<AccountSummary> GetAsync(string accountId, CancellationToken ct)
    {
        var read = await reader.ReadHeadAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var a = read.Merged.Value;
        var cat = catalog.Current;
        var now = clock.GetUtcNow();
        var today = LocalCalendar.Today(now, a.TimeZone);
        var month = LocalCalendar.FirstOfMonth(today);

        // A5: what the charges of this month counted, and what the counters hold that is not charged yet (C11).
        var charged = await reader.ListAsync(accountId, UsageDay.Between(month, month.AddMonths(1)), ct).Select(u => new UsageQuantity(u.Metric, u.Quantity)).ToListAsync(ct);
        var pending = read.Usage.Select(c => c.Value).Where(c => c.Bucket >= month && c.Bucket < month.AddMonths(1))
            .SelectMany(c => c.Quantities.Select(q => new UsageQuantity(q.Key, q.Value)));
        var usage = charged.Concat(pending).ToList();
        var plan = cat.Plan(a.PlanId);
        var seats = a.Charging.SeatsInUse;

        // The postpaid month prices usage for any mode; for daily accounts only its usage lines apply.
        var estimate = ChargePipeline.Month(a, cat, seats, usage, month, a.ActivatedOn ?? today);
        var usageLines = estimate.Lines.Where(l => l.Item.StartsWith("usage:", StringComparison.Ordinal)).ToList();
        var postpaid = a.BillingMode == BillingMode.MonthlyPostpaid;

        var (tier, label) = plan.TierFor(seats);
        var services = new List<ServiceLine> { new("plan", plan.Id, plan.Name, tier.Monthly.For(a.Currency, plan.Id), plan.MaxSeats, label) };
        services.AddRange(a.AddOns.Select(cat.AddOn).Select(x => new ServiceLine("add_on", x.Id, x.Name, x.Monthly.For(a.Currency, x.Id), null, null)));

        var prepaid = await reader.ListAsync(accountId, Services.Service.All, ct).ToListAsync(ct);
        var unpaid = await reader.ListAsync(accountId, Invoice.All, ct).Where(i => i.IsUnpaid).OrderByDescending(i => i.Number, Invoice.NumberOrder).ToListAsync(ct);

        return new AccountSummary(a, a.Balance, a.Currency, today, month, usageLines, usageLines.Sum(l => l.Amount),
            postpaid ? estimate.Total : null, postpaid ? estimate.Lines : [], services, prepaid, unpaid, Runways.RunwayCalculator.Of(a, cat, now).Shown);
    }
}
