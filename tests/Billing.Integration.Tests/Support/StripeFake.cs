using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Integration.Tests.Support;

/// <summary>A request the fake received: its key (which Stripe account), its Idempotency-Key and its form fields as sent.</summary>
public sealed record StripeCall(string Method, string Path, string ApiKey, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// A local Stripe API, on a real Kestrel socket, for the endpoints our adapter calls: Checkout Sessions (create, read with
/// <c>expand[]=payment_intent</c>), payment intents (read) and refunds (create). Bodies are shaped as in Stripe's API
/// reference; it checks the bearer key (a session belongs to the account whose key made it), honours Idempotency-Key
/// (same parameters: the first answer again; other parameters: 400 <c>idempotency_error</c>), refuses an
/// <c>expires_at</c> outside 30 min … 24 h of its clock, and keeps every call. As the payer and Stripe's event sender it
/// pays, fails and expires sessions and builds the events Stripe would sign and post.
/// </summary>
public sealed partial class StripeFake : IAsyncDisposable
{
    public const string ApiKey = "sk_test_fake_vendor_key";
    public const string WebhookSecret = "whsec_test_fake_vendor_secret";
    public const string ApiVersion = "2026-10-28.endive";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _keys = new() { [ApiKey] = 0 };
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new();
    private readonly ConcurrentDictionary<string, FakeRefund> _refunds = new();
    private readonly ConcurrentDictionary<string, (string Form, int Status, string Body)> _idempotency = new();
    private readonly object _gate = new();

    public ConcurrentQueue<StripeCall> Calls { get; } = new();
    public string Url { get; private set; } = "";
    /// <summary>Stripe's clock as the tests walk it (the app's fake clock), for expiry windows and event times.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    private StripeFake(WebApplication app) => _app = app;

    public static async Task<StripeFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new StripeFake(builder.Build());
        fake._app.Run(fake.HandleAsync);
        await fake._app.StartAsync();
        fake.Url = fake._app.Urls.First();
        return fake;
    }

    /// <summary>Points <paramref name="app"/> (not yet started) at this fake as the vendor's Stripe, new checkouts going to it; its clock is the app's.</summary>
    public BillingApp Configure(BillingApp app)
    {
        Clock = app.Clock;
        app.Settings["Payments:Provider"] = "stripe";
        app.Settings["Payments:Stripe:ApiKey"] = ApiKey;
        app.Settings["Payments:Stripe:WebhookSecret"] = WebhookSecret;
        app.Settings["Payments:Stripe:ApiBase"] = Url;
        return app;
    }

    /// <summary>Another Stripe account (a tenant's own): its secret key is accepted, and sees only its own sessions.</summary>
    public void AddAccount(string secretKey) => _keys[secretKey] = 0;

    public IEnumerable<StripeCall> SessionCreations => Calls.Where(c => c is { Method: "POST", Path: "/v1/checkout/sessions" });

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext ctx)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        var key = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : "";
        var form = ctx.Request.HasFormContentType
            ? (await ctx.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var idem = ctx.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = ctx.Request.Path.Value ?? "";
        Calls.Enqueue(new StripeCall(ctx.Request.Method, path, key, idem, form));

        (int Status, string Body) answer;
        if (!_keys.ContainsKey(key)) answer = Error(401, "invalid_request_error", null, $"Invalid API Key provided: {key}");
        else if (ctx.Request.Method == "POST" && idem is not null) answer = Idempotent(key, idem, path, form);
        else answer = Route(ctx.Request.Method, path, key, form);
        if (ctx.Request.Method == "POST" && idem is not null && answer.Status != 401) ctx.Response.Headers["Idempotency-Key"] = idem;
        ctx.Response.StatusCode = answer.Status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers["Request-Id"] = "req_" + RandomId(14);
        await ctx.Response.WriteAsync(answer.Body);
    }

    /// <summary>Stripe's idempotency: the first answer to a key is replayed for the same parameters, and other parameters are refused.</summary>
    private (int, string) Idempotent(string key, string idem, string path, Dictionary<string, string> form)
    {
        var fingerprint = path + "?" + string.Join("&", form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        lock (_gate)
        {
            if (_idempotency.TryGetValue(key + "\n" + idem, out var first))
                return first.Form == fingerprint ? (first.Status, first.Body)
                    : Error(400, "idempotency_error", null, $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idem}' if you meant to execute a different request.");
            (int Status, string Body) answer = Route("POST", path, key, form);
            if (answer.Status < 500) _idempotency[key + "\n" + idem] = (fingerprint, answer.Status, answer.Body);
            return answer;
        }
    }

    private (int, string) Route(string method, string path, string key, Dictionary<string, string> form)
    {
        var parts = path.Trim('/').Split('/');
        lock (_gate)
        {
            return (method, parts) switch
            {
                ("POST", ["v1", "checkout", "sessions"]) => CreateSession(key, form),
                ("GET", ["v1", "checkout", "sessions", var id]) => Owned(_sessions, id, key) is { } s
                    ? (200, SessionJson(s, expandIntent: form.Any(f => f.Key.StartsWith("expand", StringComparison.Ordinal) && f.Value == "payment_intent")).ToJsonString())
                    : Missing("checkout.session", id),
                ("GET", ["v1", "payment_intents", var id]) => _sessions.Values.FirstOrDefault(s => s.PaymentIntentId == id && s.ApiKey == key) is { } s
                    ? (200, IntentJson(s).ToJsonString()) : Missing("payment_intent", id),
                ("POST", ["v1", "refunds"]) => CreateRefund(key, form),
                _ => Error(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path})."),
            };
        }
    }

    private static T? Owned<T>(ConcurrentDictionary<string, T> all, string id, string key) where T : class, IOwned =>
        all.TryGetValue(id, out var found) && found.ApiKey == key ? found : null;

    private static (int, string) Missing(string kind, string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such {kind}: '{id}'");

    private static (int, string) Error(int status, string type, string? code, string message, string? param = null) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param } }.ToJsonString());

    private static string RandomId(int length) => Convert.ToHexString(RandomNumberGenerator.GetBytes(length)).ToLowerInvariant()[..length];

    private long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    private interface IOwned { string ApiKey { get; } }

    private sealed class FakeSession : IOwned
    {
        public required string Id { get; init; }
        public required string ApiKey { get; init; }
        public required IReadOnlyDictionary<string, string> Form { get; init; }
        public required long Amount { get; init; }
        public required string Currency { get; init; }
        public required long Created { get; init; }
        public required long ExpiresAt { get; init; }
        public string Status { get; set; } = "open";
        public string PaymentStatus { get; set; } = "unpaid";
        public string? PaymentIntentId { get; set; }
        public string? IntentStatus { get; set; }
        public string? ChargeId { get; set; }
        public long Refunded { get; set; }
        public Dictionary<string, string> Metadata(string prefix) => Form.Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key[(prefix.Length + 1)..^1], f => f.Value);
    }

    private sealed record FakeRefund(string Id, string ApiKey, string SessionId, long Amount, string Currency, string Reason,
        Dictionary<string, string> Metadata, long Seq) : IOwned;
}
