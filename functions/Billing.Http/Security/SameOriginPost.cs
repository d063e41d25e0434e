using Microsoft.AspNetCore.Http;

namespace Billing.Http.Security;

/// <summary>
/// A public form's POST (start a checkout from the invoice page, Pay or Decline in the sandbox) comes only from our own
/// pages, so a third-party page cannot make a payer's browser start one (cross-site request forgery). A browser says where
/// a request comes from: <c>Sec-Fetch-Site</c> (same-origin, or none when the payer typed or bookmarked it) where it sends
/// that header; otherwise <c>Origin</c>, which must be one of our configured public origins (or absent, as older browsers
/// leave it). Our pages send <c>Referrer-Policy: no-referrer</c>, so their own POSTs carry <c>Origin: null</c>, which a
/// same-origin <c>Sec-Fetch-Site</c> vouches for. Anything else is 403 <c>cross_site_request</c>.
/// </summary>
public static class SameOriginPost
{
    public static bool Allowed(HttpRequest request, IReadOnlyCollection<string> ownOrigins)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || ownOrigins.Any(o => Core.Hosting.Origins.Same(o, origin));
    }

    /// <summary>Null when the request may go on; else the 403 problem.</summary>
    public static IResult? Check(HttpContext http, IReadOnlyCollection<string> ownOrigins) =>
        Allowed(http.Request, ownOrigins) ? null
        : Errors.Problem.Result(http, StatusCodes.Status403Forbidden, "cross_site_request", "This form can be sent only from its own page.");
}
