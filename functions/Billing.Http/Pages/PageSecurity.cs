using Billing.Core.CustomerBilling;
using Billing.Core.Hosting;
using Billing.Core.Payments;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Pages;

/// <summary>
/// The headers every public page answers with (the invoice page and its not-found page, the sandbox checkout), applied by
/// <see cref="Endpoints.EndpointPipeline"/> so the pages' markup needs no part in it:
/// <list type="bullet">
/// <item>a Content-Security-Policy that runs no script at all (the pages have none; <c>default-src 'none'</c>), allows only
/// this app's own style sheet and icon (<c>/assets/…</c>; nothing inline), lets forms post only
/// to this app and the payment provider's checkout (<c>form-action</c>, which browsers also apply to the form's redirect),
/// and no framing (<c>frame-ancestors 'none'</c>, against clickjacking the Pay button);</item>
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c> (the token in the URL never leaves in a
/// Referer), and <c>Cache-Control: no-store</c> (a token page is not kept by shared or back-button caches).</item>
/// </list>
/// </summary>
public sealed class PageSecurity(ApiOptions api, CustomerBillingOptions customerBilling, PaymentProviders providers)
{
    /// <summary>The origins our pages are served from: <c>Api:PublicBaseUrl</c> and <c>CustomerBilling:PublicBaseUrl</c> when set.</summary>
    public IReadOnlyList<string> OwnOrigins =>
        new[] { api.PublicBaseUrl, customerBilling.PublicBaseUrl }.Where(u => u.Length > 0).Select(Origins.Of).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Where a page's form may go: this app and the providers' checkouts (the invoice page's "Go to payment" redirects there).
    /// Every provider of the build, not only the vendor's: a tenant's customers check out at the tenant's own provider (F11).
    /// </summary>
    public IReadOnlyList<string> FormTargets => [.. OwnOrigins, .. providers.All.SelectMany(p => p.CheckoutOrigins)];

    public void Apply(HttpResponse response) => Apply(response, FormTargets);

    /// <summary>
    /// The portal's and the console's pages (P1, P2): as the public pages, but styles and the one script come only from this
    /// app's own files (<c>/assets/…</c>, no CDN, nothing inline), and the script may call back only here (the live bonus quote).
    /// </summary>
    public void ApplyApp(HttpResponse response)
    {
        Apply(response);
        var targets = string.Join(' ', FormTargets.Distinct(StringComparer.OrdinalIgnoreCase));
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self' {targets}; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>The headers, with the form targets a page needs (the sandbox checkout adds the merchant's return page).</summary>
    public static void Apply(HttpResponse response, IEnumerable<string> formTargets)
    {
        var targets = string.Join(' ', formTargets.Distinct(StringComparer.OrdinalIgnoreCase));
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {targets}; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
    }
}
