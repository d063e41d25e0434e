using Billing.Core.Security;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Security;

/// <summary>What the key check decided for one request.</summary>
public abstract record AuthorizationResult
{
    public sealed record Allowed(Caller? Caller) : AuthorizationResult;
    public sealed record Refused(int Status, string Code, string Detail) : AuthorizationResult;
}

/// <summary>
/// The one authorization model (S1), which both hosts run before any handler: the server in its middleware, the
/// Functions app in its worker middleware. A key is presented in <c>x-api-key</c> (or <c>x-functions-key</c> or the query's
/// <c>code</c>, as CRMs integrated before); its role must be one the endpoint admits, and a key scoped to an account opens only routes of
/// that account. A refused request runs nothing.
/// </summary>
public sealed class CallerAuthorization(ApiKeyService keys, ILogger<CallerAuthorization> log)
{
    public const string Header = "x-api-key";
    public const string LegacyHeader = "x-functions-key";
    private const string CallerItem = "billing.caller";

    /// <summary>The key in <c>x-api-key</c>, else <c>x-functions-key</c>, else the query's <c>code</c> (the Functions convention).</summary>
    public static string? PresentedKey(HttpRequest request) =>
        new[] { request.Headers[Header].FirstOrDefault(), request.Headers[LegacyHeader].FirstOrDefault(), request.Query["code"].FirstOrDefault() }
            .FirstOrDefault(k => !string.IsNullOrEmpty(k));

    public async Task<AuthorizationResult> AuthorizeAsync(ApiEndpoint endpoint, string? presentedKey, string? routeAccountId, CancellationToken ct)
    {
        // The pages of the portal and the console are opened by a session, which the endpoint pipeline checks.
        if (endpoint.IsPublic || endpoint.BySession) return new AuthorizationResult.Allowed(null);
        if (presentedKey is null) return new AuthorizationResult.Refused(401, "key_missing", $"Send an API key in the {Header} header.");
        var caller = await keys.AuthenticateAsync(presentedKey, ct);
        if (caller is null) return new AuthorizationResult.Refused(403, "key_invalid", "This key does not open this route.");
        // The same answer for another account that exists and one that does not: a scoped key learns nothing.
        if (caller.AccountId is { } scope && routeAccountId != scope)
            return new AuthorizationResult.Refused(403, "key_scope", "This key opens only its own account's routes.");
        if (!endpoint.Admits(caller.Role))
            return new AuthorizationResult.Refused(403, "key_role", $"A {Core.Json.Names.Of(caller.Role)} key cannot call this route.");
        return new AuthorizationResult.Allowed(caller);
    }

    /// <summary>Checks the request, remembers the caller for its handler, or writes the refusal; true when the handler may run.</summary>
    public async Task<bool> AuthorizeAsync(ApiEndpoint endpoint, HttpContext http, string? routeAccountId)
    {
        switch (await AuthorizeAsync(endpoint, PresentedKey(http.Request), routeAccountId, http.RequestAborted))
        {
            case AuthorizationResult.Allowed allowed:
                http.Items[CallerItem] = allowed.Caller;
                return true;
            case AuthorizationResult.Refused refused:
                log.LogWarning("Refused {Method} {Path} ({Endpoint}): {Code}", http.Request.Method, http.Request.Path, endpoint.Name, refused.Code);
                await Errors.Problem.Result(http, refused.Status, refused.Code, refused.Detail).ExecuteAsync(http);
                return false;
            default:
                throw new InvalidOperationException("Unknown authorization result.");
        }
    }

    /// <summary>The caller the key check admitted (null on a public route).</summary>
    public static Caller? CallerOf(HttpRequest request) => request.HttpContext.Items.TryGetValue(CallerItem, out var c) ? c as Caller : null;
}
