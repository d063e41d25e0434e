namespace Billing.Core.Payments;

/// <summary><paramref name="Attempt"/> tells payments of one repeatable invoice apart: each gets a checkout of its own.</summary>
public sealed record CheckoutRequest(string AccountId, string InvoiceId, string InvoiceNumber, Money.Money Amount,
    string Description, string ReturnUrl, int Attempt = 0);

public sealed record Checkout(string CheckoutId, string Url);

public enum ProviderEventType { PaymentSucceeded, PaymentFailed, Ignored }

/// <summary>A provider notification after its signature was verified. Metadata names our account and invoice.</summary>
public sealed record ProviderEvent(string Provider, string EventId, ProviderEventType Type, string? AccountId, string? InvoiceId,
    Money.Money? Amount, string? CheckoutId);

/// <summary>
/// A payment provider (port): hosted checkout plus signed webhooks. We never see or store card data (B6),
/// and money is credited only from a verified webhook, never from the payer's redirect (B4).
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

    /// <summary>Verifies signature and timestamp; throws <see cref="WebhookRejectedException"/> when either is wrong.</summary>
    ProviderEvent VerifyAndParse(string body, Func<string, string?> header, DateTimeOffset now);
}

public sealed class WebhookRejectedException(string reason) : Exception(reason);
