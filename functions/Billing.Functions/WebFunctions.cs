using Billing.Http.Endpoints;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// P1, P2: the portal's and the console's pages and their files, one trigger per endpoint-table entry, at the site's root.
/// Anonymous to the platform: the session (portal or console) and its form token are checked by the entry's pipeline,
/// as on the server.
/// </summary>
public sealed class WebFunctions
{
    [Function("Asset")]
    public Task<IResult> Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.Asset)] HttpRequest req, string file, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(Asset), req, ct, file);

    [Function("PortalEnter")]
    public Task<IResult> PortalEnter([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalEnter)] HttpRequest req, string token, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalEnter), req, ct, token);

    [Function("PortalOverview")]
    public Task<IResult> PortalOverview([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalOverview)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalOverview), req, ct);

    [Function("PortalSignOut")]
    public Task<IResult> PortalSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalSignOut)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalSignOut), req, ct);
}
