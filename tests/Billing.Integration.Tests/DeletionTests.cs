using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>E1–E3 with the clock walked: notices on the right days, deleted, restored, deleted again, purged.</summary>
public sealed class DeletionTests
{
    /// <summary>What every deletion notice's subject says in Russian (scheduled, and the reminders "через N дн.").</summary>
    private const string Notice = "будет удалён";

    private static async Task<string> StateAsync(BillingApp app, string account) =>
        (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>();

    private static async Task Day(BillingApp app, int days = 1)
    {
        app.Clock.Advance(TimeSpan.FromDays(days));
        await app.RunJobAsync(JobNames.Deletion);
    }

    [Fact]
    public async Task E1_E2_E3_a_candidate_gets_three_notices_is_deleted_restored_deleted_again_and_purged()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var owner = $"owner-{Guid.NewGuid():N}@test.example";
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { ownerEmail = owner, language = "ru" })), 200);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge); // a day charged: money records the purge must keep

        await Day(app, 39);
        Assert.Equal("active", await StateAsync(app, account)); // created exactly 40 days ago: not yet
        await Day(app); // 2026-12-13
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        var access = await app.GetAsync($"/api/accounts/{account}/access?role=employee");
        Assert.Equal("2026-12-23", access["banners"]!["deletionDate"]!.GetValue<string>());
        // Deletion notices only: the day's charge took the balance below zero, which also alerts the owner of the runway (A6).
        Assert.Single(await MailDev.WaitForSubjectAsync(owner, Notice, 1));

        for (var d = 14; d <= 22; d++)
        {
            await Day(app);
            var expected = d switch { >= 22 => 3, >= 20 => 2, _ => 1 };
            Assert.Equal(expected, (await MailDev.WaitForSubjectAsync(owner, Notice, expected, TimeSpan.FromSeconds(d is 20 or 22 ? 30 : 1))).Count);
        }
        var mails = await MailDev.ToAsync(owner);
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().Contains("будет удалён через 3"));
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().Contains("будет удалён через 1"));

        await Day(app); // 2026-12-23
        Assert.Equal("deleted", await StateAsync(app, account));
        Assert.Equal("none", (await app.GetAsync($"/api/accounts/{account}/access?role=owner"))["access"]!.GetValue<string>());
        Assert.Single(await receiver.WaitForAsync(account, "deleted", 1));

        await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/restore", BillingApp.Json(new { operatorId = "op" })), 200);
        Assert.Equal("active", await StateAsync(app, account));

        // E2: the restore counts as activity: not a candidate at the next run...
        await Day(app);
        Assert.Equal("active", await StateAsync(app, account));
        // ...but still inactive and empty 30 days on: scheduled again (new notices), then deleted again on the new date.
        await Day(app, 30);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        await MailDev.WaitForSubjectAsync(owner, Notice, 5);
        Assert.Equal(2, (await MailDev.ToAsync(owner)).Count(m => m["subject"]!.GetValue<string>() is var x && x.Contains("будет удалён") && !x.Contains("через")));
        await Day(app, 10);
        Assert.Equal("deleted", await StateAsync(app, account));
        await Day(app, 19);
        Assert.Equal("deleted", await StateAsync(app, account));
        await Day(app);
        Assert.Equal("purged", await StateAsync(app, account));
        var purged = await app.GetAsync($"/api/accounts/{account}");
        Assert.Null(purged["ownerEmail"]);
        Assert.Equal("purged account", purged["name"]!.GetValue<string>());
        Assert.NotEmpty(await app.LedgerAsync(account)); // money records kept
        Assert.Single(await receiver.WaitForAsync(account, "purged", 1));
        var deletedEvents = await receiver.WaitForAsync(account, "deleted", 2);
        Assert.Equal(2, deletedEvents.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
        await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/restore", BillingApp.Json(new { operatorId = "op" })), 409);
    }

    [Fact]
    public async Task E2_a_login_cancels_a_scheduled_deletion_and_so_does_the_owner()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await Day(app, 41);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/logins", BillingApp.Json(new { userId = "u1" })), 200);
        Assert.Equal("active", await StateAsync(app, account));

        await Day(app, 31);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.Api.PostAsync($"/api/accounts/{account}/deletion/cancel",
            BillingApp.Json(new { actingUserId = "a", role = "admin" }))).StatusCode);
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/deletion/cancel",
            BillingApp.Json(new { actingUserId = "o", role = "owner" })), 200);
        Assert.Equal("active", await StateAsync(app, account));
        await Day(app);
        Assert.Equal("active", await StateAsync(app, account)); // the owner's cancel counts as activity
    }

    [Fact]
    public async Task E2_a_candidate_cancelled_by_a_payment_and_back_at_zero_is_scheduled_again_the_same_day_with_new_notices()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var owner = $"owner-{Guid.NewGuid():N}@test.example";
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { ownerEmail = owner, language = "en" })), 200);
        await Day(app, 41);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));

        // An invoice for later, a payment that covers it (candidacy ends at once), then the invoice paid from the balance: back at zero.
        var today = Billing.Core.Time.LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        var invoice = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount = 10_000, description = "Act", dueDate = today.AddDays(10).ToString("yyyy-MM-dd"), prepaid = false, externalErp = false,
        })), 201);
        await app.FundAsync(account, 10_000, "wire-back");
        Assert.Equal("active", await StateAsync(app, account));
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/pay-from-balance",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);
        Assert.Equal(0, await app.BalanceAsync(account));

        var run = await app.RunJobAsync(JobNames.Deletion); // the same day
        Assert.Equal((0, true), (run["failed"]!.GetValue<int>(), run["complete"]!.GetValue<bool>()));
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        Assert.Equal(2, (await MailDev.WaitForSubjectAsync(owner, "will be deleted on", 2)).Count);
        var scheduled = await receiver.WaitForAsync(account, "deletion_scheduled", 2);
        Assert.Equal(2, scheduled.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Single(await receiver.WaitForAsync(account, "deletion_cancelled", 1));
    }

    [Fact]
    public async Task E2_a_payment_through_the_checkout_cancels_a_scheduled_deletion()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await Day(app, 41);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        var topUp = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 50_000, actingUserId = "u1", role = "owner" })), 201);
        var checkout = new Uri(topUp["checkoutUrl"]!.GetValue<string>()).AbsolutePath;
        Assert.True((int)(await app.Anonymous.PostAsync(checkout + "/pay", null)).StatusCode is 302 or 200);
        Assert.Equal("active", await StateAsync(app, account));
    }

    [Fact]
    public async Task E3_on_the_deletion_date_no_one_has_access_and_the_crm_is_told()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await Day(app, 41);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        await Day(app, 9);
        Assert.Equal("deletion_scheduled", await StateAsync(app, account));
        Assert.DoesNotContain(receiver.For(account), e => e["type"]!.GetValue<string>() == "deleted");
        await Day(app);
        Assert.Equal("deleted", await StateAsync(app, account));
        foreach (var role in new[] { "owner", "admin", "employee" })
            Assert.Equal("none", (await app.GetAsync($"/api/accounts/{account}/access?role={role}"))["access"]!.GetValue<string>());
        Assert.Single(await receiver.WaitForAsync(account, "deleted", 1));
    }
}
