using Billing.Http;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// HTTP triggers of issue 15's entries: a tenant's own payment provider (F11) and the raw webhook log (B10). As every trigger,
/// anonymous to the platform; the worker middleware checks the key against the endpoint table.
/// </summary>
public sealed class PaymentFunctions
{
    [Function("PaymentProviderGet")]
    public Task<IResult> PaymentProviderGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.PaymentProvider)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PaymentProviderGet), req, ct, accountId);

    [Function("PaymentProviderSet")]
    public Task<IResult> PaymentProviderSet([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Api + Routes.PaymentProvider)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PaymentProviderSet), req, ct, accountId);

    [Function("PaymentProviderDelete")]
    public Task<IResult> PaymentProviderDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Api + Routes.PaymentProvider)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PaymentProviderDelete), req, ct, accountId);

    [Function("OperatorWebhookList")]
    public Task<IResult> OperatorWebhookList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.WebhookLog)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorWebhookList), req, ct);

    [Function("OperatorWebhookGet")]
    public Task<IResult> OperatorWebhookGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.WebhookLogEntry)] HttpRequest req, string webhookId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorWebhookGet), req, ct, webhookId);
}
