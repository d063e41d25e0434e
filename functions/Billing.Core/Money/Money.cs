using System.Globalization;

namespace Billing.Core.Money;

/// <summary>An amount in integer minor units of one currency (A1). No floating point anywhere.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + SameCurrency(a, b).Minor), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - SameCurrency(a, b).Minor), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);

    public Money Times(long quantity) => new(checked(Minor * quantity), Currency);
    public bool IsNegative => Minor < 0;
    public bool IsPositive => Minor > 0;

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw BillingException.Invalid("currency_mismatch", $"Cannot mix {a.Currency} and {b.Currency}.");

    /// <summary>"1234.50 UAH": for descriptions; the exponent comes from the currency.</summary>
    public override string ToString()
    {
        var digits = Billing.Core.Money.Currency.TryGet(Currency, out var c) ? c.MinorDigits : 2;
        if (digits == 0) return $"{Minor.ToString(CultureInfo.InvariantCulture)} {Currency}";
        var scale = (long)Math.Pow(10, digits);
        var abs = Math.Abs((decimal)Minor);
        var sign = Minor < 0 ? "-" : "";
        var whole = decimal.Truncate(abs / scale);
        var frac = abs - whole * scale;
        return $"{sign}{whole.ToString(CultureInfo.InvariantCulture)}.{frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')} {Currency}";
    }
}
