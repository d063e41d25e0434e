namespace Billing.Core.Payments;

/// <summary>
/// A checkout for one invoice. <paramref name="Attempt"/> tells payments of one repeatable invoice (and retries after a
/// decline) apart: each gets a checkout of its own.
/// </summary>
public sealed record CheckoutRequest(string AccountId, string InvoiceId, string InvoiceNumber, Money.Money Amount,
    string Description, string ReturnUrl, int Attempt = 0)
{
    /// <summary>When the checkout must stop taking money (within the invoice's payment window); null: the provider's default.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Where the payer goes back when leaving the checkout without paying; null: <see cref="ReturnUrl"/>.</summary>
    public string? CancelUrl { get; init; }

    /// <summary>The payer's language, for providers whose checkout page takes one.</summary>
    public Accounts.Language Language { get; init; } = Accounts.Language.En;

    /// <summary>Whose provider account takes the money: null for the vendor's own (configuration), a tenant's own for its customers.</summary>
    public MerchantCredentials? Merchant { get; init; }
}

public sealed record Checkout(string CheckoutId, string Url);

/// <summary>
/// A tenant's own credentials at a provider (issue 15: its customers pay through its acquiring). <paramref name="Secret"/> is
/// the API secret (Stripe secret key, LiqPay private key); <paramref name="WebhookSecret"/> signs its notifications where the
/// provider has a separate one (Stripe).
/// </summary>
public sealed record MerchantCredentials(string Provider, string? PublicKey, string Secret, string? WebhookSecret);

public enum ProviderEventType
{
    PaymentSucceeded,
    /// <summary>The payer's payment was declined: the attempt is over, a new one may follow.</summary>
    PaymentFailed,
    /// <summary>The checkout closed without payment (expired, async payment failed): the attempt is over.</summary>
    CheckoutClosed,
    /// <summary>The provider confirms money went back to the payer (<see cref="ProviderEvent.Amount"/> of it).</summary>
    Refunded,
    Ignored,
}

/// <summary>
/// A provider notification after its signature was verified (or a provider's answer to reconciliation). Metadata names our
/// account and invoice. A payment's success has the same <see cref="EventId"/> however it is learnt (each webhook that says
/// so, and reconciliation), so it is applied once.
/// </summary>
public sealed record ProviderEvent(string Provider, string EventId, ProviderEventType Type, string? AccountId, string? InvoiceId,
    Money.Money? Amount, string? CheckoutId)
{
    /// <summary>
    /// The provider's id of the payment: what a refund names (Stripe: the payment intent; LiqPay: the order id, by which its
    /// API names a payment — an order takes one payment).
    /// </summary>
    public string? PaymentId { get; init; }

    /// <summary>For <see cref="ProviderEventType.Refunded"/>: the provider's refund id.</summary>
    public string? RefundId { get; init; }
}

/// <summary>An incoming notification as received: the raw body and its headers.</summary>
public sealed record WebhookRequest(string Body, Func<string, string?> Header);

/// <summary>What an unverified notification says it is about: enough to choose whose keys verify it, nothing more.</summary>
public sealed record WebhookClaim(string? AccountId, string? InvoiceId);

/// <summary><paramref name="RefundKey"/> makes asking twice one refund at the provider.</summary>
public sealed record RefundRequest(string PaymentId, Money.Money Amount, string Reason, string RefundKey);

public sealed record RefundStarted(string RefundId);

/// <summary>
/// A payment provider (port): hosted checkout plus signed webhooks. We never see or store card data (B6),
/// and money is credited only from a verified webhook or the provider's own answer, never from the payer's redirect (B4).
/// A provider is one folder in Billing.Infrastructure/Payments.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>
    /// The origins (<c>https://checkout.example</c>) its hosted checkout is served from: our invoice page's "Go to payment"
    /// form is redirected there, and the page's Content-Security-Policy <c>form-action</c> must allow them.
    /// </summary>
    IReadOnlyList<string> CheckoutOrigins { get; }

    /// <summary>Idempotent per invoice and attempt: asking twice gives the same checkout.</summary>
    Task<Checkout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct);

    /// <summary>What the notification names before it is verified: a tenant's customer invoice is verified with the tenant's keys.</summary>
    WebhookClaim Claim(WebhookRequest request);

    /// <summary>Verifies signature and timestamp with the merchant's keys (null: the vendor's); throws <see cref="WebhookRejectedException"/> when wrong.</summary>
    ProviderEvent VerifyAndParse(WebhookRequest request, MerchantCredentials? merchant, DateTimeOffset now);

    /// <summary>Asks the provider to return money; the refund is booked only when the provider confirms it (a Refunded event).</summary>
    Task<RefundStarted> RefundAsync(RefundRequest request, MerchantCredentials? merchant, CancellationToken ct);

    /// <summary>
    /// Reconciliation: what the provider says of a checkout now, as the event its state implies (with the same
    /// <see cref="ProviderEvent.EventId"/> its webhook carries for that outcome), or null while the payer may still pay.
    /// </summary>
    Task<ProviderEvent?> CheckoutStateAsync(CheckoutAttempt attempt, MerchantCredentials? merchant, CancellationToken ct);

    /// <summary>
    /// A provider that gives refunds no id of their own names them by payment and amount (LiqPay): two refunds of one payment
    /// with the same amount could not be told apart, and the second would never be booked, so they are refused.
    /// </summary>
    bool NamesRefundsByAmount => false;
}

/// <summary>A checkout we opened at a provider, as reconciliation asks about it.</summary>
public sealed record CheckoutAttempt(string Provider, string CheckoutId, string AccountId, string InvoiceId, Money.Money Amount, DateTimeOffset CreatedAt);

public sealed class WebhookRejectedException(string reason) : Exception(reason);

/// <summary>The provider refused or failed a call we made (a refund, a checkout); its words, for the operator.</summary>
public sealed class ProviderCallException(string provider, string message) : Exception($"{provider}: {message}");
