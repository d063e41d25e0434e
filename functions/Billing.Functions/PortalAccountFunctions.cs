using Billing.Http.Endpoints;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// P1: the portal's pages about the account itself (overview actions, history and its CSV, plans), one trigger per entry
/// of <see cref="Billing.Http.Portal.PortalAccountEndpoints"/>. Anonymous to the platform: the session and its form token
/// are checked by the entry's pipeline, as on the server.
/// </summary>
public sealed class PortalAccountFunctions
{
    [Function("PortalPromise")]
    public Task<IResult> PortalPromise([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalPromise)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalPromise), req, ct);

    [Function("PortalDeletionCancel")]
    public Task<IResult> PortalDeletionCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalDeletionCancel)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalDeletionCancel), req, ct);

    [Function("PortalHistory")]
    public Task<IResult> PortalHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalHistory)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalHistory), req, ct);

    [Function("PortalHistoryCsv")]
    public Task<IResult> PortalHistoryCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalHistoryCsv)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalHistoryCsv), req, ct);

    [Function("PortalPlans")]
    public Task<IResult> PortalPlans([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalPlans)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalPlans), req, ct);

    [Function("PortalPlanChange")]
    public Task<IResult> PortalPlanChange([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalPlanChange)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalPlanChange), req, ct);
}
