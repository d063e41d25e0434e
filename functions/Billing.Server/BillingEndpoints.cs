using Billing.Http;
using Billing.Http.Endpoints;

namespace Billing.Server;

/// <summary>Maps the endpoint table (the API under <c>/api</c>, the portal and console pages at the root): each entry carries itself as metadata, for the key check, and runs through
/// <see cref="EndpointPipeline"/> as in the Functions app.</summary>
public static class BillingEndpoints
{
    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        foreach (var e in EndpointTable.All)
        {
            Func<HttpContext, Task<IResult>> handler = http => EndpointPipeline.RunAsync(e, http, http.RequestAborted);
            app.MapMethods("/" + e.Path, [e.Method], handler).WithName(e.Name).WithMetadata(e);
        }
    }
}
