using System.Globalization;
using Billing.Core;
using Billing.Core.Idempotency;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Console;

/// <summary>
/// The console's forms that change an account (P2, B8). Each rendered form carries a fresh one-time value
/// (<see cref="OnceField"/>); its post runs through the same idempotency records as an API call with an Idempotency-Key, in the
/// account's partition: a form posted twice (a double click, a browser resending the POST) does its work once and both
/// posts get the first answer; the same value with other fields is refused (422). A refused post frees its value, so the
/// corrected form can be sent again.
/// </summary>
public sealed class ConsoleForms(IdempotencyService idempotency)
{
    public const string OnceField = "_once";

    /// <summary>A new one-time value for a form being rendered.</summary>
    public static string NewOnce() => Ids.Token();

    /// <summary>
    /// Runs <paramref name="action"/> once for the form's one-time value and answers 303 to the address it returned (or the
    /// first post's address, for a repeat). The account must exist: its partition keeps the record.
    /// </summary>
    public async Task<IResult> OnceAsync(HttpRequest req, IFormCollection form, string accountId, Func<string, Task<string>> action, CancellationToken ct)
    {
        var once = form[OnceField].ToString();
        if (!Ids.IsToken(once)) throw BillingException.Invalid("form_once_missing", "The form has no valid one-time value; reload the page.");
        var fields = form.Keys.Where(k => k is not (OnceField or Web.SessionGate.CsrfField)).Order(StringComparer.Ordinal)
            .Select(k => k + "=" + form[k].ToString());
        var hash = Ids.Hash($"{req.Method} {req.Path} {string.Join('&', fields)}");
        var stored = await idempotency.RunAsync(accountId, "console-" + once, hash,
            async operationKey => new StoredResponse(StatusCodes.Status303SeeOther, await action(operationKey)), ct);
        return Web.WebPage.SeeOther(stored.Body);
    }

    /// <summary>
    /// An amount as an operator types it, in major units (<c>1250.00</c> or <c>1250,5</c>), as minor units of the currency;
    /// more decimals than the currency has, or anything else, is refused. The bound of every amount (S2) applies.
    /// </summary>
    public static long Amount(string text, string currency, Core.Money.MoneyOptions bounds, string field = "amount", bool signed = false)
    {
        var digits = Core.Money.Currency.Of(currency).MinorDigits;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace('\u00a0'.ToString(), "", StringComparison.Ordinal).Replace(',', '.');
        var style = NumberStyles.AllowDecimalPoint | (signed ? NumberStyles.AllowLeadingSign : NumberStyles.None);
        if (t.Length is 0 or > 24 || !decimal.TryParse(t, style, CultureInfo.InvariantCulture, out var major) || decimal.Round(major, digits) != major)
            throw BillingException.Invalid("amount_invalid", $"'{field}' is not an amount in {currency} (such as 1250.00).");
        var minor = major * (decimal)Math.Pow(10, digits);
        if (minor is > long.MaxValue or < long.MinValue) throw BillingException.Invalid("amount_out_of_bounds", $"'{field}' is out of bounds.");
        return bounds.Require((long)minor, field, signed ? Core.Money.AmountSign.NonZero : Core.Money.AmountSign.Positive);
    }

    /// <summary>
    /// A moment as the console's fields send it, in UTC: as a datetime-local field does (<c>2026-11-02T10:00</c>, seconds
    /// optional) or ISO 8601 with an offset; empty means none. Anything else is refused with <paramref name="code"/>.
    /// </summary>
    public static DateTimeOffset? Moment(string text, string code = "time_invalid")
    {
        var t = text.Trim();
        if (t.Length == 0) return null;
        string[] local = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        if (DateTime.TryParseExact(t, local, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            return new DateTimeOffset(utc, TimeSpan.Zero);
        if (t.Length <= 40 && t.Contains('T') && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at.ToUniversalTime();
        throw BillingException.Invalid(code, "Not a time such as 2026-11-02T10:00 (UTC).");
    }

    /// <summary>A moment as a datetime-local field shows it (UTC, to the second).</summary>
    public static string? FieldValue(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>An enum value from its wire name (<c>credited_to_balance</c>), or null when the field is empty; anything else is refused.</summary>
    public static TEnum? Choice<TEnum>(string text, string field) where TEnum : struct, Enum
    {
        if (text.Length == 0) return null;
        foreach (var value in Enum.GetValues<TEnum>())
            if (Core.Json.Names.Of(value) == text) return value;
        throw BillingException.Invalid("choice_invalid", $"'{field}' is not one of the choices offered.");
    }
}
