using Billing.Http;
using Billing.Http.Api;
using Billing.Http.Api.CustomerBilling;
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

        api.MapGet(Routes.CompanyDetails, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.GetCompany(r, accountId, ct)).Allow(Access.Function);
        api.MapPut(Routes.CompanyDetails, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.SetCompany(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Customers, (CustomersApi h, HttpRequest r, string accountId, CancellationToken ct) => h.List(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.Customers, (CustomersApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Create(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.Customer, (CustomersApi h, HttpRequest r, string accountId, string customerId, CancellationToken ct) => h.Get(r, accountId, customerId, ct)).Allow(Access.Function);
        api.MapPut(Routes.Customer, (CustomersApi h, HttpRequest r, string accountId, string customerId, CancellationToken ct) => h.Update(r, accountId, customerId, ct)).Allow(Access.Function);
        api.MapPost(Routes.CustomerLessons, (CustomersApi h, HttpRequest r, string accountId, string customerId, CancellationToken ct) => h.ReportLessons(r, accountId, customerId, ct)).Allow(Access.Function);
        api.MapPost(Routes.CustomerAdjustments, (CustomersApi h, HttpRequest r, string accountId, string customerId, CancellationToken ct) => h.Adjust(r, accountId, customerId, ct)).Allow(Access.Function);
        api.MapGet(Routes.CustomerLedger, (CustomersApi h, HttpRequest r, string accountId, string customerId, CancellationToken ct) => h.Ledger(r, accountId, customerId, ct)).Allow(Access.Function);
        api.MapGet(Routes.CustomerInvoices, (CustomerInvoicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.List(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.CustomerInvoices, (CustomerInvoicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Create(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.CustomerInvoicesArchive, (CustomerInvoicesApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Archive(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.CustomerInvoice, (CustomerInvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.Get(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapPost(Routes.CustomerInvoiceSend, (CustomerInvoicesApi h, HttpRequest r, string accountId, string invoiceId, CancellationToken ct) => h.Send(r, accountId, invoiceId, ct)).Allow(Access.Function);
        api.MapGet(Routes.MessageTemplates, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Templates(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.MessageTemplates, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.CreateTemplate(r, accountId, ct)).Allow(Access.Function);
        api.MapPut(Routes.MessageTemplate, (MailingApi h, HttpRequest r, string accountId, string templateId, CancellationToken ct) => h.UpdateTemplate(r, accountId, templateId, ct)).Allow(Access.Function);
        api.MapGet(Routes.MailingRules, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.Rules(r, accountId, ct)).Allow(Access.Function);
        api.MapPost(Routes.MailingRules, (MailingApi h, HttpRequest r, string accountId, CancellationToken ct) => h.CreateRule(r, accountId, ct)).Allow(Access.Function);
        api.MapGet(Routes.MailingRule, (MailingApi h, HttpRequest r, string accountId, string ruleId, CancellationToken ct) => h.GetRule(r, accountId, ruleId, ct)).Allow(Access.Function);
        api.MapPut(Routes.MailingRule, (MailingApi h, HttpRequest r, string accountId, string ruleId, CancellationToken ct) => h.UpdateRule(r, accountId, ruleId, ct)).Allow(Access.Function);
        api.MapPost(Routes.MailingRuleRun, (MailingApi h, HttpRequest r, string accountId, string ruleId, CancellationToken ct) => h.RunRule(r, accountId, ruleId, ct)).Allow(Access.Function);
        api.MapGet(Routes.MailingRuleRuns, (MailingApi h, HttpRequest r, string accountId, string ruleId, CancellationToken ct) => h.Runs(r, accountId, ruleId, ct)).Allow(Access.Function);
        api.MapGet(Routes.MailingRun, (MailingApi h, HttpRequest r, string accountId, string runId, CancellationToken ct) => h.Run(r, accountId, runId, ct)).Allow(Access.Function);
        api.MapGet(Routes.PublicInvoice, (PublicInvoicePages h, HttpRequest r, string token, CancellationToken ct) => h.Show(r, token, ct)).Allow(Access.Public);
        api.MapPost(Routes.PublicInvoiceCheckout, (PublicInvoicePages h, HttpRequest r, string token, CancellationToken ct) => h.Checkout(r, token, ct)).Allow(Access.Public);

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
