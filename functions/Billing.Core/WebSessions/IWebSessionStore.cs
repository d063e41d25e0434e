namespace Billing.Core.WebSessions;

/// <summary>Where portal links and browser sessions are kept (port): by hash, so each lookup is one point read.</summary>
public interface IWebSessionStore
{
    Task AddLinkAsync(PortalLink link, CancellationToken ct);

    /// <summary>Marks the link used unless it already was: true for exactly one caller, however many race (ETag).</summary>
    Task<PortalLink?> UseLinkAsync(string hash, DateTimeOffset now, CancellationToken ct);

    Task AddSessionAsync(WebSession session, CancellationToken ct);

    Task<WebSession?> FindSessionAsync(SessionKind kind, string hash, CancellationToken ct);

    /// <summary>Moves the idle clock on; a lost race with another request of the same session changes nothing that matters.</summary>
    Task TouchAsync(WebSession session, DateTimeOffset now, CancellationToken ct);

    Task RemoveSessionAsync(SessionKind kind, string hash, CancellationToken ct);

    /// <summary>Forgets links that expired and sessions idle since before the cutoffs (the retention sweep); how many went.</summary>
    Task<int> DeleteEndedAsync(DateTimeOffset linksExpiredBefore, DateTimeOffset sessionsIdleBefore, CancellationToken ct);
}
