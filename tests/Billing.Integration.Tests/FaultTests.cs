using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>A2, B4, C3 under injected storage faults: whatever fails and is retried, money is exact.</summary>
public sealed class FaultTests
{
    private const int Seed = 4242;

    /// <summary>What a provider or an operator does: ask again until the answer is a success.</summary>
    private static async Task<HttpResponseMessage> UntilOk(Func<Task<HttpResponseMessage>> call, int attempts = 30)
    {
        for (var i = 1; ; i++)
        {
            var r = await call();
            if (r.IsSuccessStatusCode || i == attempts) return r;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A2_B4_C3_faults_before_and_after_commit_leave_every_ledger_exact()
    {
        var faults = new FaultInjectionPolicy(Seed, rate: 0.08);
        await using var app = await BillingApp.StartAsync(new BillingApp { Faults = faults });
        var accounts = new List<string>();
        var payments = new List<(string Account, string Body)>();
        for (var i = 0; i < 6; i++)
        {
            var a = await app.CreateActiveAccountAsync(seats: 3);
            var topUp = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{a}/topups",
                BillingApp.Json(new { amount = 40_000 + i, actingUserId = "u", role = "owner" })), 201);
            var checkoutId = topUp["checkoutUrl"]!.GetValue<string>().Split('/')[^1];
            payments.Add((a, JsonSerializer.Serialize(new
            {
                id = $"evt_fault_{i}", type = "checkout.completed", created = 0,
                data = new { checkoutId, accountId = a, invoiceId = topUp["invoice"]!["id"]!.GetValue<string>(), amount = 40_000 + i, currency = "UAH" },
            })));
            accounts.Add(a);
        }

        faults.Enabled = true;
        for (var day = 1; day <= 8; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            var start = await UntilOk(() => app.Admin.PostAsync($"/api/operator/jobs/{JobNames.DailyCharge}/runs", null));
            var runId = (await BillingApp.ReadAsync(start, 202))["runId"]!.GetValue<string>();
            await WaitUnderFaults(app, runId);
            if (day == 4)
                await Task.WhenAll(payments.Select(p => UntilOk(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new StringContent(p.Body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(p.Body, BillingApp.WebhookSecret, app.Clock.GetUtcNow()));
                    return app.Anonymous.SendAsync(request);
                })));
        }
        faults.Enabled = false;
        var injected = faults.Injected;
        Assert.True(injected.Before > 0 && injected.AfterDropped > 0 && injected.AfterTimeout > 0, $"seed {Seed}: faults injected {injected}");

        for (var i = 0; i < accounts.Count; i++)
        {
            var entries = await app.LedgerAsync(accounts[i]);
            var charges = entries.Where(e => e["kind"]!.GetValue<string>() == "charge").ToList();
            Assert.True(charges.Count == 8, $"seed {Seed}: account {i} has {charges.Count} charges");
            Assert.Equal(8, charges.Select(c => c["reference"]!.GetValue<string>()).Distinct().Count());
            Assert.Single(entries, e => e["kind"]!.GetValue<string>() == "top_up");
            Assert.Equal(40_000 + i - 99_000L * 8 / 30, await app.BalanceAsync(accounts[i])); // 8 days of Standard 1-5 seats, the top-up once
            await app.AssertLedgerConsistentAsync(accounts[i]);
        }
    }

    private static async Task WaitUnderFaults(BillingApp app, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var r = await app.Admin.GetAsync($"/api/operator/jobs/runs/{runId}");
            if (r.StatusCode == HttpStatusCode.OK)
            {
                var status = await BillingApp.ReadAsync(r, 200);
                if (status["shardsFinished"]!.GetValue<int>() >= status["shards"]!.GetValue<int>()) return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"seed {Seed}: run {runId} did not finish under faults");
    }
}
