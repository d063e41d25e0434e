using Billing.Core.Catalog;
using Billing.Core.Ledger;

namespace Billing.Core.Charging;

public sealed record UsageQuantity(string Metric, long Quantity);

public sealed record ChargeComputation(IReadOnlyList<BreakdownLine> Lines, long Total, long NewCarry);

/// <summary>
/// One day's charge (C2): each monthly price / 30, plus usage × unit price. Division carries its remainder
/// (in thirtieths of a minor unit) from line to line and day to day, so 30 days at one price sum exactly
/// to the monthly price and no fraction is ever lost or invented.
/// </summary>
public static class DailyChargeCalculator
{
    public const int DaysPerMonth = 30;

    public static ChargeComputation Compute(Plan plan, int seats, IEnumerable<AddOn> addOns,
        IEnumerable<UsageQuantity> usage, BillingCatalog catalog, string currency, long carry)
    {
        if (carry is < 0 or >= DaysPerMonth) throw new ArgumentOutOfRangeException(nameof(carry));
        var lines = new List<BreakdownLine>();

        long Share(long monthly, out long newCarry)
        {
            var thirtieths = checked(monthly + carry);
            newCarry = thirtieths % DaysPerMonth;
            return thirtieths / DaysPerMonth;
        }

        var (tier, label) = plan.TierFor(seats);
        var planMonthly = tier.Monthly.For(currency, $"plan {plan.Id}");
        var planAmount = Share(planMonthly, out carry);
        lines.Add(new BreakdownLine("plan:" + plan.Id,
            $"{plan.Name}, {label} seats ({seats} used): 1/30 of {new Money.Money(planMonthly, currency)} a month",
            1, planAmount, planAmount) { Tier = label, Seats = seats, Days = 1 });

        foreach (var addOn in addOns)
        {
            var monthly = addOn.Monthly.For(currency, $"add-on {addOn.Id}");
            var amount = Share(monthly, out carry);
            lines.Add(new BreakdownLine("add_on:" + addOn.Id,
                $"{addOn.Name}: 1/30 of {new Money.Money(monthly, currency)} a month", 1, amount, amount) { Days = 1 });
        }

        foreach (var u in usage.Where(u => u.Quantity != 0).OrderBy(u => u.Metric, StringComparer.Ordinal))
        {
            var metric = catalog.Metric(u.Metric);
            var unit = metric.UnitPrice.For(currency, $"metric {metric.Id}");
            var amount = checked(u.Quantity * unit);
            lines.Add(new BreakdownLine("usage:" + metric.Id,
                $"{metric.Name}: {u.Quantity} {metric.Unit} × {new Money.Money(unit, currency)}", u.Quantity, unit, amount));
        }

        return new ChargeComputation(lines, lines.Sum(l => l.Amount), carry);
    }
}
