using Billing.Core;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>pageSize and continuationToken, read the same way by every list.</summary>
public static class Paging
{
    public static (int Size, string? Token) Read(HttpRequest req)
    {
        var size = QueryLong(req, "pageSize") ?? LedgerApi.DefaultPageSize;
        if (size is < 1 or > LedgerApi.MaxPageSize) throw BillingException.Invalid("page_size_invalid", $"pageSize must be 1 to {LedgerApi.MaxPageSize}.");
        var token = req.Query["continuationToken"].ToString();
        if (token.Length > 1024) throw BillingException.Invalid("continuation_token_invalid", "The continuation token is not one this API gave.");
        return ((int)size, token.Length == 0 ? null : token);
    }
}
