using Billing.Core.Payments;
using Stripe;
using Stripe.Checkout;

namespace Billing.Infrastructure.Payments;

/// <summary>
/// What a Stripe event (or a Checkout Session read back for reconciliation) means for us. A session's outcome has one event
/// id however it is learnt — <c>{session}.paid</c> from <c>checkout.session.completed</c>, from
/// <c>…async_payment_succeeded</c> and from reconciliation alike — so a payment is applied once; a refund is
/// <c>refund.{id}</c> whether <c>charge.refunded</c> or <c>refund.created/updated</c> tells it.
/// </summary>
public static class StripeEvents
{
    public const string AccountKey = "accountId";
    public const string InvoiceKey = "invoiceId";
    public const string AttemptKey = "attempt";

    public static ProviderEvent FromWebhook(Event evt) => (evt.Type, evt.Data?.Object) switch
    {
        ("checkout.session.completed", Session s) when s.PaymentStatus == "paid" => Paid(s),
        ("checkout.session.async_payment_succeeded", Session s) => Paid(s),
        ("checkout.session.async_payment_failed", Session s) => Failed(s),
        ("checkout.session.expired", Session s) => Closed(s),
        // Since API version 2022-11-15 a charge carries its refunds only when the endpoint expands them; without them the
        // refund.* events (same event id) book it.
        ("charge.refunded", Charge c) when c.Refunds?.Data?.FirstOrDefault() is { Status: "succeeded" } newest =>
            Refunded(newest, c.Metadata, c.PaymentIntentId),
        ("refund.created" or "refund.updated", Refund r) when r.Status == "succeeded" => Refunded(r, r.Metadata, r.PaymentIntentId),
        // Anything else (a session completed but still unpaid while an async payment runs, a refund still pending…) is
        // recorded and changes nothing: the event that settles it follows.
        (_, var other) => Ignored(evt.Id, Metadata(other)),
    };

    /// <summary>
    /// Reconciliation: a paid session is the same success its webhook carries; an expired one is closed; an async payment
    /// that failed (the intent wants a new payment method or was cancelled) failed; anything else may still be paid: null.
    /// </summary>
    public static ProviderEvent? FromState(Session s) => s.Status switch
    {
        "complete" when s.PaymentStatus == "paid" => Paid(s),
        "complete" when s.PaymentIntent?.Status is "requires_payment_method" or "canceled" => Failed(s),
        "expired" => Closed(s),
        _ => null,
    };

    private static ProviderEvent Paid(Session s) => Of(s, "paid", ProviderEventType.PaymentSucceeded) with
    {
        Amount = s.AmountTotal is { } total && s.Currency is { Length: > 0 } currency ? new Core.Money.Money(total, currency.ToUpperInvariant()) : null,
    };

    private static ProviderEvent Failed(Session s) => Of(s, "failed", ProviderEventType.PaymentFailed);

    private static ProviderEvent Closed(Session s) => Of(s, "expired", ProviderEventType.CheckoutClosed);

    private static ProviderEvent Of(Session s, string outcome, ProviderEventType type) =>
        new(StripePaymentProvider.ProviderName, $"{s.Id}.{outcome}", type, Value(s.Metadata, AccountKey),
            Value(s.Metadata, InvoiceKey) ?? s.ClientReferenceId, null, s.Id)
        { PaymentId = s.PaymentIntentId };

    private static ProviderEvent Refunded(Refund r, IDictionary<string, string>? metadata, string? paymentIntent) =>
        new(StripePaymentProvider.ProviderName, $"refund.{r.Id}", ProviderEventType.Refunded, Value(metadata, AccountKey), Value(metadata, InvoiceKey),
            r.Currency is { Length: > 0 } currency ? new Core.Money.Money(r.Amount, currency.ToUpperInvariant()) : null, null)
        { PaymentId = paymentIntent, RefundId = r.Id };

    private static ProviderEvent Ignored(string eventId, IDictionary<string, string>? metadata) =>
        new(StripePaymentProvider.ProviderName, eventId, ProviderEventType.Ignored, Value(metadata, AccountKey), Value(metadata, InvoiceKey), null, null);

    private static IDictionary<string, string>? Metadata(IHasObject? o) => o is IHasMetadata m ? m.Metadata : null;

    private static string? Value(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
}
