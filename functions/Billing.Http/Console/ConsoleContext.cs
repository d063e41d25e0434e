using Billing.Core.Audit;
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

    /// <summary>
    /// Who acts, for the use case and its audit entry (P2): the operator key the session was opened with (its id and name). A
    /// console action is the same call as its API route's, so both write the same audit entry.
    /// </summary>
    public static OperatorAct Act(WebSession session, string? reason = null, string? idempotencyKey = null) =>
        new(OperatorActor.Of(session.OperatorKeyId, session.OperatorName, null), OperatorAct.CheckReason(reason), idempotencyKey);

    /// <summary>The page context of <paramref name="current"/>, with the notice the last action left (<c>?done=</c>, a console catalog key).</summary>
    public static PageContext Page(HttpRequest req, string current)
    {
        var session = Session(req);
        return new PageContext(session.Language, session) { Current = current, Notice = Notice(req, session.Language) };
    }

    /// <summary>
    /// A notice only from the console's own catalog keys: a link cannot make the page say anything else. A count (<c>n</c>, digits
    /// only) fills a notice that says how many (a range replay).
    /// </summary>
    public static string? Notice(HttpRequest req, Core.Accounts.Language language)
    {
        var done = req.Query["done"].ToString();
        if (!done.StartsWith("Console.", StringComparison.Ordinal) || !Text.Has(done)) return null;
        return int.TryParse(req.Query["n"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Text.Get(language, done, n) : Text.Get(language, done, 0);
    }

    /// <summary>A console address with its route values filled in, escaped (ids are checked before they get here).</summary>
    public static string Path(string route, params (string Name, string Value)[] values) =>
        "/" + values.Aggregate(route, (r, v) => r.Replace("{" + v.Name + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));
}
