namespace Billing.Http;

/// <summary>
/// Every route, relative to the <c>api</c> prefix (the Functions host's routePrefix; the server maps them under
/// <c>/api</c>). The endpoint table (<see cref="Endpoints.EndpointTable"/>) pairs each with its roles and handler;
/// the Functions triggers name them in their attributes, which must be constants.
/// </summary>
public static class Routes
{
    public const string Prefix = "api";
    /// <summary>The prefix as the start of a route (the Functions triggers are declared from the root: host.json routePrefix is empty).</summary>
    public const string Api = Prefix + "/";

    public const string Health = "health";
    public const string Catalog = "catalog";

    public const string Accounts = "accounts";
    public const string Account = "accounts/{accountId}";
    public const string Activate = "accounts/{accountId}/activate";
    public const string Settings = "accounts/{accountId}/settings";
    public const string Seats = "accounts/{accountId}/seats";
    public const string Logins = "accounts/{accountId}/logins";
    public const string Usage = "accounts/{accountId}/usage";
    public const string UsageBatch = "accounts/{accountId}/usage/batch";
    public const string UsageEvents = "accounts/{accountId}/usage/events";
    public const string Summary = "accounts/{accountId}/summary";
    public const string Ledger = "accounts/{accountId}/ledger";
    public const string Invoices = "accounts/{accountId}/invoices";
    public const string Invoice = "accounts/{accountId}/invoices/{invoiceId}";
    public const string InvoiceCancel = "accounts/{accountId}/invoices/{invoiceId}/cancel";
    public const string InvoicePayFromBalance = "accounts/{accountId}/invoices/{invoiceId}/pay-from-balance";
    public const string InvoiceCheckout = "accounts/{accountId}/invoices/{invoiceId}/checkout";
    public const string InvoiceErpCompletion = "accounts/{accountId}/invoices/{invoiceId}/erp-completion";

    public const string Services = "accounts/{accountId}/services";
    public const string Service = "accounts/{accountId}/services/{serviceId}";
    public const string ServiceCancel = "accounts/{accountId}/services/{serviceId}/cancel";
    public const string ServiceRenewalInvoice = "accounts/{accountId}/services/{serviceId}/renewal-invoice";

    public const string Access = "accounts/{accountId}/access";
    public const string PromisedPayment = "accounts/{accountId}/promised-payment";
    public const string RestrictionChanges = "accounts/{accountId}/restriction-changes";
    public const string DeletionCancel = "accounts/{accountId}/deletion/cancel";

    public const string Plans = "accounts/{accountId}/plans";
    public const string PlanChangeQuote = "accounts/{accountId}/plan-change/quote";
    public const string PlanChange = "accounts/{accountId}/plan-change";
    public const string TopUpQuote = "accounts/{accountId}/topups/quote";
    public const string TopUps = "accounts/{accountId}/topups";
    public const string PortalSessions = "accounts/{accountId}/portal-sessions";

    public const string CompanyDetails = "accounts/{accountId}/company-details";
    public const string PaymentProvider = "accounts/{accountId}/payment-provider";
    public const string Customers = "accounts/{accountId}/customers";
    public const string Customer = "accounts/{accountId}/customers/{customerId}";
    public const string CustomerLessons = "accounts/{accountId}/customers/{customerId}/lessons";
    public const string CustomerAdjustments = "accounts/{accountId}/customers/{customerId}/adjustments";
    public const string CustomerLedger = "accounts/{accountId}/customers/{customerId}/ledger";
    public const string CustomerInvoices = "accounts/{accountId}/customer-invoices";
    public const string CustomerInvoicesArchive = "accounts/{accountId}/customer-invoices/archive";
    public const string CustomerInvoice = "accounts/{accountId}/customer-invoices/{invoiceId}";
    public const string CustomerInvoiceSend = "accounts/{accountId}/customer-invoices/{invoiceId}/send";
    public const string CustomerMessage = "accounts/{accountId}/messages/{messageId}";
    public const string MessageTemplates = "accounts/{accountId}/message-templates";
    public const string MessageTemplate = "accounts/{accountId}/message-templates/{templateId}";
    public const string MailingRules = "accounts/{accountId}/mailing-rules";
    public const string MailingRule = "accounts/{accountId}/mailing-rules/{ruleId}";
    public const string MailingRuleRun = "accounts/{accountId}/mailing-rules/{ruleId}/run";
    public const string MailingRuleRuns = "accounts/{accountId}/mailing-rules/{ruleId}/runs";
    public const string MailingRun = "accounts/{accountId}/mailing-runs/{runId}";

    public const string PublicInvoice = "pay/{token}";
    public const string PublicInvoiceCheckout = "pay/{token}/checkout";

    public const string Webhook = "webhooks/{provider}";

    public const string SandboxCheckout = "sandbox/checkout/{checkoutId}";
    public const string SandboxPay = "sandbox/checkout/{checkoutId}/pay";
    public const string SandboxDecline = "sandbox/checkout/{checkoutId}/decline";

    public const string OfflinePayments = "operator/accounts/{accountId}/offline-payments";
    public const string OperatorCompleteInvoice = "operator/accounts/{accountId}/invoices/{invoiceId}/complete";
    public const string OperatorRestore = "operator/accounts/{accountId}/restore";
    public const string OperatorPayments = "operator/accounts/{accountId}/payments";
    public const string OperatorRefund = "operator/accounts/{accountId}/payments/{paymentId}/refund";
    public const string JobRuns = "operator/jobs/{job}/runs";
    public const string JobRun = "operator/jobs/runs/{runId}";
    public const string WebhookLog = "operator/webhooks";
    public const string WebhookLogEntry = "operator/webhooks/{webhookId}";
    public const string ApiKeys = "operator/api-keys";
    public const string ApiKey = "operator/api-keys/{keyId}";

    // P2: the operator console's backend (issue 16)
    public const string OperatorAudit = "operator/audit";
    public const string OperatorAdjustments = "operator/accounts/{accountId}/adjustments";
    public const string OperatorAccounts = "operator/accounts";
    public const string OperatorFlaggedPayments = "operator/flagged-payments";
    public const string OperatorFlaggedPaymentResolve = "operator/flagged-payments/{flagId}/resolve";
    public const string OperatorEvents = "operator/events";
    public const string OperatorEventReplay = "operator/events/{eventId}/replay";
    public const string OperatorEventRangeReplay = "operator/events/replay";
    public const string OperatorMessages = "operator/accounts/{accountId}/messages";
    public const string OperatorMessageResend = "operator/accounts/{accountId}/messages/{messageId}/resend";
}
