using Billing.Http;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// HTTP triggers of issue 16's entries: the operator console's backend (P2): audit log, adjustments, account search, flagged
/// payments, CRM event deliveries and an account's messages. As every trigger, anonymous to the platform; the worker
/// middleware checks the key against the endpoint table (operator keys only).
/// </summary>
public sealed class OperatorFunctions
{
    [Function("OperatorAuditList")]
    public Task<IResult> OperatorAuditList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorAudit)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorAuditList), req, ct);

    [Function("OperatorAdjustment")]
    public Task<IResult> OperatorAdjustment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorAdjustments)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorAdjustment), req, ct, accountId);

    [Function("OperatorAccountSearch")]
    public Task<IResult> OperatorAccountSearch([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorAccounts)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorAccountSearch), req, ct);

    [Function("OperatorFlaggedPaymentList")]
    public Task<IResult> OperatorFlaggedPaymentList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorFlaggedPayments)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorFlaggedPaymentList), req, ct);

    [Function("OperatorFlaggedPaymentResolve")]
    public Task<IResult> OperatorFlaggedPaymentResolve([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorFlaggedPaymentResolve)] HttpRequest req, string flagId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorFlaggedPaymentResolve), req, ct, flagId);

    [Function("OperatorEventList")]
    public Task<IResult> OperatorEventList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorEvents)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorEventList), req, ct);

    [Function("OperatorEventReplay")]
    public Task<IResult> OperatorEventReplay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorEventReplay)] HttpRequest req, string eventId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorEventReplay), req, ct, eventId);

    [Function("OperatorEventRangeReplay")]
    public Task<IResult> OperatorEventRangeReplay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorEventRangeReplay)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorEventRangeReplay), req, ct);

    [Function("OperatorMessageList")]
    public Task<IResult> OperatorMessageList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorMessages)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorMessageList), req, ct, accountId);

    [Function("OperatorMessageResend")]
    public Task<IResult> OperatorMessageResend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorMessageResend)] HttpRequest req, string accountId, string messageId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorMessageResend), req, ct, accountId, messageId);
}
