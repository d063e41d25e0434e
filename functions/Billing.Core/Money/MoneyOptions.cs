using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Money;

/// <summary>
/// The largest amount (in minor units) any request may carry (S2): ERP invoices, adjustments, top-ups, offline payments,
/// customer invoices and balances, quoted costs, provider events. The bound keeps every sum the rules make far from
/// Int64's range, so no input reaches an overflow; the option's own ceiling (10^15) keeps that true when raised.
/// </summary>
public sealed class MoneyOptions
{
    public const string Section = "Money";
    public const long DefaultMaxAmountMinor = 1_000_000_000_000;
    public const long Ceiling = 1_000_000_000_000_000;

    [Range(1, Ceiling)]
    public long MaxAmountMinor { get; set; } = DefaultMaxAmountMinor;

    /// <summary>A required amount inside the bound, or 400 <c>amount_out_of_bounds</c> naming <paramref name="field"/>.</summary>
    public long Require(long amount, string field, AmountSign sign = AmountSign.Positive)
    {
        var min = sign switch { AmountSign.Positive => 1, AmountSign.NotNegative => 0, _ => -MaxAmountMinor };
        if (amount >= min && amount <= MaxAmountMinor && !(sign == AmountSign.NonZero && amount == 0)) return amount;
        var range = sign switch
        {
            AmountSign.Positive => $"1 to {MaxAmountMinor}",
            AmountSign.NotNegative => $"0 to {MaxAmountMinor}",
            AmountSign.NonZero => $"non-zero, at most {MaxAmountMinor} either way",
            _ => $"at most {MaxAmountMinor} either way",
        };
        throw BillingException.Invalid("amount_out_of_bounds", $"'{field}' must be {range} minor units.",
            new Dictionary<string, string[]> { [field] = [$"{char.ToUpperInvariant(range[0])}{range[1..]} minor units."] });
    }

    /// <summary>True when <paramref name="amount"/> is within ±<see cref="MaxAmountMinor"/> (no Math.Abs: Int64.MinValue has no absolute value).</summary>
    public bool Holds(long amount) => amount >= -MaxAmountMinor && amount <= MaxAmountMinor;
}

/// <summary>Which side of zero an amount may be on.</summary>
public enum AmountSign { Positive, NotNegative, NonZero, Any }
