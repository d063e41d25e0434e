using Billing.Core.Validation;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// Our <c>order_id</c> at LiqPay: <c>{accountId}.{invoiceId}.{attempt}</c> — the invoice and its attempt (a retry after a
/// decline, or another payment of a repeatable invoice, is a new order: LiqPay takes each order id once), prefixed by the
/// account because invoice ids are unique only within their account and have no global index. Our ids never hold a dot
/// (<see cref="Ids"/>), so the three parts split back unambiguously; LiqPay allows 255 characters, we use at most 140.
/// </summary>
public static class LiqPayOrder
{
    public static string Of(string accountId, string invoiceId, int attempt) => $"{accountId}.{invoiceId}.{attempt}";

    public static bool TryParse(string? orderId, out string accountId, out string invoiceId)
    {
        accountId = invoiceId = "";
        if (orderId?.Split('.') is not [var account, var invoice, var attempt]
            || !Ids.IsValid(account) || !Ids.IsValid(invoice) || !int.TryParse(attempt, System.Globalization.NumberStyles.None, null, out _))
            return false;
        (accountId, invoiceId) = (account, invoice);
        return true;
    }
}
