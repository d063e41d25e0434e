using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// LiqPay's side, local: its server-to-server API (<c>POST /api/request</c>, actions <c>status</c> and <c>refund</c>, signed
/// and answered as LiqPay documents them), its checkout (a payer opens our checkout URL, pays or is declined) and its
/// callbacks (a form POST of <c>data</c> and <c>signature</c> to the order's <c>server_url</c>). It signs and verifies on its
/// own, not with the product's code, so a mistake in our signing cannot agree with itself.
/// </summary>
public sealed class LiqPayFake : IAsyncDisposable
{
    public const string PublicKey = "sandbox_i00000000042";
    public const string PrivateKey = "sandbox_test-private-key-not-a-real-one-0000";
    /// <summary>A shop that is not the vendor's: its signatures must not pass for the vendor's.</summary>
    public const string OtherPrivateKey = "sandbox_another-shops-private-key-000000000";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _shops = new() { [PublicKey] = PrivateKey };
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new();
    private long _nextPaymentId = 2_400_000_000;

    /// <summary>LiqPay's own clock, for the dates it writes into payments (tests may hand it the app's).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every API call's decoded <c>data</c>, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();
    public string Url { get; private set; } = "";

    private LiqPayFake()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/request", Answer);
    }

    public static async Task<LiqPayFake> StartAsync()
    {
        var fake = new LiqPayFake();
        await fake._app.StartAsync();
        fake.Url = fake._app.Urls.Single();
        return fake;
    }

    /// <summary>The app's settings for the vendor's shop at this fake (checkout URLs keep LiqPay's own address: nothing fetches them).</summary>
    public void Configure(BillingApp app, bool allowSandbox = false)
    {
        app.Settings["Payments:Provider"] = "liqpay";
        app.Settings["Payments:LiqPay:PublicKey"] = PublicKey;
        app.Settings["Payments:LiqPay:PrivateKey"] = PrivateKey;
        app.Settings["Payments:LiqPay:ApiBase"] = Url;
        app.Settings["Payments:LiqPay:AllowSandbox"] = allowSandbox ? "true" : "false";
    }

    /// <summary>Another shop at LiqPay (a tenant's own): its checkouts are signed with its own private key.</summary>
    public void AddShop(string publicKey, string privateKey) => _shops[publicKey] = privateKey;

    // ---- signing, as LiqPay's documentation writes it: base64(sha1(private_key + data + private_key)) ----

    public static string Sign(string privateKey, string data) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(privateKey + data + privateKey)));

    public static string Encode(JsonObject json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static JsonObject Decode(string data) => JsonNode.Parse(Convert.FromBase64String(data))!.AsObject();

    /// <summary>The <c>data</c> and <c>signature</c> of a checkout URL, as LiqPay's checkout page reads them.</summary>
    public static (string Data, string Signature) Read(string checkoutUrl)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(checkoutUrl).Query);
        return (query["data"]!, query["signature"]!);
    }

    // ---- the payer at LiqPay's checkout ----

    /// <summary>The payer opens the checkout: LiqPay checks its signature and knows the order from now on.</summary>
    public JsonObject Open(string checkoutUrl)
    {
        var (data, signature) = Read(checkoutUrl);
        var order = Decode(data);
        var shop = order["public_key"]!.GetValue<string>();
        Assert.True(_shops.TryGetValue(shop, out var key) && Sign(key, data) == signature, "LiqPay refuses a checkout whose signature does not match its shop");
        return order;
    }

    /// <summary>The payer pays (<paramref name="amount"/> in major units, default the order's): one payment per order, however often this is called.</summary>
    public JsonObject Pay(string checkoutUrl, decimal? amount = null, string status = "success") => Settle(checkoutUrl, status, amount);

    /// <summary>The payer's bank declines.</summary>
    public JsonObject Decline(string checkoutUrl) => Settle(checkoutUrl, "failure", null);

    private JsonObject Settle(string checkoutUrl, string status, decimal? amount)
    {
        var order = Open(checkoutUrl);
        var orderId = order["order_id"]!.GetValue<string>();
        return _payments.GetOrAdd(orderId, _ =>
        {
            var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var id = Interlocked.Increment(ref _nextPaymentId);
            return new JsonObject
            {
                ["payment_id"] = id, ["action"] = "pay", ["status"] = status, ["version"] = 3, ["type"] = "buy", ["paytype"] = "card",
                ["public_key"] = order["public_key"]!.GetValue<string>(), ["acq_id"] = 414963, ["order_id"] = orderId,
                ["liqpay_order_id"] = $"LP{id}", ["description"] = order["description"]!.GetValue<string>(),
                ["sender_card_mask2"] = "424242*42", ["sender_card_bank"] = "Test Bank", ["sender_card_type"] = "visa", ["sender_card_country"] = 804,
                ["amount"] = amount ?? order["amount"]!.GetValue<decimal>(), ["currency"] = order["currency"]!.GetValue<string>(),
                ["sender_commission"] = 0.0m, ["receiver_commission"] = 0.0m, ["agent_commission"] = 0.0m,
                ["is_3ds"] = false, ["mpi_eci"] = "7", ["create_date"] = now, ["end_date"] = now, ["transaction_id"] = id,
                ["server_url"] = order["server_url"]!.GetValue<string>(),
            };
        });
    }

    public JsonObject Payment(string orderId) => _payments[orderId];

    // ---- callbacks, as LiqPay's server posts them ----

    /// <summary>The callback LiqPay sends for the payment of <paramref name="orderId"/> now (or altered by <paramref name="edit"/>), signed with <paramref name="privateKey"/>.</summary>
    public (string Data, string Signature) Callback(string orderId, Action<JsonObject>? edit = null, string privateKey = PrivateKey)
    {
        var json = Payment(orderId).DeepClone().AsObject();
        json.Remove("server_url");
        json.Remove("refunded_total");
        edit?.Invoke(json);
        var data = Encode(json);
        return (data, Sign(privateKey, data));
    }

    /// <summary>Posts a callback to the order's <c>server_url</c> as a form, the way LiqPay's server does.</summary>
    public async Task<HttpResponseMessage> PostAsync(string orderId, (string Data, string Signature) callback)
    {
        using var http = new HttpClient();
        return await http.PostAsync(Payment(orderId)["server_url"]!.GetValue<string>(),
            new FormUrlEncodedContent([new("data", callback.Data), new("signature", callback.Signature)]));
    }

    public Task<HttpResponseMessage> NotifyAsync(string orderId, Action<JsonObject>? edit = null) => PostAsync(orderId, Callback(orderId, edit));

    // ---- the server-to-server API ----

    private async Task<IResult> Answer(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var data = form["data"].ToString();
        JsonObject call;
        try { call = Decode(data); } catch { return Error("invalid_data", "data is not base64 JSON"); }
        if (call["public_key"]?.GetValue<string>() is not { } shop || !_shops.TryGetValue(shop, out var key) || Sign(key, data) != form["signature"].ToString())
            return Error("err_signature", "Invalid signature");
        if (call["version"]?.GetValue<int>() != 3) return Error("err_version", "Invalid API version");
        Requests.Enqueue(call);
        var orderId = call["order_id"]?.GetValue<string>() ?? "";
        return call["action"]?.GetValue<string>() switch
        {
            "status" when _payments.TryGetValue(orderId, out var p) => Results.Json(Shown(p)),
            "status" => Results.Json(new { result = "error", payment_id = (long?)null, status = "error", err_code = "payment_not_found", err_description = "payment_not_found" }),
            "refund" => Refund(orderId, call["amount"]!.GetValue<decimal>()),
            _ => Error("err_action", "Unknown action"),
        };
    }

    private IResult Refund(string orderId, decimal amount)
    {
        if (!_payments.TryGetValue(orderId, out var p) || p["status"]!.GetValue<string>() is not ("success" or "reversed"))
            return Error("payment_not_found", "payment_not_found");
        lock (p)
        {
            var refunded = p["refunded_total"]?.GetValue<decimal>() ?? 0m;
            if (amount <= 0 || refunded + amount > p["amount"]!.GetValue<decimal>()) return Error("err_amount", "Refund amount exceeds the payment");
            // After a refund LiqPay shows the payment reversed, with the amount of that refund.
            p["refunded_total"] = refunded + amount;
            p["status"] = "reversed";
            p["refund_amount"] = amount;
            p["refund_date_last"] = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            return Results.Json(new { result = "ok", action = "refund", payment_id = p["payment_id"]!.GetValue<long>(), status = "reversed" });
        }
    }

    private static JsonObject Shown(JsonObject payment)
    {
        var shown = payment.DeepClone().AsObject();
        shown.Remove("server_url");
        shown.Remove("refunded_total");
        shown["result"] = "ok";
        return shown;
    }

    private static IResult Error(string code, string description) =>
        Results.Json(new { result = "error", status = "error", err_code = code, err_description = description });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
