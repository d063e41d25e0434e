using Billing.Http;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// HTTP triggers, one per endpoint-table entry (same name, method and route): bind the route values and run the entry.
/// Every trigger is anonymous to the platform: the caller's key, role and account scope are checked by the worker
/// middleware (<see cref="CallerKeyWorkerMiddleware"/>) with the same model the server runs, before the entry's handler.
/// </summary>
public sealed class HttpFunctions
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Health)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(Health), req, ct);

    [Function("Catalog")]
    public Task<IResult> Catalog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Catalog)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(Catalog), req, ct);

    [Function("AccountCreate")]
    public Task<IResult> AccountCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Accounts)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountCreate), req, ct);

    [Function("AccountGet")]
    public Task<IResult> AccountGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Account)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountGet), req, ct, accountId);

    [Function("AccountActivate")]
    public Task<IResult> AccountActivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Activate)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountActivate), req, ct, accountId);

    [Function("AccountSettings")]
    public Task<IResult> AccountSettings([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.Api + Routes.Settings)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountSettings), req, ct, accountId);

    [Function("AccountSeats")]
    public Task<IResult> AccountSeats([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Seats)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountSeats), req, ct, accountId);

    [Function("AccountLogins")]
    public Task<IResult> AccountLogins([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Logins)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountLogins), req, ct, accountId);

    [Function("AccountUsage")]
    public Task<IResult> AccountUsage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Usage)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountUsage), req, ct, accountId);

    [Function("AccountUsageBatch")]
    public Task<IResult> AccountUsageBatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.UsageBatch)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountUsageBatch), req, ct, accountId);

    [Function("AccountUsageEvents")]
    public Task<IResult> AccountUsageEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.UsageEvents)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountUsageEvents), req, ct, accountId);

    [Function("AccountSummary")]
    public Task<IResult> AccountSummary([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Summary)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountSummary), req, ct, accountId);

    [Function("AccountLedger")]
    public Task<IResult> AccountLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Ledger)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccountLedger), req, ct, accountId);

    [Function("InvoiceList")]
    public Task<IResult> InvoiceList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Invoices)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceList), req, ct, accountId);

    [Function("InvoiceCreateExternal")]
    public Task<IResult> InvoiceCreateExternal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Invoices)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceCreateExternal), req, ct, accountId);

    [Function("InvoiceGet")]
    public Task<IResult> InvoiceGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Invoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceGet), req, ct, accountId, invoiceId);

    [Function("InvoiceCancel")]
    public Task<IResult> InvoiceCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.InvoiceCancel)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceCancel), req, ct, accountId, invoiceId);

    [Function("InvoicePayFromBalance")]
    public Task<IResult> InvoicePayFromBalance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.InvoicePayFromBalance)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoicePayFromBalance), req, ct, accountId, invoiceId);

    [Function("InvoiceCheckout")]
    public Task<IResult> InvoiceCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.InvoiceCheckout)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceCheckout), req, ct, accountId, invoiceId);

    [Function("InvoiceErpCompletion")]
    public Task<IResult> InvoiceErpCompletion([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.InvoiceErpCompletion)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(InvoiceErpCompletion), req, ct, accountId, invoiceId);

    [Function("ServiceList")]
    public Task<IResult> ServiceList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Services)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ServiceList), req, ct, accountId);

    [Function("ServiceSubscribe")]
    public Task<IResult> ServiceSubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Services)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ServiceSubscribe), req, ct, accountId);

    [Function("ServiceChange")]
    public Task<IResult> ServiceChange([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.Api + Routes.Service)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ServiceChange), req, ct, accountId, serviceId);

    [Function("ServiceCancel")]
    public Task<IResult> ServiceCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.ServiceCancel)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ServiceCancel), req, ct, accountId, serviceId);

    [Function("ServiceRenewalInvoice")]
    public Task<IResult> ServiceRenewalInvoice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.ServiceRenewalInvoice)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ServiceRenewalInvoice), req, ct, accountId, serviceId);

    [Function("AccessCheck")]
    public Task<IResult> AccessCheck([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Access)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(AccessCheck), req, ct, accountId);

    [Function("PromisedPayment")]
    public Task<IResult> PromisedPayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.PromisedPayment)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PromisedPayment), req, ct, accountId);

    [Function("RestrictionChanges")]
    public Task<IResult> RestrictionChanges([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.RestrictionChanges)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(RestrictionChanges), req, ct, accountId);

    [Function("DeletionCancel")]
    public Task<IResult> DeletionCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.DeletionCancel)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(DeletionCancel), req, ct, accountId);

    [Function("OperatorRestore")]
    public Task<IResult> OperatorRestore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorRestore)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorRestore), req, ct, accountId);

    [Function("PlanList")]
    public Task<IResult> PlanList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Plans)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PlanList), req, ct, accountId);

    [Function("PlanChangeQuote")]
    public Task<IResult> PlanChangeQuote([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.PlanChangeQuote)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PlanChangeQuote), req, ct, accountId);

    [Function("PlanChange")]
    public Task<IResult> PlanChange([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.PlanChange)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PlanChange), req, ct, accountId);

    [Function("TopUpQuote")]
    public Task<IResult> TopUpQuote([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.TopUpQuote)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(TopUpQuote), req, ct, accountId);

    [Function("TopUpCreate")]
    public Task<IResult> TopUpCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.TopUps)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(TopUpCreate), req, ct, accountId);

    [Function("PortalSessionCreate")]
    public Task<IResult> PortalSessionCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.PortalSessions)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalSessionCreate), req, ct, accountId);

    [Function("Webhook")]
    public Task<IResult> Webhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Webhook)] HttpRequest req, string provider, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(Webhook), req, ct, provider);

    [Function("SandboxCheckout")]
    public Task<IResult> SandboxCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.SandboxCheckout)] HttpRequest req, string checkoutId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(SandboxCheckout), req, ct, checkoutId);

    [Function("SandboxPay")]
    public Task<IResult> SandboxPay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.SandboxPay)] HttpRequest req, string checkoutId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(SandboxPay), req, ct, checkoutId);

    [Function("SandboxDecline")]
    public Task<IResult> SandboxDecline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.SandboxDecline)] HttpRequest req, string checkoutId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(SandboxDecline), req, ct, checkoutId);

    [Function("OperatorOfflinePayment")]
    public Task<IResult> OperatorOfflinePayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OfflinePayments)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorOfflinePayment), req, ct, accountId);

    [Function("OperatorPayments")]
    public Task<IResult> OperatorPayments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.OperatorPayments)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorPayments), req, ct, accountId);

    [Function("OperatorRefund")]
    public Task<IResult> OperatorRefund([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorRefund)] HttpRequest req, string accountId, string paymentId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorRefund), req, ct, accountId, paymentId);

    [Function("OperatorCompleteInvoice")]
    public Task<IResult> OperatorCompleteInvoice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.OperatorCompleteInvoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorCompleteInvoice), req, ct, accountId, invoiceId);

    [Function("OperatorJobStart")]
    public Task<IResult> OperatorJobStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.JobRuns)] HttpRequest req, string job, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorJobStart), req, ct, job);

    [Function("OperatorJobStatus")]
    public Task<IResult> OperatorJobStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.JobRun)] HttpRequest req, string runId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(OperatorJobStatus), req, ct, runId);

    [Function("ApiKeyList")]
    public Task<IResult> ApiKeyList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.ApiKeys)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ApiKeyList), req, ct);

    [Function("ApiKeyCreate")]
    public Task<IResult> ApiKeyCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.ApiKeys)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ApiKeyCreate), req, ct);

    [Function("ApiKeyDelete")]
    public Task<IResult> ApiKeyDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Api + Routes.ApiKey)] HttpRequest req, string keyId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(ApiKeyDelete), req, ct, keyId);
}
