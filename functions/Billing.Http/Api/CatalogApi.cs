using Billing.Core.Catalog;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>The catalog in force (C1) and a health probe.</summary>
public sealed class CatalogApi(ApiRunner api, ICatalogSource catalog)
{
    public Task<IResult> Get(HttpRequest req) => api.Run(req, () => Task.FromResult(ApiResult.Ok(catalog.Current)));

    public Task<IResult> Health(HttpRequest req) => api.Run(req, () => Task.FromResult(ApiResult.Ok(new { status = "ok", catalog = catalog.Current.Version })));
}
