using Billing.Core.Payments;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>Operators' payments of an account and their refunds (issue 15): 202 once the provider took the request.</summary>
public sealed class RefundsApi(ApiRunner api, RefundService refunds, Core.Money.MoneyOptions money)
{
    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = await refunds.ListAsync(Ids.Require(accountId, "account"), ct).OrderByDescending(p => p.PaidAt).ToListAsync(ct) }));

    public Task<IResult> Refund(HttpRequest req, string accountId, string paymentId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var payment = Ids.Require(paymentId, "payment");
        var (b, text) = await ReadJsonAsync<RefundBody>(req, ct);
        var amount = money.Require(Required(b.Amount, "amount"), "amount");
        var act = Operator.OperatorRequests.Act(req, Required(b.OperatorId, "operatorId", 128), Required(b.Reason, "reason", 500));
        return await api.Idempotent(req, id, text, async () =>
            new ApiResult(StatusCodes.Status202Accepted, Json.ApiJson.Serialize(await refunds.StartAsync(id, payment, amount, act, ct))), ct);
    });
}
