using Billing.Core.WebSessions;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Portal;

/// <summary>What a portal handler knows of its request: the person's session (the gate admitted it) and the page context to render with.</summary>
public static class PortalContext
{
    public static WebSession Session(HttpRequest req) => SessionGate.SessionOf(req);

    /// <summary>The page context of <paramref name="current"/>, with the notice the last action left (<c>?done=</c>, a catalog key).</summary>
    public static PageContext Page(HttpRequest req, string current)
    {
        var session = Session(req);
        var done = req.Query["done"].ToString();
        var notice = done.StartsWith("Portal.", StringComparison.Ordinal) && Core.Texts.Text.Has(done) ? Core.Texts.Text.Get(session.Language, done) : null;
        return new PageContext(session.Language, session) { Current = current, Notice = notice };
    }
}
