using Billing.Core.Accounts;
using Billing.Core.Security;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.WebSessions;

/// <summary>What opening a portal link came to.</summary>
public abstract record LinkRedemption
{
    /// <summary>The link was good: a new session, and the secret its cookie carries (shown once, never stored).</summary>
    public sealed record Opened(WebSession Session, string Secret) : LinkRedemption;
    /// <summary>Unknown, already used, or expired: the same answer for each, so a probe learns nothing.</summary>
    public sealed record Refused : LinkRedemption;
}

/// <summary>
/// Portal links and browser sessions (P1, P2). A link is single-use and short-lived (<see cref="WebSessionOptions.LinkLifetime"/>);
/// opening it starts a session bound to its account and role; a session ends after <see cref="WebSessionOptions.IdleTimeout"/>
/// unused or <see cref="WebSessionOptions.MaxLifetime"/> in all. Only hashes of tokens and cookies are kept.
/// </summary>
public sealed class WebSessionService(IWebSessionStore store, IAccountReader accounts, ApiKeyService keys, WebSessionOptions options,
    TimeProvider clock, ILogger<WebSessionService> log)
{
    /// <summary>The idle clock moves at most this often: a page view is a read, not a write, within it.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>A link for one person of an account (the CRM asks, P1): the token to put in the URL and when it stops working.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateLinkAsync(string accountId, string userId, Role role, Language? language,
        string returnUrl, CancellationToken ct)
    {
        var account = await accounts.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var token = Ids.Token();
        var expires = clock.GetUtcNow() + options.LinkLifetime;
        await store.AddLinkAsync(new PortalLink(HashOf(token), account.Value.Id, userId, role, language, returnUrl, expires, null), ct);
        log.LogInformation("Portal link for {AccountId}, user {UserId} ({Role}), until {ExpiresAt}", accountId, userId, role, expires);
        return (token, expires);
    }

    public async Task<LinkRedemption> OpenLinkAsync(string token, CancellationToken ct)
    {
        if (!Ids.IsToken(token)) return new LinkRedemption.Refused();
        var now = clock.GetUtcNow();
        var link = await store.UseLinkAsync(HashOf(token), now, ct);
        if (link is null || link.ExpiresAt <= now)
        {
            log.LogWarning("A portal link was refused (unknown, used or expired)");
            return new LinkRedemption.Refused();
        }
        var account = await accounts.FindAsync(link.AccountId, ct);
        if (account is null) return new LinkRedemption.Refused();
        var language = link.Language ?? account.Value.Language;
        return await StartAsync(SessionKind.Portal, link.AccountId, link.UserId, link.Role, language, link.ReturnUrl, s => s, ct);
    }

    /// <summary>The console's sign-in (P2): an operator key, unscoped, opens a console session named for it; anything else is refused.</summary>
    public async Task<LinkRedemption> SignInOperatorAsync(string presentedKey, Language language, CancellationToken ct)
    {
        var caller = presentedKey.Length is > 0 and <= 512 ? await keys.AuthenticateAsync(presentedKey, ct) : null;
        if (caller is not { Role: CallerRole.Operator, AccountId: null })
        {
            log.LogWarning("Console sign-in refused");
            return new LinkRedemption.Refused();
        }
        return await StartAsync(SessionKind.Console, "", caller.KeyId, Role.Owner, language, "",
            s => s with { OperatorKeyId = caller.KeyId, OperatorName = caller.Name }, ct);
    }

    private async Task<LinkRedemption> StartAsync(SessionKind kind, string accountId, string userId, Role role, Language language, string returnUrl,
        Func<WebSession, WebSession> complete, CancellationToken ct)
    {
        var secret = Ids.Token() + Ids.Token();
        var now = clock.GetUtcNow();
        var session = complete(new WebSession(HashOf(secret), kind, accountId, userId, role, language, returnUrl, Ids.Token(), now, now));
        await store.AddSessionAsync(session, ct);
        log.LogInformation("{Kind} session opened for {AccountId} {UserId}", kind, accountId, userId);
        return new LinkRedemption.Opened(session, secret);
    }

    /// <summary>The live session a cookie names, or null (none, ended by idleness or age, or of the other kind).</summary>
    public async Task<WebSession?> AuthenticateAsync(SessionKind kind, string? secret, CancellationToken ct)
    {
        if (secret is not { Length: 64 } || !Ids.IsValid(secret)) return null;
        var session = await store.FindSessionAsync(kind, HashOf(secret), ct);
        if (session is null) return null;
        var now = clock.GetUtcNow();
        if (now - session.LastSeenAt >= options.IdleTimeout || now - session.CreatedAt >= options.MaxLifetime)
        {
            await store.RemoveSessionAsync(kind, session.Hash, ct);
            return null;
        }
        if (now - session.LastSeenAt >= TouchEvery) await store.TouchAsync(session, now, ct);
        return session;
    }

    public Task SignOutAsync(WebSession session, CancellationToken ct) => store.RemoveSessionAsync(session.Kind, session.Hash, ct);

    private static string HashOf(string secret) => ApiKeyService.HashOf(secret);
}
