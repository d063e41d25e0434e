using System.Text.Json.Nodes;
using Billing.Core.Time;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.Support.SandboxPayments;

namespace Billing.Integration.Tests;

/// <summary>B5, C8 over HTTP: a payment pays only the invoices whose auto-pay moment has come; those the balance covers are offered.</summary>
public sealed class AutoPayTimingTests
{
    private static async Task<JsonNode> PostpaidInvoiceAsync(BillingApp app, string account, long amount, DateOnly due) =>
        await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount, description = "Act from the ERP", dueDate = due.ToString("yyyy-MM-dd"), prepaid = false, externalErp = false,
        })), 201);

    private static async Task<string> StatusAsync(BillingApp app, string account, JsonNode invoice) =>
        (await app.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>();

    private static string[] Offered(JsonNode answer) =>
        answer["payableFromBalance"]!.AsArray().Select(i => $"{i!["number"]}:{i["amount"]}").ToArray();

    [Fact]
    public async Task B5_C8_a_top_up_pays_the_invoice_due_today_and_offers_the_one_due_in_ten_days()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var today = LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        var later = await PostpaidInvoiceAsync(app, account, 5_000, today.AddDays(10));
        var dueToday = await PostpaidInvoiceAsync(app, account, 3_000, today);

        var answer = await PayTopUpByWebhookAsync(app, account, 20_000);
        Assert.Equal("credited", answer["outcome"]!.GetValue<string>());
        Assert.Equal([dueToday["number"]!.GetValue<string>()], answer["autoPaid"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
        Assert.Equal([$"{later["number"]}:5000"], Offered(answer));
        Assert.Equal(later["id"]!.GetValue<string>(), answer["payableFromBalance"]![0]!["invoiceId"]!.GetValue<string>());

        Assert.Equal("awaiting_payment", await StatusAsync(app, account, later));
        var paid = await app.GetAsync($"/api/accounts/{account}/invoices/{dueToday["id"]}");
        Assert.Equal(("paid_from_balance", "auto-pay"), (paid["status"]!.GetValue<string>(), paid["paidBy"]!.GetValue<string>()));

        // The summary offers it too, and so does the answer to an offline payment.
        var summary = await app.GetAsync($"/api/accounts/{account}/summary");
        Assert.Equal([$"{later["number"]}:5000"], Offered(summary));
        var offline = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount = 10_000, currency = "UAH", reference = "wire-77", operatorId = "op-1" })), 200);
        Assert.Equal([$"{later["number"]}:5000"], Offered(offline));
        Assert.Equal("awaiting_payment", await StatusAsync(app, account, later));

        // On its due date the daily run pays it (C8), and nothing is offered any more.
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobAsync(Billing.Core.Jobs.JobNames.ServiceRenewal);
        Assert.Equal("paid_from_balance", await StatusAsync(app, account, later));
        Assert.Empty((await app.GetAsync($"/api/accounts/{account}/summary"))["payableFromBalance"]!.AsArray());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task B5_an_invoice_the_balance_does_not_cover_is_neither_paid_nor_offered()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var today = LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        var big = await PostpaidInvoiceAsync(app, account, 90_000, today.AddDays(3));
        var answer = await PayTopUpByWebhookAsync(app, account, 10_000);
        Assert.Empty(answer["payableFromBalance"]!.AsArray());
        Assert.Empty(answer["autoPaid"]!.AsArray());
        Assert.Equal("awaiting_payment", await StatusAsync(app, account, big));
    }
}
