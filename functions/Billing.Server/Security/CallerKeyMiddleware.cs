using Billing.Http.Endpoints;
using Billing.Http.Security;

namespace Billing.Server.Security;

/// <summary>
/// The server's side of the one authorization model (S1): before any handler runs, the key presented must admit the
/// endpoint's callers and its account scope (<see cref="CallerAuthorization"/>, which the Functions worker middleware
/// runs too). Only endpoint-table entries run handlers; anything else (an unknown path, a wrong method) is answered by
/// ASP.NET Core itself with 404 or 405, and runs nothing of ours.
/// </summary>
public sealed class CallerKeyMiddleware(RequestDelegate next, CallerAuthorization authorization)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>() is not { } entry) { await next(http); return; }
        if (await authorization.AuthorizeAsync(entry, http, http.GetRouteValue("accountId") as string)) await next(http);
    }
}
