using Billing.Core.Texts;
using Billing.Core.WebSessions;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Console;

/// <summary>
/// What a console handler knows of its request (P2): the operator's session (the gate admitted it) and the page context to
/// render with, in the language the operator's browser asked for at sign-in.
/// </summary>
public static class ConsoleContext
{
    public static WebSession Session(HttpRequest req) => SessionGate.SessionOf(req);

    /// <summary>How the console names the operator to the use cases it calls (paid-by, restored-by): the operator key's name.</summary>
    public static string OperatorId(WebSession session) => session.OperatorName;

    /// <summary>The page context of <paramref name="current"/>, with the notice the last action left (<c>?done=</c>, a console catalog key).</summary>
    public static PageContext Page(HttpRequest req, string current)
    {
        var session = Session(req);
        return new PageContext(session.Language, session) { Current = current, Notice = Notice(req, session.Language) };
    }

    /// <summary>A notice only from the console's own catalog keys: a link cannot make the page say anything else.</summary>
    public static string? Notice(HttpRequest req, Core.Accounts.Language language)
    {
        var done = req.Query["done"].ToString();
        return done.StartsWith("Console.", StringComparison.Ordinal) && Text.Has(done) ? Text.Get(language, done) : null;
    }

    /// <summary>A console address with its route values filled in, escaped (ids are checked before they get here).</summary>
    public static string Path(string route, params (string Name, string Value)[] values) =>
        "/" + values.Aggregate(route, (r, v) => r.Replace("{" + v.Name + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));
}
