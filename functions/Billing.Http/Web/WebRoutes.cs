namespace Billing.Http.Web;

/// <summary>
/// The routes of the pages people use (P1, P2), at the site's root rather than under <c>api</c>: the portal a CRM links
/// to, the operator console, and the files they load. Constants, because the Functions triggers name them in attributes.
/// </summary>
public static class WebRoutes
{
    public const string Asset = "assets/{file}";

    public const string PortalEnter = "portal/enter/{token}";
    public const string PortalOverview = "portal";
    public const string PortalSignOut = "portal/sign-out";
    public const string PortalHistory = "portal/history";
    public const string PortalHistoryCsv = "portal/history.csv";
    public const string PortalTopUp = "portal/top-up";
    public const string PortalTopUpQuote = "portal/top-up/quote";
    public const string PortalServices = "portal/services";
    public const string PortalServiceAutoRenew = "portal/services/{serviceId}/auto-renew";
    public const string PortalServiceInvoice = "portal/services/{serviceId}/invoice";
    public const string PortalInvoices = "portal/invoices";
    public const string PortalInvoicePay = "portal/invoices/{invoiceId}/pay-from-balance";
    public const string PortalInvoiceCheckout = "portal/invoices/{invoiceId}/checkout";
    public const string PortalInvoiceCancel = "portal/invoices/{invoiceId}/cancel";
    public const string PortalPlans = "portal/plans";
    public const string PortalPlanChange = "portal/plans/change";
    public const string PortalPromise = "portal/promised-payment";
    public const string PortalDeletionCancel = "portal/deletion/cancel";

    public const string ConsoleHome = "console";
    public const string ConsoleSignIn = "console/sign-in";
    public const string ConsoleSignOut = "console/sign-out";
    public const string ConsoleAccounts = "console/accounts";
    public const string ConsoleAccount = "console/accounts/{accountId}";
    public const string ConsoleOfflinePayment = "console/accounts/{accountId}/offline-payments";
    public const string ConsoleInvoiceComplete = "console/accounts/{accountId}/invoices/{invoiceId}/complete";
    public const string ConsoleRestore = "console/accounts/{accountId}/restore";
    public const string ConsoleAdjustment = "console/accounts/{accountId}/adjustments";
    public const string ConsoleMessageResend = "console/accounts/{accountId}/messages/{messageId}/resend";
    public const string ConsoleAccountFlagResolve = "console/accounts/{accountId}/flags/{flagId}/resolve";
    public const string ConsoleJobs = "console/jobs";
    public const string ConsoleJobStart = "console/jobs/{job}/start";
    public const string ConsoleRun = "console/runs/{runId}";
    public const string ConsoleRunRetry = "console/runs/{runId}/retry";
    public const string ConsoleFlagged = "console/flagged-payments";
    public const string ConsoleFlagResolve = "console/flagged-payments/{flagId}/resolve";
    public const string ConsoleEvents = "console/events";
    public const string ConsoleEventReplay = "console/events/{eventId}/replay";
    public const string ConsoleEventsReplay = "console/events/replay";
    public const string ConsoleAudit = "console/audit";

    /// <summary>
    /// Where a payer comes back from the provider's checkout (top-up, invoice): a public page that moves on to the portal from
    /// our own page, as the link's entry does, since the SameSite=Strict session cookie is not sent on the provider's redirect.
    /// </summary>
    public const string PortalReturn = "portal/return";
}
