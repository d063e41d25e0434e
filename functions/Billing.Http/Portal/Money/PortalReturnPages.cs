using Billing.Core.Validation;
using Billing.Http.Pages;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Portal;

/// <summary>
/// P1: where the provider's checkout sends a payer back. The portal's session cookie is SameSite=Strict, so a browser leaves
/// it off the provider's redirect (a navigation another site started); this public page, which shows nothing of any
/// account, moves on from our own page to the top-up page or the invoice, where the cookie goes along. Only those two
/// places, so the page sends nobody anywhere else.
/// </summary>
public sealed class PortalReturnPages(Api.ApiRunner api, PageSecurity pages)
{
    public Task<IResult> Show(HttpRequest req) => api.RunPage(req, () =>
    {
        pages.ApplyApp(req.HttpContext.Response);
        var invoice = req.Query["invoice"].ToString();
        var target = Ids.IsValid(invoice)
            ? PortalInvoicePages.Focused(invoice, Core.Texts.TextKeys.PortalMoney.Invoices.Returned, anchored: false)
            : $"/{WebRoutes.PortalTopUp}?done={Core.Texts.TextKeys.PortalMoney.TopUp.Returned}";
        return Task.FromResult(WebPage.Render<ReturnPage>(new PageContext(SessionGate.BrowserLanguage(req), null), parameters: new Dictionary<string, object?>
        {
            [nameof(ReturnPage.Target)] = target,
        }));
    });

    /// <summary>The address a checkout returns to: this page, on the configured public address (never a request's host).</summary>
    public static string Address(Core.Hosting.ApiOptions site, string? invoiceId = null) =>
        $"{site.PublicBaseUrl.TrimEnd('/')}/{WebRoutes.PortalReturn}{(invoiceId is null ? "" : "?invoice=" + invoiceId)}";
}
