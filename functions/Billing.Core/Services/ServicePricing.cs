using Billing.Core.Accounts;
using Billing.Core.Catalog;

namespace Billing.Core.Services;

/// <summary>A service's price for its next period: a plan's follows the seats in use (C1), an add-on's is fixed.</summary>
public static class ServicePricing
{
    public static long NextPrice(Service s, Account a, BillingCatalog catalog) =>
        catalog.MonthlyPrice(s.ItemId, a.Currency, Math.Max(a.ReportedSeats, 1));
}
