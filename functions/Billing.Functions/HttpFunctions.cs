using Billing.Http;
using Billing.Http.Api;
using Billing.Http.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>HTTP triggers: bind, call the shared handler, return its result. Routes and levels match the server's.</summary>
public sealed class HttpFunctions(AccountsApi accounts, LedgerApi ledger, TopUpsApi topUps, WebhooksApi webhooks, OperatorApi ops,
    CatalogApi catalog, SandboxCheckoutPages sandbox, InvoicesApi invoices, ServicesApi services, AccessApi access)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest req) => catalog.Health(req);

    [Function("Catalog")]
    public Task<IResult> Catalog([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Catalog)] HttpRequest req) => catalog.Get(req);

    [Function("AccountCreate")]
    public Task<IResult> AccountCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Accounts)] HttpRequest req, CancellationToken ct) => accounts.Create(req, ct);

    [Function("AccountGet")]
    public Task<IResult> AccountGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Account)] HttpRequest req, string accountId, CancellationToken ct) => accounts.Get(req, accountId, ct);

    [Function("AccountActivate")]
    public Task<IResult> AccountActivate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Activate)] HttpRequest req, string accountId, CancellationToken ct) => accounts.Activate(req, accountId, ct);

    [Function("AccountSettings")]
    public Task<IResult> AccountSettings([HttpTrigger(AuthorizationLevel.Function, "patch", Route = Routes.Settings)] HttpRequest req, string accountId, CancellationToken ct) => accounts.ChangeSettings(req, accountId, ct);

    [Function("AccountSeats")]
    public Task<IResult> AccountSeats([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Seats)] HttpRequest req, string accountId, CancellationToken ct) => accounts.ReportSeats(req, accountId, ct);

    [Function("AccountLogins")]
    public Task<IResult> AccountLogins([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Logins)] HttpRequest req, string accountId, CancellationToken ct) => accounts.RecordLogin(req, accountId, ct);

    [Function("AccountUsage")]
    public Task<IResult> AccountUsage([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Usage)] HttpRequest req, string accountId, CancellationToken ct) => accounts.ReportUsage(req, accountId, ct);

    [Function("AccountSummary")]
    public Task<IResult> AccountSummary([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Summary)] HttpRequest req, string accountId, CancellationToken ct) => accounts.Summary(req, accountId, ct);

    [Function("AccountLedger")]
    public Task<IResult> AccountLedger([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Ledger)] HttpRequest req, string accountId, CancellationToken ct) => ledger.History(req, accountId, ct);

    [Function("InvoiceList")]
    public Task<IResult> InvoiceList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Invoices)] HttpRequest req, string accountId, CancellationToken ct) => invoices.List(req, accountId, ct);

    [Function("InvoiceCreateExternal")]
    public Task<IResult> InvoiceCreateExternal([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Invoices)] HttpRequest req, string accountId, CancellationToken ct) => invoices.CreateExternal(req, accountId, ct);

    [Function("InvoiceGet")]
    public Task<IResult> InvoiceGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Invoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.Get(req, accountId, invoiceId, ct);

    [Function("InvoiceCancel")]
    public Task<IResult> InvoiceCancel([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.InvoiceCancel)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.Cancel(req, accountId, invoiceId, ct);

    [Function("InvoicePayFromBalance")]
    public Task<IResult> InvoicePayFromBalance([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.InvoicePayFromBalance)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.PayFromBalance(req, accountId, invoiceId, ct);

    [Function("InvoiceCheckout")]
    public Task<IResult> InvoiceCheckout([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.InvoiceCheckout)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.Checkout(req, accountId, invoiceId, ct);

    [Function("InvoiceErpCompletion")]
    public Task<IResult> InvoiceErpCompletion([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.InvoiceErpCompletion)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.ErpCompletion(req, accountId, invoiceId, ct);

    [Function("ServiceList")]
    public Task<IResult> ServiceList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Services)] HttpRequest req, string accountId, CancellationToken ct) => services.List(req, accountId, ct);

    [Function("ServiceSubscribe")]
    public Task<IResult> ServiceSubscribe([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Services)] HttpRequest req, string accountId, CancellationToken ct) => services.Subscribe(req, accountId, ct);

    [Function("ServiceChange")]
    public Task<IResult> ServiceChange([HttpTrigger(AuthorizationLevel.Function, "patch", Route = Routes.Service)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) => services.Change(req, accountId, serviceId, ct);

    [Function("ServiceCancel")]
    public Task<IResult> ServiceCancel([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ServiceCancel)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) => services.Cancel(req, accountId, serviceId, ct);

    [Function("ServiceRenewalInvoice")]
    public Task<IResult> ServiceRenewalInvoice([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ServiceRenewalInvoice)] HttpRequest req, string accountId, string serviceId, CancellationToken ct) => services.RenewalInvoice(req, accountId, serviceId, ct);

    [Function("AccessCheck")]
    public Task<IResult> AccessCheck([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Access)] HttpRequest req, string accountId, CancellationToken ct) => access.Access(req, accountId, ct);

    [Function("PromisedPayment")]
    public Task<IResult> PromisedPayment([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.PromisedPayment)] HttpRequest req, string accountId, CancellationToken ct) => access.Promise(req, accountId, ct);

    [Function("RestrictionChanges")]
    public Task<IResult> RestrictionChanges([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.RestrictionChanges)] HttpRequest req, string accountId, CancellationToken ct) => access.Changes(req, accountId, ct);

    [Function("DeletionCancel")]
    public Task<IResult> DeletionCancel([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.DeletionCancel)] HttpRequest req, string accountId, CancellationToken ct) => access.CancelDeletion(req, accountId, ct);

    [Function("OperatorRestore")]
    public Task<IResult> OperatorRestore([HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.OperatorRestore)] HttpRequest req, string accountId, CancellationToken ct) => access.Restore(req, accountId, ct);

    [Function("PlanList")]
    public Task<IResult> PlanList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Plans)] HttpRequest req, string accountId, CancellationToken ct) => services.Plans(req, accountId, ct);

    [Function("PlanChangeQuote")]
    public Task<IResult> PlanChangeQuote([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.PlanChangeQuote)] HttpRequest req, string accountId, CancellationToken ct) => services.Quote(req, accountId, ct);

    [Function("PlanChange")]
    public Task<IResult> PlanChange([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.PlanChange)] HttpRequest req, string accountId, CancellationToken ct) => services.ChangePlan(req, accountId, ct);

    [Function("TopUpQuote")]
    public Task<IResult> TopUpQuote([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.TopUpQuote)] HttpRequest req, string accountId, CancellationToken ct) => topUps.Quote(req, accountId, ct);

    [Function("TopUpCreate")]
    public Task<IResult> TopUpCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.TopUps)] HttpRequest req, string accountId, CancellationToken ct) => topUps.Create(req, accountId, ct);

    [Function("Webhook")]
    public Task<IResult> Webhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Webhook)] HttpRequest req, string provider, CancellationToken ct) => webhooks.Receive(req, provider, ct);

    [Function("SandboxCheckout")]
    public Task<IResult> SandboxCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SandboxCheckout)] HttpRequest req, string checkoutId, CancellationToken ct) => sandbox.Show(req, checkoutId, ct);

    [Function("SandboxPay")]
    public Task<IResult> SandboxPay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SandboxPay)] HttpRequest req, string checkoutId, CancellationToken ct) => sandbox.Pay(req, checkoutId, ct);

    [Function("SandboxDecline")]
    public Task<IResult> SandboxDecline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SandboxDecline)] HttpRequest req, string checkoutId, CancellationToken ct) => sandbox.Decline(req, checkoutId, ct);

    [Function("OperatorOfflinePayment")]
    public Task<IResult> OperatorOfflinePayment([HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.OfflinePayments)] HttpRequest req, string accountId, CancellationToken ct) => ops.RecordOfflinePayment(req, accountId, ct);

    [Function("OperatorCompleteInvoice")]
    public Task<IResult> OperatorCompleteInvoice([HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.OperatorCompleteInvoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.OperatorComplete(req, accountId, invoiceId, ct);

    [Function("OperatorJobStart")]
    public Task<IResult> OperatorJobStart([HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.JobRuns)] HttpRequest req, string job, CancellationToken ct) => ops.StartJob(req, job, ct);

    [Function("OperatorJobStatus")]
    public Task<IResult> OperatorJobStatus([HttpTrigger(AuthorizationLevel.Admin, "get", Route = Routes.JobRun)] HttpRequest req, string runId, CancellationToken ct) => ops.JobStatus(req, runId, ct);
}
