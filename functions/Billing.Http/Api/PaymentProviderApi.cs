using Billing.Core.Payments.Merchants;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

public sealed record PaymentProviderBody(string? Provider, string? PublicKey, string? Secret, string? WebhookSecret);

/// <summary>
/// F11: a tenant's own payment provider account for its customers' invoices. The secrets go in once and never come back out:
/// every answer shows only whether each is set.
/// </summary>
public sealed class PaymentProviderApi(ApiRunner api, MerchantConnections merchants)
{
    public Task<IResult> Get(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(await merchants.GetAsync(Ids.Require(accountId, "account"), ct)));

    public Task<IResult> Set(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<PaymentProviderBody>(req, ct);
        // Presence and bounds are the rule's (MerchantConnections), so the unit tests and the API refuse alike.
        var keys = new MerchantKeys(Required(b.Provider, "provider", 32), b.PublicKey, b.Secret ?? "", b.WebhookSecret);
        return ApiResult.Ok(await merchants.ConnectAsync(id, keys, ct));
    });

    /// <summary>204 whether or not one was connected (the account must exist): disconnecting is safe to repeat.</summary>
    public Task<IResult> Delete(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        await merchants.DisconnectAsync(id, ct);
        return ApiResult.NoContent;
    });
}
