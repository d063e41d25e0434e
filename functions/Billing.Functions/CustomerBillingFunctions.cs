using Billing.Http;
using Billing.Http.Api.CustomerBilling;
using Billing.Http.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>F1–F10 HTTP triggers: a tenant's customers, invoices, templates and mailing rules, and the public invoice page.</summary>
public sealed class CustomerBillingFunctions(CustomersApi customers, CustomerInvoicesApi invoices, MailingApi mailing, PublicInvoicePages pages)
{
    [Function("CompanyDetailsGet")]
    public Task<IResult> CompanyDetailsGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.CompanyDetails)] HttpRequest req, string accountId, CancellationToken ct) => mailing.GetCompany(req, accountId, ct);

    [Function("CompanyDetailsSet")]
    public Task<IResult> CompanyDetailsSet([HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.CompanyDetails)] HttpRequest req, string accountId, CancellationToken ct) => mailing.SetCompany(req, accountId, ct);

    [Function("CustomerList")]
    public Task<IResult> CustomerList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Customers)] HttpRequest req, string accountId, CancellationToken ct) => customers.List(req, accountId, ct);

    [Function("CustomerCreate")]
    public Task<IResult> CustomerCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Customers)] HttpRequest req, string accountId, CancellationToken ct) => customers.Create(req, accountId, ct);

    [Function("CustomerGet")]
    public Task<IResult> CustomerGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Customer)] HttpRequest req, string accountId, string customerId, CancellationToken ct) => customers.Get(req, accountId, customerId, ct);

    [Function("CustomerUpdate")]
    public Task<IResult> CustomerUpdate([HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Customer)] HttpRequest req, string accountId, string customerId, CancellationToken ct) => customers.Update(req, accountId, customerId, ct);

    [Function("CustomerLessons")]
    public Task<IResult> CustomerLessons([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.CustomerLessons)] HttpRequest req, string accountId, string customerId, CancellationToken ct) => customers.ReportLessons(req, accountId, customerId, ct);

    [Function("CustomerAdjustment")]
    public Task<IResult> CustomerAdjustment([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.CustomerAdjustments)] HttpRequest req, string accountId, string customerId, CancellationToken ct) => customers.Adjust(req, accountId, customerId, ct);

    [Function("CustomerLedger")]
    public Task<IResult> CustomerLedger([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.CustomerLedger)] HttpRequest req, string accountId, string customerId, CancellationToken ct) => customers.Ledger(req, accountId, customerId, ct);

    [Function("CustomerInvoiceList")]
    public Task<IResult> CustomerInvoiceList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.CustomerInvoices)] HttpRequest req, string accountId, CancellationToken ct) => invoices.List(req, accountId, ct);

    [Function("CustomerInvoiceCreate")]
    public Task<IResult> CustomerInvoiceCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.CustomerInvoices)] HttpRequest req, string accountId, CancellationToken ct) => invoices.Create(req, accountId, ct);

    [Function("CustomerInvoiceArchive")]
    public Task<IResult> CustomerInvoiceArchive([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.CustomerInvoicesArchive)] HttpRequest req, string accountId, CancellationToken ct) => invoices.Archive(req, accountId, ct);

    [Function("CustomerInvoiceGet")]
    public Task<IResult> CustomerInvoiceGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.CustomerInvoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.Get(req, accountId, invoiceId, ct);

    [Function("CustomerInvoiceSend")]
    public Task<IResult> CustomerInvoiceSend([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.CustomerInvoiceSend)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => invoices.Send(req, accountId, invoiceId, ct);

    [Function("MessageTemplateList")]
    public Task<IResult> MessageTemplateList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MessageTemplates)] HttpRequest req, string accountId, CancellationToken ct) => mailing.Templates(req, accountId, ct);

    [Function("MessageTemplateCreate")]
    public Task<IResult> MessageTemplateCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MessageTemplates)] HttpRequest req, string accountId, CancellationToken ct) => mailing.CreateTemplate(req, accountId, ct);

    [Function("MessageTemplateUpdate")]
    public Task<IResult> MessageTemplateUpdate([HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.MessageTemplate)] HttpRequest req, string accountId, string templateId, CancellationToken ct) => mailing.UpdateTemplate(req, accountId, templateId, ct);

    [Function("MailingRuleList")]
    public Task<IResult> MailingRuleList([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MailingRules)] HttpRequest req, string accountId, CancellationToken ct) => mailing.Rules(req, accountId, ct);

    [Function("MailingRuleCreate")]
    public Task<IResult> MailingRuleCreate([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MailingRules)] HttpRequest req, string accountId, CancellationToken ct) => mailing.CreateRule(req, accountId, ct);

    [Function("MailingRuleGet")]
    public Task<IResult> MailingRuleGet([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MailingRule)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) => mailing.GetRule(req, accountId, ruleId, ct);

    [Function("MailingRuleUpdate")]
    public Task<IResult> MailingRuleUpdate([HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.MailingRule)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) => mailing.UpdateRule(req, accountId, ruleId, ct);

    [Function("MailingRuleRun")]
    public Task<IResult> MailingRuleRun([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MailingRuleRun)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) => mailing.RunRule(req, accountId, ruleId, ct);

    [Function("MailingRuleRuns")]
    public Task<IResult> MailingRuleRuns([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MailingRuleRuns)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) => mailing.Runs(req, accountId, ruleId, ct);

    [Function("MailingRun")]
    public Task<IResult> MailingRun([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.MailingRun)] HttpRequest req, string accountId, string runId, CancellationToken ct) => mailing.Run(req, accountId, runId, ct);

    [Function("PublicInvoicePage")]
    public Task<IResult> PublicInvoicePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PublicInvoice)] HttpRequest req, string token, CancellationToken ct) => pages.Show(req, token, ct);

    [Function("PublicInvoiceCheckout")]
    public Task<IResult> PublicInvoiceCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PublicInvoiceCheckout)] HttpRequest req, string token, CancellationToken ct) => pages.Checkout(req, token, ct);
}
