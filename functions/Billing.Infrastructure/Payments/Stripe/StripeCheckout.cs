using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.Payments;
using Stripe.Checkout;

namespace Billing.Infrastructure.Payments;

/// <summary>The Checkout Session we ask Stripe for: one priced line for our invoice, with our ids where its events return them.</summary>
public static class StripeCheckout
{
    /// <summary>Stripe's window for <c>expires_at</c>: 30 minutes to 24 hours after the session is created.</summary>
    public static readonly TimeSpan ShortestLife = TimeSpan.FromMinutes(30), LongestLife = TimeSpan.FromHours(24);
    /// <summary>Room for the request's travel and the two clocks' difference, so a bound we chose is never outside Stripe's.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    /// <summary>A raised expiry is rounded up to this step, so a retry within it sends the same parameters (see <see cref="ExpiresAt"/>).</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One checkout per invoice and attempt: a retry (ours or Stripe.net's) within Stripe's 24 hours of idempotency gets the
    /// same session; a new attempt after a decline gets a new one.
    /// </summary>
    public static string IdempotencyKey(CheckoutRequest r) => $"{r.AccountId}/{r.InvoiceId}/{r.Attempt}";

    public static SessionCreateOptions Options(CheckoutRequest r, string publicBaseUrl, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, string>
        {
            [StripeEvents.AccountKey] = r.AccountId,
            [StripeEvents.InvoiceKey] = r.InvoiceId,
            [StripeEvents.AttemptKey] = r.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        var returnUrl = r.ReturnUrl.Length > 0 ? r.ReturnUrl : publicBaseUrl;
        return new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = r.Amount.Currency.ToLowerInvariant(),
                        UnitAmount = r.Amount.Minor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = r.Description },
                    },
                },
            ],
            ClientReferenceId = r.InvoiceId,
            Metadata = metadata,
            // Copied onto the payment intent, and from it onto its charges: refund events name our account and invoice too.
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            SuccessUrl = returnUrl,
            CancelUrl = r.CancelUrl ?? returnUrl,
            ExpiresAt = ExpiresAt(r.ExpiresAt, now)?.UtcDateTime,
            Locale = Locale(r.Language),
        };
    }

    /// <summary>
    /// The invoice's deadline, moved into Stripe's window. Past the window's end it is left out: Stripe's default is the
    /// window's end (24 h), and leaving it out keeps a retry's parameters the same (Stripe refuses an idempotency key reused
    /// with other parameters). Before the window's start it is raised to it, rounded up to a step for the same reason.
    /// </summary>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset? wanted, DateTimeOffset now)
    {
        if (wanted is not { } at || at >= now + LongestLife - Margin) return null;
        var earliest = now + ShortestLife + Margin;
        if (at >= earliest) return DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        var steps = (earliest.ToUnixTimeSeconds() + (long)Step.TotalSeconds - 1) / (long)Step.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(steps * (long)Step.TotalSeconds);
    }

    /// <summary>Stripe Checkout speaks English and Russian but not Ukrainian: then the payer's browser decides (null = auto).</summary>
    public static string? Locale(Language language) => language switch
    {
        Language.En => "en",
        Language.Ru => "ru",
        _ => null,
    };
}
