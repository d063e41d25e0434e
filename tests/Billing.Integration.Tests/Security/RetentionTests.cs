using System.Text;
using System.Text.Json;
using Billing.Core.Idempotency;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// B8: Idempotency-Key records live <c>Idempotency:RetentionHours</c> (48 by default): within it a repeat gets the first
/// answer, after it the key is a new request, and the retention sweep (a job deciding by its run's asOf) deletes the
/// records. B10: kept provider notifications are swept after 90 days; an operator's offline payments stay.
/// </summary>
public sealed class RetentionTests
{
    private static HttpRequestMessage TopUp(string account, string key, long amount) =>
        new(HttpMethod.Post, $"/api/accounts/{account}/topups")
        {
            Content = BillingApp.Json(new { amount, actingUserId = "u1", role = "owner" }),
            Headers = { { "Idempotency-Key", key } },
        };

    private static async Task<List<IdempotencyRecord>> RecordsAsync(BillingApp app, string account) =>
        await app.Service<IAccountReader>().ListAsync(account, IdempotencyRecord.All, CancellationToken.None).ToListAsync();

    [Fact]
    public async Task B8_a_key_is_replayed_within_its_retention_and_is_a_new_request_after_it()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var first = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-1", 25_000)), 201);

        app.Clock.Advance(TimeSpan.FromHours(47));
        var replay = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-1", 25_000)), 201);
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        Assert.Equal("idempotency_key_reused", (await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-1", 30_000)), 422))["code"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromHours(1)); // 48 h: forgotten, before any sweep
        var again = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-1", 30_000)), 201);
        Assert.NotEqual(first["invoice"]!["id"]!.GetValue<string>(), again["invoice"]!["id"]!.GetValue<string>());
        Assert.Equal(30_000, again["invoice"]!["amount"]!.GetValue<long>());
        Assert.Equal("INV-000002", again["invoice"]!["number"]!.GetValue<string>());
        // The new request is itself remembered: its repeat is replayed.
        Assert.Equal(again.ToJsonString(), (await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-1", 30_000)), 201)).ToJsonString());
    }

    [Fact]
    public async Task B8_account_creation_keys_expire_too()
    {
        await using var app = await BillingApp.StartAsync();
        var body = new { name = "Once", currency = "EUR", timeZone = "Europe/Berlin", country = "DE", language = "en", planId = "start" };
        async Task<string> CreateAsync() => (await BillingApp.ReadAsync(await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
            { Content = BillingApp.Json(body), Headers = { { "Idempotency-Key", "signup-1" } } }), 201))["id"]!.GetValue<string>();
        var first = await CreateAsync();
        app.Clock.Advance(TimeSpan.FromHours(47));
        Assert.Equal(first, await CreateAsync());
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.NotEqual(first, await CreateAsync());
    }

    [Fact]
    public async Task B8_the_retention_is_configurable_but_never_below_24_hours()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { Settings = { ["Idempotency:RetentionHours"] = "24" } });
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var first = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k", 25_000)), 201);
        app.Clock.Advance(TimeSpan.FromHours(24));
        var again = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k", 25_000)), 201);
        Assert.NotEqual(first["invoice"]!["id"]!.GetValue<string>(), again["invoice"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task B8_B10_the_retention_sweep_deletes_by_its_runs_asOf_expired_keys_and_old_provider_notifications_only()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { MaxAsOfAheadDays = 200 });
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var t0 = app.Clock.GetUtcNow();
        var paid = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "old", 25_000)), 201);
        await PayAsync(app, paid["checkoutUrl"]!.GetValue<string>());
        await app.FundAsync(account, 10_000, "bank-transfer-1"); // an offline payment: the operator's record, kept
        app.Clock.Advance(TimeSpan.FromHours(30));
        await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "new", 25_000)), 201);
        var reader = app.Service<IAccountReader>();
        async Task<List<ProviderEventRecord>> EventsAsync() => await reader.ListAsync(account, ProviderEventRecord.All, CancellationToken.None).ToListAsync();
        Assert.Equal(["new", "old"], (await RecordsAsync(app, account)).Select(r => r.Key).Order());
        Assert.Equal(["offline", "sandbox"], (await EventsAsync()).Select(e => e.Provider).Order());

        // As of 47 h after the first key: nothing is due, whatever the clock says.
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddHours(47));
        Assert.Equal(2, (await RecordsAsync(app, account)).Count);
        // As of 48 h: the first key only; the notification is young. (Entity counts would include the job run's own rows.)
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddHours(48));
        Assert.Equal(["new"], (await RecordsAsync(app, account)).Select(r => r.Key));
        Assert.Equal(2, (await EventsAsync()).Count);
        // The same asOf again deletes nothing more (idempotent per asOf).
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddHours(48));
        Assert.Equal(["new"], (await RecordsAsync(app, account)).Select(r => r.Key));
        Assert.Equal(2, (await EventsAsync()).Count);

        // As of 90 days: the sandbox's notification is forgotten, the operator's offline payment is not; the ledger is untouched.
        var ledger = (await app.LedgerAsync(account)).Count;
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(90));
        Assert.Equal(["offline"], (await EventsAsync()).Select(e => e.Provider));
        Assert.Empty(await RecordsAsync(app, account));
        Assert.Equal(ledger, (await app.LedgerAsync(account)).Count);
        await app.AssertLedgerConsistentAsync(account);
    }

    private static async Task PayAsync(BillingApp app, string checkoutUrl)
    {
        var r = await app.Anonymous.PostAsync(new Uri(checkoutUrl).AbsolutePath + "/pay", null);
        Assert.Equal(302, (int)r.StatusCode);
    }
}
