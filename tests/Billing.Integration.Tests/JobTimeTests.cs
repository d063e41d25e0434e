using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>
/// The time contract (ARCHITECTURE "Time"): every job decides with the asOf of its run, never with the clock. Each job is
/// run as of a time in the past and one in the future (within Jobs:MaxAsOfAheadDays), and the decision follows that time
/// although the clock says otherwise. The clock starts on 2026-11-02 10:00 UTC (12:00 in Kyiv).
/// </summary>
public sealed class JobTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static Task<BillingApp> AppAsync(int maxAhead = 60, string? eventsUrl = null) =>
        BillingApp.StartAsync(new BillingApp { MaxAsOfAheadDays = maxAhead, EventsUrl = eventsUrl });

    private static DateTimeOffset Kyiv(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(2));

    private static async Task<List<JsonNode>> ChargesAsync(BillingApp app, string account) =>
        (await app.LedgerAsync(account)).Where(e => e["kind"]!.GetValue<string>() == "charge").ToList();

    [Fact]
    public async Task C3_a_run_further_ahead_than_allowed_is_refused_with_422_and_starts_nothing()
    {
        await using var app = await BillingApp.StartAsync(); // the product's default: one day ahead
        var refused = await BillingApp.ReadAsync(await app.StartJobAsync(JobNames.DailyCharge, app.Clock.GetUtcNow().AddDays(2)), 422);
        Assert.Equal("as_of_too_far_ahead", refused["code"]!.GetValue<string>());
        await app.RunJobAsync(JobNames.DailyCharge, app.Clock.GetUtcNow().AddDays(1));
    }

    [Fact]
    public async Task C2_C3_the_daily_charge_charges_the_days_finished_as_of_its_run_in_the_past_and_in_the_future()
    {
        await using var app = await AppAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2); // activated on Nov 2
        app.Clock.Advance(TimeSpan.FromDays(10)); // the clock says Nov 12: ten days are due by the clock

        await app.RunJobAsync(JobNames.DailyCharge, Kyiv(11, 4)); // as of Nov 4: Nov 2 and 3 only
        Assert.Equal(["charge:2026-11-03", "charge:2026-11-02"], (await ChargesAsync(app, account)).Select(e => e["reference"]!.GetValue<string>()));

        await app.RunJobAsync(JobNames.DailyCharge, Kyiv(11, 3)); // earlier than the last run: nothing is due
        Assert.Equal(2, (await ChargesAsync(app, account)).Count);

        await app.RunJobAsync(JobNames.DailyCharge, Kyiv(11, 14)); // two days ahead of the clock: up to Nov 13
        var charges = await ChargesAsync(app, account);
        Assert.Equal(12, charges.Count);
        Assert.Equal("charge:2026-11-13", charges[0]["reference"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C4_the_postpaid_month_is_charged_when_the_run_is_as_of_the_1st_whatever_the_clock()
    {
        await using var app = await AppAsync();
        var account = (await app.CreateAccountAsync(plan: "business_postpaid"))["id"]!.GetValue<string>();
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/activate", null), 200); // Nov 2
        app.Clock.Advance(TimeSpan.FromDays(40)); // Dec 12 by the clock: November is due by the clock

        await app.RunJobAsync(JobNames.MonthlyPostpaid, Kyiv(11, 30)); // as of Nov 30 (past): the month is not over
        Assert.Empty(await ChargesAsync(app, account));
        await app.RunJobAsync(JobNames.MonthlyPostpaid, Kyiv(12, 1)); // as of Dec 1 (past): November
        Assert.Equal(["charge:2026-11"], (await ChargesAsync(app, account)).Select(e => e["reference"]!.GetValue<string>()));
        await app.RunJobAsync(JobNames.MonthlyPostpaid, new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.FromHours(2))); // future: December
        Assert.Equal(["charge:2026-12", "charge:2026-11"], (await ChargesAsync(app, account)).Select(e => e["reference"]!.GetValue<string>()));
    }

    [Fact]
    public async Task C7_a_service_is_renewed_by_a_run_as_of_the_day_after_paid_until_and_not_by_one_before()
    {
        await using var app = await AppAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.FundAsync(account, 1_000_000, "wire-1");
        await app.ActivateAsync(account); // the plan service is paid from the balance: Nov 2 .. Dec 2
        Assert.Equal("2026-12-02", (await app.ServiceAsync(account, "svc_plan"))["paidUntil"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(40)); // Dec 12 by the clock

        await app.RunJobAsync(JobNames.ServiceRenewal, Kyiv(11, 25)); // as of Nov 25 (past): not due
        Assert.Equal("2026-12-02", (await app.ServiceAsync(account, "svc_plan"))["paidUntil"]!.GetValue<string>());
        await app.RunJobAsync(JobNames.ServiceRenewal, Kyiv(12, 3)); // the day after paid-until (past)
        Assert.Equal("2027-01-02", (await app.ServiceAsync(account, "svc_plan"))["paidUntil"]!.GetValue<string>());
        await app.RunJobAsync(JobNames.ServiceRenewal, new DateTimeOffset(2027, 1, 3, 12, 0, 0, TimeSpan.FromHours(2))); // future
        Assert.Equal("2027-02-02", (await app.ServiceAsync(account, "svc_plan"))["paidUntil"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task D2_the_ladder_walks_by_asOf_alone_days_2_5_8_11_give_none_reminder_payment_only_blocked()
    {
        await using var app = await AppAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1); // no money
        await app.RunJobAsync(JobNames.DailyCharge, Kyiv(11, 3)); // Nov 2 charged: the balance is negative
        Assert.True(await app.BalanceAsync(account) < 0);
        app.Clock.Advance(TimeSpan.FromDays(34)); // Dec 6 by the clock, when the ladder says "reminder"

        var expected = new[] { (2, "none"), (5, "reminder"), (8, "payment_only"), (11, "blocked") }; // 2 and 5 past, 8 and 11 future
        foreach (var (day, level) in expected)
        {
            await app.RunJobAsync(JobNames.Restrictions, Kyiv(12, day));
            var changes = (await app.GetAsync($"/api/accounts/{account}/restriction-changes"))["items"]!.AsArray();
            Assert.Equal(level, changes.Count == 0 ? "none" : changes[0]!["to"]!.GetValue<string>());
            if (changes.Count > 0) Assert.Equal(Kyiv(12, day).ToUniversalTime(), changes[0]!["at"]!.GetValue<DateTimeOffset>());
        }
        Assert.Equal(["blocked", "payment_only", "reminder"], (await app.GetAsync($"/api/accounts/{account}/restriction-changes"))["items"]!.AsArray()
            .Select(c => c!["to"]!.GetValue<string>()));
    }

    [Fact]
    public async Task E1_E2_an_account_is_scheduled_by_a_run_as_of_45_days_after_creation_not_by_one_as_of_35()
    {
        await using var app = await AppAsync();
        var account = (await app.CreateAccountAsync())["id"]!.GetValue<string>(); // created Nov 2, never used, balance 0
        app.Clock.Advance(TimeSpan.FromDays(50)); // by the clock it is a candidate already

        await app.RunJobAsync(JobNames.Deletion, Start.AddDays(35)); // past: not yet 40 days old
        Assert.Equal("trial", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
        await app.RunJobAsync(JobNames.Deletion, Start.AddDays(45)); // past: a candidate, scheduled 10 days later
        var scheduled = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal(("deletion_scheduled", "2026-12-27"), (scheduled["state"]!.GetValue<string>(), scheduled["deletionDate"]!.GetValue<string>()));
        await app.RunJobAsync(JobNames.Deletion, Start.AddDays(55)); // future, on the date: deleted
        Assert.Equal("deleted", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task G1_the_outbox_sweep_takes_rows_left_pending_for_5_minutes_as_of_its_run()
    {
        await using var app = await AppAsync();
        var account = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var store = app.Service<IAccountStore>();
        async Task<string> LeftPendingAsync(string id)
        {
            // Written straight to the store, past the unit of work, as a crash between commit and enqueue leaves it.
            var row = new OutboxMessage { Id = id, Channel = OutboxChannel.Event, Type = NoticeType.PlanChanged, CreatedAt = app.Clock.GetUtcNow() };
            await store.CommitAsync(AccountCommit.RowsOnly(account, new RowOp(row, RowWrite.Insert)), CancellationToken.None);
            return id;
        }
        async Task<string> StatusAsync(string id) => (await store.GetAsync(account, OutboxMessage.Ref(id), CancellationToken.None))!.Value.Status.ToString();

        var first = await LeftPendingAsync("event-left-1");
        var created = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await app.RunJobAsync(JobNames.OutboxSweep, created.AddMinutes(2)))["done"]!.GetValue<int>()); // past: not left yet
        Assert.Equal("Pending", await StatusAsync(first));
        Assert.Equal(1, (await app.RunJobAsync(JobNames.OutboxSweep, created.AddMinutes(6)))["done"]!.GetValue<int>()); // past: left, re-enqueued
        await WaitAsync(async () => await StatusAsync(first) == "Sent");

        var second = await LeftPendingAsync("event-left-2");
        Assert.Equal(0, (await app.RunJobAsync(JobNames.OutboxSweep, app.Clock.GetUtcNow().AddMinutes(1)))["done"]!.GetValue<int>()); // future, too soon
        Assert.Equal(1, (await app.RunJobAsync(JobNames.OutboxSweep, app.Clock.GetUtcNow().AddMinutes(6)))["done"]!.GetValue<int>()); // future: left
        await WaitAsync(async () => await StatusAsync(second) == "Sent");
    }

    [Fact]
    public async Task B8_the_retention_sweep_forgets_keys_by_its_runs_asOf_in_the_past_and_the_future()
    {
        await using var app = await AppAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var used = app.Clock.GetUtcNow();
        await BillingApp.ReadAsync(await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/topups")
        {
            Content = BillingApp.Json(new { amount = 25_000, actingUserId = "u1", role = "owner" }), Headers = { { "Idempotency-Key", "k-1" } },
        }), 201);
        async Task<int> RecordsAsync() => await app.Service<IAccountReader>().ListAsync(account, Billing.Core.Idempotency.IdempotencyRecord.All, CancellationToken.None).CountAsync();

        app.Clock.Advance(TimeSpan.FromDays(5)); // by the clock the key is long expired
        await app.RunJobAsync(JobNames.RetentionSweep, used.AddHours(47)); // past: not yet
        Assert.Equal(1, await RecordsAsync());
        await app.RunJobAsync(JobNames.RetentionSweep, used.AddHours(48)); // past: expired
        Assert.Equal(0, await RecordsAsync());

        var later = app.Clock.GetUtcNow();
        await BillingApp.ReadAsync(await app.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/topups")
        {
            Content = BillingApp.Json(new { amount = 25_000, actingUserId = "u1", role = "owner" }), Headers = { { "Idempotency-Key", "k-2" } },
        }), 201);
        await app.RunJobAsync(JobNames.RetentionSweep, later.AddDays(1)); // future, too soon
        Assert.Equal(1, await RecordsAsync());
        await app.RunJobAsync(JobNames.RetentionSweep, later.AddDays(2)); // future: expired
        Assert.Equal(0, await RecordsAsync());
    }

    [Fact]
    public async Task F8_a_mailing_rule_runs_when_the_runs_asOf_reaches_its_time_whatever_the_clock()
    {
        await using var app = await AppAsync();
        var t = await app.CreateTenantAsync();
        var tpl = await app.TemplateAsync(t, "{customer.name}: {bill.amount_url}");
        await app.CreateCustomerAsync(t, "Anna", email: $"anna-{Guid.NewGuid():N}@test.example");
        var rule = (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{t}/mailing-rules", BillingApp.Json(new
        {
            name = "Daily", method = "subscription", accounts = "base", periodType = "current", period = "day", filter = new { }, due = "days3",
            repeatable = true, issueWhenUnpaid = true, schedule = new { kind = "daily", time = "13:00" }, channel = "email", templateId = tpl,
        })), 201))["id"]!.GetValue<string>();
        async Task<int> RunsAsync() => (await app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}/runs"))["items"]!.AsArray().Count;
        var next = Kyiv(11, 2, 13);
        Assert.Equal(next, (await app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}"))["nextRunAt"]!.GetValue<DateTimeOffset>());
        app.Clock.Advance(TimeSpan.FromHours(5)); // 17:00 in Kyiv by the clock: the rule is due by the clock

        await app.RunJobAsync(JobNames.CustomerMailing, next.AddMinutes(-1)); // past, a minute early
        Assert.Equal(0, await RunsAsync());
        await app.RunJobAsync(JobNames.CustomerMailing, next); // past, on time
        Assert.Equal(1, await RunsAsync());
        Assert.Equal(next.AddDays(1), (await app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}"))["nextRunAt"]!.GetValue<DateTimeOffset>());
        await app.RunJobAsync(JobNames.CustomerMailing, next.AddDays(1)); // future: the next day's occurrence
        Assert.Equal(2, await RunsAsync());
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not reached in 30 s");
            await Task.Delay(50);
        }
    }
}
