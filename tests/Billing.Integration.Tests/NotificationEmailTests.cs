using System.Text.Json.Nodes;
using Billing.Core.Time;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.Support.SandboxPayments;

namespace Billing.Integration.Tests;

/// <summary>G1 over HTTP and real SMTP: receipts, issued invoices, invoices paid from the balance, plan changes, each once, in the account's language.</summary>
public sealed class NotificationEmailTests
{
    private static async Task<(string Owner, string Admin)> MailboxesAsync(BillingApp app, string account, string language)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (owner, admin) = ($"owner-{tag}@test.example", $"admin-{tag}@test.example");
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { ownerEmail = owner, adminEmails = new[] { admin }, language })), 200);
        return (owner, admin);
    }

    private static string Html(JsonNode mail) => mail["html"]!.GetValue<string>();

    /// <summary>Exactly one: waits for it, then gives a redelivery time to bring a second.</summary>
    private static async Task<JsonNode> OnceAsync(string address, string subject)
    {
        Assert.NotEmpty(await MailDev.WaitForSubjectAsync(address, subject, 1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        return Assert.Single(await MailDev.WaitForSubjectAsync(address, subject, 2, TimeSpan.Zero));
    }

    [Fact]
    public async Task G1_a_top_up_paid_by_checkout_is_receipted_once_though_its_webhook_arrives_three_times()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var (owner, admin) = await MailboxesAsync(app, account, "ru");
        var (invoice, checkoutUrl, amount, _) = await TopUpAsync(app, account, 50_000);
        var body = SandboxEvent(checkoutUrl.Split('/')[^1], account, invoice, amount, "UAH");
        foreach (var _ in Enumerable.Range(0, 3)) await BillingApp.ReadAsync(await PostWebhookAsync(app, body, app.Clock.GetUtcNow()), 200);

        var receipt = await OnceAsync(owner, "получен платёж 500,00 UAH");
        Assert.Contains("Баланс сейчас: <strong>500,00 UAH</strong>", Html(receipt));
        Assert.DoesNotContain("банковским переводом", Html(receipt));
        await OnceAsync(admin, "получен платёж 500,00 UAH");
    }

    [Fact]
    public async Task G1_an_offline_payment_an_issued_invoice_and_its_payment_from_the_balance_are_each_emailed_once_in_ukrainian()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var (owner, _) = await MailboxesAsync(app, account, "uk");
        await app.FundAsync(account, 120_000, "wire-42");
        await app.FundAsync(account, 120_000, "wire-42"); // the same transfer recorded twice: applied and receipted once
        var receipt = await OnceAsync(owner, "отримано платіж 1\u00a0200,00 UAH");
        Assert.Contains("банківським переказом", Html(receipt));

        var today = LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        var issued = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount = 5_000, description = "Акт за листопад", dueDate = today.AddDays(10).ToString("yyyy-MM-dd"), prepaid = false, externalErp = false,
        })), 201);
        var number = issued["number"]!.GetValue<string>();
        var mail = await OnceAsync(owner, $"рахунок {number} на 50,00 UAH");
        Assert.Contains("Акт за листопад", Html(mail));
        Assert.Contains("Сплатіть його до", Html(mail));

        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{issued["id"]}/pay-from-balance",
            BillingApp.Json(new { actingUserId = "u1", role = "admin" })), 200);
        var paid = await OnceAsync(owner, $"рахунок {number} сплачено з балансу");
        Assert.Contains("1\u00a0150,00 UAH", Html(paid));
    }

    [Fact]
    public async Task G1_a_plan_change_is_emailed_to_the_admins_once_with_its_date()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        var (_, admin) = await MailboxesAsync(app, account, "en");
        await app.ActivateAsync(account);
        await app.FundAsync(account, 500_000, "wire-plan");
        var quote = await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro_plus");
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/plan-change", BillingApp.Json(new
        {
            planId = "pro_plus", confirm = true, quotedCost = quote["cost"]!.GetValue<long>(), actingUserId = "u1", role = "owner",
        })), 200);
        var mail = await OnceAsync(admin, "the plan is now");
        var today = LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        Assert.Contains($"From {today.DayOfWeek}, {today.Day} ", Html(mail));
    }
}
