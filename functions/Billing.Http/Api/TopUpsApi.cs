using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>B1–B3: quote a top-up with its bonus, create one (invoice + checkout URL), read an invoice.</summary>
public sealed class TopUpsApi(ApiRunner api, TopUpService topUps, Core.Money.MoneyOptions money)
{
    public Task<IResult> Quote(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var amount = money.Require(QueryLong(req, "amount") ?? throw BillingException.Invalid("field_missing", "'amount' is required (minor units)."), "amount");
        return ApiResult.Ok(await topUps.QuoteAsync(Ids.Require(accountId, "account"), amount, ct));
    });

    public Task<IResult> Create(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<TopUpBody>(req, ct);
        var request = new TopUpRequest(money.Require(Required(b.Amount, "amount"), "amount"), Required(b.ActingUserId, "actingUserId", 128),
            ParseEnum<Role>(Required(b.Role, "role", 16), "role"), ReturnUrl(b.ReturnUrl));
        return await api.Idempotent(req, id, text, async () =>
        {
            var created = await topUps.CreateAsync(id, request, ApiRunner.IdempotencyKey(req), ct);
            return ApiResult.Created(new { invoice = created.Invoice, checkoutUrl = created.CheckoutUrl });
        }, ct);
    });

    public static string? ReturnUrl(string? raw) => raw is null ? null : ReturnUrls.Require(raw);
}
