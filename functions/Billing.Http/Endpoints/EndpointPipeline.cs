using Billing.Http.Pages;
using Billing.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Http.Endpoints;

/// <summary>
/// What runs around every entry's handler, in both hosts (the server maps it, the Functions triggers call it through
/// <see cref="EndpointTable.InvokeAsync"/>), after the key check: by the entry's <see cref="EndpointSurface"/>, the JSON
/// content type (415), the pages' security headers, the same-origin rule for public form POSTs (403), and the portal's and
/// console's session with its form token (<see cref="Web.SessionGate"/>). A refusal runs
/// nothing of the handler.
/// </summary>
public static class EndpointPipeline
{
    public static async Task<IResult> RunAsync(ApiEndpoint endpoint, HttpContext http, CancellationToken ct)
    {
        // No answer of ours is ever sniffed into another type (a JSON body read as HTML).
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var refusal = endpoint.Surface switch
        {
            EndpointSurface.Json => JsonContentType.Check(http),
            EndpointSurface.Page => Page(http, form: false),
            EndpointSurface.PageForm => Page(http, form: true),
            EndpointSurface.SessionPage => await Web.SessionGate.CheckAsync(endpoint, http, form: false),
            EndpointSurface.SessionForm => await Web.SessionGate.CheckAsync(endpoint, http, form: true),
            _ => null,
        };
        return refusal ?? await endpoint.Handler(http.RequestServices, http.Request, ct);
    }

    private static IResult? Page(HttpContext http, bool form)
    {
        var pages = http.RequestServices.GetRequiredService<PageSecurity>();
        pages.Apply(http.Response);
        return form ? SameOriginPost.Check(http, pages.OwnOrigins) : null;
    }
}
