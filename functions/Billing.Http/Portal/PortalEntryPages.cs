using Billing.Core.WebSessions;
using Billing.Http.Pages;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Portal;

namespace Billing.Http.Portal;

/// <summary>
/// P1: a person arrives with the CRM's link. A good link (unused, unexpired) is spent and becomes the session cookie; the
/// page then moves on to the portal itself from our own page, because a SameSite=Strict cookie set on a navigation that
/// started at the CRM's site is not sent on that navigation's redirects. A reused, expired or unknown link is refused alike.
/// </summary>
public sealed class PortalEntryPages(Api.ApiRunner api, WebSessionService sessions, PageSecurity pages)
{
    public Task<IResult> Enter(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        pages.ApplyApp(req.HttpContext.Response);
        switch (await sessions.OpenLinkAsync(token, ct))
        {
            case LinkRedemption.Opened opened:
                WebCookies.Set(req.HttpContext.Response, SessionKind.Portal, opened.Secret);
                return WebPage.Render<Web.Shared.OpeningPage>(new PageContext(opened.Session.Language, null));
            default:
                return WebPage.Message(new PageContext(SessionGate.BrowserLanguage(req), null), StatusCodes.Status410Gone, K.LinkRefusedTitle, K.LinkRefusedText);
        }
    });

    public Task<IResult> SignOut(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var session = SessionGate.SessionOf(req);
        await sessions.SignOutAsync(session, ct);
        WebCookies.Clear(req.HttpContext.Response, SessionKind.Portal);
        return WebPage.Message(new PageContext(session.Language, null), StatusCodes.Status200OK, K.SignOut, K.SignedOut);
    });
}
