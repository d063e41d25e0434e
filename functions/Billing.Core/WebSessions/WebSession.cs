using Billing.Core.Accounts;

namespace Billing.Core.WebSessions;

/// <summary>Who a browser session is for: a person of one account in the billing portal (P1), or vendor staff in the console (P2).</summary>
public enum SessionKind { Portal, Console }

/// <summary>
/// A signed-in browser (P1, P2). The cookie holds a random secret; the store keeps only its hash (<see cref="Hash"/>), so a
/// read of the table opens nothing. A portal session is bound to one account and one person's role: nothing the portal
/// reads is looked up by anything but <see cref="AccountId"/>. A console session names the operator key it was opened with.
/// </summary>
public sealed record WebSession(
    string Hash,
    SessionKind Kind,
    string AccountId,
    string UserId,
    Role Role,
    Language Language,
    string ReturnUrl,
    string CsrfToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt)
{
    /// <summary>The key the console was opened with: the operator, as the audit log names them.</summary>
    public string OperatorKeyId { get; init; } = "";
    public string OperatorName { get; init; } = "";
}

/// <summary>The single-use link the CRM hands a person (P1): kept by the hash of its token until used or expired.</summary>
public sealed record PortalLink(
    string Hash,
    string AccountId,
    string UserId,
    Role Role,
    Language? Language,
    string ReturnUrl,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt);
