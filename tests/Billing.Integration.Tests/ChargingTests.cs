using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>C2–C5 through the real path: operator start → queue messages per shard → shard handler → ledger.</summary>
public sealed class ChargingTests
{
    private const long StandardOneToFive = 99_000; // catalog.json: Standard, 1-5 seats, UAH a month
    private const long StandardSixToTen = 179_000;
    private const long Telephony = 30_000;

    private static List<JsonNode> Charges(IEnumerable<JsonNode> entries) =>
        entries.Where(e => e["kind"]!.GetValue<string>() == "charge").Reverse().ToList(); // oldest first

    [Fact]
    public async Task C2_C3_daily_job_walked_over_35_days_charges_each_day_once_and_sums_exactly()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3, addOns: ["telephony"]);
        for (var day = 1; day <= 35; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            await app.RunJobAsync(JobNames.DailyCharge);
        }
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(35, charges.Count);
        Assert.Equal(35, charges.Select(c => c["reference"]!.GetValue<string>()).Distinct().Count());
        // 30 days at one price are exactly a month; 35 days are floor(35 × monthly / 30) with the rest carried.
        var first30 = charges.Take(30).Sum(c => -c["amount"]!.GetValue<long>());
        Assert.Equal(StandardOneToFive + Telephony, first30);
        Assert.Equal((StandardOneToFive + Telephony) * 35 / 30, charges.Sum(c => -c["amount"]!.GetValue<long>()));
        var lines = charges[0]["lines"]!.AsArray();
        Assert.Equal("plan:standard", lines[0]!["item"]!.GetValue<string>());
        Assert.Equal("1-5", lines[0]!["tier"]!.GetValue<string>());
        Assert.Equal(3, lines[0]!["seats"]!.GetValue<int>());
        Assert.Equal("add_on:telephony", lines[1]!["item"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C3_missed_days_are_caught_up_in_order_each_with_its_own_entry()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(10, charges.Count);
        var days = charges.Select(c => DateOnly.Parse(c["reference"]!.GetValue<string>()["charge:".Length..])).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => new DateOnly(2026, 11, 2).AddDays(i)), days);
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C3_three_runs_at_once_charge_nothing_twice()
    {
        await using var app = await BillingApp.StartAsync();
        var accounts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.CreateActiveAccountAsync(seats: 4)));
        app.Clock.Advance(TimeSpan.FromDays(5));
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.RunJobAsync(JobNames.DailyCharge)));
        Assert.All(runs, r => Assert.Equal(0, r["failed"]!.GetValue<int>()));
        foreach (var account in accounts)
        {
            var charges = Charges(await app.LedgerAsync(account));
            Assert.Equal(5, charges.Count);
            Assert.Equal(5, charges.Select(c => c["reference"]!.GetValue<string>()).Distinct().Count());
            await app.AssertLedgerConsistentAsync(account);
        }
        // And a rerun later finds nothing left to do.
        var rerun = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(0, rerun["done"]!.GetValue<int>());
    }

    [Fact]
    public async Task C2_the_day_is_charged_at_the_tier_of_its_highest_seat_count_then_the_last_known_count()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3);
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 8 })), 200);
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 4 })), 200);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal("6-10", charges[0]["lines"]![0]!["tier"]!.GetValue<string>()); // the day's highest: 8
        Assert.Equal(StandardSixToTen / 30, -charges[0]["amount"]!.GetValue<long>());
        Assert.Equal(4, charges[1]["lines"]![0]!["seats"]!.GetValue<int>()); // no report: the last known, 4
        Assert.Equal("1-5", charges[1]["lines"]![0]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task C2_usage_reported_twice_with_one_key_counts_once_and_is_charged_with_the_day()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        async Task<JsonNode> Report(string key, int quantity, int expected = 200)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage") { Content = BillingApp.Json(new { metric = "sms", quantity }) };
            request.Headers.Add("Idempotency-Key", key);
            return await BillingApp.ReadAsync(await app.Api.SendAsync(request), expected);
        }
        await Report("sms-batch-1", 40);
        await Report("sms-batch-1", 40);
        await Report("sms-batch-2", 2);
        await Report("sms-batch-1", 41, expected: 422);
        var summary = await app.GetAsync($"/api/accounts/{account}/summary");
        Assert.Equal(42, summary["month"]!["usage"]![0]!["quantity"]!.GetValue<long>());
        Assert.Equal(42 * 150, summary["month"]!["usageCost"]!["amount"]!.GetValue<long>());

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charge = Charges(await app.LedgerAsync(account)).Single();
        var usage = charge["lines"]!.AsArray().Single(l => l!["item"]!.GetValue<string>() == "usage:sms")!;
        Assert.Equal(42, usage["quantity"]!.GetValue<long>());
        Assert.Equal(42 * 150, usage["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task C5_trial_accounts_are_not_charged_and_activation_starts_that_day()
    {
        await using var app = await BillingApp.StartAsync();
        var trial = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        app.Clock.Advance(TimeSpan.FromDays(3));
        await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Empty(await app.LedgerAsync(trial));

        var activated = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{trial}/activate", null), 200);
        Assert.Equal("2026-11-05", activated["activatedOn"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charges = Charges(await app.LedgerAsync(trial));
        Assert.Equal("charge:2026-11-05", Assert.Single(charges)["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task C4_monthly_postpaid_charges_the_previous_month_on_the_first_with_its_breakdown()
    {
        await using var app = await BillingApp.StartAsync();
        var account = (await app.CreateAccountAsync(plan: "business_postpaid"))["id"]!.GetValue<string>();
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 30 })), 200);
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/activate", null), 200); // 2026-11-02
        await app.RunJobAsync(JobNames.MonthlyPostpaid);
        Assert.Empty(await app.LedgerAsync(account));
        var summary = await app.GetAsync($"/api/accounts/{account}/summary");
        Assert.NotNull(summary["month"]!["postpaidEstimate"]);

        app.Clock.Advance(TimeSpan.FromDays(30)); // 2026-12-02 in Kyiv
        await app.RunJobAsync(JobNames.MonthlyPostpaid);
        await app.RunJobAsync(JobNames.MonthlyPostpaid);
        var charge = Assert.Single(Charges(await app.LedgerAsync(account)));
        Assert.Equal("charge:2026-11", charge["reference"]!.GetValue<string>());
        // Activated on the 2nd: 29 of 30 days of the 26-50 seat tier (8500.00 UAH).
        Assert.Equal(-(850_000L * 29 / 30), charge["amount"]!.GetValue<long>());
        Assert.Equal(29, charge["lines"]![0]!["days"]!.GetValue<int>());
        await app.AssertLedgerConsistentAsync(account);
    }
}
