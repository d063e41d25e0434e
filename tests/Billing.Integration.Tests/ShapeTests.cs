using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>A3, B2, C10: what an entry, a top-up answer and an invoice list carry, as a payer or a CRM reads them.</summary>
public sealed class ShapeTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A3_every_entry_has_id_time_kind_signed_amount_balance_after_description_lines_reference_and_key()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        await _app.FundAsync(account, 50_000, "bank-1");
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await _app.RunJobAsync("daily-charge");
        var entries = await _app.LedgerAsync(account);
        Assert.True(entries.Count >= 2);
        foreach (var e in entries)
        {
            foreach (var field in new[] { "id", "time", "kind", "amount", "balanceAfter", "description", "reference", "idempotencyKey" })
                Assert.True(e[field] is not null, $"entry lacks {field}: {e}");
            Assert.Contains(e["kind"]!.GetValue<string>(), new[] { "top_up", "bonus", "charge", "refund", "credit", "adjustment", "invoice_payment", "hold", "release" });
        }
        var charge = entries.First(e => e["kind"]!.GetValue<string>() == "charge");
        Assert.True(charge["amount"]!.GetValue<long>() < 0);
        var lines = charge["lines"]!.AsArray();
        Assert.NotEmpty(lines);
        foreach (var l in lines)
            foreach (var field in new[] { "item", "description", "quantity", "unitPrice", "amount" })
                Assert.True(l![field] is not null, $"line lacks {field}: {l}");
        Assert.Equal(charge["amount"]!.GetValue<long>(), -lines.Sum(l => l!["amount"]!.GetValue<long>()));
        Assert.StartsWith("charge:", charge["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task B2_a_top_up_answers_an_awaiting_top_up_invoice_and_a_checkout_and_refuses_amounts_outside_the_limits()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var created = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 250_000, actingUserId = "u1", role = "owner" })), 201);
        Assert.Equal("top_up", created["invoice"]!["kind"]!.GetValue<string>());
        Assert.Equal("awaiting_payment", created["invoice"]!["status"]!.GetValue<string>());
        Assert.Equal(250_000, created["invoice"]!["amount"]!.GetValue<long>());
        Assert.Contains("/api/sandbox/checkout/", created["checkoutUrl"]!.GetValue<string>());
        Assert.Equal(200, (int)(await _app.Anonymous.GetAsync(new Uri(created["checkoutUrl"]!.GetValue<string>()).AbsolutePath)).StatusCode);

        foreach (var amount in new long[] { 9_999, 100_000_001, 0, -5 })
        {
            var r = await _app.Api.PostAsync($"/api/accounts/{account}/topups", BillingApp.Json(new { amount, actingUserId = "u1", role = "owner" }));
            Assert.True((int)r.StatusCode is 400 or 422, $"amount {amount}: {(int)r.StatusCode}");
        }
        Assert.Single(await _app.InvoicesAsync(account));
    }

    [Fact]
    public async Task C10_invoices_list_number_kind_amount_status_dates_and_only_unpaid_ones_can_be_cancelled()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        async Task<string> TopUp(long amount) => (await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount, actingUserId = "u1", role = "owner" })), 201))["invoice"]!["id"]!.GetValue<string>();
        var open = await TopUp(20_000);
        var paid = await TopUp(30_000);
        await BillingApp.ReadAsync(await _app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount = 30_000, currency = "UAH", reference = "bank-2", invoiceId = paid, operatorId = "op-1" })), 200);

        var list = await _app.InvoicesAsync(account);
        Assert.Equal(2, list.Count);
        foreach (var i in list)
            foreach (var field in new[] { "number", "kind", "amount", "status", "createdAt" })
                Assert.True(i[field] is not null, $"invoice lacks {field}: {i}");
        JsonNode Of(string id) => list.Single(i => i["id"]!.GetValue<string>() == id);
        Assert.Equal("awaiting_payment", Of(open)["status"]!.GetValue<string>());
        Assert.Equal("paid", Of(paid)["status"]!.GetValue<string>());

        var actor = BillingApp.Json(new { actingUserId = "u1", role = "owner" });
        Assert.Equal("cancelled", (await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/invoices/{open}/cancel", actor), 200))["status"]!.GetValue<string>());
        var refused = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/invoices/{paid}/cancel",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 409);
        Assert.Equal("invoice_not_cancellable", refused["code"]!.GetValue<string>());
        Assert.Single(await _app.InvoicesAsync(account, "&status=cancelled"));
    }
}
