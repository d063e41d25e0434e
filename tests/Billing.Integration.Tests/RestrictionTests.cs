using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>D1–D5 over HTTP with Azurite, maildev and a local CRM receiver, the clock walked day by day.</summary>
public sealed class RestrictionTests
{
    private static async Task<(string Account, string Owner, string Admin)> IndebtedAccountAsync(BillingApp app, string language = "uk")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var owner = $"owner-{tag}@test.example";
        var admin = $"admin-{tag}@test.example";
        var account = await app.CreateActiveAccountAsync(seats: 2);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { ownerEmail = owner, adminEmails = new[] { admin }, language })), 200);
        return (account, owner, admin);
    }

    private static async Task<Dictionary<string, string>> AccessAsync(BillingApp app, string account) =>
        new()
        {
            ["owner"] = (await app.GetAsync($"/api/accounts/{account}/access?role=owner"))["access"]!.GetValue<string>(),
            ["admin"] = (await app.GetAsync($"/api/accounts/{account}/access?role=admin"))["access"]!.GetValue<string>(),
            ["employee"] = (await app.GetAsync($"/api/accounts/{account}/access?role=employee"))["access"]!.GetValue<string>(),
        };

    private static (string Owner, string Admin, string Employee) Ladder(int day) => day switch
    {
        <= 3 => ("full", "full", "full"),
        <= 6 => ("reminder", "reminder", "full"),
        <= 9 => ("payment_only", "payment_only", "full"),
        _ => ("none", "none", "none"),
    };

    [Fact]
    public async Task D2_D5_G1_G2_a_debt_from_the_2nd_walks_the_ladder_to_the_12th_with_one_email_per_change_and_a_payment_lifts_it()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero));
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url, Clock = clock });
        receiver.Clock = app.Clock;
        var (account, owner, admin) = await IndebtedAccountAsync(app); // activated on Nov 1 with no money
        app.Clock.Advance(TimeSpan.FromDays(1)); // Nov 2: the charge for Nov 1 makes the balance negative
        await app.RunJobAsync(JobNames.DailyCharge);
        Assert.True(await app.BalanceAsync(account) < 0);

        for (var day = 2; day <= 12; day++)
        {
            if (day > 2) app.Clock.Advance(TimeSpan.FromDays(1));
            if (day == 11)
            {
                await app.FundAsync(account, 100_000, "wire-11");
                var lifted = await AccessAsync(app, account);
                Assert.All(lifted.Values, v => Assert.Equal("full", v));
            }
            else await app.RunJobAsync(JobNames.Restrictions);
            // Events are signed when sent: let each day's be delivered before the fake clock moves on.
            var changesSoFar = new[] { 4, 7, 10, 11 }.Count(d => day >= d);
            Assert.Equal(changesSoFar, (await receiver.WaitForAsync(account, "restriction_changed", changesSoFar)).Count);
            var access = await AccessAsync(app, account);
            var expected = day >= 11 ? ("full", "full", "full") : Ladder(day);
            Assert.True((expected.Item1, expected.Item2, expected.Item3) == (access["owner"], access["admin"], access["employee"]),
                $"Nov {day}: expected {expected}, got {string.Join(", ", access)}");
        }
        var banner = await app.GetAsync($"/api/accounts/{account}/access?role=admin");
        Assert.Null(banner["banners"]!["amountDue"]);

        // Four changes: none→reminder (4th), →payment_only (7th), →blocked (10th), →none (payment on the 11th).
        var mails = await MailDev.WaitForSubjectAsync(admin, "доступ тепер", 4);
        Assert.Equal(4, mails.Count);
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().Contains("заблоковано"));
        // The lifted level's email says access is full again, and asks for nothing.
        var liftedMail = Assert.Single(mails, m => m["subject"]!.GetValue<string>().Contains("«повний»"));
        Assert.Contains("знову повний", liftedMail["html"]!.GetValue<string>());
        Assert.DoesNotContain("Поповніть", liftedMail["html"]!.GetValue<string>());
        Assert.Equal(4, (await MailDev.WaitForSubjectAsync(owner, "доступ тепер", 4)).Count);
        var changes = (await app.GetAsync($"/api/accounts/{account}/restriction-changes"))["items"]!.AsArray();
        Assert.Equal(["none", "blocked", "payment_only", "reminder"], changes.Select(c => c!["to"]!.GetValue<string>()).ToArray());
        var events = await receiver.WaitForAsync(account, "restriction_changed", 4);
        Assert.Equal(4, events.Count);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(events.Count, events.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task D4_a_promised_payment_lifts_restrictions_for_three_days_once_in_thirty_then_the_policy_applies_again()
    {
        await using var app = await BillingApp.StartAsync();
        var (account, _, admin) = await IndebtedAccountAsync(app, "en");
        app.Clock.Advance(TimeSpan.FromDays(8)); // Nov 10: the day's charges make it negative, and it is the 10th
        await app.RunJobAsync(JobNames.DailyCharge);
        await app.RunJobAsync(JobNames.Restrictions);
        Assert.Equal("none", (await AccessAsync(app, account))["admin"]);

        var employee = await app.Api.PostAsync($"/api/accounts/{account}/promised-payment", BillingApp.Json(new { actingUserId = "e", role = "employee" }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, employee.StatusCode);
        var promise = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/promised-payment",
            BillingApp.Json(new { actingUserId = "a", role = "admin" })), 200);
        Assert.Equal("full", promise["access"]!["access"]!.GetValue<string>());
        Assert.NotNull((await app.GetAsync($"/api/accounts/{account}/access?role=employee"))["banners"]!["promiseUntil"]);

        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.RunJobAsync(JobNames.Restrictions);
        Assert.Equal("full", (await AccessAsync(app, account))["employee"]);
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        await app.RunJobAsync(JobNames.Restrictions);
        Assert.Equal("none", (await AccessAsync(app, account))["employee"]); // Nov 13, debt still there: blocked again

        var again = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/promised-payment",
            BillingApp.Json(new { actingUserId = "a", role = "owner" })), 409);
        Assert.Equal("promise_too_soon", again["code"]!.GetValue<string>());
        // G1: the admins were told once, with the end of the promise and what is owed.
        var promised = Assert.Single(await MailDev.WaitForSubjectAsync(admin, "restrictions lifted until", 1));
        Assert.Contains("Please pay the debt", promised["html"]!.GetValue<string>());
    }

    [Fact]
    public async Task D5_a_payment_lifts_the_restriction_at_once_without_waiting_for_the_timer()
    {
        await using var app = await BillingApp.StartAsync();
        var (account, _, _) = await IndebtedAccountAsync(app, "en");
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.RunJobAsync(JobNames.DailyCharge);
        await app.RunJobAsync(JobNames.Restrictions);
        Assert.Equal("none", (await AccessAsync(app, account))["owner"]);
        var recorded = (await app.GetAsync($"/api/accounts/{account}/restriction-changes"))["items"]!.AsArray().Count;

        await app.FundAsync(account, 500_000, "bank-d5");
        Assert.True(await app.BalanceAsync(account) > 0);
        Assert.Equal("full", (await AccessAsync(app, account))["owner"]);
        var changes = (await app.GetAsync($"/api/accounts/{account}/restriction-changes"))["items"]!.AsArray();
        Assert.Equal(recorded + 1, changes.Count);
        // Levels name the restriction: blocked → none (no restriction left).
        Assert.Equal(("blocked", "none"), (changes[0]!["from"]!.GetValue<string>(), changes[0]!["to"]!.GetValue<string>()));
    }
}
