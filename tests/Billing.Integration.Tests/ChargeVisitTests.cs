using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Billing.Integration.Tests.UsageSupport;

namespace Billing.Integration.Tests;

/// <summary>
/// C3 at the storage floor: a daily-charge run visits only the accounts whose local date changed since the shard's last fully
/// successful run, plus those whose shard entry was written since (new, activated, another time zone); never one less.
/// </summary>
public sealed class ChargeVisitTests
{
    /// <summary>Counts the requests made to one table (the accounts table: a visit reads the account's head there).</summary>
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
            if (Table.Length > 0 && (path.Contains("/" + Table + "(", StringComparison.Ordinal) || path.EndsWith("/" + Table, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _count);
                _seen.Enqueue(message.Request.Method + " " + Uri.UnescapeDataString(message.Request.Uri.PathAndQuery));
            }
        }
    }

    /// <summary>
    /// An app whose clock is the wall clock's (frozen at start, moved by the test), as in production: which shard entries were
    /// written since a run's scan began is told by the storage service's own timestamps, so the app's clock must agree with it.
    /// </summary>
    private static async Task<(BillingApp App, TableRequests Requests)> StartOnTheWallClockAsync()
    {
        var requests = new TableRequests();
        var app = new BillingApp
        {
            Clock = new FakeTimeProvider(DateTimeOffset.UtcNow),
            MaxAsOfAheadDays = 3,
            TestServices = s => s.AddSingleton(new Billing.Infrastructure.Storage.TablePipelinePolicy(requests, HttpPipelinePosition.PerCall)),
        };
        requests.Table = app.Prefix + "accounts";
        return (await BillingApp.StartAsync(app), requests);
    }

    /// <summary>Moves the app's clock past every shard entry written so far (by more than the skew ChargeDue allows for).</summary>
    private static void PastEveryEntryWritten(BillingApp app)
    {
        var target = DateTimeOffset.UtcNow + ChargeDue.ClockSkew + TimeSpan.FromSeconds(2);
        if (target > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(target);
    }

    /// <summary>Waits until what is written now counts as written after the last run's scan began.</summary>
    private static async Task UntilWritesAreAfterTheScanAsync(BillingApp app)
    {
        while (DateTimeOffset.UtcNow < app.Clock.GetUtcNow() - ChargeDue.ClockSkew + TimeSpan.FromSeconds(1))
            await Task.Delay(200);
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute, string timeZone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), TimeZoneInfo.FindSystemTimeZoneById(timeZone)), TimeSpan.Zero);

    private static async Task<DateOnly> ActivatedOnAsync(BillingApp app, string account) =>
        DateOnly.Parse((await app.GetAsync($"/api/accounts/{account}"))["activatedOn"]!.GetValue<string>());

    private static async Task AssertStorageClockAgreesAsync(BillingApp app, string account)
    {
        var head = await app.RowAsync(account, "account");
        var skew = (head!.Timestamp!.Value - DateTimeOffset.UtcNow).Duration();
        Assert.True(skew < TimeSpan.FromMinutes(1), $"the storage emulator's clock is {skew} off the machine's: these tests need them to agree");
    }

    private static async Task<List<string>> ChargedDaysAsync(BillingApp app, string account) =>
        Charges(await app.LedgerAsync(account)).Select(c => c["reference"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task C3_after_a_good_run_a_run_an_hour_later_visits_no_account_and_a_run_the_next_day_charges_each_once()
    {
        var (app, requests) = await StartOnTheWallClockAsync();
        await using var _ = app;
        var accounts = new List<string>();
        for (var i = 0; i < 6; i++) accounts.Add(await app.CreateActiveAccountAsync(seats: 2));
        await AssertStorageClockAgreesAsync(app, accounts[0]);
        var d0 = await ActivatedOnAsync(app, accounts[0]);
        Assert.All(await Task.WhenAll(accounts.Select(a => ActivatedOnAsync(app, a))), d => Assert.Equal(d0, d));
        PastEveryEntryWritten(app);

        var asOf = At(d0.AddDays(1), 0, 30, "Europe/Kyiv");
        var first = await app.RunJobAsync(JobNames.DailyCharge, asOf);
        Assert.Equal("succeeded", first["state"]!.GetValue<string>());
        Assert.Equal(6, first["accounts"]!.GetValue<int>());
        Assert.Equal(6, first["done"]!.GetValue<int>());

        requests.Reset();
        var hourLater = await app.RunJobAsync(JobNames.DailyCharge, asOf.AddHours(1));
        Assert.Equal("succeeded", hourLater["state"]!.GetValue<string>());
        Assert.Equal(0, hourLater["done"]!.GetValue<int>());
        Assert.Equal(0, hourLater["accounts"]!.GetValue<int>());
        Assert.True(requests.Count == 0, $"a run that visits no account made {requests.Count} requests to the accounts table:\n{requests.Seen}");

        var nextDay = await app.RunJobAsync(JobNames.DailyCharge, asOf.AddDays(1));
        Assert.Equal(6, nextDay["accounts"]!.GetValue<int>());
        Assert.Equal(6, nextDay["done"]!.GetValue<int>());
        foreach (var account in accounts)
        {
            Assert.Equal([$"charge:{d0:yyyy-MM-dd}", $"charge:{d0.AddDays(1):yyyy-MM-dd}"], await ChargedDaysAsync(app, account));
            await app.AssertLedgerConsistentAsync(account);
        }
    }

    [Fact]
    public async Task C3_an_account_created_after_the_last_good_run_is_visited_by_the_next_one()
    {
        var (app, _) = await StartOnTheWallClockAsync();
        await using var __ = app;
        var old = await app.CreateActiveAccountAsync(seats: 2);
        await AssertStorageClockAgreesAsync(app, old);
        var d0 = await ActivatedOnAsync(app, old);
        PastEveryEntryWritten(app);
        var asOf = At(d0.AddDays(1), 0, 30, "Europe/Kyiv");
        Assert.Equal(1, (await app.RunJobAsync(JobNames.DailyCharge, asOf))["done"]!.GetValue<int>());

        await UntilWritesAreAfterTheScanAsync(app);
        var fresh = await app.CreateActiveAccountAsync(seats: 2); // activated on d0 too: its d0 is due at once
        var freshDay = await ActivatedOnAsync(app, fresh);
        var next = await app.RunJobAsync(JobNames.DailyCharge, asOf.AddHours(1));
        Assert.Equal(1, next["accounts"]!.GetValue<int>());
        Assert.Equal(freshDay < d0.AddDays(1) ? 1 : 0, next["done"]!.GetValue<int>());
        if (freshDay < d0.AddDays(1)) Assert.Equal([$"charge:{freshDay:yyyy-MM-dd}"], await ChargedDaysAsync(app, fresh));
        Assert.Equal([$"charge:{d0:yyyy-MM-dd}"], await ChargedDaysAsync(app, old));
    }

    [Fact]
    public async Task C3_an_account_whose_time_zone_changed_is_visited_by_the_next_run_and_its_due_day_charged_at_once()
    {
        const string newYork = "America/New_York", kiritimati = "Pacific/Kiritimati"; // UTC−5 and UTC+14
        var (app, _) = await StartOnTheWallClockAsync();
        await using var __ = app;
        var moving = await app.CreateActiveAccountAsync(seats: 2, timeZone: newYork);
        var staying = await app.CreateActiveAccountAsync(seats: 2, timeZone: newYork);
        await AssertStorageClockAgreesAsync(app, moving);
        var d0 = await ActivatedOnAsync(app, moving);
        Assert.Equal(d0, await ActivatedOnAsync(app, staying));
        PastEveryEntryWritten(app);

        // 22:00 in New York on d0+1 charges d0; in Kiritimati it is already 17:00 on d0+2.
        var asOf = At(d0.AddDays(1), 22, 0, newYork);
        var first = await app.RunJobAsync(JobNames.DailyCharge, asOf);
        Assert.Equal(2, first["done"]!.GetValue<int>());

        await UntilWritesAreAfterTheScanAsync(app);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{moving}/settings", BillingApp.Json(new { timeZone = kiritimati })), 200);
        // An hour later neither local date changed since the last run (New York: d0+1, Kiritimati: d0+2), but the moved account's
        // d0+1 is over where it now is: the run visits it (and only it) and charges that day.
        var next = await app.RunJobAsync(JobNames.DailyCharge, asOf.AddHours(1));
        Assert.Equal(1, next["accounts"]!.GetValue<int>());
        Assert.Equal(1, next["done"]!.GetValue<int>());
        Assert.Equal([$"charge:{d0:yyyy-MM-dd}", $"charge:{d0.AddDays(1):yyyy-MM-dd}"], await ChargedDaysAsync(app, moving));
        Assert.Equal([$"charge:{d0:yyyy-MM-dd}"], await ChargedDaysAsync(app, staying));
    }

    /// <summary>
    /// The same as the first test, on the test host's usual clock (2 November 2026, moved by the test). The written-since rule reads
    /// the storage service's timestamps, which follow the machine's clock, not the app's: with the app's clock elsewhere the rule
    /// either visits every account every run or misses the written ones.
    /// </summary>
    [Fact]
    public async Task C3_on_the_test_clock_a_run_an_hour_after_a_good_run_visits_no_account()
    {
        await using var app = await BillingApp.StartAsync();
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++) accounts.Add(await app.CreateActiveAccountAsync(seats: 2));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var first = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(4, first["done"]!.GetValue<int>());
        app.Clock.Advance(TimeSpan.FromHours(1));
        var hourLater = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(0, hourLater["done"]!.GetValue<int>());
        Assert.True(hourLater["accounts"]!.GetValue<int>() == 0, $"a run an hour after a good one visited {hourLater["accounts"]} accounts: {hourLater}");
    }
}
