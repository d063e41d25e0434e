using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Integration.Tests.UsageSupport;

namespace Billing.Integration.Tests;

/// <summary>
/// C3 at the storage floor: a daily-charge run visits only the accounts whose local date changed since the shard's last fully
/// successful run, plus those whose shard entry was written since (new, activated, another time zone); never one less.
/// </summary>
public sealed class ChargeVisitTests
{
    /// <summary>
    /// Counts the reads of account heads in one accounts table: a visit reads the head with its satellites in one range query
    /// (RowKey from 'account'). Other traffic of the table (the outbox delivering events of earlier commits) is not a visit.
    /// </summary>
    private sealed class TableRequests : HttpPipelinePolicy
    {
        private int _count;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();
        public string Table { get; set; } = "";
        /// <summary>The requests counted since the last reset (method and path with query), for a failure's message.</summary>
        public string Seen => string.Join("\n", _seen.Take(40));
        public int Count => Volatile.Read(ref _count);
        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            _seen.Clear();
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Note(message);
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Note(message);
            ProcessNext(message, pipeline);
        }

        private void Note(HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            var query = Uri.UnescapeDataString(message.Request.Uri.Query);
            if (Table.Length > 0 && (path.Contains("/" + Table + "(", StringComparison.Ordinal) || path.EndsWith("/" + Table, StringComparison.Ordinal))
                && (query.Contains("RowKey ge 'account'", StringComparison.Ordinal) || path.Contains("RowKey='account'", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _count);
                _seen.Enqueue(message.Request.Method + " " + Uri.UnescapeDataString(message.Request.Uri.PathAndQuery));
            }
        }
    }

    private static async Task<(BillingApp App, TableRequests Requests)> StartCountingAsync()
    {
        var requests = new TableRequests();
        var app = new BillingApp
        {
            TestServices = s => s.AddSingleton(new Billing.Infrastructure.Storage.TablePipelinePolicy(requests, HttpPipelinePosition.PerCall)),
        };
        requests.Table = app.Prefix + "accounts";
        return (await BillingApp.StartAsync(app), requests);
    }

    /// <summary>
    /// An index entry written less than <see cref="ChargeDue.ClockSkew"/> before a run's scan began counts as written after it
    /// (visited again by the next run): entries the tests mean as "before the run" are left to age past it, on the service's clock.
    /// </summary>
    private static Task AgePastTheSkewAsync() => Task.Delay(ChargeDue.ClockSkew + TimeSpan.FromSeconds(5));

    private static DateTimeOffset At(DateOnly day, int hour, int minute, string timeZone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), TimeZoneInfo.FindSystemTimeZoneById(timeZone)), TimeSpan.Zero);

    private static async Task<List<string>> ChargedDaysAsync(BillingApp app, string account) =>
        Charges(await app.LedgerAsync(account)).Select(c => c["reference"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task C3_after_a_good_run_a_run_an_hour_later_visits_no_account_and_a_run_the_next_day_charges_each_once()
    {
        var (app, requests) = await StartCountingAsync();
        await using var _ = app;
        var accounts = new List<string>();
        for (var i = 0; i < 6; i++) accounts.Add(await app.CreateActiveAccountAsync(seats: 2)); // activated 2026-11-02
        await AgePastTheSkewAsync();

        app.Clock.Advance(TimeSpan.FromDays(1)); // 2026-11-03 12:00 in Kyiv
        var first = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal("succeeded", first["state"]!.GetValue<string>());
        Assert.Equal(6, first["accounts"]!.GetValue<int>());
        Assert.Equal(6, first["done"]!.GetValue<int>());

        requests.Reset();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var hourLater = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal("succeeded", hourLater["state"]!.GetValue<string>());
        Assert.Equal(0, hourLater["done"]!.GetValue<int>());
        Assert.True(hourLater["accounts"]!.GetValue<int>() == 0, $"a run an hour after a good one visited {hourLater["accounts"]} accounts: {hourLater}");
        Assert.True(requests.Count == 0, $"a run that visits no account read {requests.Count} account heads:\n{requests.Seen}");

        app.Clock.Advance(TimeSpan.FromHours(23));
        var nextDay = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.True(requests.Count >= 6, $"the counter saw {requests.Count} head reads in a run that visited every account");
        Assert.Equal(6, nextDay["accounts"]!.GetValue<int>());
        Assert.Equal(6, nextDay["done"]!.GetValue<int>());
        foreach (var account in accounts)
        {
            Assert.Equal(["charge:2026-11-02", "charge:2026-11-03"], await ChargedDaysAsync(app, account));
            await app.AssertLedgerConsistentAsync(account);
        }
    }

    [Fact]
    public async Task C3_an_account_created_after_the_last_good_run_is_visited_by_the_next_one()
    {
        await using var app = await BillingApp.StartAsync();
        var old = await app.CreateActiveAccountAsync(seats: 2);
        await AgePastTheSkewAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await app.RunJobAsync(JobNames.DailyCharge))["done"]!.GetValue<int>());

        var fresh = await app.CreateActiveAccountAsync(seats: 2);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var next = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(1, next["accounts"]!.GetValue<int>()); // the new one; the old one's day did not end
        Assert.Equal(0, next["done"]!.GetValue<int>());     // activated today: nothing due yet
        Assert.Equal(["charge:2026-11-02"], await ChargedDaysAsync(app, old));

        app.Clock.Advance(TimeSpan.FromDays(1));
        var day = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(2, day["done"]!.GetValue<int>());
        Assert.Equal(["charge:2026-11-03"], await ChargedDaysAsync(app, fresh));
    }

    [Fact]
    public async Task C3_an_account_whose_time_zone_changed_is_visited_by_the_next_run_and_its_due_day_charged_at_once()
    {
        const string newYork = "America/New_York", kiritimati = "Pacific/Kiritimati"; // UTC−5 and UTC+14
        await using var app = await BillingApp.StartAsync();
        var moving = await app.CreateActiveAccountAsync(seats: 2, timeZone: newYork); // 2026-11-02 05:00 in New York
        var staying = await app.CreateActiveAccountAsync(seats: 2, timeZone: newYork);
        await AgePastTheSkewAsync();

        // 22:00 in New York on 3 November charges the 2nd; in Kiritimati it is already 17:00 on the 4th.
        app.Clock.SetUtcNow(At(new DateOnly(2026, 11, 3), 22, 0, newYork));
        var first = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(2, first["done"]!.GetValue<int>());

        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{moving}/settings", BillingApp.Json(new { timeZone = kiritimati })), 200);
        // An hour later neither local date changed since the last run (New York: the 3rd, Kiritimati: the 4th), but the moved
        // account's 3 November is over where it now is: the run visits it, and only it, and charges that day.
        app.Clock.Advance(TimeSpan.FromHours(1));
        var next = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(1, next["accounts"]!.GetValue<int>());
        Assert.Equal(1, next["done"]!.GetValue<int>());
        Assert.Equal(["charge:2026-11-02", "charge:2026-11-03"], await ChargedDaysAsync(app, moving));
        Assert.Equal(["charge:2026-11-02"], await ChargedDaysAsync(app, staying));
    }
}
