using Billing.Http;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// F1–F10 HTTP triggers: a tenant's customers, invoices, templates and mailing rules, and the public invoice page; one per endpoint-table entry.
/// Every trigger is anonymous to the platform: the caller's key, role and account scope are checked by the worker
/// middleware (<see cref="CallerKeyWorkerMiddleware"/>) with the same model the server runs, before the entry's handler.
/// </summary>
public sealed class CustomerBillingFunctions
{
    [Function("CompanyDetailsGet")]
    public Task<IResult> CompanyDetailsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.CompanyDetails)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CompanyDetailsGet), req, ct, accountId);

    [Function("CompanyDetailsSet")]
    public Task<IResult> CompanyDetailsSet([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Api + Routes.CompanyDetails)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CompanyDetailsSet), req, ct, accountId);

    [Function("CustomerList")]
    public Task<IResult> CustomerList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Customers)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerList), req, ct, accountId);

    [Function("CustomerCreate")]
    public Task<IResult> CustomerCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.Customers)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerCreate), req, ct, accountId);

    [Function("CustomerGet")]
    public Task<IResult> CustomerGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.Customer)] HttpRequest req, string accountId, string customerId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerGet), req, ct, accountId, customerId);

    [Function("CustomerUpdate")]
    public Task<IResult> CustomerUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Api + Routes.Customer)] HttpRequest req, string accountId, string customerId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerUpdate), req, ct, accountId, customerId);

    [Function("CustomerLessons")]
    public Task<IResult> CustomerLessons([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.CustomerLessons)] HttpRequest req, string accountId, string customerId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerLessons), req, ct, accountId, customerId);

    [Function("CustomerAdjustment")]
    public Task<IResult> CustomerAdjustment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.CustomerAdjustments)] HttpRequest req, string accountId, string customerId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerAdjustment), req, ct, accountId, customerId);

    [Function("CustomerLedger")]
    public Task<IResult> CustomerLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.CustomerLedger)] HttpRequest req, string accountId, string customerId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerLedger), req, ct, accountId, customerId);

    [Function("CustomerInvoiceList")]
    public Task<IResult> CustomerInvoiceList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.CustomerInvoices)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerInvoiceList), req, ct, accountId);

    [Function("CustomerInvoiceCreate")]
    public Task<IResult> CustomerInvoiceCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.CustomerInvoices)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerInvoiceCreate), req, ct, accountId);

    [Function("CustomerInvoiceArchive")]
    public Task<IResult> CustomerInvoiceArchive([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.CustomerInvoicesArchive)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerInvoiceArchive), req, ct, accountId);

    [Function("CustomerInvoiceGet")]
    public Task<IResult> CustomerInvoiceGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.CustomerInvoice)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerInvoiceGet), req, ct, accountId, invoiceId);

    [Function("CustomerInvoiceSend")]
    public Task<IResult> CustomerInvoiceSend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.CustomerInvoiceSend)] HttpRequest req, string accountId, string invoiceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerInvoiceSend), req, ct, accountId, invoiceId);

    [Function("CustomerMessageGet")]
    public Task<IResult> CustomerMessageGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.CustomerMessage)] HttpRequest req, string accountId, string messageId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(CustomerMessageGet), req, ct, accountId, messageId);

    [Function("MessageTemplateList")]
    public Task<IResult> MessageTemplateList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.MessageTemplates)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MessageTemplateList), req, ct, accountId);

    [Function("MessageTemplateCreate")]
    public Task<IResult> MessageTemplateCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.MessageTemplates)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MessageTemplateCreate), req, ct, accountId);

    [Function("MessageTemplateUpdate")]
    public Task<IResult> MessageTemplateUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Api + Routes.MessageTemplate)] HttpRequest req, string accountId, string templateId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MessageTemplateUpdate), req, ct, accountId, templateId);

    [Function("MailingRuleList")]
    public Task<IResult> MailingRuleList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.MailingRules)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleList), req, ct, accountId);

    [Function("MailingRuleCreate")]
    public Task<IResult> MailingRuleCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.MailingRules)] HttpRequest req, string accountId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleCreate), req, ct, accountId);

    [Function("MailingRuleGet")]
    public Task<IResult> MailingRuleGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.MailingRule)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleGet), req, ct, accountId, ruleId);

    [Function("MailingRuleUpdate")]
    public Task<IResult> MailingRuleUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Api + Routes.MailingRule)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleUpdate), req, ct, accountId, ruleId);

    [Function("MailingRuleRun")]
    public Task<IResult> MailingRuleRun([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.MailingRuleRun)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleRun), req, ct, accountId, ruleId);

    [Function("MailingRuleRuns")]
    public Task<IResult> MailingRuleRuns([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.MailingRuleRuns)] HttpRequest req, string accountId, string ruleId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRuleRuns), req, ct, accountId, ruleId);

    [Function("MailingRun")]
    public Task<IResult> MailingRun([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.MailingRun)] HttpRequest req, string accountId, string runId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(MailingRun), req, ct, accountId, runId);

    [Function("PublicInvoicePage")]
    public Task<IResult> PublicInvoicePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Api + Routes.PublicInvoice)] HttpRequest req, string token, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PublicInvoicePage), req, ct, token);

    [Function("PublicInvoiceCheckout")]
    public Task<IResult> PublicInvoiceCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Api + Routes.PublicInvoiceCheckout)] HttpRequest req, string token, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PublicInvoiceCheckout), req, ct, token);
}
