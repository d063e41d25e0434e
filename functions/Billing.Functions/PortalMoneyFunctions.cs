using Billing.Http.Endpoints;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// P1: the portal's pages that move money or order things (top-up, invoices, services), one trigger per endpoint-table entry
/// of <c>PortalMoneyEndpoints</c>. Anonymous to the platform: the portal session and its form token are checked by the
/// entry's pipeline, as on the server; the page a checkout returns to is public and shows nothing of an account.
/// </summary>
public sealed class PortalMoneyFunctions
{
    [Function("PortalTopUp")]
    public Task<IResult> PortalTopUp([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalTopUp)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalTopUp), req, ct);

    [Function("PortalTopUpQuote")]
    public Task<IResult> PortalTopUpQuote([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalTopUpQuote)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalTopUpQuote), req, ct);

    [Function("PortalTopUpCreate")]
    public Task<IResult> PortalTopUpCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalTopUp)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalTopUpCreate), req, ct);

    [Function("PortalInvoices")]
    public Task<IResult> PortalInvoices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalInvoices)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalInvoices), req, ct);

    [Function("PortalInvoicePay")]
    public Task<IResult> PortalInvoicePay([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalInvoicePay)] HttpRequest req, string invoiceId,
        CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalInvoicePay), req, ct, invoiceId);

    [Function("PortalInvoiceCheckout")]
    public Task<IResult> PortalInvoiceCheckout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalInvoiceCheckout)] HttpRequest req, string invoiceId,
        CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalInvoiceCheckout), req, ct, invoiceId);

    [Function("PortalInvoiceCancel")]
    public Task<IResult> PortalInvoiceCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalInvoiceCancel)] HttpRequest req, string invoiceId,
        CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalInvoiceCancel), req, ct, invoiceId);

    [Function("PortalServices")]
    public Task<IResult> PortalServices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalServices)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalServices), req, ct);

    [Function("PortalServiceAutoRenew")]
    public Task<IResult> PortalServiceAutoRenew([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalServiceAutoRenew)] HttpRequest req,
        string serviceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalServiceAutoRenew), req, ct, serviceId);

    [Function("PortalServiceInvoice")]
    public Task<IResult> PortalServiceInvoice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebRoutes.PortalServiceInvoice)] HttpRequest req,
        string serviceId, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalServiceInvoice), req, ct, serviceId);

    [Function("PortalReturn")]
    public Task<IResult> PortalReturn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.PortalReturn)] HttpRequest req, CancellationToken ct) =>
        EndpointTable.InvokeAsync(nameof(PortalReturn), req, ct);
}
