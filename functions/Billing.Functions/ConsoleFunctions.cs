using Billing.Http.Endpoints;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// P2: the operator console's pages and forms, one trigger per endpoint-table entry (<c>ConsoleEndpoints</c>), at the site's
/// root. Anonymous to the platform: the console session and its form token are checked by the entry's pipeline, as on the
/// server; the sign-in takes the operator key from its form.
/// </summary>
public sealed class ConsoleFunctions
{
    [Function("ConsoleSignInPage")]
    public Task<IResult> ConsoleSignInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleSignIn)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleSignInPage), req, ct);

    [Function("ConsoleSignIn")]
    public Task<IResult> ConsoleSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleSignIn)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleSignIn), req, ct);

    [Function("ConsoleSignOut")]
    public Task<IResult> ConsoleSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleSignOut)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleSignOut), req, ct);

    [Function("ConsoleHome")]
    public Task<IResult> ConsoleHome([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleHome)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleHome), req, ct);

    [Function("ConsoleAccounts")]
    public Task<IResult> ConsoleAccounts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleAccounts)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleAccounts), req, ct);

    [Function("ConsoleAccount")]
    public Task<IResult> ConsoleAccount([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleAccount)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleAccount), req, ct, accountId);

    [Function("ConsoleOfflinePayment")]
    public Task<IResult> ConsoleOfflinePayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleOfflinePayment)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleOfflinePayment), req, ct, accountId);

    [Function("ConsoleInvoiceComplete")]
    public Task<IResult> ConsoleInvoiceComplete([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleInvoiceComplete)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleInvoiceComplete), req, ct, accountId, invoiceId);

    [Function("ConsoleRestore")]
    public Task<IResult> ConsoleRestore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleRestore)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleRestore), req, ct, accountId);

    [Function("ConsoleJobs")]
    public Task<IResult> ConsoleJobs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleJobs)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleJobs), req, ct);

    [Function("ConsoleJobStart")]
    public Task<IResult> ConsoleJobStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleJobStart)] HttpRequest req, string job, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleJobStart), req, ct, job);

    [Function("ConsoleRun")]
    public Task<IResult> ConsoleRun([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleRun)] HttpRequest req, string runId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleRun), req, ct, runId);

    [Function("ConsoleRunRetry")]
    public Task<IResult> ConsoleRunRetry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleRunRetry)] HttpRequest req, string runId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleRunRetry), req, ct, runId);

    [Function("ConsoleAdjustment")]
    public Task<IResult> ConsoleAdjustment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleAdjustment)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleAdjustment), req, ct, accountId);

    [Function("ConsoleMessageResend")]
    public Task<IResult> ConsoleMessageResend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleMessageResend)] HttpRequest req, string accountId, string messageId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleMessageResend), req, ct, accountId, messageId);

    [Function("ConsoleAccountFlagResolve")]
    public Task<IResult> ConsoleAccountFlagResolve([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleAccountFlagResolve)] HttpRequest req, string accountId, string flagId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleAccountFlagResolve), req, ct, accountId, flagId);

    [Function("ConsoleFlagged")]
    public Task<IResult> ConsoleFlagged([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleFlagged)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleFlagged), req, ct);

    [Function("ConsoleFlagResolve")]
    public Task<IResult> ConsoleFlagResolve([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleFlagResolve)] HttpRequest req, string flagId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleFlagResolve), req, ct, flagId);

    [Function("ConsoleEvents")]
    public Task<IResult> ConsoleEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleEvents)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleEvents), req, ct);

    [Function("ConsoleEventReplay")]
    public Task<IResult> ConsoleEventReplay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleEventReplay)] HttpRequest req, string eventId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleEventReplay), req, ct, eventId);

    [Function("ConsoleEventsReplay")]
    public Task<IResult> ConsoleEventsReplay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.ConsoleEventsReplay)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleEventsReplay), req, ct);

    [Function("ConsoleAudit")]
    public Task<IResult> ConsoleAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.ConsoleAudit)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ConsoleAudit), req, ct);
}
