using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>C9 over HTTP: quote, confirmed commit, one change a day, and the invoice path with its hold.</summary>
public sealed class PlanChangeTests
{
    private const long Pro = 150_000, ProPlus = 240_000;

    private static Task<HttpResponseMessage> Commit(BillingApp app, string account, string plan, long quotedCost) =>
        app.Api.PostAsync($"/api/accounts/{account}/plan-change",
            BillingApp.Json(new { planId = plan, confirm = true, quotedCost, actingUserId = "u1", role = "owner" }));

    [Fact]
    public async Task C9_a_quoted_change_is_committed_refused_again_the_same_day_and_allowed_the_next()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.FundAsync(account, 400_000, "wire-1");
        await app.ActivateAsync(account); // Pro paid 2026-11-02 .. 2026-12-02 (30 days)
        app.Clock.Advance(TimeSpan.FromDays(10));

        var plans = await app.GetAsync($"/api/accounts/{account}/plans");
        Assert.True(plans["items"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "pro")!["current"]!.GetValue<bool>());

        var quote = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro_plus");
        Assert.Equal(20, quote["unusedDays"]!.GetValue<int>());
        Assert.Equal(Pro * 20 / 30, quote["credit"]!.GetValue<long>());
        Assert.Equal(ProPlus - Pro * 20 / 30, quote["cost"]!.GetValue<long>());
        Assert.Equal(0, quote["missing"]!.GetValue<long>());

        await BillingApp.ReadAsync(await Commit(app, account, "pro_plus", quote["cost"]!.GetValue<long>() + 1), 409); // a price not seen
        var done = await BillingApp.ReadAsync(await Commit(app, account, "pro_plus", quote["cost"]!.GetValue<long>()), 200);
        Assert.Equal("changed", done["outcome"]!.GetValue<string>());
        Assert.Equal("pro_plus", (await app.GetAsync($"/api/accounts/{account}"))["planId"]!.GetValue<string>());
        var service = await app.ServiceAsync(account, "svc_plan");
        Assert.Equal("pro_plus", service["itemId"]!.GetValue<string>());
        Assert.Equal("2026-12-12", service["paidUntil"]!.GetValue<string>());
        var kinds = (await app.LedgerAsync(account)).Take(2).Select(e => e["kind"]!.GetValue<string>()).ToArray();
        Assert.Equal(["charge", "credit"], kinds);

        var back = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro");
        var refused = await BillingApp.ReadAsync(await Commit(app, account, "pro", back["cost"]!.GetValue<long>()), 409);
        Assert.Equal("plan_changed_today", refused["code"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(1));
        back = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro");
        await BillingApp.ReadAsync(await Commit(app, account, "pro", back["cost"]!.GetValue<long>()), 200);
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C9_short_of_money_the_balance_is_held_and_the_plan_switches_only_when_the_invoice_is_paid_in_the_sandbox()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.FundAsync(account, 160_000, "wire-1");
        await app.ActivateAsync(account); // balance 10 000 after the first month of Pro
        var quote = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro_plus");
        var cost = quote["cost"]!.GetValue<long>();
        var result = await BillingApp.ReadAsync(await Commit(app, account, "pro_plus", cost), 200);
        Assert.Equal("invoice_issued", result["outcome"]!.GetValue<string>());
        var invoice = result["invoice"]!;
        Assert.Equal(cost - 10_000, invoice["amount"]!.GetValue<long>());
        var a = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal("pro", a["planId"]!.GetValue<string>());
        Assert.Equal(10_000, a["held"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, a["balance"]!["amount"]!.GetValue<long>());
        await BillingApp.ReadAsync(await Commit(app, account, "pro_plus", cost), 409); // one pending change at a time

        var checkout = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/checkout",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous.PostAsync(checkout["checkoutUrl"]!.GetValue<string>() + "/pay", null)).StatusCode);

        a = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal("pro_plus", a["planId"]!.GetValue<string>());
        Assert.Equal(0, a["held"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, a["balance"]!["amount"]!.GetValue<long>());
        Assert.Null(a["pendingPlanChange"]);
        Assert.Equal("paid", (await app.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C9_cancelling_the_plan_change_invoice_releases_the_hold()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await app.FundAsync(account, 160_000, "wire-1");
        await app.ActivateAsync(account);
        var cost = (await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro_plus"))["cost"]!.GetValue<long>();
        var invoice = (await BillingApp.ReadAsync(await Commit(app, account, "pro_plus", cost), 200))["invoice"]!;
        var cancelled = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/cancel",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        var a = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal(10_000, a["balance"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, a["held"]!["amount"]!.GetValue<long>());
        Assert.Equal("pro", a["planId"]!.GetValue<string>());
        Assert.Equal(["release", "hold"], (await app.LedgerAsync(account)).Take(2).Select(e => e["kind"]!.GetValue<string>()).ToArray());
        // A cancelled invoice cannot be paid any more, and a paid one cannot be cancelled (C10).
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/pay-from-balance",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 409);
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C9_daily_accounts_switch_plans_with_no_upfront_cost_and_their_next_charge_uses_the_new_plan()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3, plan: "start");
        var quote = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=standard");
        Assert.Equal(0, quote["cost"]!.GetValue<long>());
        await BillingApp.ReadAsync(await Commit(app, account, "standard", 0), 200);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(Billing.Core.Jobs.JobNames.DailyCharge);
        var charge = (await app.LedgerAsync(account)).Single(e => e["kind"]!.GetValue<string>() == "charge");
        Assert.Equal("plan:standard", charge["lines"]![0]!["item"]!.GetValue<string>());
        var refused = await BillingApp.ReadAsync(await Commit(app, account, "business_postpaid", 0), 422);
        Assert.Equal("billing_mode_differs", refused["code"]!.GetValue<string>());
    }
}
