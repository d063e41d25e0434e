using Billing.Core;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>A4: ledger history of a time range, newest first, paged with a continuation token.</summary>
public sealed class LedgerApi(ApiRunner api, IAccountReader reader)
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
        _ = await reader.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id);
        var page = await reader.PageAsync(id, Core.Ledger.LedgerEntry.All, Range(from, to), pageSize, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    /// <summary>The entries of [<paramref name="from"/>, <paramref name="to"/>) as a paged query asks for them (the portal's history pages the same way).</summary>
    public static IReadOnlyList<RowFilter> Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        var filters = new List<RowFilter>();
        if (from is { } f) filters.Add(new RowFilter(nameof(Core.Ledger.LedgerEntry.Time), FilterOp.Ge, f));
        if (to is { } t) filters.Add(new RowFilter(nameof(Core.Ledger.LedgerEntry.Time), FilterOp.Lt, t));
        return filters;
    }
}
