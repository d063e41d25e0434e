using System.Text;
using System.Text.Json;
using Billing.Core.Hosting;
using Billing.Core.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Billing.Infrastructure.Payments;

/// <summary>
/// Stripe behind the payment port: hosted Checkout Sessions in <c>payment</c> mode, webhooks verified with Stripe.net's
/// <see cref="EventUtility"/> against our clock, refunds and session reads. The vendor's keys come from
/// <c>Payments:Stripe</c>; a tenant's own Stripe account (its customers' invoices) from <see cref="MerchantCredentials"/>.
/// </summary>
public sealed class StripePaymentProvider(IOptions<PaymentsOptions> options, IOptions<ApiOptions> api, IHttpClientFactory http,
    TimeProvider clock, ILogger<StripePaymentProvider> log) : IPaymentProvider
{
    public const string ProviderName = "stripe";
    public const string SignatureHeader = "Stripe-Signature";
    public const string HttpClientName = "stripe";
    /// <summary>B4: five minutes, Stripe's own default.</summary>
    public const long ToleranceSeconds = 300;

    private StripeOptions Options => options.Value.Stripe;

    public string Name => ProviderName;

    public IReadOnlyList<string> CheckoutOrigins => Options.EffectiveCheckoutOrigins;

    public async Task<Checkout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var session = await CallAsync("create checkout", () => new SessionService(Client(request.Merchant)).CreateAsync(
            StripeCheckout.Options(request, api.Value.PublicBaseUrl, clock.GetUtcNow()),
            new RequestOptions { IdempotencyKey = StripeCheckout.IdempotencyKey(request) }, ct), ct);
        if (string.IsNullOrEmpty(session.Url)) throw new ProviderCallException(ProviderName, $"checkout session {session.Id} has no URL");
        log.LogInformation("Stripe checkout {SessionId} for {AccountId} invoice {InvoiceId} (attempt {Attempt})",
            session.Id, request.AccountId, request.InvoiceId, request.Attempt);
        return new Checkout(session.Id, session.Url);
    }

    /// <summary>Reads metadata without trusting it: it only picks whose signing secret verifies the event.</summary>
    public WebhookClaim Claim(WebhookRequest request)
    {
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var obj) && obj.ValueKind == JsonValueKind.Object
                && obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                return new WebhookClaim(Text(metadata, StripeEvents.AccountKey), Text(metadata, StripeEvents.InvoiceKey));
        }
        catch (JsonException) { /* not even JSON: verification will say so */ }
        return new WebhookClaim(null, null);
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public ProviderEvent VerifyAndParse(WebhookRequest request, MerchantCredentials? merchant, DateTimeOffset now)
    {
        var secret = merchant?.WebhookSecret ?? Options.WebhookSecret;
        if (string.IsNullOrEmpty(secret)) throw new WebhookRejectedException("no Stripe webhook signing secret configured");
        var header = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(header)) throw new WebhookRejectedException("Stripe-Signature header missing");
        Event evt;
        try
        {
            // The overload with utcNow checks the timestamp against our clock (tests walk it), not the machine's. The event's
            // API version is the endpoint's, which may be older or newer than this library's: we read only stable fields.
            evt = EventUtility.ConstructEvent(request.Body, header, secret, ToleranceSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e) { throw new WebhookRejectedException(e.Message); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or JsonException or EncoderFallbackException)
        {
            throw new WebhookRejectedException("Stripe-Signature or payload malformed: " + e.Message);
        }
        // An object this library has no type for still makes an event (Ignored): only a body that is no event at all is refused.
        if (evt is null || string.IsNullOrEmpty(evt.Id) || string.IsNullOrEmpty(evt.Type))
            throw new WebhookRejectedException("payload is not a Stripe event");
        return StripeEvents.FromWebhook(evt);
    }

    /// <summary>
    /// The refund carries the payment's account and invoice in its metadata, so its own <c>refund.*</c> events name them
    /// (a charge's events carry them from <c>payment_intent_data.metadata</c>).
    /// </summary>
    public async Task<RefundStarted> RefundAsync(RefundRequest request, MerchantCredentials? merchant, CancellationToken ct)
    {
        var client = Client(merchant);
        var intent = await CallAsync("read payment", () => new PaymentIntentService(client).GetAsync(request.PaymentId, null, null, ct), ct);
        if (!string.Equals(intent.Currency, request.Amount.Currency, StringComparison.OrdinalIgnoreCase))
            throw new ProviderCallException(ProviderName, $"payment {request.PaymentId} is in {intent.Currency?.ToUpperInvariant()}, not {request.Amount.Currency}");
        var metadata = new Dictionary<string, string> { ["reason"] = request.Reason.Length > 500 ? request.Reason[..500] : request.Reason };
        foreach (var key in new[] { StripeEvents.AccountKey, StripeEvents.InvoiceKey })
            if (intent.Metadata?.TryGetValue(key, out var value) == true) metadata[key] = value;
        var refund = await CallAsync("refund", () => new Stripe.RefundService(client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = request.PaymentId,
            Amount = request.Amount.Minor,
            Reason = "requested_by_customer",
            Metadata = metadata,
        }, new RequestOptions { IdempotencyKey = request.RefundKey }, ct), ct);
        if (refund.Status is "failed" or "canceled")
            throw new ProviderCallException(ProviderName, $"refund {refund.Id} {refund.Status}: {refund.FailureReason}");
        log.LogInformation("Stripe refund {RefundId} of {Amount} on {PaymentId}: {Status}", refund.Id, request.Amount, request.PaymentId, refund.Status);
        return new RefundStarted(refund.Id);
    }

    public async Task<ProviderEvent?> CheckoutStateAsync(CheckoutAttempt attempt, MerchantCredentials? merchant, CancellationToken ct)
    {
        // The intent comes expanded: only its status tells a failed async payment from one still running.
        var session = await CallAsync("read checkout", () => new SessionService(Client(merchant)).GetAsync(attempt.CheckoutId,
            new SessionGetOptions { Expand = ["payment_intent"] }, null, ct), ct);
        return StripeEvents.FromState(session) is { } evt
            ? evt with { AccountId = evt.AccountId ?? attempt.AccountId, InvoiceId = evt.InvoiceId ?? attempt.InvoiceId }
            : null;
    }

    /// <summary>A client per call: the key is the tenant's when it has its own account, else the vendor's.</summary>
    private StripeClient Client(MerchantCredentials? merchant)
    {
        var key = merchant?.Secret ?? Options.ApiKey;
        if (string.IsNullOrWhiteSpace(key)) throw new ProviderCallException(ProviderName, "no Stripe API key configured (Payments:Stripe:ApiKey)");
        // Telemetry off: Stripe.net would otherwise report our request latencies to Stripe in headers.
        var transport = new SystemNetHttpClient(http.CreateClient(HttpClientName), maxNetworkRetries: 2, appInfo: null, enableTelemetry: false);
        return new StripeClient(key, httpClient: transport, apiBase: Options.ApiBase.TrimEnd('/'));
    }

    /// <summary>Stripe's refusals and network failures become the port's <see cref="ProviderCallException"/>, in Stripe's words.</summary>
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken ct)
    {
        try { return await call(); }
        catch (StripeException e)
        {
            log.LogWarning("Stripe {What} refused: {Status} {Type} {Code}: {Message}", what, (int)e.HttpStatusCode, e.StripeError?.Type, e.StripeError?.Code, e.Message);
            throw new ProviderCallException(ProviderName, $"{what}: {e.StripeError?.Message ?? e.Message}");
        }
        catch (HttpRequestException e) { throw new ProviderCallException(ProviderName, $"{what}: {e.Message}"); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { throw new ProviderCallException(ProviderName, $"{what}: timed out"); }
    }
}
