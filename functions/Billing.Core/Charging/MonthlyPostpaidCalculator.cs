using Billing.Core.Catalog;
using Billing.Core.Ledger;

namespace Billing.Core.Charging;

/// <summary>
/// A postpaid month (C4): the plan's monthly base price for the highest seat count of the month, add-ons and
/// usage × unit price. The month of activation is charged for its active days only (days / days in month,
/// rounded down in the customer's favour); every later month is charged in full, used or not.
/// </summary>
public static class MonthlyPostpaidCalculator
{
    public static ChargeComputation Compute(Plan plan, int seats, IEnumerable<AddOn> addOns, IEnumerable<UsageQuantity> usage,
        BillingCatalog catalog, string currency, DateOnly month, DateOnly activatedOn)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var activeDays = activatedOn > month ? daysInMonth - activatedOn.Day + 1 : daysInMonth;
        var lines = new List<BreakdownLine>();

        long Prorate(long monthly) => activeDays == daysInMonth ? monthly : checked(monthly * activeDays) / daysInMonth;
        string Period(long monthly) => activeDays == daysInMonth
            ? $"{new Money.Money(monthly, currency)} a month"
            : $"{activeDays}/{daysInMonth} days of {new Money.Money(monthly, currency)} a month";

        var (tier, label) = plan.TierFor(seats);
        var planMonthly = tier.Monthly.For(currency, $"plan {plan.Id}");
        var planAmount = Prorate(planMonthly);
        lines.Add(new BreakdownLine("plan:" + plan.Id, $"{plan.Name}, {label} seats ({seats} at most): {Period(planMonthly)}",
            1, planAmount, planAmount) { Tier = label, Seats = seats, Days = activeDays });

        foreach (var addOn in addOns)
        {
            var monthly = addOn.Monthly.For(currency, $"add-on {addOn.Id}");
            var amount = Prorate(monthly);
            lines.Add(new BreakdownLine("add_on:" + addOn.Id, $"{addOn.Name}: {Period(monthly)}", 1, amount, amount) { Days = activeDays });
        }

        foreach (var u in usage.GroupBy(u => u.Metric).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var quantity = u.Sum(x => x.Quantity);
            if (quantity == 0) continue;
            var metric = catalog.Metric(u.Key);
            var unit = metric.UnitPrice.For(currency, $"metric {metric.Id}");
            var amount = checked(quantity * unit);
            lines.Add(new BreakdownLine("usage:" + metric.Id, $"{metric.Name}: {quantity} {metric.Unit} × {new Money.Money(unit, currency)}", quantity, unit, amount));
        }
        return new ChargeComputation(lines, lines.Sum(l => l.Amount), 0);
    }
}
