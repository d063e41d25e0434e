using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.UsageSupport;

namespace Billing.Integration.Tests;

/// <summary>
/// C2, E2, C11: what the CRM reports often (seats, logins, usage) is written beside the account's head row, never to it, so
/// a payment or a plan change never loses its race to a report; the charge still reads every report of its day.
/// </summary>
public sealed class SatelliteTests
{
    private static async Task<string> HeadETagAsync(BillingApp app, string account) =>
        (await app.RowAsync(account, "account"))!.ETag.ToString();

    [Fact]
    public async Task C2_E2_C11_seat_reports_logins_and_usage_write_beside_the_head_and_leave_its_etag_alone()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3);
        await app.FundAsync(account, 5_000_000, "wire-satellites"); // a runway of years: no low-balance alert moves
        var before = await HeadETagAsync(app, account);

        var seats = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 8 })), 200);
        Assert.Equal("2026-11-02", seats["day"]!.GetValue<string>());
        Assert.Equal(8, seats["seats"]!.GetValue<int>());
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 4 })), 200);
        var loginAt = app.Clock.GetUtcNow().AddMinutes(-3);
        var login = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/logins", BillingApp.Json(new { userId = "u-1", at = loginAt })), 200);
        Assert.Equal(loginAt, login["lastLoginAt"]!.GetValue<DateTimeOffset>());
        // An older login does not move it back.
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/logins", BillingApp.Json(new { userId = "u-2", at = loginAt.AddHours(-1) })), 200);
        await app.BatchAsync(account, [Event("sat-1", 3, app.Clock.GetUtcNow())]);

        Assert.Equal(before, await HeadETagAsync(app, account));
        Assert.NotNull(await app.RowAsync(account, "account.seats"));
        Assert.NotNull(await app.RowAsync(account, "account.login"));
        var shown = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal(4, shown["reportedSeats"]!.GetValue<int>());
        Assert.Equal(loginAt, shown["lastLoginAt"]!.GetValue<DateTimeOffset>());
        // The summary prices the services at the seats reported now (4: the 1-5 tier).
        var summary = await app.GetAsync($"/api/accounts/{account}/summary");
        Assert.Equal("1-5", summary["services"]!.AsArray()[0]!["tier"]!.GetValue<string>());

        // The charge folds them in: the day's highest count, 8.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charge = Charges(await app.LedgerAsync(account)).Single();
        Assert.Equal(8, charge["lines"]![0]!["seats"]!.GetValue<int>());
        Assert.Equal(3, ChargedQuantity(await app.LedgerAsync(account)));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task E1_E2_a_login_kept_beside_the_head_keeps_the_account_from_becoming_a_deletion_candidate()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var before = await HeadETagAsync(app, account);
        app.Clock.Advance(TimeSpan.FromDays(35));
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/logins", BillingApp.Json(new { userId = "u1" })), 200);
        Assert.Equal(before, await HeadETagAsync(app, account)); // only the satellite holds the login
        app.Clock.Advance(TimeSpan.FromDays(6)); // 41 days old, logged in 6 days ago: not a candidate (E1)
        await app.RunJobAsync(JobNames.Deletion);
        var shown = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal("active", shown["state"]!.GetValue<string>());
        Assert.Null(shown["deletionDate"]);
        app.Clock.Advance(TimeSpan.FromDays(25)); // 31 days since the login
        await app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("deletion_scheduled", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
    }

    private static async Task<(int Ok, int Busy)> SeatReportsAsync(BillingApp app, string account, int count, Func<int, int> seats)
    {
        var ok = 0;
        var busy = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var response = await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = seats(i) }));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"seat report {i}: {(int)response.StatusCode} {text}");
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Contains("account_busy", text);
                Assert.NotNull(response.Headers.RetryAfter);
                Interlocked.Increment(ref busy);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"seat report {i}: {(int)response.StatusCode} {text}");
                Interlocked.Increment(ref ok);
            }
        })));
        return (ok, busy);
    }

    [Fact]
    public async Task C2_C9_S2_a_plan_change_and_payments_racing_50_seat_reports_each_are_never_busy()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync(seats: 3);
        await app.FundAsync(account, 2_000_000, "wire-0");
        await app.ActivateAsync(account);
        app.Clock.Advance(TimeSpan.FromDays(10));
        var quote = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro_plus");
        var seatsBusy = 0;

        // The seats stay inside the first tier of both plans, so the quoted price holds whatever count lands first.
        var change = app.Api.PostAsync($"/api/accounts/{account}/plan-change",
            BillingApp.Json(new { planId = "pro_plus", confirm = true, quotedCost = quote["cost"]!.GetValue<long>(), actingUserId = "u1", role = "owner" }));
        var reports = SeatReportsAsync(app, account, 50, i => 1 + i % 9);
        await Task.WhenAll(change, reports);
        var changed = await BillingApp.ReadAsync(await change, 200);
        Assert.Equal("changed", changed["outcome"]!.GetValue<string>());
        seatsBusy += (await reports).Busy;

        for (var round = 0; round < 3; round++)
        {
            var payment = app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
                BillingApp.Json(new { amount = 10_000 + round, currency = "UAH", reference = $"wire-race-{round}", operatorId = "op-1" }));
            var moreReports = SeatReportsAsync(app, account, 50, i => 1 + (i + round) % 9);
            await Task.WhenAll(payment, moreReports);
            await BillingApp.ReadAsync(await payment, 200);
            seatsBusy += (await moreReports).Busy;
        }
        var shown = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal("pro_plus", shown["planId"]!.GetValue<string>());
        Assert.InRange(shown["reportedSeats"]!.GetValue<int>(), 1, 9);
        var topUps = (await app.LedgerAsync(account)).Count(e => e["kind"]!.GetValue<string>() == "top_up");
        Assert.Equal(4, topUps);
        await app.AssertLedgerConsistentAsync(account);
        // Reports contend only with each other, on their own row; 200 reports of one account at once may be told to retry.
        Assert.True(seatsBusy < 100, $"{seatsBusy} of 200 concurrent seat reports got 409 account_busy");
    }

    [Fact]
    public async Task C2_a_daily_account_charged_while_50_seat_reports_and_a_payment_race_it_is_never_busy_and_keeps_its_money_straight()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        await app.FundAsync(account, 1_000_000, "wire-0");
        for (var day = 0; day < 3; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            var charge = app.RunJobAsync(JobNames.DailyCharge);
            var payment = app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
                BillingApp.Json(new { amount = 10_000, currency = "UAH", reference = $"wire-{day + 1}", operatorId = "op-1" }));
            var reports = SeatReportsAsync(app, account, 50, i => 1 + i % 5);
            await Task.WhenAll(charge, payment, reports);
            Assert.Equal(0, (await charge)["failed"]!.GetValue<int>());
            await BillingApp.ReadAsync(await payment, 200);
        }
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(3, charges.Count);
        Assert.All(charges, c => Assert.Equal("1-5", c["lines"]![0]!["tier"]!.GetValue<string>()));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C2_the_charge_of_a_day_uses_its_highest_seat_count_with_a_report_just_before_midnight_and_reports_racing_the_charge()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3); // reported 2026-11-02 12:00 in Kyiv
        await app.FundAsync(account, 5_000_000, "wire-seats");
        var reported = new ConcurrentBag<(string Day, int Seats, int Order)>
        {
            ("2026-11-02", 3, 0),
        };
        async Task Report(int seats, int order)
        {
            var answer = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats })), 200);
            Assert.True(answer["seats"]!.GetValue<int>() >= seats, $"the day's highest is below a report of it: {answer}");
            reported.Add((answer["day"]!.GetValue<string>(), seats, order));
        }

        app.Clock.Advance(new TimeSpan(11, 59, 30)); // 23:59:30 in Kyiv
        await Report(8, 1);
        Assert.Contains(reported, r => r is { Day: "2026-11-02", Seats: 8 });

        // The charge of 2 November, as of 00:05 in Kyiv, while the CRM (its clock still 23:59:30) reports more seats.
        var charge = app.RunJobAsync(JobNames.DailyCharge, new DateTimeOffset(2026, 11, 2, 22, 5, 0, TimeSpan.Zero));
        var order = 2;
        var racing = Task.Run(async () =>
        {
            var seats = new[] { 12, 30, 9, 27, 14, 4 };
            var i = 0;
            while (!charge.IsCompleted || i < seats.Length)
            {
                await Report(seats[i % seats.Length], Interlocked.Increment(ref order));
                i++;
                if (i >= 30) break;
            }
        });
        await Task.WhenAll(charge, racing);
        Assert.Equal(0, (await charge)["failed"]!.GetValue<int>());
        // The next days: 3 November charged as of 00:05 on the 4th, 4 November (no report) as of the 5th.
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1)); // 2026-11-05 00:00:30 in Kyiv
        await app.RunJobAsync(JobNames.DailyCharge);

        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(["charge:2026-11-02", "charge:2026-11-03", "charge:2026-11-04"], charges.Select(c => c["reference"]!.GetValue<string>()));
        var all = reported.OrderBy(r => r.Order).ToList();
        var day2 = all.Where(r => r.Day == "2026-11-02").Max(r => r.Seats);
        Assert.True(day2 >= 8);
        Assert.Equal(day2, charges[0]["lines"]![0]!["seats"]!.GetValue<int>());
        var onDay3 = all.Where(r => r.Day == "2026-11-03").ToList();
        var lastOfDay2 = all.Where(r => r.Day == "2026-11-02").Last().Seats;
        Assert.Equal(onDay3.Count > 0 ? onDay3.Max(r => r.Seats) : lastOfDay2, charges[1]["lines"]![0]!["seats"]!.GetValue<int>());
        Assert.DoesNotContain(all, r => string.CompareOrdinal(r.Day, "2026-11-03") > 0);
        // A day with no report is charged at the last count reported: 4, the last of the racing reports.
        Assert.Equal(all.Last().Seats, charges[2]["lines"]![0]!["seats"]!.GetValue<int>());
        Assert.Equal(all.Last().Seats, (await app.GetAsync($"/api/accounts/{account}"))["reportedSeats"]!.GetValue<int>());
        await app.AssertLedgerConsistentAsync(account);
    }
}
