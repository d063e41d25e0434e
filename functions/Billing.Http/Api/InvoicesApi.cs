using Billing.Core.Texts;
using Billing.Core;
using Billing.Core.Invoices;
using Billing.Core.TopUps;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>C10, B7: the account's invoices: list, read, cancel, pay from the balance or by checkout, ERP invoices.</summary>
public sealed class InvoicesApi(ApiRunner api, InvoiceService invoices, TopUpService checkouts, Core.Money.MoneyOptions money)
{
    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (pageSize, token) = Paging.Read(req);
        var status = req.Query["status"].ToString() is { Length: > 0 } s ? ParseEnum<InvoiceStatus>(s, "status") : (InvoiceStatus?)null;
        var kind = req.Query["kind"].ToString() is { Length: > 0 } k ? ParseEnum<InvoiceKind>(k, "kind") : (InvoiceKind?)null;
        var page = await invoices.ListAsync(id, status, kind, pageSize, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Get(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok((await invoices.GetAsync(Ids.Require(accountId, "account"), invoiceId, ct)).Value));

    public Task<IResult> Cancel(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ActorBody>(req, ct);
        var actor = Actors.OwnerOrAdmin(b);
        return ApiResult.Ok(await invoices.CancelAsync(id, Ids.Require(invoiceId, "invoice"), actor, ct));
    });

    public Task<IResult> PayFromBalance(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<ActorBody>(req, ct);
        var actor = Actors.OwnerOrAdmin(b);
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Ok(await invoices.PayFromBalanceAsync(id, Ids.Require(invoiceId, "invoice"), "user:" + actor, ct)), ct);
    });

    public Task<IResult> Checkout(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ActorBody>(req, ct);
        Actors.OwnerOrAdmin(b);
        var (invoice, url) = await checkouts.CheckoutInvoiceAsync(id, invoiceId, TopUpsApi.ReturnUrl(b.ReturnUrl), ct);
        return ApiResult.Ok(new { invoiceId = invoice.Id, number = invoice.Number, checkoutUrl = url });
    });

    public Task<IResult> CreateExternal(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<ExternalInvoiceBody>(req, ct);
        // Only an operator may set an amount other than the services' price, and the invoice records who did.
        var caller = Security.CallerAuthorization.CallerOf(req);
        var request = new ExternalInvoiceRequest(ParseEnum<InvoiceKind>(Required(b.Kind, "kind", 32), "kind"), money.Require(Required(b.Amount, "amount"), "amount"),
            Required(b.Description, "description", 500), Required(b.DueDate, "dueDate"), b.Prepaid ?? true, b.ExternalErp ?? false,
            (b.Orders ?? []).Select((o, i) => new OrderRequest(Ids.Require(Required(o.ServiceId, $"orders[{i}].serviceId", 64), "service"),
                ParseEnum<OrderKind>(Required(o.Kind, $"orders[{i}].kind", 32), $"orders[{i}].kind"))).ToList(),
            IssuedBy: caller is null ? "erp" : $"{Core.Json.Names.Of(caller.Role)}:{caller.Name}",
            MaySetAmount: caller?.Role == Core.Security.CallerRole.Operator);
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Created(await invoices.CreateExternalAsync(id, request, ApiRunner.IdempotencyKey(req), ct)), ct);
    });

    public Task<IResult> ErpCompletion(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ErpCompletionBody>(req, ct);
        return ApiResult.Ok(await invoices.CompleteExternalAsync(id, Ids.Require(invoiceId, "invoice"), Required(b.Reference, "reference", 100), ct));
    });

    /// <summary>B7: an operator completes an awaiting or overdue invoice from the account's balance.</summary>
    public Task<IResult> OperatorComplete(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<OperatorBody>(req, ct);
        var act = Operator.OperatorRequests.Act(req, Required(b.OperatorId, "operatorId", 128));
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Ok(await invoices.CompleteByOperatorAsync(id, Ids.Require(invoiceId, "invoice"), act, ct)), ct);
    });
}
