using Billing.Http.Api;
using Billing.Http.Api.CustomerBilling;
using Billing.Http.Api.Operator;
using Billing.Http.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Http.Endpoints;

/// <summary>
/// The one endpoint table (S1): every HTTP entry point with the callers it admits and its handler. The server maps it;
/// the Functions app has one trigger per entry, named alike, and a test compares the two. Operators reach every
/// non-public route; <see cref="Callers.Public"/> routes are the webhooks (by signature), the public invoice page and its
/// checkout (by token), the sandbox's pages, and health. A tenant's payment provider is an account setting (Tenant); the raw
/// webhook log is vendor staff's only (Operator).
/// </summary>
public static class EndpointTable
{
    public static readonly IReadOnlyList<ApiEndpoint> All = [.. Api(), .. Web.WebEndpoints.All];

    private static IEnumerable<ApiEndpoint> Api() =>
    [
        new("Health", "GET", Routes.Health, Callers.Public, (s, r, ct) => s.Get<CatalogApi>().Health(r)),
        new("Catalog", "GET", Routes.Catalog, Callers.AnyKey, (s, r, ct) => s.Get<CatalogApi>().Get(r)),
        new("AccountCreate", "POST", Routes.Accounts, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().Create(r, ct)),
        new("AccountGet", "GET", Routes.Account, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().Get(r, r.Route("accountId"), ct)),
        new("AccountActivate", "POST", Routes.Activate, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().Activate(r, r.Route("accountId"), ct)),
        new("AccountSettings", "PATCH", Routes.Settings, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().ChangeSettings(r, r.Route("accountId"), ct)),
        new("AccountSeats", "POST", Routes.Seats, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().ReportSeats(r, r.Route("accountId"), ct)),
        new("AccountLogins", "POST", Routes.Logins, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().RecordLogin(r, r.Route("accountId"), ct)),
        new("AccountUsage", "POST", Routes.Usage, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().ReportUsage(r, r.Route("accountId"), ct)),
        new("AccountUsageBatch", "POST", Routes.UsageBatch, Callers.Tenant, (s, r, ct) => s.Get<UsageApi>().Batch(r, r.Route("accountId"), ct)),
        new("AccountUsageEvents", "GET", Routes.UsageEvents, Callers.Tenant, (s, r, ct) => s.Get<UsageApi>().Events(r, r.Route("accountId"), ct)),
        new("AccountSummary", "GET", Routes.Summary, Callers.Tenant, (s, r, ct) => s.Get<AccountsApi>().Summary(r, r.Route("accountId"), ct)),
        new("AccountLedger", "GET", Routes.Ledger, Callers.Tenant, (s, r, ct) => s.Get<LedgerApi>().History(r, r.Route("accountId"), ct)),
        new("InvoiceList", "GET", Routes.Invoices, Callers.AnyKey, (s, r, ct) => s.Get<InvoicesApi>().List(r, r.Route("accountId"), ct)),
        new("InvoiceCreateExternal", "POST", Routes.Invoices, Callers.Accounting, (s, r, ct) => s.Get<InvoicesApi>().CreateExternal(r, r.Route("accountId"), ct)),
        new("InvoiceGet", "GET", Routes.Invoice, Callers.AnyKey, (s, r, ct) => s.Get<InvoicesApi>().Get(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("InvoiceCancel", "POST", Routes.InvoiceCancel, Callers.Tenant, (s, r, ct) => s.Get<InvoicesApi>().Cancel(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("InvoicePayFromBalance", "POST", Routes.InvoicePayFromBalance, Callers.Tenant, (s, r, ct) => s.Get<InvoicesApi>().PayFromBalance(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("InvoiceCheckout", "POST", Routes.InvoiceCheckout, Callers.Tenant, (s, r, ct) => s.Get<InvoicesApi>().Checkout(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("InvoiceErpCompletion", "POST", Routes.InvoiceErpCompletion, Callers.Accounting, (s, r, ct) => s.Get<InvoicesApi>().ErpCompletion(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("ServiceList", "GET", Routes.Services, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().List(r, r.Route("accountId"), ct)),
        new("ServiceSubscribe", "POST", Routes.Services, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().Subscribe(r, r.Route("accountId"), ct)),
        new("ServiceChange", "PATCH", Routes.Service, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().Change(r, r.Route("accountId"), r.Route("serviceId"), ct)),
        new("ServiceCancel", "POST", Routes.ServiceCancel, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().Cancel(r, r.Route("accountId"), r.Route("serviceId"), ct)),
        new("ServiceRenewalInvoice", "POST", Routes.ServiceRenewalInvoice, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().RenewalInvoice(r, r.Route("accountId"), r.Route("serviceId"), ct)),
        new("AccessCheck", "GET", Routes.Access, Callers.Tenant, (s, r, ct) => s.Get<AccessApi>().Access(r, r.Route("accountId"), ct)),
        new("PromisedPayment", "POST", Routes.PromisedPayment, Callers.Tenant, (s, r, ct) => s.Get<AccessApi>().Promise(r, r.Route("accountId"), ct)),
        new("RestrictionChanges", "GET", Routes.RestrictionChanges, Callers.Tenant, (s, r, ct) => s.Get<AccessApi>().Changes(r, r.Route("accountId"), ct)),
        new("DeletionCancel", "POST", Routes.DeletionCancel, Callers.Tenant, (s, r, ct) => s.Get<AccessApi>().CancelDeletion(r, r.Route("accountId"), ct)),
        new("OperatorRestore", "POST", Routes.OperatorRestore, Callers.Operator, (s, r, ct) => s.Get<AccessApi>().Restore(r, r.Route("accountId"), ct)),
        new("PlanList", "GET", Routes.Plans, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().Plans(r, r.Route("accountId"), ct)),
        new("PlanChangeQuote", "GET", Routes.PlanChangeQuote, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().Quote(r, r.Route("accountId"), ct)),
        new("PlanChange", "POST", Routes.PlanChange, Callers.Tenant, (s, r, ct) => s.Get<ServicesApi>().ChangePlan(r, r.Route("accountId"), ct)),
        new("TopUpQuote", "GET", Routes.TopUpQuote, Callers.Tenant, (s, r, ct) => s.Get<TopUpsApi>().Quote(r, r.Route("accountId"), ct)),
        new("TopUpCreate", "POST", Routes.TopUps, Callers.Tenant, (s, r, ct) => s.Get<TopUpsApi>().Create(r, r.Route("accountId"), ct)),
        new("PortalSessionCreate", "POST", Routes.PortalSessions, Callers.Tenant, (s, r, ct) => s.Get<Portal.PortalSessionsApi>().Create(r, r.Route("accountId"), ct)),
        new("Webhook", "POST", Routes.Webhook, Callers.Public, (s, r, ct) => s.Get<WebhooksApi>().Receive(r, r.Route("provider"), ct)) { Surface = EndpointSurface.ProviderWebhook },
        new("SandboxCheckout", "GET", Routes.SandboxCheckout, Callers.Public, (s, r, ct) => s.Get<SandboxCheckoutPages>().Show(r, r.Route("checkoutId"), ct)) { Surface = EndpointSurface.Page },
        new("SandboxPay", "POST", Routes.SandboxPay, Callers.Public, (s, r, ct) => s.Get<SandboxCheckoutPages>().Pay(r, r.Route("checkoutId"), ct)) { Surface = EndpointSurface.PageForm },
        new("SandboxDecline", "POST", Routes.SandboxDecline, Callers.Public, (s, r, ct) => s.Get<SandboxCheckoutPages>().Decline(r, r.Route("checkoutId"), ct)) { Surface = EndpointSurface.PageForm },
        new("OperatorOfflinePayment", "POST", Routes.OfflinePayments, Callers.Operator, (s, r, ct) => s.Get<OperatorApi>().RecordOfflinePayment(r, r.Route("accountId"), ct)),
        new("OperatorPayments", "GET", Routes.OperatorPayments, Callers.Operator, (s, r, ct) => s.Get<RefundsApi>().List(r, r.Route("accountId"), ct)),
        new("OperatorRefund", "POST", Routes.OperatorRefund, Callers.Operator, (s, r, ct) => s.Get<RefundsApi>().Refund(r, r.Route("accountId"), r.Route("paymentId"), ct)),
        new("OperatorCompleteInvoice", "POST", Routes.OperatorCompleteInvoice, Callers.Operator, (s, r, ct) => s.Get<InvoicesApi>().OperatorComplete(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("OperatorJobStart", "POST", Routes.JobRuns, Callers.Operator, (s, r, ct) => s.Get<OperatorApi>().StartJob(r, r.Route("job"), ct)),
        new("OperatorJobStatus", "GET", Routes.JobRun, Callers.Operator, (s, r, ct) => s.Get<OperatorApi>().JobStatus(r, r.Route("runId"), ct)),
        new("CompanyDetailsGet", "GET", Routes.CompanyDetails, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().GetCompany(r, r.Route("accountId"), ct)),
        new("CompanyDetailsSet", "PUT", Routes.CompanyDetails, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().SetCompany(r, r.Route("accountId"), ct)),
        new("PaymentProviderGet", "GET", Routes.PaymentProvider, Callers.Tenant, (s, r, ct) => s.Get<PaymentProviderApi>().Get(r, r.Route("accountId"), ct)),
        new("PaymentProviderSet", "PUT", Routes.PaymentProvider, Callers.Tenant, (s, r, ct) => s.Get<PaymentProviderApi>().Set(r, r.Route("accountId"), ct)),
        new("PaymentProviderDelete", "DELETE", Routes.PaymentProvider, Callers.Tenant, (s, r, ct) => s.Get<PaymentProviderApi>().Delete(r, r.Route("accountId"), ct)),
        new("CustomerList", "GET", Routes.Customers, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().List(r, r.Route("accountId"), ct)),
        new("CustomerCreate", "POST", Routes.Customers, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().Create(r, r.Route("accountId"), ct)),
        new("CustomerGet", "GET", Routes.Customer, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().Get(r, r.Route("accountId"), r.Route("customerId"), ct)),
        new("CustomerUpdate", "PUT", Routes.Customer, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().Update(r, r.Route("accountId"), r.Route("customerId"), ct)),
        new("CustomerLessons", "POST", Routes.CustomerLessons, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().ReportLessons(r, r.Route("accountId"), r.Route("customerId"), ct)),
        new("CustomerAdjustment", "POST", Routes.CustomerAdjustments, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().Adjust(r, r.Route("accountId"), r.Route("customerId"), ct)),
        new("CustomerLedger", "GET", Routes.CustomerLedger, Callers.Tenant, (s, r, ct) => s.Get<CustomersApi>().Ledger(r, r.Route("accountId"), r.Route("customerId"), ct)),
        new("CustomerInvoiceList", "GET", Routes.CustomerInvoices, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().List(r, r.Route("accountId"), ct)),
        new("CustomerInvoiceCreate", "POST", Routes.CustomerInvoices, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().Create(r, r.Route("accountId"), ct)),
        new("CustomerInvoiceArchive", "POST", Routes.CustomerInvoicesArchive, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().Archive(r, r.Route("accountId"), ct)),
        new("CustomerInvoiceGet", "GET", Routes.CustomerInvoice, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().Get(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("CustomerInvoiceSend", "POST", Routes.CustomerInvoiceSend, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().Send(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        new("CustomerMessageGet", "GET", Routes.CustomerMessage, Callers.Tenant, (s, r, ct) => s.Get<CustomerInvoicesApi>().Message(r, r.Route("accountId"), r.Route("messageId"), ct)),
        new("MessageTemplateList", "GET", Routes.MessageTemplates, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().Templates(r, r.Route("accountId"), ct)),
        new("MessageTemplateCreate", "POST", Routes.MessageTemplates, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().CreateTemplate(r, r.Route("accountId"), ct)),
        new("MessageTemplateUpdate", "PUT", Routes.MessageTemplate, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().UpdateTemplate(r, r.Route("accountId"), r.Route("templateId"), ct)),
        new("MailingRuleList", "GET", Routes.MailingRules, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().Rules(r, r.Route("accountId"), ct)),
        new("MailingRuleCreate", "POST", Routes.MailingRules, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().CreateRule(r, r.Route("accountId"), ct)),
        new("MailingRuleGet", "GET", Routes.MailingRule, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().GetRule(r, r.Route("accountId"), r.Route("ruleId"), ct)),
        new("MailingRuleUpdate", "PUT", Routes.MailingRule, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().UpdateRule(r, r.Route("accountId"), r.Route("ruleId"), ct)),
        new("MailingRuleRun", "POST", Routes.MailingRuleRun, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().RunRule(r, r.Route("accountId"), r.Route("ruleId"), ct)),
        new("MailingRuleRuns", "GET", Routes.MailingRuleRuns, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().Runs(r, r.Route("accountId"), r.Route("ruleId"), ct)),
        new("MailingRun", "GET", Routes.MailingRun, Callers.Tenant, (s, r, ct) => s.Get<MailingApi>().Run(r, r.Route("accountId"), r.Route("runId"), ct)),
        new("PublicInvoicePage", "GET", Routes.PublicInvoice, Callers.Public, (s, r, ct) => s.Get<PublicInvoicePages>().Show(r, r.Route("token"), ct)) { Surface = EndpointSurface.Page },
        new("PublicInvoiceCheckout", "POST", Routes.PublicInvoiceCheckout, Callers.Public, (s, r, ct) => s.Get<PublicInvoicePages>().Checkout(r, r.Route("token"), ct)) { Surface = EndpointSurface.PageForm },
        new("OperatorWebhookList", "GET", Routes.WebhookLog, Callers.Operator, (s, r, ct) => s.Get<WebhookLogApi>().List(r, ct)),
        new("OperatorWebhookGet", "GET", Routes.WebhookLogEntry, Callers.Operator, (s, r, ct) => s.Get<WebhookLogApi>().Get(r, r.Route("webhookId"), ct)),
        new("ApiKeyList", "GET", Routes.ApiKeys, Callers.Operator, (s, r, ct) => s.Get<ApiKeysApi>().List(r, ct)),
        new("ApiKeyCreate", "POST", Routes.ApiKeys, Callers.Operator, (s, r, ct) => s.Get<ApiKeysApi>().Create(r, ct)),
        new("ApiKeyDelete", "DELETE", Routes.ApiKey, Callers.Operator, (s, r, ct) => s.Get<ApiKeysApi>().Delete(r, r.Route("keyId"), ct)),
        // P2: the operator console's backend (issue 16); vendor staff only.
        new("OperatorAuditList", "GET", Routes.OperatorAudit, Callers.Operator, (s, r, ct) => s.Get<AuditApi>().List(r, ct)),
        new("OperatorAdjustment", "POST", Routes.OperatorAdjustments, Callers.Operator, (s, r, ct) => s.Get<AdjustmentsApi>().Create(r, r.Route("accountId"), ct)),
        new("OperatorAccountSearch", "GET", Routes.OperatorAccounts, Callers.Operator, (s, r, ct) => s.Get<AccountSearchApi>().Search(r, ct)),
        new("OperatorFlaggedPaymentList", "GET", Routes.OperatorFlaggedPayments, Callers.Operator, (s, r, ct) => s.Get<FlaggedPaymentsApi>().List(r, ct)),
        new("OperatorFlaggedPaymentResolve", "POST", Routes.OperatorFlaggedPaymentResolve, Callers.Operator, (s, r, ct) => s.Get<FlaggedPaymentsApi>().Resolve(r, r.Route("flagId"), ct)),
        new("OperatorEventList", "GET", Routes.OperatorEvents, Callers.Operator, (s, r, ct) => s.Get<EventsApi>().List(r, ct)),
        new("OperatorEventReplay", "POST", Routes.OperatorEventReplay, Callers.Operator, (s, r, ct) => s.Get<EventsApi>().Replay(r, r.Route("eventId"), ct)),
        new("OperatorEventRangeReplay", "POST", Routes.OperatorEventRangeReplay, Callers.Operator, (s, r, ct) => s.Get<EventsApi>().ReplayRange(r, ct)),
        new("OperatorMessageList", "GET", Routes.OperatorMessages, Callers.Operator, (s, r, ct) => s.Get<MessagesApi>().List(r, r.Route("accountId"), ct)),
        new("OperatorMessageResend", "POST", Routes.OperatorMessageResend, Callers.Operator, (s, r, ct) => s.Get<MessagesApi>().Resend(r, r.Route("accountId"), r.Route("messageId"), ct)),
    ];

    /// <summary>The classes the handlers live in, registered once each.</summary>
    public static readonly IReadOnlyList<Type> HandlerTypes =
    [
        typeof(ApiRunner), typeof(Portal.PortalSessionsApi), typeof(CatalogApi), typeof(AccountsApi), typeof(UsageApi), typeof(LedgerApi), typeof(InvoicesApi), typeof(ServicesApi), typeof(AccessApi),
        typeof(TopUpsApi), typeof(WebhooksApi), typeof(SandboxCheckoutPages), typeof(OperatorApi), typeof(RefundsApi), typeof(ApiKeysApi), typeof(MailingApi),
        typeof(CustomersApi), typeof(CustomerInvoicesApi), typeof(PublicInvoicePages), typeof(PaymentProviderApi), typeof(WebhookLogApi),
        typeof(AuditApi), typeof(AdjustmentsApi), typeof(AccountSearchApi), typeof(FlaggedPaymentsApi), typeof(EventsApi), typeof(MessagesApi),
        .. Web.WebEndpoints.HandlerTypes,
    ];

    private static readonly Dictionary<string, ApiEndpoint> ByName = All.ToDictionary(e => e.Name);

    public static ApiEndpoint Named(string name) =>
        ByName.TryGetValue(name, out var e) ? e : throw new InvalidOperationException($"No endpoint '{name}' in the table.");

    public static T Get<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();

    /// <summary>
    /// Runs an entry with the route values its trigger bound (the Functions host binds them to parameters; they are set on
    /// the request so handlers read them as on the server).
    /// </summary>
    public static Task<IResult> InvokeAsync(string name, HttpRequest request, CancellationToken ct, params string[] routeValues)
    {
        var endpoint = Named(name);
        for (var i = 0; i < endpoint.Parameters.Count && i < routeValues.Length; i++) request.RouteValues[endpoint.Parameters[i]] = routeValues[i];
        return EndpointPipeline.RunAsync(endpoint, request.HttpContext, ct);
    }

    /// <summary>The entry of that name, or null (a function that is not an entry of the table).</summary>
    public static ApiEndpoint? Find(string name) => ByName.GetValueOrDefault(name);
}
