using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>C6–C8 with the clock walked over months: renewals from the balance, overdue and expiry, auto-pay.</summary>
public sealed class ServiceTests
{
    private const long Pro = 150_000;  // catalog.json: Pro, up to 10 seats, UAH a month
    private const string Plan = "svc_plan";

    [Fact]
    public async Task C7_a_plan_service_renews_from_the_balance_every_month_for_a_year()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.FundAsync(account, Pro * 12, "wire-1"); // 12 months of Pro: +15 % bonus
        await app.ActivateAsync(account);                 // 2026-11-02: the first month is paid at once
        var first = await app.ServiceAsync(account, Plan);
        Assert.Equal("2026-12-02", first["paidUntil"]!.GetValue<string>());
        Assert.Equal("active", first["state"]!.GetValue<string>());

        for (var week = 0; week < 53; week++)
        {
            app.Clock.Advance(TimeSpan.FromDays(7));
            await app.RunJobAsync(JobNames.ServiceRenewal);
        }
        var service = await app.ServiceAsync(account, Plan);
        Assert.Equal("active", service["state"]!.GetValue<string>());
        // 2026-11-02 + 53 weeks = 2027-11-08: periods run on from each paid-until, so 13 months are paid.
        Assert.Equal("2027-12-02", service["paidUntil"]!.GetValue<string>());
        var charges = (await app.LedgerAsync(account)).Where(e => e["kind"]!.GetValue<string>() == "charge").ToList();
        Assert.Equal(13, charges.Count);
        Assert.All(charges, c => Assert.Equal(-Pro, c["amount"]!.GetValue<long>()));
        Assert.Equal(Pro * 12 + Pro * 12 * 15 / 100 - Pro * 13, await app.BalanceAsync(account));
        Assert.Empty(await app.InvoicesAsync(account, "&kind=renewal"));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C7_a_service_without_money_is_invoiced_goes_payment_overdue_then_expires_after_the_grace_period()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.ActivateAsync(account);
        var service = await app.ServiceAsync(account, Plan);
        Assert.Equal("payment_overdue", service["state"]!.GetValue<string>());
        var renewal = Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
        Assert.Equal("awaiting_payment", renewal["status"]!.GetValue<string>());
        Assert.Equal(Pro, renewal["amount"]!.GetValue<long>());

        // C6: asking for the renewal invoice again returns the same unpaid one.
        var again = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/services/{Plan}/renewal-invoice", null), 200);
        Assert.Equal(renewal["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());

        for (var day = 1; day <= 6; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            await app.RunJobAsync(JobNames.ServiceRenewal);
            Assert.Equal("payment_overdue", (await app.ServiceAsync(account, Plan))["state"]!.GetValue<string>());
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.ServiceRenewal);
        var expired = await app.ServiceAsync(account, Plan);
        Assert.Equal("expired", expired["state"]!.GetValue<string>());
        Assert.Equal("2026-11-09", expired["expiredOn"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.ServiceRenewal);
        Assert.Equal("overdue", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.BalanceAsync(account));
        Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
    }

    [Fact]
    public async Task B5_C8_a_paid_top_up_pays_the_renewal_invoice_it_covers_and_the_service_runs_on()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.ActivateAsync(account);
        var renewal = Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var topUp = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 200_000, actingUserId = "u1", role = "owner" })), 201);
        var paid = await app.Anonymous.PostAsync(topUp["checkoutUrl"]!.GetValue<string>() + "/pay", null);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, paid.StatusCode);

        Assert.Equal("paid_from_balance", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());
        var service = await app.ServiceAsync(account, Plan);
        Assert.Equal("active", service["state"]!.GetValue<string>());
        Assert.Equal("2026-12-02", service["paidUntil"]!.GetValue<string>()); // from the period's start, not from the payment day
        Assert.Equal(200_000 - Pro, await app.BalanceAsync(account));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task B5_C8_an_account_stored_before_the_unpaid_list_is_indexed_by_its_first_auto_pay_and_its_renewal_still_paid()
    {
        await using var app = await BillingApp.StartAsync();
        var store = app.Service<Billing.Core.Storage.IAccountStore>();
        var account = await app.CreatePrepaidAccountAsync();
        await app.ActivateAsync(account);
        var renewal = Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
        var head = (await store.FindAsync(account, CancellationToken.None))!;
        Assert.Equal([renewal["id"]!.GetValue<string>()], head.Value.UnpaidInvoices!);

        // As an account written before the list existed: no list on the head.
        await store.CommitAsync(new Billing.Core.Storage.AccountCommit(account, head.Value with { UnpaidInvoices = null }, head.ETag, []), CancellationToken.None);
        await app.FundAsync(account, 200_000, "wire-legacy");

        Assert.Equal("paid_from_balance", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal([], (await store.FindAsync(account, CancellationToken.None))!.Value.UnpaidInvoices!);
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C8_an_account_that_may_work_without_balance_is_offered_the_invoice_not_auto_paid()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { mayWorkWithoutBalance = true })), 200);
        await app.ActivateAsync(account);
        var renewal = Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
        await app.FundAsync(account, 200_000, "wire-7");
        Assert.Equal("awaiting_payment", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());

        // The payer can still pay it from the balance (C10).
        var paid = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{renewal["id"]}/pay-from-balance",
            BillingApp.Json(new { actingUserId = "u1", role = "admin" })), 200);
        Assert.Equal("paid_from_balance", paid["status"]!.GetValue<string>());
        Assert.Equal("active", (await app.ServiceAsync(account, Plan))["state"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C8_three_concurrent_job_runs_and_a_webhook_during_them_pay_every_invoice_once()
    {
        await using var app = await BillingApp.StartAsync();
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var a = await app.CreatePrepaidAccountAsync();
            await app.ActivateAsync(a);
            await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{a}/services", BillingApp.Json(new { itemId = "telephony" })), 201);
            accounts.Add(a);
        }
        var topUps = new List<string>();
        foreach (var a in accounts)
        {
            await app.FundAsync(a, 100_000, "wire-" + a); // covers the plan (150 000)? no: only the add-on (30 000) and part
            var t = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{a}/topups", BillingApp.Json(new { amount = 200_000, actingUserId = "u", role = "owner" })), 201);
            topUps.Add(t["checkoutUrl"]!.GetValue<string>());
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        var runs = Enumerable.Range(0, 3).Select(_ => app.RunJobAsync(JobNames.ServiceRenewal)).ToList();
        var payments = topUps.Select(url => app.Anonymous.PostAsync(url + "/pay", null)).ToList();
        await Task.WhenAll(runs);
        await Task.WhenAll(payments);
        await app.RunJobAsync(JobNames.ServiceRenewal);

        foreach (var a in accounts)
        {
            var renewals = await app.InvoicesAsync(a, "&kind=renewal");
            Assert.All(renewals, r => Assert.Equal("paid_from_balance", r["status"]!.GetValue<string>()));
            var charges = (await app.LedgerAsync(a)).Where(e => e["kind"]!.GetValue<string>() == "charge").ToList();
            Assert.Equal(2, charges.Count); // the plan's first month and the add-on's, each once
            Assert.Equal(100_000 + 200_000 - Pro - 30_000, await app.BalanceAsync(a));
            Assert.Equal("active", (await app.ServiceAsync(a, Plan))["state"]!.GetValue<string>());
            Assert.Equal("active", (await app.ServiceAsync(a, "svc_telephony"))["state"]!.GetValue<string>());
            await app.AssertLedgerConsistentAsync(a);
        }
    }
}
