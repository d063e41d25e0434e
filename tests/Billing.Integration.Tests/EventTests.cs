using System.Text.Json;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>G2 over HTTP: every recorded change is an event, with an id unique across accounts and changes, and typed data.</summary>
public sealed class EventTests
{
    [Fact]
    public async Task G2_a_level_reached_twice_in_one_day_is_an_event_each_time_with_ids_unique_across_accounts()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero));
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url, Clock = clock });
        receiver.Clock = app.Clock;
        var admin = $"admin-{Guid.NewGuid():N}@test.example";
        string[] accounts = [await app.CreateActiveAccountAsync(seats: 2), await app.CreateActiveAccountAsync(seats: 2)];
        foreach (var a in accounts)
            await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{a}/settings", BillingApp.Json(new { adminEmails = new[] { admin } })), 200);
        app.Clock.Advance(TimeSpan.FromDays(1)); // Monday Nov 2: the charge for Nov 1 puts both in debt
        await app.RunJobAsync(JobNames.DailyCharge);

        // Day 2 of the month: day_of_month leaves access full; the immediate policy blocks on a working day (D3).
        foreach (var policy in new[] { "immediate", "day_of_month", "immediate" })
        {
            foreach (var a in accounts)
                await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{a}/settings", BillingApp.Json(new { restrictionPolicy = policy })), 200);
            await app.RunJobAsync(JobNames.Restrictions);
        }

        var all = new List<string>();
        foreach (var a in accounts)
        {
            var events = await receiver.WaitForAsync(a, "restriction_changed", 3);
            Assert.Equal(3, events.Count);
            var ordered = events.OrderBy(e => e["data"]!["change"]!.GetValue<long>()).ToList();
            Assert.Equal(["blocked", "none", "blocked"], ordered.Select(e => e["data"]!["to"]!.GetValue<string>()).ToArray());
            Assert.Equal("blocked", (await app.GetAsync($"/api/accounts/{a}"))["recordedLevel"]!.GetValue<string>());
            Assert.All(events, e =>
            {
                Assert.StartsWith(a + ".", e["id"]!.GetValue<string>());
                Assert.Equal(1, e["version"]!.GetValue<int>());
                Assert.Equal(JsonValueKind.Number, e["data"]!["amountDue"]!.GetValueKind());
                Assert.True(e["data"]!["amountDue"]!.GetValue<long>() > 0);
            });
            all.AddRange(events.Select(e => e["id"]!.GetValue<string>()));
        }
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Empty(receiver.Rejected);
        // D5: the admins are emailed once per level and day, however often it is reached.
        Assert.Equal(2, (await MailDev.WaitForSubjectAsync(admin, "«заблоковано»", 2)).Count); // one per account
        await Task.Delay(500);
        Assert.Equal(2, (await MailDev.WaitForSubjectAsync(admin, "«заблоковано»", 3, TimeSpan.Zero)).Count);
    }
}
