using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Api;

/// <summary>
/// B4, F4, F11: provider notifications, public but signed; the only way money from a checkout is credited. What a notification
/// claims picks whose keys verify it (<see cref="WebhookVerification"/>: a tenant's own for its customers' invoices). B10:
/// every notification to a known provider is kept in the raw log with what became of it, rejected ones too.
/// </summary>
public sealed class WebhooksApi(ApiRunner api, PaymentProviders providers, WebhookVerification verification, PaymentApplication payments,
    IWebhookLog webhookLog, TimeProvider clock, ILogger<WebhooksApi> log)
{
    public async Task<IResult> Receive(HttpRequest req, string provider, CancellationToken ct)
    {
        // A name that is no provider of ours is not a notification: 404, and nothing logged for whoever probes names.
        var p = providers.Find(provider);
        if (p is null) return await api.Run(req, () => throw BillingException.NotFound("payment_provider", provider.Length > 64 ? provider[..64] : provider));
        var receipt = new WebhookReceipt(p.Name, clock.GetUtcNow());
        var result = await api.Run(req, async () =>
        {
            try { return await HandleAsync(req, p, receipt, ct); }
            catch (Exception e) { receipt.Failed(e); throw; }
        });
        await receipt.SaveAsync(webhookLog, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK, log);
        return result;
    }

    private async Task<ApiResult> HandleAsync(HttpRequest req, IPaymentProvider p, WebhookReceipt receipt, CancellationToken ct)
    {
        var (bytes, complete) = await RequestReader.ReadCappedAsync(req, RequestReader.MaxBodyBytes, ct);
        receipt.Received(req, bytes, !complete);
        if (!complete) throw new Errors.BodyTooLargeException(RequestReader.MaxBodyBytes);
        var request = new WebhookRequest(RequestReader.Utf8(bytes), name => req.Headers[name].FirstOrDefault());
        var claim = verification.Claim(p, request);
        receipt.Claimed(claim);
        var verified = await verification.VerifyAsync(p, request, claim, clock.GetUtcNow(), ct);
        receipt.Verified(verified);
        var evt = verified.Event;
        // A provider sends every event of its account the endpoint subscribes to (Stripe: sessions and refunds of the vendor's
        // other sales, payments taken in its dashboard). One that names no account of ours is acknowledged and changes
        // nothing: an error would have the provider retry it for days and then disable the endpoint.
        if (evt.AccountId is null)
        {
            var ignored = new PaymentResult(PaymentOutcome.Ignored, null, 0, "names no account of this service");
            receipt.Applied(ignored);
            return ApiResult.Ok(new { eventId = evt.EventId, outcome = ignored.Outcome, invoiceId = (string?)null, detail = ignored.Detail });
        }
        // What the event names (account, invoice, ids, amount) is checked by the payment path itself (ProviderEventCheck): 400, never a storage error.
        // A tenant's invoice to its own customer (F4) credits the customer, never the tenant's balance: the payment path's targets tell them apart.
        var result = await payments.ApplyAsync(evt, clock.GetUtcNow(), ct);
        receipt.Applied(result);
        return ApiResult.Ok(new
        {
            eventId = evt.EventId, outcome = result.Outcome, invoiceId = result.InvoiceId, detail = result.Detail,
            autoPaid = result.FollowUp?.Paid ?? [], payableFromBalance = result.PayableFromBalance,
        });
    }
}
