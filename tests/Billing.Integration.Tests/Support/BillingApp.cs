using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// The server in-process on a real Kestrel socket (the sandbox posts its webhooks over HTTP to it), over Azurite,
/// with a fake clock and its own table and queue names.
/// </summary>
public sealed class BillingApp : WebApplicationFactory<Program>
{
    public const string FunctionKey = "test-function-key";
    public const string AdminKey = "test-operator-key-0";
    public const string ErpKey = "test-erp-key-00000";
    public const string WebhookSecret = "test-webhook-secret-0123456789";
    /// <summary>The vendor's offer linked on invoices of tenants that set none (F3): configuration, never a default in code.</summary>
    public const string DefaultOfferUrl = "https://vendor.test/public-offer";

    public FakeTimeProvider Clock { get; init; } = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    public string Prefix { get; } = TestStorage.NewPrefix();
    public int ShardCount { get; init; } = 4;
    /// <summary>How far ahead of the clock a job run may be started (<c>Jobs:MaxAsOfAheadDays</c>); null keeps the product's default.</summary>
    public int? MaxAsOfAheadDays { get; init; }
    /// <summary>Faults injected into table requests (reliability tests); null for none.</summary>
    public FaultInjectionPolicy? Faults { get; init; }
    /// <summary>Where CRM events go; null records them without a call.</summary>
    public string? EventsUrl { get; init; }
    /// <summary>Base of the SMS and Telegram gateways (a <see cref="GatewayReceiver"/>); null leaves them unconfigured.</summary>
    public string? GatewayUrl { get; init; }
    /// <summary>CRM keys scoped to one account each (account id → key), as bootstrap keys in <c>Security:Keys</c>.</summary>
    public IReadOnlyDictionary<string, string> AccountKeys { get; init; } = new Dictionary<string, string>();
    /// <summary>More settings, applied last (a test's own option values).</summary>
    public Dictionary<string, string?> Settings { get; } = new();
    /// <summary>The key-encryption key tenants' provider secrets are sealed under (F11): drawn per app, never a constant in the repo.</summary>
    public string MerchantKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    /// <summary>Services a test replaces or wraps (a recording payment provider), applied after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public HttpClient Api { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    /// <summary>The vendor's accounting system: external invoices and their completion.</summary>
    public HttpClient Erp { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static Task<BillingApp> StartAsync() => StartAsync(new BillingApp());

    public static async Task<BillingApp> StartAsync(BillingApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        app.BaseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        HttpClient Client(string? key)
        {
            var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            if (key is not null) c.DefaultRequestHeaders.Add("x-functions-key", key);
            return c;
        }
        app.Api = Client(FunctionKey);
        app.Admin = Client(AdminKey);
        app.Erp = Client(ErpKey);
        app.Anonymous = Client(null);
        // Links, checkout pages and the sandbox's webhooks point at this server, whose port is known only now.
        app.Service<Billing.Core.Hosting.ApiOptions>().PublicBaseUrl = app.BaseUrl;
        var health = await app.Anonymous.GetAsync("/api/health");
        health.EnsureSuccessStatusCode();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:Prefix"] = Prefix,
            ["Payments:Provider"] = "sandbox",
            ["Payments:Sandbox:WebhookSecret"] = WebhookSecret,
            ["CustomerBilling:DefaultPublicOfferUrl"] = DefaultOfferUrl,
            ["Security:Keys:0:Name"] = "test crm", ["Security:Keys:0:Role"] = "Crm", ["Security:Keys:0:Key"] = FunctionKey,
            ["Security:Keys:1:Name"] = "test operator", ["Security:Keys:1:Role"] = "Operator", ["Security:Keys:1:Key"] = AdminKey,
            ["Security:Keys:2:Name"] = "test erp", ["Security:Keys:2:Role"] = "Erp", ["Security:Keys:2:Key"] = ErpKey,
            ["Jobs:ShardCount"] = ShardCount.ToString(),
            ["Scheduler:Enabled"] = "false",
            ["QueueListener:PollMilliseconds"] = "50",
            ["Demo:Enabled"] = "false",
            ["Telemetry:Console"] = "false",
            ["Email:From"] = "billing@test.example",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = MailDev.SmtpPort.ToString(),
            ["Events:WebhookUrl"] = EventsUrl ?? "",
            ["Events:Secret"] = EventReceiver.Secret,
            ["Payments:Merchants:KeyEncryptionKey"] = MerchantKey,
        };
        if (GatewayUrl is not null)
        {
            settings["Messaging:Sms:Url"] = GatewayUrl + "sms";
            settings["Messaging:Sms:ApiKey"] = GatewayReceiver.SmsKey;
            settings["Messaging:Telegram:ApiBaseUrl"] = GatewayUrl + "telegram";
            settings["Messaging:Telegram:BotToken"] = GatewayReceiver.BotToken;
        }
        foreach (var (i, (account, key)) in AccountKeys.Select((kv, i) => (i + 3, (kv.Key, kv.Value))))
        {
            settings[$"Security:Keys:{i}:Name"] = "scoped " + account;
            settings[$"Security:Keys:{i}:Role"] = "Crm";
            settings[$"Security:Keys:{i}:AccountId"] = account;
            settings[$"Security:Keys:{i}:Key"] = key;
        }
        if (MaxAsOfAheadDays is { } ahead) settings["Jobs:MaxAsOfAheadDays"] = ahead.ToString();
        foreach (var (k, v) in Settings) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        if (Faults is not null) builder.UseSetting("Storage:RetryDelay", "00:00:00.010");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            if (Faults is not null) s.AddSingleton(new Billing.Infrastructure.Storage.TablePipelinePolicy(Faults, Azure.Core.HttpPipelinePosition.PerRetry));
            TestServices?.Invoke(s);
        });
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        Admin?.Dispose();
        Erp?.Dispose();
        Anonymous?.Dispose();
        await base.DisposeAsync();
    }

    // ---- API helpers: thin, so tests read as the HTTP calls they make ----

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public async Task<JsonNode> CreateAccountAsync(string plan = "standard", string currency = "UAH", string timeZone = "Europe/Kyiv", string[]? addOns = null)
    {
        var r = await Api.PostAsync("/api/accounts", Json(new { name = "Tenant " + Guid.NewGuid().ToString("N")[..6], currency, timeZone, country = "UA", language = "uk", planId = plan, addOns = addOns ?? [] }));
        return await ReadAsync(r, 201);
    }

    public async Task<string> CreateActiveAccountAsync(int seats, string plan = "standard", string[]? addOns = null, string timeZone = "Europe/Kyiv")
    {
        var id = (await CreateAccountAsync(plan, timeZone: timeZone, addOns: addOns))["id"]!.GetValue<string>();
        await ReadAsync(await Api.PostAsync($"/api/accounts/{id}/seats", Json(new { seats })), 200);
        await ReadAsync(await Api.PostAsync($"/api/accounts/{id}/activate", null), 200);
        return id;
    }

    public async Task<JsonNode> GetAsync(string path, int expected = 200) => await ReadAsync(await Api.GetAsync(path), expected);

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, int expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public async Task<long> BalanceAsync(string accountId) => (await GetAsync($"/api/accounts/{accountId}"))["balance"]!["amount"]!.GetValue<long>();

    /// <summary>Every ledger entry, newest first, following continuation tokens.</summary>
    public async Task<List<JsonNode>> LedgerAsync(string accountId)
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await GetAsync($"/api/accounts/{accountId}/ledger?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            all.AddRange(page["items"]!.AsArray().Select(n => n!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return all;
    }

    /// <summary>A2 after every step: the balance equals the sum of the ledger, and each entry's balanceAfter chains.</summary>
    public async Task AssertLedgerConsistentAsync(string accountId)
    {
        var entries = await LedgerAsync(accountId);
        var balance = await BalanceAsync(accountId);
        Assert.Equal(balance, entries.Sum(e => e["amount"]!.GetValue<long>()));
        long running = 0;
        foreach (var e in Enumerable.Reverse(entries))
        {
            running += e["amount"]!.GetValue<long>();
            Assert.Equal(running, e["balanceAfter"]!.GetValue<long>());
        }
    }

    /// <summary>Starts a job through the operator endpoint and waits until every shard message was handled.</summary>
    public async Task<JsonNode> RunJobAsync(string job, DateTimeOffset? asOf = null)
    {
        var run = await ReadAsync(await StartJobAsync(job, asOf), 202);
        return await WaitForRunAsync(run["runId"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> StartJobAsync(string job, DateTimeOffset? asOf) =>
        Admin.PostAsync($"/api/operator/jobs/{job}/runs" + (asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf.Value.ToString("o"))), null);

    public async Task<JsonNode> WaitForRunAsync(string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await ReadAsync(await Admin.GetAsync($"/api/operator/jobs/runs/{runId}"), 200);
            if (status["complete"]!.GetValue<bool>()) return status;
            Assert.True(DateTime.UtcNow < deadline, $"job run {runId} did not finish: {status}");
            await Task.Delay(50);
        }
    }

    public static MediaTypeHeaderValue JsonType => new("application/json");
}

/// <summary>Calls the issue-3 tests share: fund an account, read its services and invoices.</summary>
public static class BillingAppServices
{
    public static async Task FundAsync(this BillingApp app, string account, long amount, string reference) =>
        await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount, currency = "UAH", reference, operatorId = "op-1" })), 200);

    public static async Task<JsonNode> ServiceAsync(this BillingApp app, string account, string serviceId) =>
        (await app.GetAsync($"/api/accounts/{account}/services")).AsObject()["items"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == serviceId)!;

    public static async Task<List<JsonNode>> InvoicesAsync(this BillingApp app, string account, string query = "") =>
        (await app.GetAsync($"/api/accounts/{account}/invoices?pageSize=500{query}"))["items"]!.AsArray().Select(n => n!).ToList();

    public static async Task<string> CreatePrepaidAccountAsync(this BillingApp app, int seats = 3) =>
        (await app.CreateAccountAsync(plan: "pro"))["id"]!.GetValue<string>() is var id
            ? await SeatsAsync(app, id, seats) : throw new InvalidOperationException();

    private static async Task<string> SeatsAsync(BillingApp app, string id, int seats)
    {
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{id}/seats", BillingApp.Json(new { seats })), 200);
        return id;
    }

    public static async Task<JsonNode> ActivateAsync(this BillingApp app, string account) =>
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/activate", null), 200);
}
