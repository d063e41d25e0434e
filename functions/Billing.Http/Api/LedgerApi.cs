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
        var pageSize = RequestReader.QueryLong(req, "pageSize") ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize) throw BillingException.Invalid("page_size_invalid", $"pageSize must be 1 to {MaxPageSize}.");
        var from = RequestReader.QueryTime(req, "from");
        var to = RequestReader.QueryTime(req, "to");
        if (from >= to) throw BillingException.Invalid("range_invalid", "'from' must be before 'to'.");
        var token = req.Query["continuationToken"].ToString();
        if (token.Length > 1024) throw BillingException.Invalid("continuation_token_invalid", "The continuation token is not one this API gave.");
        _ = await store.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id);
        var page = await store.LedgerPageAsync(id, from, to, (int)pageSize, token.Length == 0 ? null : token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });
}
