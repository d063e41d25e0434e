using Billing.Http;
using Billing.Http.Endpoints;

namespace Billing.Server;

/// <summary>Maps the endpoint table under <c>/api</c>: each entry carries itself as metadata, for the key check, and runs through
/// <see cref="EndpointPipeline"/> as in the Functions app.</summary>
public static class BillingEndpoints
{
    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        foreach (var e in EndpointTable.All)
        {
            Func<HttpContext, Task<IResult>> handler = http => EndpointPipeline.RunAsync(e, http, http.RequestAborted);
            api.MapMethods(e.Route, [e.Method], handler).WithName(e.Name).WithMetadata(e);
        }
    }
}
