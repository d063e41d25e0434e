using System.Security.Cryptography;
using System.Text;
using Billing.Http;
using Billing.Http.Errors;

namespace Billing.Server.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Keys for Function-level routes (the CRM backend). Placeholders in samples; secrets in real settings.</summary>
    public List<string> FunctionKeys { get; set; } = [];
    /// <summary>Operator keys: Admin routes, and every other route too, as the master key is in Azure.</summary>
    public List<string> AdminKeys { get; set; } = [];
    /// <summary>
    /// Keys scoped to one account (S1): a tenant's own integration. They open only Function routes whose
    /// <c>{accountId}</c> is theirs; every other route, and every other account, answers 403 and runs nothing.
    /// </summary>
    public List<AccountKey> AccountKeys { get; set; } = [];
}

public sealed class AccountKey
{
    public string AccountId { get; set; } = "";
    public string Key { get; set; } = "";
}

/// <summary>
/// The same key check Azure Functions enforces (S1): header <c>x-functions-key</c> or query <c>code</c>.
/// Routes without an <see cref="Access"/> tag are refused, so a new route is never public by accident.
/// </summary>
public sealed class FunctionKeyMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptionsMonitor<SecurityOptions> options, ILogger<FunctionKeyMiddleware> log)
{
    public const string Header = "x-functions-key";

    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || !http.Request.Path.StartsWithSegments("/" + Routes.Prefix)) { await next(http); return; }
        var access = endpoint.Metadata.GetMetadata<RouteAccess>()?.Access ?? Access.Admin;
        if (access == Access.Public) { await next(http); return; }

        var key = http.Request.Headers[Header].FirstOrDefault() ?? http.Request.Query["code"].FirstOrDefault();
        var o = options.CurrentValue;
        var allowed = key is not null && (Matches(key, o.AdminKeys) || (access == Access.Function && Matches(key, o.FunctionKeys)));
        if (allowed) { await next(http); return; }
        if (key is not null && AccountOf(key, o.AccountKeys) is { } scope)
        {
            // The same answer for another account that exists and one that does not: a scoped key learns nothing.
            if (access == Access.Function && http.GetRouteValue("accountId") is string routeAccount && routeAccount == scope) { await next(http); return; }
            log.LogWarning("Refused {Method} {Path}: key of account {AccountId} used outside it", http.Request.Method, http.Request.Path, scope);
            await Problem.Result(http, 403, "key_scope", "This key opens only its own account's routes.").ExecuteAsync(http);
            return;
        }

        log.LogWarning("Refused {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, key is null ? "no key" : "wrong key");
        var status = key is null ? 401 : 403;
        await Problem.Result(http, status, key is null ? "key_missing" : "key_invalid",
            key is null ? $"Send a key in the {Header} header." : "This key does not open this route.").ExecuteAsync(http);
    }

    private static string? AccountOf(string key, List<AccountKey> keys)
    {
        var given = Encoding.UTF8.GetBytes(key);
        string? account = null;
        foreach (var k in keys.Where(k => k.Key.Length > 0 && k.AccountId.Length > 0))
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(k.Key))) account = k.AccountId;
        return account;
    }

    private static bool Matches(string key, List<string> keys)
    {
        var given = Encoding.UTF8.GetBytes(key);
        var match = false;
        foreach (var k in keys.Where(k => k.Length > 0))
            match |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(k));
        return match;
    }
}
