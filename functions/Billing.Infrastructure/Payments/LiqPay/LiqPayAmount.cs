using System.Globalization;
using System.Text.Json;
using Billing.Core.Money;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// LiqPay speaks major units as decimals (<c>1234.5</c>); we keep Int64 minor units (A1). Both ways are exact: decimal
/// arithmetic, the exponent from our currency table, and an amount that is not a whole number of minor units is refused.
/// </summary>
public static class LiqPayAmount
{
    /// <summary>Minor units as a decimal with the currency's scale (100000 UAH minor → 1000.00).</summary>
    public static decimal Major(Money money) => money.Minor * new decimal(1, 0, 0, false, (byte)Currency.Of(money.Currency).MinorDigits);

    /// <summary>The exact minor units of <paramref name="major"/> in <paramref name="currency"/>, or null when there are none (an unknown currency, a fraction of a minor unit, out of range).</summary>
    public static long? Minor(decimal major, string? currency)
    {
        // Far above any bound we accept (Money:MaxAmountMinor ≤ 10^15), and keeps the scaling below from overflowing.
        if (!Currency.TryGet(currency, out var c) || major > 1e18m || major < -1e18m) return null;
        var scaled = major;
        for (var i = 0; i < c.MinorDigits; i++) scaled *= 10;
        return scaled == decimal.Truncate(scaled) && scaled is >= long.MinValue and <= long.MaxValue ? (long)scaled : null;
    }

    /// <summary>A JSON amount as LiqPay writes it: a number, or (in some answers) a string holding one.</summary>
    public static decimal? Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
