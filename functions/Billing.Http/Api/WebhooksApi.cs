using Billing.Core;
using Billing.Core.Payments;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>B4, F4: provider notifications, public but signed; the only way money from a checkout is credited.</summary>
public sealed class WebhooksApi(ApiRunner api, PaymentProviders providers, PaymentApplication payments, TimeProvider clock)
{
    public Task<IResult> Receive(HttpRequest req, string provider, CancellationToken ct) => api.Run(req, async () =>
    {
        var p = providers.Find(provider) ?? throw BillingException.NotFound("payment_provider", provider);
        var body = await RequestReader.ReadTextAsync(req, ct);
        var evt = p.VerifyAndParse(new WebhookRequest(body, name => req.Headers[name].FirstOrDefault()), null, clock.GetUtcNow());
        // A provider sends every event of its account the endpoint subscribes to (Stripe: sessions and refunds of the vendor's
        // other sales, payments taken in its dashboard). One that names no account of ours is acknowledged and changes
        // nothing: an error would have the provider retry it for days and then disable the endpoint.
        if (evt.AccountId is null)
            return ApiResult.Ok(new { eventId = evt.EventId, outcome = PaymentOutcome.Ignored, invoiceId = (string?)null, detail = "names no account of this service" });
        // What the event names (account, invoice, ids, amount) is checked by the payment path itself (ProviderEventCheck): 400, never a storage error.
        // A tenant's invoice to its own customer (F4) credits the customer, never the tenant's balance: the payment path's targets tell them apart.
        var result = await payments.ApplyAsync(evt, clock.GetUtcNow(), ct);
        return ApiResult.Ok(new
        {
            eventId = evt.EventId, outcome = result.Outcome, invoiceId = result.InvoiceId, detail = result.Detail,
            autoPaid = result.FollowUp?.Paid ?? [], payableFromBalance = result.PayableFromBalance,
        });
    });
}
