using Billing.Http;
using Billing.Http.Api;
using Billing.Http.Pages;

namespace Billing.Server;

/// <summary>Maps every shared route under <c>/api</c>, each tagged with who may call it.</summary>
public static class BillingEndpoints
{
    private static RouteHandlerBuilder Allow(this RouteHandlerBuilder route, Access access) => route.WithMetadata(new RouteAccess(access));

    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        api.MapGet(Routes.Health, (CatalogApi h, HttpRequest r) => h.Health(r)).Allow(Access.Public);
        api.MapGet(Routes.Catalog, (CatalogApi h, HttpRequest r) => h.Get(r)).Allow(Access.Function);

        api.MapPost(Routes.Accounts, (AccountsApi h, HttpRequest r, CancellationToken ct) => h.Create(r, ct)).Allow(Access.Function);
        api.MapGet(Routes.Account, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Get(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Activate, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Activate(r, accountId, ct)).Allow(Access.Function);
        api.MapPatch(Routes.Settings, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.ChangeSettings(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Seats, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.ReportSeats(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Logins, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.RecordLogin(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Usage, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.ReportUsage(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Summary, (AccountsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Summary(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Ledger, (LedgerApi h, HttpRequest r, string accountId, CancellationToken ct) => h.History(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Invoices, (InvoicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.List(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Invoices, (InvoicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.CreateExternal(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Invoice, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.Get(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.InvoiceCancel, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.Cancel(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.InvoicePayFromBalance, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.PayFromBalance(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.InvoiceCheckout, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.Checkout(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.InvoiceErpCompletion, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.ErpCompletion(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Services, (ServicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.List(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Services, (ServicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Subscribe(r, accountId, ct)).Allow(Access.Function);
        api.MapPatch(Routes.Service, (ServicesApi h, HttpRequest r, string accountId, string serviceId, CancellationToken ct) => h.Change(r, accountId, serviceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.ServiceCancel, (ServicesApi h, HttpRequest r, string accountId, string serviceId, CancellationToken ct) => h.Cancel(r, accountId, serviceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.ServiceRenewalInvoice, (ServicesApi h, HttpRequest r, string accountId, string serviceId, CancellationToken ct) => h.RenewalInvoice(r, accountId, serviceId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Access, (AccessApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Access(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.PromisedPayment, (AccessApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Promise(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.RestrictionChanges, (AccessApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Changes(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.DeletionCancel, (AccessApi h, HttpRequest r, string accountId, CancellationToken ct) => h.CancelDeletion(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Plans, (ServicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Plans(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.PlanChangeQuote, (ServicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Quote(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.PlanChange, (ServicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.ChangePlan(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.TopUpQuote, (TopUpsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Quote(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.TopUps, (TopUpsApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Create(r, accountId, ct)).Allow(Access.Function);

        api.MapPost(Routes.Webhook, (WebhooksApi h, HttpRequest r, string provider, CancellationToken ct) => h.Receive(r, provider, ct)).Allow(Access.Public);
        api.MapGet(Routes.SandboxCheckout, (SandboxCheckoutPages h, HttpRequest r, string checkoutId, CancellationToken ct) => h.Show(r, checkoutId, ct)).Allow(Access.Public);
        api.MapPost(Routes.SandboxPay, (SandboxCheckoutPages h, HttpRequest r, string checkoutId, CancellationToken ct) => h.Pay(r, checkoutId, ct)).Allow(Access.Public);
        api.MapPost(Routes.SandboxDecline, (SandboxCheckoutPages h, HttpRequest r, string checkoutId, CancellationToken ct) => h.Decline(r, checkoutId, ct)).Allow(Access.Public);

        api.MapPost(Routes.OfflinePayments, (OperatorApi h, HttpRequest r, string accountId, CancellationToken ct) => h.RecordOfflinePayment(r, accountId, ct)).Allow(Access.Admin);
        api.MapPost(Routes.OperatorCompleteInvoice, (InvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.OperatorComplete(r, accountId, invoiceId, ct)).Allow(Access.Admin);
        api.MapPost(Routes.OperatorRestore, (AccessApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Restore(r, accountId, ct)).Allow(Access.Admin);
        api.MapPost(Routes.JobRuns, (OperatorApi h, HttpRequest r, string job, CancellationToken ct) => h.StartJob(r, job, ct)).Allow(Access.Admin);
        api.MapGet(Routes.JobRun, (OperatorApi h, HttpRequest r, string runId, CancellationToken ct) => h.JobStatus(r, runId, ct)).Allow(Access.Admin);
    }
}
