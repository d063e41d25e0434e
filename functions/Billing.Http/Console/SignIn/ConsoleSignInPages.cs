using Billing.Core.WebSessions;
using Billing.Http.Pages;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.SignIn;

/// <summary>
/// P2, S1: an operator signs in with an operator key (unscoped; a crm, erp or scoped key and an unknown one are refused
/// alike, and a refusal writes nothing), and gets a console session cookie in the language their browser asks for. The
/// sign-in is a public page (no session yet) with the app's own style; its form is taken only from our own pages.
/// </summary>
public sealed class ConsoleSignInPages(Api.ApiRunner api, WebSessionService sessions, PageSecurity pages)
{
    public const string KeyField = "key";

    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
    {
        pages.ApplyApp(req.HttpContext.Response);
        return Task.FromResult(Form(req, StatusCodes.Status200OK, error: null));
    });

    public Task<IResult> SignIn(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        pages.ApplyApp(req.HttpContext.Response);
        var key = req.HasFormContentType ? (await req.ReadFormAsync(ct))[KeyField].ToString() : "";
        if (await sessions.SignInOperatorAsync(key, SessionGate.BrowserLanguage(req), ct) is LinkRedemption.Opened opened)
        {
            WebCookies.Set(req.HttpContext.Response, SessionKind.Console, opened.Secret);
            return WebPage.SeeOther("/" + WebRoutes.ConsoleHome);
        }
        return Form(req, StatusCodes.Status401Unauthorized, K.SignInRefused);
    });

    public Task<IResult> SignOut(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        await sessions.SignOutAsync(ConsoleContext.Session(req), ct);
        WebCookies.Clear(req.HttpContext.Response, SessionKind.Console);
        return WebPage.SeeOther("/" + WebRoutes.ConsoleSignIn, K.SignedOut);
    });

    private static IResult Form(HttpRequest req, int status, string? error)
    {
        var language = SessionGate.BrowserLanguage(req);
        var page = new PageContext(language, null)
        {
            Current = WebRoutes.ConsoleSignIn,
            Notice = ConsoleContext.Notice(req, language),
            Error = error is null ? null : Core.Texts.Text.Get(language, error),
        };
        return WebPage.Render<SignInPage>(page, status);
    }
}
