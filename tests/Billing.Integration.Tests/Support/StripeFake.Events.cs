using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Core.Payments;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// The payer at Stripe's hosted page, and Stripe's event sender: session outcomes happen here first (Stripe knows them
/// whether or not we hear of them), then events are built as Stripe sends them, signed <c>t=…,v1=…</c> and posted to our
/// webhook. A redelivered event is the same event (same id, same body).
/// </summary>
public sealed partial class StripeFake
{
    private readonly ConcurrentDictionary<string, string> _eventIds = new();

    /// <summary>The payer pays. <paramref name="asyncPending"/>: a delayed method (bank debit): the session completes unpaid and the intent is processing.</summary>
    public void Pay(string sessionId, bool asyncPending = false)
    {
        lock (_gate)
        {
            var s = _sessions[sessionId];
            s.Status = "complete";
            s.PaymentIntentId ??= StripeId("pi_", 24);
            if (asyncPending) { s.IntentStatus = "processing"; return; }
            Settle(s, succeeded: true);
        }
    }

    /// <summary>A delayed payment ends: succeeded (the session becomes paid) or failed (the intent wants another payment method).</summary>
    public void SettleAsync(string sessionId, bool succeeded)
    {
        lock (_gate) Settle(_sessions[sessionId], succeeded);
    }

    private static void Settle(FakeSession s, bool succeeded)
    {
        if (!succeeded) { s.IntentStatus = "requires_payment_method"; return; }
        s.PaymentStatus = "paid";
        s.IntentStatus = "succeeded";
        s.ChargeId ??= StripeId("ch_", 24);
    }

    public void Expire(string sessionId)
    {
        lock (_gate) _sessions[sessionId].Status = "expired";
    }

    public string? PaymentIntentOf(string sessionId) => _sessions[sessionId].PaymentIntentId;

    /// <summary>A <c>checkout.session.*</c> event with the session as it is now; <paramref name="amountTotal"/> replaces the amount (a forged or mispriced payment).</summary>
    public string SessionEvent(string type, string sessionId, long? amountTotal = null)
    {
        lock (_gate) return Event(type, sessionId + "/" + amountTotal, SessionJson(_sessions[sessionId], expandIntent: false, amountTotal));
    }

    /// <summary>
    /// <c>charge.refunded</c> after <paramref name="refundId"/>. Since API version 2022-11-15 the charge in it lists no refunds
    /// unless the endpoint expands them: <paramref name="withRefunds"/> false sends it as a current endpoint gets it.
    /// </summary>
    public string ChargeRefundedEvent(string refundId, bool withRefunds = true)
    {
        lock (_gate) return Event("charge.refunded", refundId + "/" + withRefunds, ChargeJson(_sessions[_refunds[refundId].SessionId], withRefunds));
    }

    /// <summary><c>refund.created</c> or <c>refund.updated</c> with the refund.</summary>
    public string RefundEvent(string type, string refundId)
    {
        lock (_gate) return Event(type, refundId, RefundJson(_refunds[refundId]));
    }

    /// <summary>An event about something that is not ours (no metadata of this service): another sale on the same Stripe account.</summary>
    public string ForeignEvent(string type, JsonObject obj) => Event(type, obj.ToJsonString(), obj);

    private string Event(string type, string about, JsonObject obj) => new JsonObject
    {
        ["id"] = _eventIds.GetOrAdd(type + "/" + about, _ => StripeId("evt_", 24)),
        ["object"] = "event",
        ["api_version"] = ApiVersion,
        ["created"] = Now,
        ["data"] = new JsonObject { ["object"] = obj },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    }.ToJsonString();

    /// <summary>Stripe's <c>Stripe-Signature</c>: <c>t={unix},v1={HMAC-SHA256 of "t.body"}</c> (the scheme our own signer implements).</summary>
    public static string Sign(string body, DateTimeOffset at, string secret = WebhookSecret) => WebhookSignature.Sign(body, secret, at);

    /// <summary>Posts an event to the app's webhook as Stripe does, signed now (the app's clock) unless told otherwise.</summary>
    public static Task<HttpResponseMessage> PostAsync(BillingApp app, string body, DateTimeOffset? signedAt = null, string secret = WebhookSecret,
        string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature ?? Sign(body, signedAt ?? app.Clock.GetUtcNow(), secret));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        return app.Anonymous.SendAsync(request);
    }
}
