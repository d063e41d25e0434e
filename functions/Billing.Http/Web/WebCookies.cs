using Billing.Core.WebSessions;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Web;

/// <summary>
/// The session cookies (P1, P2): <c>__Host-</c> names (Secure, path /, no domain: no subdomain can set or read them),
/// HttpOnly (no script reads them), SameSite=Strict (no other site's page sends them, so no other site can act in them).
/// The cookie ends with the browser; the session's own idle and age limits end it on the server.
/// </summary>
public static class WebCookies
{
    public static string Name(SessionKind kind) => kind == SessionKind.Portal ? "__Host-billing-portal" : "__Host-billing-console";

    public static string? Read(HttpRequest request, SessionKind kind) => request.Cookies[Name(kind)];

    public static void Set(HttpResponse response, SessionKind kind, string secret) =>
        response.Cookies.Append(Name(kind), secret, Options());

    public static void Clear(HttpResponse response, SessionKind kind) => response.Cookies.Delete(Name(kind), Options());

    private static CookieOptions Options() => new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true };
}
