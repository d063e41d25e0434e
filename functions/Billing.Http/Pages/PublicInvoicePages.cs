using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.CustomerBilling;
using Billing.Core.Texts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using K = Billing.Core.Texts.TextKeys.Pages.Invoice;

namespace Billing.Http.Pages;

/// <summary>
/// F3: the page a tenant's customer opens from a link, and its "Go to payment" form. Server-rendered (Razor components), accessible,
/// usable on a phone, in the tenant's language (every word from the text catalog). The checkout applies the same rules
/// as the page, so a saved form or a crafted POST cannot pay an expired, paid or archived invoice.
/// </summary>
public sealed class PublicInvoicePages(Api.ApiRunner api, PublicInvoiceService invoices)
{
    public Task<IResult> Show(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var found = await invoices.LookupAsync(token, ct);
        if (found.Found is not { } p) return NotFound(req, found.TenantLanguage);
        var returned = req.Query["checkout"].ToString() == "paid" && p.Invoice.Status == CustomerInvoiceStatus.AwaitingPayment;
        return Page(200, p, token, returned);
    });

    public Task<IResult> Checkout(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var found = await invoices.LookupAsync(token, ct);
        if (found.Found is not { } p) return NotFound(req, found.TenantLanguage);
        try
        {
            return Results.Redirect(await invoices.CheckoutAsync(token, ct));
        }
        catch (BillingException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Refused)
        {
            // The payer sees the page again, with the reason and no button: the same answer the page gives.
            return Page(e.Kind == ErrorKind.Conflict ? 409 : 422, p, token, returned: false);
        }
    });

    private static IResult Page(int status, PublicInvoice p, string token, bool returned) =>
        new RazorComponentResult<Components.PublicInvoicePage>(new Dictionary<string, object?>
        {
            [nameof(Components.PublicInvoicePage.Invoice)] = p, [nameof(Components.PublicInvoicePage.Token)] = token,
            [nameof(Components.PublicInvoicePage.Returned)] = returned,
        }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    /// <summary>In the language of the tenant whose link it was when known, else in the browser's (Accept-Language), else English.</summary>
    private static IResult NotFound(HttpRequest req, Language? tenant) =>
        new RazorComponentResult<Components.PublicMessagePage>(new Dictionary<string, object?>
        {
            [nameof(Components.PublicMessagePage.Language)] = tenant ?? Text.FromAcceptLanguage(req.Headers.AcceptLanguage.ToString()) ?? Language.En,
            [nameof(Components.PublicMessagePage.TitleKey)] = K.NotFoundTitle, [nameof(Components.PublicMessagePage.TextKey)] = K.NotFoundText,
        }) { StatusCode = StatusCodes.Status404NotFound, ContentType = "text/html; charset=utf-8" };
}
