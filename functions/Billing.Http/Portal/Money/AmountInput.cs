using K = Billing.Core.Texts.TextKeys.PortalMoney.TopUp;

// The pages of this folder share the portal's namespace: a Billing.Http.Portal.Money namespace would hide the Money type
// of Billing.Core.Money from every file of the portal.
namespace Billing.Http.Portal;

/// <summary>An amount as a person typed it, read into minor units, or the catalog text that says why it cannot be (with its arguments).</summary>
public sealed record AmountReading(long Minor, string? ProblemKey, object?[] ProblemArgs)
{
    public bool Ok => ProblemKey is null;
}

/// <summary>
/// A1 for people: an amount typed in major units ("1500", "1500.50", "1 500,50") read into minor units exactly, with no
/// floating point: ASCII digits, spaces between digit groups, one decimal separator (a point or a comma) followed by at
/// most the currency's minor digits. A plus sign, an exponent or anything else is not an amount. Anything above
/// <c>max</c> (the request bound, Money:MaxAmountMinor) is out of range, and so is anything too long to count; the page
/// words that with the top-up limits, which it knows and this reader does not.
/// </summary>
public static class AmountInput
{
    public static AmountReading Read(string? raw, string currency, long max)
    {
        var digits = Core.Money.Currency.TryGet(currency, out var c) ? c.MinorDigits : 2;
        var text = (raw ?? "").Trim();
        if (text.Length == 0) return Problem(K.AmountMissing);
        if (text.Length > 40) return Problem(K.AmountNotNumber);
        var negative = text[0] is '-' or '\u2212';
        if (negative) text = text[1..].TrimStart();

        var separator = text.IndexOfAny(['.', ',']);
        var whole = (separator < 0 ? text : text[..separator]).Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "");
        var fraction = separator < 0 ? "" : text[(separator + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (separator >= 0 && fraction.Length == 0))
            return Problem(K.AmountNotNumber);
        if (fraction.TrimEnd('0').Length > digits) return Problem(K.AmountDecimals, currency, digits);

        // 18 significant digits fit a long; more is beyond any bound, so it is too large rather than an overflow.
        var significant = whole.TrimStart('0');
        if (significant.Length + digits > 18) return Problem(negative ? K.AmountNotPositive : K.AmountOutOfRange);
        var minor = Number(significant) * Pow10(digits) + (digits == 0 ? 0 : Number(fraction.PadRight(digits, '0')[..digits]));
        if (negative || minor == 0) return Problem(K.AmountNotPositive);
        return minor > max ? Problem(K.AmountOutOfRange) : new AmountReading(minor, null, []);
    }

    /// <summary>The amount in major units as a person types it back ("1500.50"), for the form's input after a quote.</summary>
    public static string Typed(long minor, string currency)
    {
        var digits = Core.Money.Currency.TryGet(currency, out var c) ? c.MinorDigits : 2;
        var unit = Pow10(digits);
        var whole = (minor / unit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return minor % unit == 0 ? whole : $"{whole}.{(minor % unit).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0')}";
    }

    private static long Number(string digits) => digits.Length == 0 ? 0 : long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    private static AmountReading Problem(string key, params object?[] args) => new(0, key, args);

    private static long Pow10(int digits)
    {
        long p = 1;
        for (var i = 0; i < digits; i++) p *= 10;
        return p;
    }
}
