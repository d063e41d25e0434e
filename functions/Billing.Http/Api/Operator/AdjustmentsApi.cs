using Billing.Core.Adjustments;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.Operator;

/// <summary>
/// P2, A2: an operator's adjustment of an account's balance with a reason (AdjustmentService holds the rules). The body's
/// <c>idempotencyKey</c> books it once for good; an <c>Idempotency-Key</c> header also replays the first answer (B8).
/// </summary>
public sealed class AdjustmentsApi(ApiRunner api, AdjustmentService adjustments, Core.Money.MoneyOptions money)
{
    public Task<IResult> Create(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<AdjustmentBody>(req, ct);
        var amount = money.Require(Required(b.Amount, "amount"), "amount", Core.Money.AmountSign.NonZero);
        var currency = Required(b.Currency, "currency", 3);
        var reason = Required(b.Reason, "reason", Core.Audit.OperatorAct.MaxReasonLength);
        var act = OperatorRequests.Act(req, OperatorQuery.Name(b.OperatorId));
        return await api.Idempotent(req, id, text, async () =>
        {
            var key = b.IdempotencyKey ?? ApiRunner.IdempotencyKey(req);
            var done = await adjustments.AdjustAsync(id, new AdjustmentRequest(amount, currency, reason, key), act, ct);
            return done.Repeated ? ApiResult.Ok(View(done)) : ApiResult.Created(View(done));
        }, ct);
    });

    private static object View(AdjustmentResult r) => new
    {
        id = r.Adjustment.Id, amount = r.Adjustment.Amount, currency = r.Adjustment.Currency, reason = r.Adjustment.Reason, ledgerSeq = r.Adjustment.LedgerSeq,
        balanceAfter = r.Adjustment.BalanceAfter, at = r.Adjustment.At, by = r.Adjustment.By, idempotencyKey = r.Adjustment.Key, repeated = r.Repeated,
    };
}
