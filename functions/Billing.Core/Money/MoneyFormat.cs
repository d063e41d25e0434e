using System.Globalization;
using Billing.Core.Accounts;

namespace Billing.Core.Money;

/// <summary>
/// The one money formatter for people, per language: "1,250.00 UAH" in en, "1 250,00 UAH" in ru and uk (the
/// language's culture groups thousands; the currency's exponent decides the decimals). Descriptions, emails, pages and
/// customer messages all format through here.
/// </summary>
public static class MoneyFormat
{
    public static CultureInfo Culture(Language language) => CultureInfo.GetCultureInfo(language switch
    {
        Language.Ru => "ru-RU",
        Language.Uk => "uk-UA",
        _ => "en-GB",
    });

    public static string Format(long minor, string currency, Language language)
    {
        var digits = Currency.TryGet(currency, out var c) ? c.MinorDigits : 2;
        var value = minor / (decimal)Math.Pow(10, digits);
        return $"{value.ToString("N" + digits, Culture(language))} {currency}";
    }

    public static string Format(Money money, Language language) => Format(money.Minor, money.Currency, language);
}
