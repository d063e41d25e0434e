using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Ledger;

namespace Billing.Core.Services;

/// <summary>What one service's daily step did (C7).</summary>
public enum RenewalOutcome { Skipped, NotDue, Renewed, RenewedInvoicePaid, Invoiced, AwaitingPayment, Expired }

/// <summary>The one renewal posting (C6, C7): a service's next period, priced and explained by the charge pipeline.</summary>
public static class ServiceRenewal
{
    /// <summary>The price of the service's next period: a plan's follows the seats in use (C1), an add-on's is fixed.</summary>
    public static long NextPrice(Account a, Service s, BillingCatalog catalog, DateOnly today) =>
        ChargePipeline.Period(a, catalog, s.ItemId, s.NextPeriodStart(today)).Total;

    /// <summary>The service paid one more period for <paramref name="amount"/>, and the lines that explain the charge.</summary>
    public static (Service Extended, IReadOnlyList<BreakdownLine> Lines) Extend(Account a, Service s, BillingCatalog catalog, DateOnly today, long amount)
    {
        // An invoice's amount (set by an operator, or priced before seats changed) is what is charged; the lines say so.
        return (s.Extended(today, amount), ChargePipeline.PeriodLines(a, catalog, s.ItemId, s.Name, s.NextPeriodStart(today), amount));
    }
}
