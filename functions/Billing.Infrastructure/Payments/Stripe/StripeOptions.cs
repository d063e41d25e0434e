namespace Billing.Infrastructure.Payments;

/// <summary>
/// <c>Payments:Stripe</c>: the vendor's own Stripe account (top-ups, renewal and plan-change invoices, and customer invoices of
/// tenants without their own acquiring). Secrets come from configuration only (Key Vault references in Azure).
/// </summary>
public sealed class StripeOptions
{
    public const string DefaultApiBase = "https://api.stripe.com";
    public const string DefaultCheckoutOrigin = "https://checkout.stripe.com";

    /// <summary>Secret API key (<c>sk_live_…</c>, or a restricted <c>rk_…</c> with Checkout Sessions and Refunds write).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Signing secret of the webhook endpoint <c>/api/webhooks/stripe</c> (<c>whsec_…</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Stripe's API; tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = DefaultApiBase;

    /// <summary>
    /// Where Stripe's hosted checkout is served from (the invoice page's CSP <c>form-action</c>); empty means Stripe's own.
    /// Set it when Checkout runs on a custom domain. An array, so configuration replaces the default instead of adding to it.
    /// </summary>
    public string[] CheckoutOrigins { get; set; } = [];

    public IReadOnlyList<string> EffectiveCheckoutOrigins => CheckoutOrigins is { Length: > 0 } o ? o : [DefaultCheckoutOrigin];

    /// <summary>The vendor's keys are set: Stripe can take the vendor's own checkouts.</summary>
    public bool Configured => ApiKey.Length > 0 && WebhookSecret.Length > 0;
}
