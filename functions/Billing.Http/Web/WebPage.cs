using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Http.Web;

/// <summary>
/// Pages as answers (P1, P2): a Razor component rendered on the server (<see cref="RazorComponentResult"/>, the framework's
/// own HTML encoding), with the status it stands for. The answers every session page may give are here too.
/// </summary>
public static class WebPage
{
    public static IResult Render<T>(PageContext page, int status = StatusCodes.Status200OK, IReadOnlyDictionary<string, object?>? parameters = null)
        where T : IComponent
    {
        var all = new Dictionary<string, object?>(parameters ?? new Dictionary<string, object?>()) { [nameof(WebComponent.Page)] = page };
        return new RazorComponentResult<T>(all) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    /// <summary>The portal without a live session: 401, and the way back (a new link from the CRM).</summary>
    public static IResult SessionEnded(HttpContext http) =>
        Message(new PageContext(SessionGate.BrowserLanguage(http.Request), null), StatusCodes.Status401Unauthorized,
            TextKeys.Portal.SessionEndedTitle, TextKeys.Portal.SessionEndedText);

    /// <summary>A form without its session's token (a stale page, or another site's form): 403, nothing done.</summary>
    public static IResult FormRefused(HttpContext http, Language language) =>
        Message(new PageContext(language, null), StatusCodes.Status403Forbidden, TextKeys.Portal.NotFoundTitle, TextKeys.Portal.FormRefused);

    /// <summary>Something of another account, or nothing at all: the same 404 for both.</summary>
    public static IResult NotFound(PageContext page) =>
        Message(page, StatusCodes.Status404NotFound, TextKeys.Portal.NotFoundTitle, TextKeys.Portal.NotFoundText);

    public static IResult Message(PageContext page, int status, string titleKey, string textKey) =>
        Render<Shared.MessagePage>(page, status, new Dictionary<string, object?>
        {
            [nameof(Shared.MessagePage.TitleKey)] = titleKey, [nameof(Shared.MessagePage.TextKey)] = textKey,
        });

    /// <summary>
    /// After an action: back to a page (303, so a reload does not repeat it), with what was done to say there, and the place
    /// on it to show (<paramref name="fragment"/>, an element's id). Also the way to a provider's checkout after a form.
    /// </summary>
    public static IResult SeeOther(string path, string? notice = null, string? fragment = null) =>
        new SeeOtherResult((notice is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}done={Uri.EscapeDataString(notice)}")
            + (fragment is null ? "" : "#" + fragment));

    /// <summary>303 See Other: the framework's redirect results answer 302 (or 307/308), which says less about a POST's answer.</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    /// <summary>A refusal in the person's language: the catalog's text when the rule named one, else the rule's own words.</summary>
    public static string Says(BillingException e, Language language) =>
        e.Says is { } says ? Text.Get(language, says.Key, says.Args) : e.Message;
}
