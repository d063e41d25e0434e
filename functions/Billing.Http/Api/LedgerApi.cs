using Billing.Core;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>A4: ledger history of a time range, newest first, paged with a continuation token.</summary>
public sealed class LedgerApi(ApiRunner api, IAccountStore store)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public Task<IResult> History(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (pageSize, token) = Paging.Read(req);
        var from = RequestReader.QueryTime(req, "from");
        var to = RequestReader.QueryTime(req, "to");
        if (from >= to) throw BillingException.Invalid("range_invalid", "'from' must be before 'to'.");
        _ = await store.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id);
        var page = await store.LedgerPageAsync(id, from, to, pageSize, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });
}
