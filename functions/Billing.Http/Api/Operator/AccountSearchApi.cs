using Billing.Core.Accounts;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api.Operator;

/// <summary>P2: operators find accounts by the start of an id, of a word of the name, or of an email (AccountSearch).</summary>
public sealed class AccountSearchApi(ApiRunner api, AccountSearch search)
{
    public Task<IResult> Search(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var page = await search.SearchAsync(req.Query["q"].ToString(), size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });
}
