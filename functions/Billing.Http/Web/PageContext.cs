using Billing.Core.Accounts;
using Billing.Core.WebSessions;

namespace Billing.Http.Web;

/// <summary>
/// What every page of the portal and the console is rendered with: the person's language, their session (null on the
/// public pages: a link refused, the sign-in), the form token every form carries, and a notice or error to show once.
/// </summary>
public sealed record PageContext(Language Language, WebSession? Session)
{
    /// <summary>The token each form posts back (CSRF), bound to the session.</summary>
    public string Csrf => Session?.CsrfToken ?? "";

    /// <summary>What the last action did, in the person's language (shown as a status message).</summary>
    public string? Notice { get; init; }

    /// <summary>Why the last action was refused, in the person's language (shown as an alert).</summary>
    public string? Error { get; init; }

    /// <summary>The page's place in the navigation, marked as current.</summary>
    public string Current { get; init; } = "";
}
