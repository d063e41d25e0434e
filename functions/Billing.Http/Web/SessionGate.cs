using System.Security.Cryptography;
using System.Text;
using Billing.Core.Texts;
using Billing.Core.WebSessions;
using Billing.Http.Endpoints;
using Billing.Http.Pages;
using Billing.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Http.Web;

/// <summary>
/// What opens a page of the portal or the console (P1, P2, S1), run by <see cref="EndpointPipeline"/> before the handler:
/// the pages' security headers; for a form, our own origin and the session's form token (CSRF); and the live session of
/// the entry's kind, which the handler then reads with <see cref="SessionOf"/>. Without one, the portal says the session
/// ended (a new link comes from the CRM) and the console asks to sign in; nothing of the handler runs.
/// </summary>
public static class SessionGate
{
    public const string CsrfField = "_csrf";
    private const string SessionItem = "billing.web.session";

    public static async Task<IResult?> CheckAsync(ApiEndpoint endpoint, HttpContext http, bool form)
    {
        var services = http.RequestServices;
        var pages = services.GetRequiredService<PageSecurity>();
        pages.ApplyApp(http.Response);
        if (form && SameOriginPost.Check(http, pages.OwnOrigins) is { } crossSite) return crossSite;
        var kind = endpoint.Callers == Callers.Console ? SessionKind.Console : SessionKind.Portal;
        var session = await services.GetRequiredService<WebSessionService>().AuthenticateAsync(kind, WebCookies.Read(http.Request, kind), http.RequestAborted);
        if (session is null) return kind == SessionKind.Console ? Results.Redirect("/" + WebRoutes.ConsoleSignIn, permanent: false) : WebPage.SessionEnded(http);
        if (form && !await HasFormTokenAsync(http.Request, session)) return WebPage.FormRefused(http, session.Language);
        http.Items[SessionItem] = session;
        return null;
    }

    /// <summary>The session the gate admitted (every portal and console handler runs behind it).</summary>
    public static WebSession SessionOf(HttpRequest request) =>
        request.HttpContext.Items[SessionItem] as WebSession ?? throw new InvalidOperationException("A session page ran without its session gate.");

    private static async Task<bool> HasFormTokenAsync(HttpRequest request, WebSession session)
    {
        if (!request.HasFormContentType) return false;
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var sent = form[CsrfField].ToString();
        return sent.Length == session.CsrfToken.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent), Encoding.ASCII.GetBytes(session.CsrfToken));
    }

    /// <summary>The language of a page shown before any session: the browser's, else English.</summary>
    public static Core.Accounts.Language BrowserLanguage(HttpRequest request) =>
        Text.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) ?? Core.Accounts.Language.En;
}
