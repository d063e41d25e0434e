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
        if (token.Length > Core.Storage.PageTokens.MaxLength) throw Core.Storage.PageTokens.Invalid();
        return ((int)size, token.Length == 0 ? null : token);
    }
}
