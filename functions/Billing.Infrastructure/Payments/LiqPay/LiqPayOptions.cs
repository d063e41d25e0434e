using Billing.Core.Hosting;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// <c>Payments:LiqPay</c>: the vendor's own LiqPay shop (tenants' shops come with their <see cref="Core.Payments.MerchantCredentials"/>).
/// The keys come from configuration only (Key Vault references in Azure); the repository holds none.
/// </summary>
public sealed class LiqPayOptions
{
    /// <summary>The shop's public key (<c>public_key</c>), from the LiqPay cabinet.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The shop's private key: it signs checkouts and API calls and verifies callbacks. Never logged, never answered.</summary>
    public string PrivateKey { get; set; } = "";

    /// <summary>
    /// Whether a callback with status <c>sandbox</c> (a test payment: no money moved) credits. Off in production, so a shop left
    /// in test mode, or a test payment signed with the live keys, never credits an invoice.
    /// </summary>
    public bool AllowSandbox { get; set; }

    /// <summary>Where payers are sent (<c>{CheckoutBase}/api/3/checkout</c>); its origin is the invoice page's CSP <c>form-action</c>.</summary>
    public string CheckoutBase { get; set; } = "https://www.liqpay.ua";

    /// <summary>The server-to-server API (<c>{ApiBase}/api/request</c>: status, refund); tests point it at a local fake.</summary>
    public string ApiBase { get; set; } = "https://www.liqpay.ua";

    /// <summary>What stops the host: keys missing while LiqPay takes new checkouts, or base URLs that are not absolute.</summary>
    public string? Problem(bool current) =>
        current && (PublicKey.Length == 0 || PrivateKey.Length == 0)
            ? "Payments:LiqPay:PublicKey and Payments:LiqPay:PrivateKey must be set when the liqpay provider is used."
        : !ApiOptions.IsAbsoluteHttp(CheckoutBase) ? "Payments:LiqPay:CheckoutBase must be an absolute http(s) URL."
        : !ApiOptions.IsAbsoluteHttp(ApiBase) ? "Payments:LiqPay:ApiBase must be an absolute http(s) URL."
        : null;
}
