using Billing.Core.PlanChange;
using Billing.Core.Services;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>C6 services and C9 plan changes.</summary>
public sealed class ServicesApi(ApiRunner api, ServiceManager services, PlanChangeService planChanges, Core.Money.MoneyOptions money)
{
    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = await services.ListAsync(Ids.Require(accountId, "account"), ct) }));

    public Task<IResult> Subscribe(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<SubscribeBody>(req, ct);
        var item = Ids.Require(Required(b.ItemId, "itemId", 64), "item");
        return ApiResult.Created(await services.SubscribeAsync(id, item, b.AutoRenew ?? true, ct));
    });

    public Task<IResult> Change(HttpRequest req, string accountId, string serviceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ServiceChangeBody>(req, ct);
        return ApiResult.Ok(await services.SetAutoRenewAsync(id, serviceId, Required(b.AutoRenew, "autoRenew"), ct));
    });

    public Task<IResult> Cancel(HttpRequest req, string accountId, string serviceId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(await services.CancelAsync(Ids.Require(accountId, "account"), serviceId, ct)));

    public Task<IResult> RenewalInvoice(HttpRequest req, string accountId, string serviceId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(await services.RenewalInvoiceAsync(Ids.Require(accountId, "account"), serviceId, ct)));

    public Task<IResult> Plans(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = await planChanges.PlansAsync(Ids.Require(accountId, "account"), ct) }));

    public Task<IResult> Quote(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(await planChanges.QuoteAsync(Ids.Require(accountId, "account"), Required(req.Query["planId"].ToString(), "planId", 64), ct)));

    /// <summary>Commits a quoted change: the body repeats the quoted cost and confirms, so nobody pays a price they did not see.</summary>
    public Task<IResult> ChangePlan(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<PlanChangeBody>(req, ct);
        Actors.OwnerOrAdmin(b.ActingUserId, b.Role);
        if (b.Confirm != true) throw Core.BillingException.Invalid("confirmation_required", "Set \"confirm\": true to commit the quoted plan change.");
        var plan = Required(b.PlanId, "planId", 64);
        var quoted = money.Require(Required(b.QuotedCost, "quotedCost"), "quotedCost", Core.Money.AmountSign.Any);
        return await api.Idempotent(req, id, text, async () => ApiResult.Ok(await planChanges.ConfirmAsync(id, plan, quoted, ct)), ct);
    });
}
