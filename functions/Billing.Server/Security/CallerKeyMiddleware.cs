using Billing.Http.Endpoints;
using Billing.Http.Security;

namespace Billing.Server.Security;

/// <summary>
/// The server's side of the one authorization model (S1): before any handler runs, the key presented must admit the
/// endpoint's callers and its account scope (<see cref="CallerAuthorization"/>, which the Functions worker middleware
/// runs too). Only endpoint-table entries run handlers. A request routing found nothing for (an unknown path, or a known
/// path with another method: the framework's 405 endpoint is no route endpoint) is answered 404 or 405 as problem+json by
/// <see cref="RouteLookup"/>, before and whatever any key says; other endpoints of the host (the OpenAPI document) pass.
/// </summary>
public sealed class CallerKeyMiddleware(RequestDelegate next, CallerAuthorization authorization)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is not RouteEndpoint) { await RouteLookup.WriteAsync(http); return; }
        if (endpoint.Metadata.GetMetadata<ApiEndpoint>() is not { } entry) { await next(http); return; }
        if (await authorization.AuthorizeAsync(entry, http, http.GetRouteValue("accountId") as string)) await next(http);
    }
}
