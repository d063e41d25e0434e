using Billing.Core.Validation;

namespace Billing.Core.Payments;

/// <summary>
/// What a verified provider event names is still input (S3): a signature proves who sent it, not that its ids fit our
/// storage. Account and invoice ids are checked like path ids, the provider's own ids (and an operator's transfer reference) are short and printable, the
/// amount is bounded and its currency known; anything else is 400 <c>event_invalid</c> before a row is read.
/// </summary>
public static class ProviderEventCheck
{
    public const int MaxProviderIdLength = 255;

    public static void Require(ProviderEvent evt, Money.MoneyOptions money)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValid(evt.AccountId)) errors["accountId"] = ["Not an account id."];
        if (evt.InvoiceId is not null && !Ids.IsValid(evt.InvoiceId)) errors["invoiceId"] = ["Not an invoice id."];
        if (!IsProviderId(evt.EventId)) errors["eventId"] = [$"1 to {MaxProviderIdLength} printable characters."];
        if (evt.CheckoutId is not null && !IsProviderId(evt.CheckoutId)) errors["checkoutId"] = [$"1 to {MaxProviderIdLength} printable characters."];
        if (evt.PaymentId is not null && !IsProviderId(evt.PaymentId)) errors["paymentId"] = [$"1 to {MaxProviderIdLength} printable characters."];
        if (evt.RefundId is not null && !IsProviderId(evt.RefundId)) errors["refundId"] = [$"1 to {MaxProviderIdLength} printable characters."];
        if (evt.Amount is { } amount)
        {
            if (!Money.Currency.TryGet(amount.Currency, out _)) errors["currency"] = ["Not a known currency."];
            if (amount.Minor < 0 || amount.Minor > money.MaxAmountMinor) errors["amount"] = [$"0 to {money.MaxAmountMinor} minor units."];
        }
        if (errors.Count > 0) throw BillingException.Invalid("event_invalid", "The provider event names something this service does not accept.", errors);
    }

    private static bool IsProviderId(string? id) => id is { Length: > 0 and <= MaxProviderIdLength } && PlainText.IsClean(id);
}
