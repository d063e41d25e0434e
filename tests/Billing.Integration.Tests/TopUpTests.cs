using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.Support.SandboxPayments;

namespace Billing.Integration.Tests;

/// <summary>B1–B6 over HTTP: quote, create, pay in the sandbox checkout, webhooks applied once.</summary>
public sealed class TopUpTests
{
    [Fact]
    public async Task B4_B5_top_up_paid_in_the_sandbox_is_credited_once_though_the_webhook_arrives_five_times()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 7);
        var (invoice, checkoutUrl, amount, _) = await TopUpAsync(app, account, 50_000);
        Assert.StartsWith(app.BaseUrl + "/api/sandbox/checkout/", checkoutUrl);
        Assert.Equal(0, await app.BalanceAsync(account));

        var page = await app.Anonymous.GetStringAsync(checkoutUrl);
        Assert.Contains("Pay 500.00 UAH", page);
        var pay = await app.Anonymous.PostAsync(checkoutUrl + "/pay", null);
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.Equal(amount, await app.BalanceAsync(account));
        Assert.Equal("paid", (await app.GetAsync($"/api/accounts/{account}/invoices/{invoice}"))["status"]!.GetValue<string>());

        // The provider redelivers the same event: five more times, concurrently.
        var checkoutId = checkoutUrl.Split('/')[^1];
        var body = SandboxEvent(checkoutId, account, invoice, amount, "UAH");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostWebhookAsync(app, body, app.Clock.GetUtcNow())));
        foreach (var a in answers)
            Assert.Equal("already_applied", (await BillingApp.ReadAsync(a, 200))["outcome"]!.GetValue<string>());

        var entries = await app.LedgerAsync(account);
        Assert.Single(entries, e => e["kind"]!.GetValue<string>() == "top_up");
        Assert.Equal(amount, await app.BalanceAsync(account));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task B3_quote_shows_the_bonus_and_payment_credits_it_as_a_separate_entry()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 3); // Standard 1-5 seats: 990.00 UAH a month
        var quote = await app.GetAsync($"/api/accounts/{account}/topups/quote?amount={99_000 * 6}");
        Assert.Equal(10, quote["percent"]!.GetValue<int>());
        Assert.Equal(59_400, quote["bonus"]!.GetValue<long>());
        var below = await app.GetAsync($"/api/accounts/{account}/topups/quote?amount={99_000 * 3 - 1}");
        Assert.Equal(0, below["percent"]!.GetValue<int>());

        var (_, url, amount, bonus) = await TopUpAsync(app, account, 99_000 * 6);
        Assert.Equal(59_400, bonus);
        await app.Anonymous.PostAsync(url + "/pay", null);
        var entries = await app.LedgerAsync(account);
        Assert.Equal(["bonus", "top_up"], entries.Select(e => e["kind"]!.GetValue<string>()).ToArray());
        Assert.Equal(amount + bonus, await app.BalanceAsync(account));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task B4_amount_mismatch_is_flagged_on_the_invoice_and_never_credited()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var (invoice, url, amount, _) = await TopUpAsync(app, account, 20_000);
        var checkoutId = url.Split('/')[^1];
        var wrongAmount = await PostWebhookAsync(app, SandboxEvent(checkoutId, account, invoice, amount - 1, "UAH", "evt_short"), app.Clock.GetUtcNow());
        Assert.Equal("amount_mismatch", (await BillingApp.ReadAsync(wrongAmount, 200))["outcome"]!.GetValue<string>());
        var wrongCurrency = await PostWebhookAsync(app, SandboxEvent(checkoutId, account, invoice, amount, "EUR", "evt_eur"), app.Clock.GetUtcNow());
        Assert.Equal("amount_mismatch", (await BillingApp.ReadAsync(wrongCurrency, 200))["outcome"]!.GetValue<string>());

        var inv = await app.GetAsync($"/api/accounts/{account}/invoices/{invoice}");
        Assert.Equal("awaiting_payment", inv["status"]!.GetValue<string>());
        Assert.Contains("amount mismatch", inv["paymentIssue"]!.GetValue<string>());
        Assert.Equal(0, await app.BalanceAsync(account));
        Assert.Empty(await app.LedgerAsync(account));
    }

    [Fact]
    public async Task B4_tampered_stale_future_or_unsigned_webhooks_are_rejected_and_write_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var (invoice, url, amount, _) = await TopUpAsync(app, account, 20_000);
        var body = SandboxEvent(url.Split('/')[^1], account, invoice, amount, "UAH");
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);

        var now = app.Clock.GetUtcNow();
        var cases = new List<HttpResponseMessage>
        {
            await PostWebhookAsync(app, body, now.AddMinutes(-6)),
            await PostWebhookAsync(app, body, now.AddMinutes(6)),
            await PostWebhookAsync(app, body, now, secret: "another-secret-0123456789"),
            await app.Anonymous.PostAsync("/api/webhooks/sandbox", new StringContent(body, Encoding.UTF8, "application/json")),
        };
        var tampered = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new StringContent(body.Replace(amount.ToString(), "999999"), Encoding.UTF8, "application/json") };
        tampered.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(body, BillingApp.WebhookSecret, now));
        cases.Add(await app.Anonymous.SendAsync(tampered));

        foreach (var response in cases)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.Equal(0, await app.BalanceAsync(account));
    }

    [Fact]
    public async Task B1_an_employee_cannot_top_up()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var r = await app.Api.PostAsync($"/api/accounts/{account}/topups", BillingApp.Json(new { amount = 20_000, actingUserId = "e1", role = "employee" }));
        var problem = await BillingApp.ReadAsync(r, 403);
        Assert.Equal("top_up_forbidden", problem["code"]!.GetValue<string>());
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    [Fact]
    public async Task B6_an_operator_records_a_bank_transfer_and_it_is_received_like_a_webhook_payment()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var body = BillingApp.Json(new { amount = 300_000, currency = "UAH", reference = "bank-2026-11-02-001", operatorId = "op-1" });
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api.PostAsync($"/api/operator/accounts/{account}/offline-payments", body)).StatusCode);

        var first = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount = 300_000, currency = "UAH", reference = "bank-2026-11-02-001", operatorId = "op-1" })), 200);
        Assert.Equal("credited", first["outcome"]!.GetValue<string>());
        // Recording the same transfer again changes nothing.
        var again = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount = 300_000, currency = "UAH", reference = "bank-2026-11-02-001", operatorId = "op-1" })), 200);
        Assert.Equal("already_applied", again["outcome"]!.GetValue<string>());
        // 3000.00 UAH is over 3 months of 990.00: the 5 % bonus applies as for any top-up.
        Assert.Equal(300_000 + 15_000, await app.BalanceAsync(account));
        var wrongCurrency = await app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount = 100, currency = "EUR", reference = "x", operatorId = "op-1" }));
        await BillingApp.ReadAsync(wrongCurrency, 400);
        await app.AssertLedgerConsistentAsync(account);
    }
}
