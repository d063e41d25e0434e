namespace Billing.Core.Money;

/// <summary>An ISO 4217 currency we can bill in, with its minor-unit exponent.</summary>
public sealed record Currency(string Code, int MinorDigits)
{
    // A closed list: an unknown code is an input error (S2), never a guess.
    private static readonly Dictionary<string, Currency> Known = new(StringComparer.Ordinal)
    {
        ["UAH"] = new("UAH", 2), ["EUR"] = new("EUR", 2), ["USD"] = new("USD", 2),
        ["RUB"] = new("RUB", 2), ["PLN"] = new("PLN", 2), ["GBP"] = new("GBP", 2),
        ["KZT"] = new("KZT", 2), ["CZK"] = new("CZK", 2), ["CHF"] = new("CHF", 2),
        ["JPY"] = new("JPY", 0),
    };

    public static IReadOnlyCollection<string> Codes => Known.Keys;

    public static bool TryGet(string? code, out Currency currency)
    {
        currency = null!;
        return code is not null && Known.TryGetValue(code, out currency!);
    }

    public static Currency Of(string code) =>
        TryGet(code, out var c) ? c : throw BillingException.Invalid("currency_unknown", $"Unknown currency '{code}'.");

    public override string ToString() => Code;
}
