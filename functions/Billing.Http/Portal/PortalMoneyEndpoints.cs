using Billing.Http.Endpoints;
using static Billing.Http.Web.WebEndpoints;
using R = Billing.Http.Web.WebRoutes;

namespace Billing.Http.Portal;

/// <summary>P1: the portal's entries that move money or order things: top-up, invoices, services.</summary>
public static class PortalMoneyEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All =
    [
        Page("PortalTopUp", R.PortalTopUp, Callers.Portal, (s, r, ct) => s.Get<PortalTopUpPages>().Show(r, ct)),
        Page("PortalTopUpQuote", R.PortalTopUpQuote, Callers.Portal, (s, r, ct) => s.Get<PortalTopUpPages>().Quote(r, ct)),
        Form("PortalTopUpCreate", R.PortalTopUp, Callers.Portal, (s, r, ct) => s.Get<PortalTopUpPages>().Create(r, ct)),
        Page("PortalInvoices", R.PortalInvoices, Callers.Portal, (s, r, ct) => s.Get<PortalInvoicePages>().List(r, ct)),
        Form("PortalInvoicePay", R.PortalInvoicePay, Callers.Portal, (s, r, ct) => s.Get<PortalInvoicePages>().PayFromBalance(r, r.Route("invoiceId"), ct)),
        Form("PortalInvoiceCheckout", R.PortalInvoiceCheckout, Callers.Portal, (s, r, ct) => s.Get<PortalInvoicePages>().Checkout(r, r.Route("invoiceId"), ct)),
        Form("PortalInvoiceCancel", R.PortalInvoiceCancel, Callers.Portal, (s, r, ct) => s.Get<PortalInvoicePages>().Cancel(r, r.Route("invoiceId"), ct)),
        Page("PortalServices", R.PortalServices, Callers.Portal, (s, r, ct) => s.Get<PortalServicePages>().List(r, ct)),
        Form("PortalServiceAutoRenew", R.PortalServiceAutoRenew, Callers.Portal, (s, r, ct) => s.Get<PortalServicePages>().AutoRenew(r, r.Route("serviceId"), ct)),
        Form("PortalServiceInvoice", R.PortalServiceInvoice, Callers.Portal, (s, r, ct) => s.Get<PortalServicePages>().CreateInvoice(r, r.Route("serviceId"), ct)),
        new("PortalReturn", "GET", R.PortalReturn, Callers.Public, (s, r, ct) => s.Get<PortalReturnPages>().Show(r)) { Surface = EndpointSurface.Page, AtRoot = true },
    ];

    public static readonly IReadOnlyList<Type> HandlerTypes = [typeof(PortalTopUpPages), typeof(PortalInvoicePages), typeof(PortalServicePages), typeof(PortalReturnPages)];
}
