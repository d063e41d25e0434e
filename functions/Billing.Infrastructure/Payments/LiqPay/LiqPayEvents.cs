using Billing.Core.Payments;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// What a LiqPay payment's state means to us, the same for its callback and for the <c>status</c> API (reconciliation), so
/// both name a success with the same event id — LiqPay's <c>payment_id</c> — and it is applied once however it is learnt.
/// The event's <see cref="ProviderEvent.PaymentId"/> is the order id: LiqPay's API (status, refund) names a payment by it,
/// and an order takes one payment.
/// </summary>
public static class LiqPayEvents
{
    public const string Provider = "liqpay";

    /// <summary>The payer's payment failed: the attempt is over. Statuses not named here (3ds_verify, wait_secure, processing…) are on the way.</summary>
    private static readonly HashSet<string> Declined = ["failure", "error"];

    /// <summary>The event <paramref name="p"/> is; <see cref="WebhookRejectedException"/> when it cannot be ours or its amount is not exact.</summary>
    public static ProviderEvent From(LiqPayPayment p, bool allowSandbox)
    {
        if (!LiqPayOrder.TryParse(p.OrderId, out var accountId, out var invoiceId))
            throw new WebhookRejectedException($"order_id '{p.OrderId}' is not one of ours");
        var status = p.Status ?? throw new WebhookRejectedException("status missing");
        ProviderEvent Event(string eventId, ProviderEventType type, Core.Money.Money? amount) =>
            new(Provider, eventId, type, accountId, invoiceId, amount, p.OrderId) { PaymentId = p.OrderId };

        // A sandbox payment moved no money: it credits only where test payments are allowed (never in production).
        if (status == "success" || (status == "sandbox" && allowSandbox))
            return Event(PaymentIdOf(p), ProviderEventType.PaymentSucceeded, Paid(p.Amount, p));
        if (Declined.Contains(status))
            return Event($"{p.PaymentId ?? p.OrderId}.{status}", ProviderEventType.PaymentFailed, Exact(p.Amount, p.Currency));
        if (status == "reversed")
        {
            // LiqPay names no refund of its own: the order and the amount returned name it, here and in RefundAsync's answer.
            var returned = Paid(p.RefundAmount ?? p.Amount, p);
            var refundId = RefundId(p.OrderId!, returned.Minor);
            return Event(refundId, ProviderEventType.Refunded, returned) with { RefundId = refundId };
        }
        return Event($"{p.PaymentId ?? p.OrderId}.{status}", ProviderEventType.Ignored, Exact(p.Amount, p.Currency));
    }

    /// <summary>
    /// A refund's id (and its event's): two refunds of one order differ by amount. LiqPay's refund call takes no idempotency
    /// key and answers no refund id, so two partial refunds of the same amount would share one id — the operator refunds the
    /// sum at once instead.
    /// </summary>
    public static string RefundId(string orderId, long minor) => $"{orderId}.reversed.{minor}";

    private static string PaymentIdOf(LiqPayPayment p) => p.PaymentId is { Length: > 0 } id ? id : throw new WebhookRejectedException("payment_id missing");

    private static Core.Money.Money Paid(decimal? amount, LiqPayPayment p) =>
        Exact(amount, p.Currency) ?? throw new WebhookRejectedException($"amount '{amount}' {p.Currency} is not a whole number of minor units of a known currency");

    private static Core.Money.Money? Exact(decimal? amount, string? currency) =>
        amount is { } a && LiqPayAmount.Minor(a, currency) is { } minor ? new Core.Money.Money(minor, currency!) : null;
}
