using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Ledger;

namespace Billing.Core.Charging;

/// <summary>A quantity of one metric; <see cref="LateSince"/> set when it occurred before the period charging it (C11), from that day on.</summary>
public sealed record UsageQuantity(string Metric, long Quantity, DateOnly? LateSince = null);

public sealed record ChargeComputation(IReadOnlyList<BreakdownLine> Lines, long Total, long NewCarry)
{
    /// <summary>What the usage lines of this charge cost (A6 averages it over the last charged days).</summary>
    public long UsageCost => Lines.Where(l => l.Item.StartsWith(UsageComponent.ItemPrefix, StringComparison.Ordinal)).Sum(l => l.Amount);
}

/// <summary>How much of a monthly price a posting charges, and how its lines say so.</summary>
public abstract record ChargeShare
{
    /// <summary>C2: one day is 1/30 of each monthly price; the remainder (thirtieths of a minor unit) carries from line to line and day to day.</summary>
    public sealed record Day(long Carry) : ChargeShare;

    /// <summary>C4: a postpaid month; the month of activation counts its active days only (rounded down, in the customer's favour).</summary>
    public sealed record Month(int ActiveDays, int DaysInMonth) : ChargeShare;

    /// <summary>C6, C7, C9: one whole period paid ahead, from <see cref="From"/>.</summary>
    public sealed record Period(DateOnly From) : ChargeShare;
}

/// <summary>What is charged: the plan at a seat count, add-ons, usage, over a share of a month, in the account's currency and language.</summary>
public sealed record ChargeBasis(string Currency, Language Language, ChargeShare Share, BillingCatalog Catalog)
{
    public Plan? Plan { get; init; }
    public int Seats { get; init; } = 1;
    public IReadOnlyList<AddOn> AddOns { get; init; } = [];
    public IReadOnlyList<UsageQuantity> Usage { get; init; } = [];
}

/// <summary>One kind of line a charge is made of (plan tier, add-ons, usage; a tax would be one more, reading the lines before it).</summary>
public interface IChargeComponent
{
    void AddLines(ChargeBasis basis, ChargeLines lines);
}

/// <summary>The lines of one charge as they are built, with the share's carry threaded through them.</summary>
public sealed class ChargeLines(ChargeBasis basis)
{
    private readonly List<BreakdownLine> _lines = [];
    public long Carry { get; private set; } = basis.Share is ChargeShare.Day d ? d.Carry : 0;
    public IReadOnlyList<BreakdownLine> Lines => _lines;

    public void Add(BreakdownLine line) => _lines.Add(line);

    /// <summary>The share of a monthly price this posting charges.</summary>
    public long Portion(long monthly)
    {
        switch (basis.Share)
        {
            case ChargeShare.Day:
                var thirtieths = checked(monthly + Carry);
                Carry = thirtieths % ChargePipeline.DaysPerMonth;
                return thirtieths / ChargePipeline.DaysPerMonth;
            case ChargeShare.Month m when m.ActiveDays != m.DaysInMonth:
                return checked(monthly * m.ActiveDays) / m.DaysInMonth;
            default:
                return monthly;
        }
    }

    /// <summary>How the share of <paramref name="monthly"/> reads: "1/30 of 990.00 UAH a month", "one month from 2026-11-02"…</summary>
    public string Terms(long monthly)
    {
        var price = Money.MoneyFormat.Format(monthly, basis.Currency, basis.Language);
        var language = basis.Language;
        return basis.Share switch
        {
            ChargeShare.Day => Text.Get(language, TextKeys.Breakdown.ShareDay, price),
            ChargeShare.Month m when m.ActiveDays != m.DaysInMonth => Text.Get(language, TextKeys.Breakdown.ShareDays, m.ActiveDays, m.DaysInMonth, price),
            ChargeShare.Month => Text.Get(language, TextKeys.Breakdown.ShareMonth, price),
            ChargeShare.Period p => Text.Get(language, TextKeys.Breakdown.SharePeriod, Text.Date(language, p.From)),
            _ => price,
        };
    }

    public int? Days => basis.Share switch
    {
        ChargeShare.Day => 1,
        ChargeShare.Month m => m.ActiveDays,
        _ => null,
    };
}

/// <summary>The plan's monthly price for the tier that holds the seat count (C1, C2).</summary>
public sealed class PlanTierComponent : IChargeComponent
{
    public void AddLines(ChargeBasis b, ChargeLines lines)
    {
        if (b.Plan is not { } plan) return;
        var (tier, label) = plan.TierFor(b.Seats);
        var monthly = tier.Monthly.For(b.Currency, $"plan {plan.Id}");
        var amount = lines.Portion(monthly);
        var key = b.Share switch { ChargeShare.Day => TextKeys.Breakdown.PlanSeatsUsed, ChargeShare.Month => TextKeys.Breakdown.PlanSeatsAtMost, _ => TextKeys.Breakdown.PlanSeats };
        var text = key == TextKeys.Breakdown.PlanSeats ? Text.Get(b.Language, key, plan.Name, label, lines.Terms(monthly))
            : Text.Get(b.Language, key, plan.Name, label, b.Seats, lines.Terms(monthly));
        lines.Add(new BreakdownLine("plan:" + plan.Id, text, 1, amount, amount)
            { Tier = label, Seats = b.Seats, Days = lines.Days });
    }
}

/// <summary>Each add-on's monthly price (C1).</summary>
public sealed class AddOnsComponent : IChargeComponent
{
    public void AddLines(ChargeBasis b, ChargeLines lines)
    {
        foreach (var addOn in b.AddOns)
        {
            var monthly = addOn.Monthly.For(b.Currency, $"add-on {addOn.Id}");
            var amount = lines.Portion(monthly);
            lines.Add(new BreakdownLine("add_on:" + addOn.Id, $"{addOn.Name}: {lines.Terms(monthly)}", 1, amount, amount) { Days = lines.Days });
        }
    }
}

/// <summary>Usage × unit price, one line per metric, whatever the share (C2, C4).</summary>
public sealed class UsageComponent : IChargeComponent
{
    public const string ItemPrefix = "usage:";
    /// <summary>The item of a metric late line: <c>usage:sms:late</c>.</summary>
    public const string LateSuffix = ":late";

    public void AddLines(ChargeBasis b, ChargeLines lines)
    {
        // On-time usage first, then what was reported late, each metric on a line of its own so the late part is explained.
        foreach (var g in b.Usage.GroupBy(u => (u.Metric, Late: u.LateSince is not null)).OrderBy(g => g.Key.Late).ThenBy(g => g.Key.Metric, StringComparer.Ordinal))
        {
            var quantity = g.Sum(x => x.Quantity);
            if (quantity == 0) continue;
            var metric = b.Catalog.Metric(g.Key.Metric);
            var unit = metric.UnitPrice.For(b.Currency, $"metric {metric.Id}");
            var amount = checked(quantity * unit);
            var price = Money.MoneyFormat.Format(unit, b.Currency, b.Language);
            var text = g.Min(x => x.LateSince) is { } since
                ? Text.Get(b.Language, TextKeys.Breakdown.UsageLate, metric.Name, quantity, metric.Unit, price, Text.Date(b.Language, since))
                : $"{metric.Name}: {quantity} {metric.Unit} × {price}";
            lines.Add(new BreakdownLine(ItemPrefix + metric.Id + (g.Key.Late ? LateSuffix : ""), text, quantity, unit, amount));
        }
    }
}

/// <summary>
/// The one charge pipeline (ARCHITECTURE "Charging"): every posting that charges for the catalog's items — the daily
/// charge, the postpaid month, a service renewal, a plan change — builds its lines here, component by component, so
/// a line reads the same wherever it is charged and a new component (VAT) is added once.
/// </summary>
public static class ChargePipeline
{
    public const int DaysPerMonth = 30;

    private static readonly IChargeComponent[] Components = [new PlanTierComponent(), new AddOnsComponent(), new UsageComponent()];

    public static ChargeComputation Compute(ChargeBasis basis)
    {
        if (basis.Share is ChargeShare.Day { Carry: < 0 or >= DaysPerMonth }) throw new ArgumentOutOfRangeException(nameof(basis), "carry must be 0 to 29");
        var lines = new ChargeLines(basis);
        foreach (var component in Components) component.AddLines(basis, lines);
        return new ChargeComputation(lines.Lines, lines.Lines.Sum(l => l.Amount), lines.Carry);
    }

    /// <summary>C2: one day of the plan at <paramref name="seats"/>, the add-ons and the day's usage.</summary>
    public static ChargeComputation Day(Account a, BillingCatalog catalog, int seats, IReadOnlyList<UsageQuantity> usage, long carry) =>
        Compute(new ChargeBasis(a.Currency, a.Language, new ChargeShare.Day(carry), catalog)
        {
            Plan = catalog.Plan(a.PlanId), Seats = seats, AddOns = a.AddOns.Select(catalog.AddOn).ToList(), Usage = usage,
        });

    /// <summary>
    /// A6: a whole month of the plan at <paramref name="seats"/> and the add-ons, usage aside: the price a day's charge
    /// takes 1/30 of (C2), through the same components, so a runway counts whatever the daily charge counts.
    /// </summary>
    public static long MonthlyRate(Account a, BillingCatalog catalog, Plan plan, IReadOnlyList<AddOn> addOns, int seats) =>
        Compute(new ChargeBasis(a.Currency, a.Language, new ChargeShare.Month(DaysPerMonth, DaysPerMonth), catalog)
        {
            Plan = plan, Seats = seats, AddOns = addOns,
        }).Total;

    /// <summary>C4: the postpaid month starting on <paramref name="month"/>, prorated in the month of activation.</summary>
    public static ChargeComputation Month(Account a, BillingCatalog catalog, int seats, IReadOnlyList<UsageQuantity> usage, DateOnly month, DateOnly activatedOn)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var activeDays = activatedOn > month ? daysInMonth - activatedOn.Day + 1 : daysInMonth;
        return Compute(new ChargeBasis(a.Currency, a.Language, new ChargeShare.Month(activeDays, daysInMonth), catalog)
        {
            Plan = catalog.Plan(a.PlanId), Seats = seats, AddOns = a.AddOns.Select(catalog.AddOn).ToList(), Usage = usage,
        });
    }

    /// <summary>C6, C7, C9: one period of a catalog item (a plan at the seats in use, or an add-on) from <paramref name="from"/>.</summary>
    public static ChargeComputation Period(Account a, BillingCatalog catalog, string itemId, DateOnly from)
    {
        var plan = catalog.Plans.FirstOrDefault(p => p.Id == itemId);
        return Compute(new ChargeBasis(a.Currency, a.Language, new ChargeShare.Period(from), catalog)
        {
            Plan = plan, Seats = a.Charging.SeatsInUse, AddOns = plan is null ? [catalog.AddOn(itemId)] : [],
        });
    }

    /// <summary>
    /// The lines of one period charged at an <paramref name="amount"/> fixed earlier (an invoice, a quote): the pipeline's
    /// when the price is still that amount, else one line that says what was charged.
    /// </summary>
    public static IReadOnlyList<BreakdownLine> PeriodLines(Account a, BillingCatalog catalog, string itemId, string name, DateOnly from, long amount)
    {
        var priced = Period(a, catalog, itemId, from);
        return priced.Total == amount ? priced.Lines
            : [new BreakdownLine("service:" + itemId, a.Text(TextKeys.Breakdown.InvoicedAmount, name, a.Date(from)), 1, amount, amount)];
    }
}
