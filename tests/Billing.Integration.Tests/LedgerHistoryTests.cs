using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>A4/A5: history newest first in pages, a time range, and the summary of the month.</summary>
public sealed class LedgerHistoryTests
{
    [Fact]
    public async Task A4_history_is_newest_first_paged_with_a_continuation_token_and_filtered_by_time()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var runTimes = new List<DateTimeOffset>();
        for (var i = 0; i < 7; i++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            runTimes.Add(app.Clock.GetUtcNow());
            await app.RunJobAsync(JobNames.DailyCharge);
        }

        var seqs = new List<long>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await app.GetAsync($"/api/accounts/{account}/ledger?pageSize=3" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 3);
            seqs.AddRange(items.Select(i => i!["seq"]!.GetValue<long>()));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        } while (token is not null);
        Assert.Equal([7, 6, 5, 4, 3, 2, 1], seqs);
        Assert.Equal(3, pages);

        var from = Uri.EscapeDataString(runTimes[2].ToString("o"));
        var to = Uri.EscapeDataString(runTimes[5].ToString("o"));
        var ranged = await app.GetAsync($"/api/accounts/{account}/ledger?from={from}&to={to}");
        Assert.Equal([5, 4, 3], ranged["items"]!.AsArray().Select(i => i!["seq"]!.GetValue<long>()).ToArray());
    }

    [Fact]
    public async Task A5_summary_shows_balance_services_unpaid_invoices_and_usage_of_the_month()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 8, addOns: ["owners_db"]);
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 50_000, actingUserId = "u1", role = "owner" })), 201);
        var usage = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage")
        {
            Content = BillingApp.Json(new { metric = "call_minutes", quantity = 120 }), Headers = { { "Idempotency-Key", "calls-1" } },
        };
        await BillingApp.ReadAsync(await app.Api.SendAsync(usage), 200);

        var s = await app.GetAsync($"/api/accounts/{account}/summary");
        Assert.Equal(0, s["balance"]!["amount"]!.GetValue<long>());
        Assert.Equal("6-10", s["services"]![0]!["tier"]!.GetValue<string>());
        Assert.Equal(179_000, s["services"]![0]!["monthlyPrice"]!.GetValue<long>());
        Assert.Equal("owners_db", s["services"]![1]!["id"]!.GetValue<string>());
        Assert.Equal("INV-000001", s["unpaidInvoices"]![0]!["number"]!.GetValue<string>());
        Assert.Equal(120 * 60, s["month"]!["usageCost"]!["amount"]!.GetValue<long>());
    }
}
