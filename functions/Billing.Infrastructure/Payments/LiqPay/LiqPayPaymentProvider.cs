using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Hosting;
using Billing.Core.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// LiqPay (the common acquirer for UAH) behind the payment port, with no SDK: a checkout is a signed URL built here (no
/// network), its outcome comes as a signed form callback to <c>/api/webhooks/liqpay</c>, and refunds and reconciliation use
/// the server-to-server API. A tenant's own shop (<see cref="MerchantCredentials"/>: public key and private key) replaces the
/// vendor's keys for its customers' invoices.
/// </summary>
public sealed class LiqPayPaymentProvider(IOptions<PaymentsOptions> options, IOptions<ApiOptions> api, LiqPayApi liqpay,
    ILogger<LiqPayPaymentProvider> log) : IPaymentProvider
{
    public const string ProviderName = LiqPayEvents.Provider;

    /// <summary>LiqPay answers a refund with no id of its own: <see cref="LiqPayEvents.RefundId"/> is the order and the amount.</summary>
    public bool NamesRefundsByAmount => true;

    private LiqPayOptions Options => options.Value.LiqPay;

    public string Name => ProviderName;

    public IReadOnlyList<string> CheckoutOrigins => [Origins.Of(Options.CheckoutBase)];

    /// <summary>
    /// The same request gives the same URL (no clock, no randomness): idempotent per invoice and attempt, as the port asks.
    /// <c>server_url</c> is set per payment, from <c>Api:PublicBaseUrl</c> (never a request's host), so the shop's cabinet
    /// needs no callback address.
    /// </summary>
    public Task<Checkout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var keys = LiqPayKeys.Of(request.Merchant, Options);
        var orderId = LiqPayOrder.Of(request.AccountId, request.InvoiceId, request.Attempt);
        var json = new JsonObject
        {
            ["version"] = 3,
            ["public_key"] = keys.PublicKey,
            ["action"] = "pay",
            ["amount"] = LiqPayAmount.Major(request.Amount),
            ["currency"] = request.Amount.Currency,
            ["description"] = request.Description,
            ["order_id"] = orderId,
        };
        // Without a return page LiqPay shows its own result page.
        if (request.ReturnUrl.Length > 0) json["result_url"] = request.ReturnUrl;
        json["server_url"] = api.Value.Url($"webhooks/{ProviderName}");
        json["language"] = LanguageOf(request.Language);
        // LiqPay stops taking money for the order after this (UTC, its own format): the invoice's payment window.
        if (request.ExpiresAt is { } expires) json["expired_date"] = expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var data = LiqPaySignature.Data(json);
        var url = $"{Options.CheckoutBase.TrimEnd('/')}/api/3/checkout?data={Uri.EscapeDataString(data)}&signature={Uri.EscapeDataString(LiqPaySignature.Sign(keys.PrivateKey, data))}";
        return Task.FromResult(new Checkout(orderId, url));
    }

    /// <summary>LiqPay's checkout speaks Ukrainian and English only (Russian was withdrawn): a Russian reader gets Ukrainian, the shop's language in Ukraine.</summary>
    public static string LanguageOf(Language language) => language == Language.En ? "en" : "uk";

    public WebhookClaim Claim(WebhookRequest request)
    {
        try
        {
            var (data, _) = LiqPaySignature.ReadForm(request.Body);
            var orderId = data is null ? null : LiqPayPayment.Read(LiqPaySignature.Decode(data)).OrderId;
            return LiqPayOrder.TryParse(orderId, out var account, out var invoice) ? new WebhookClaim(account, invoice) : new WebhookClaim(null, null);
        }
        catch (Exception e) when (e is JsonException or FormatException) { return new WebhookClaim(null, null); }
    }

    /// <summary>
    /// Verifies the callback with the shop's private key. A LiqPay signature carries no time, so there is no staleness to
    /// check: a replayed callback names the same payment and status, hence the same event id, and collides with the first
    /// (applied at most once); a replayed old state (a success after a refund) is an event already recorded.
    /// </summary>
    public ProviderEvent VerifyAndParse(WebhookRequest request, MerchantCredentials? merchant, DateTimeOffset now)
    {
        var (data, signature) = LiqPaySignature.ReadForm(request.Body);
        if (data is null || signature is null) throw new WebhookRejectedException("the form fields data and signature are required");
        var privateKey = merchant?.Secret ?? Options.PrivateKey;
        if (privateKey.Length == 0) throw new WebhookRejectedException("no LiqPay private key is configured");
        if (!LiqPaySignature.Verifies(privateKey, data, signature)) throw new WebhookRejectedException("signature mismatch");
        LiqPayPayment payment;
        try { payment = LiqPayPayment.Read(LiqPaySignature.Decode(data)); }
        catch (Exception e) when (e is JsonException or FormatException) { throw new WebhookRejectedException("data is not base64 JSON: " + e.Message); }
        var publicKey = merchant is null ? Options.PublicKey : merchant.PublicKey;
        if (payment.PublicKey is { } named && publicKey is { Length: > 0 } && named != publicKey)
            throw new WebhookRejectedException("the callback is for another shop");
        return LiqPayEvents.From(payment, Options.AllowSandbox);
    }

    /// <summary>
    /// <c>action: refund</c> by order id (our <see cref="RefundRequest.PaymentId"/> for LiqPay) and amount. LiqPay takes no
    /// idempotency key, so <see cref="RefundRequest.RefundKey"/> cannot make a second call harmless: the caller reserves the
    /// refund before asking, once. The refund is booked when its <c>reversed</c> callback arrives, whose event id is the
    /// <see cref="RefundStarted.RefundId"/> answered here.
    /// </summary>
    public async Task<RefundStarted> RefundAsync(RefundRequest request, MerchantCredentials? merchant, CancellationToken ct)
    {
        var orderId = LiqPayOrder.TryParse(request.PaymentId, out _, out _) ? request.PaymentId
            : throw new ProviderCallException(ProviderName, $"refund of payment '{request.PaymentId}': not one of our order ids");
        var answer = await liqpay.RequestAsync(new JsonObject
        {
            ["action"] = "refund",
            ["order_id"] = orderId,
            ["amount"] = LiqPayAmount.Major(request.Amount),
        }, LiqPayKeys.Of(merchant, Options), ct);
        if (answer.Result == "error" || answer.Status is "error" or "failure")
            throw new ProviderCallException(ProviderName, $"refund of {request.Amount} for order {orderId}: {answer.Why}");
        log.LogInformation("LiqPay refund of {Amount} for order {OrderId} (LiqPay payment {PaymentId}): {Status}", request.Amount, orderId, answer.PaymentId, answer.Status);
        return new RefundStarted(LiqPayEvents.RefundId(orderId, request.Amount.Minor));
    }

    /// <summary>
    /// <c>action: status</c> by order id. An order LiqPay does not know yet (the payer has not paid) and a payment on its way
    /// are null: the payer may still pay. A reversed payment we never credited is closed: its money went back.
    /// </summary>
    public async Task<ProviderEvent?> CheckoutStateAsync(CheckoutAttempt attempt, MerchantCredentials? merchant, CancellationToken ct)
    {
        var answer = await liqpay.RequestAsync(new JsonObject { ["action"] = "status", ["order_id"] = attempt.CheckoutId }, LiqPayKeys.Of(merchant, Options), ct);
        if (answer.PaymentId is null)
        {
            log.LogInformation("LiqPay has no payment for order {OrderId} yet: {Why}", attempt.CheckoutId, answer.Why);
            return null;
        }
        if (answer.OrderId is { } named && named != attempt.CheckoutId)
            throw new ProviderCallException(ProviderName, $"status of order {attempt.CheckoutId} answered for order {named}");
        ProviderEvent evt;
        try { evt = LiqPayEvents.From(answer with { OrderId = attempt.CheckoutId }, Options.AllowSandbox); }
        catch (WebhookRejectedException e) { throw new ProviderCallException(ProviderName, $"status of order {attempt.CheckoutId}: {e.Message}"); }
        return evt.Type switch
        {
            ProviderEventType.Ignored => null,
            ProviderEventType.Refunded => evt with { EventId = $"{answer.PaymentId}.reversed", Type = ProviderEventType.CheckoutClosed, RefundId = null },
            _ => evt,
        };
    }
}
