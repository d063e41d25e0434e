using Billing.Core;
using Billing.Core.Jobs;
using Billing.Core.TopUps;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>Operator-only endpoints (admin key): offline payments (B6) and job runs with their progress.</summary>
public sealed class OperatorApi(ApiRunner api, TopUpService topUps, JobRunner jobs, Core.Operators.OperatorJobs operatorJobs, Core.Money.MoneyOptions money)
{
    public Task<IResult> RecordOfflinePayment(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<OfflinePaymentBody>(req, ct);
        var amount = money.Require(Required(b.Amount, "amount"), "amount");
        var currency = Required(b.Currency, "currency", 3);
        if (!Core.Money.Currency.TryGet(currency, out _)) throw BillingException.Invalid("currency_unknown", $"Unknown currency '{currency}'.");
        var invoiceId = b.InvoiceId is null ? null : Ids.Require(b.InvoiceId, "invoice");
        var reference = Required(b.Reference, "reference", 100);
        var act = Operator.OperatorRequests.Act(req, Required(b.OperatorId, "operatorId", 128));
        return await api.Idempotent(req, id, text, async () => ApiResult.Ok(
            await topUps.RecordOfflineAsync(id, new Core.Money.Money(amount, currency), reference, invoiceId, act, ct)), ct);
    });

    public Task<IResult> StartJob(HttpRequest req, string job, CancellationToken ct) => api.Run(req, async () =>
    {
        var asOf = QueryTime(req, "asOf");
        var run = await operatorJobs.StartAsync(job, asOf, Operator.OperatorRequests.Act(req, null), ct);
        return new ApiResult(StatusCodes.Status202Accepted, Json.ApiJson.Serialize(run));
    });

    public Task<IResult> JobStatus(HttpRequest req, string runId, CancellationToken ct) => api.Run(req, async () =>
    {
        if (runId.Length > 100 || runId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) throw BillingException.NotFound("job_run", runId);
        return ApiResult.Ok(await jobs.StatusAsync(runId, ct) ?? throw BillingException.NotFound("job_run", runId));
    });
}
