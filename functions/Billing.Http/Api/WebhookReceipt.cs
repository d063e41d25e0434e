using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Billing.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Api;

/// <summary>
/// B10: what one incoming notification was and what became of it, gathered while <see cref="WebhooksApi"/> handles it and
/// written to the raw log (<see cref="IWebhookLog"/>) at the end, whatever the end was. Texts a sender controls are cut to
/// bounded lengths so a crafted notification cannot make its own log entry fail.
/// </summary>
public sealed class WebhookReceipt(string provider, DateTimeOffset receivedAt)
{
    /// <summary>The headers that matter: the body's type and the providers' signature headers (LiqPay signs inside its form fields).</summary>
    public static readonly IReadOnlyList<string> KeptHeaders = ["Content-Type", "Stripe-Signature", "Sandbox-Signature"];

    private const int MaxHeader = 1024;
    private const int MaxId = 256;
    private const int MaxReason = 1024;

    private WebhookLogEntry _entry = new() { Provider = provider, ReceivedAt = receivedAt, Verification = WebhookVerificationResult.Rejected };

    public void Received(HttpRequest req, byte[] body, bool truncated) => _entry = _entry with
    {
        Headers = KeptHeaders.Where(h => req.Headers.ContainsKey(h)).ToDictionary(h => h, h => Cut(req.Headers[h].ToString(), MaxHeader)!),
        Body = body, BodyBytes = req.ContentLength ?? body.Length, BodyTruncated = truncated,
    };

    public void Claimed(WebhookClaim claim) =>
        _entry = _entry with { ClaimedAccountId = Cut(claim.AccountId, MaxId), ClaimedInvoiceId = Cut(claim.InvoiceId, MaxId) };

    public void Verified(VerifiedWebhook verified) => _entry = _entry with
    {
        Verification = WebhookVerificationResult.Verified, VerifiedWith = Core.Json.Names.Of(verified.KeysOf),
        EventId = Cut(verified.Event.EventId, MaxId), EventType = Core.Json.Names.Of(verified.Event.Type),
    };

    public void Applied(PaymentResult result) => _entry = _entry with { Outcome = Core.Json.Names.Of(result.Outcome), Reason = Cut(result.Detail, MaxReason) };

    /// <summary>What we answered instead of an outcome: the problem's code, and why.</summary>
    public void Failed(Exception e) => _entry = _entry with
    {
        Outcome = e switch
        {
            BillingException b => b.Code,
            WebhookRejectedException => "webhook_rejected",
            BodyTooLargeException => "body_too_large",
            _ => "internal_error",
        },
        Reason = Cut(e is BillingException or WebhookRejectedException or BodyTooLargeException ? e.Message : e.GetType().Name, MaxReason),
    };

    /// <summary>Writes the entry; a failure is logged and swallowed, since the notification itself was handled (and paid) already.</summary>
    public async Task SaveAsync(IWebhookLog log, int status, ILogger logger)
    {
        try { await log.AppendAsync(_entry with { Status = status }, CancellationToken.None); }
        catch (Exception e)
        {
            logger.LogWarning(e, "Webhook log: the {Provider} notification received at {ReceivedAt:o} ({Outcome}) was handled but not logged",
                _entry.Provider, _entry.ReceivedAt, _entry.Outcome);
        }
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
