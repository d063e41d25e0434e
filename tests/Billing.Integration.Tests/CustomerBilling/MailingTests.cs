using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>F5, F8–F10 on Azurite and maildev: templates, sending by each channel, mailing rules run by hand and by the timer job.</summary>
public sealed class MailingTests : IAsyncLifetime
{
    private readonly GatewayReceiver _gateway = new();
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
        GatewayUrl = _gateway.Url,
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    private static string Mail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task F9_a_template_with_an_unknown_tag_is_refused_naming_it_and_nothing_is_saved()
    {
        var t = await _app.CreateTenantAsync();
        var r = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/message-templates",
            BillingApp.Json(new { name = "Bad", subject = "Hi", body = "Pay {bill.sum} at {bill.url}" })), 422);
        Assert.Equal("template_tag_unknown", r["code"]!.GetValue<string>());
        Assert.Contains("{bill.sum}", r["detail"]!.GetValue<string>());
        Assert.Empty((await _app.GetAsync($"/api/accounts/{t}/message-templates"))["items"]!.AsArray());
    }

    [Fact]
    public async Task F5_an_invoice_is_sent_by_email_sms_and_telegram_and_sms_needs_a_mobile_phone()
    {
        var t = await _app.CreateTenantAsync();
        var email = Mail("olena");
        var withAll = await _app.CreateCustomerAsync(t, "Olena", email: email, mobile: "+380501112233", telegramId: "987654321");
        var emailOnly = await _app.CreateCustomerAsync(t, "Ivan", email: Mail("ivan"));
        var tpl = await _app.TemplateAsync(t, "Dear {customer.name}, pay {bill.amount} for {bill.begin_date}–{bill.end_date}: {bill.url}");
        var inv = await _app.ManualInvoiceAsync(t, withAll, 45_000);
        var id = inv["id"]!.GetValue<string>();
        var url = inv["publicUrl"]!.GetValue<string>();
        foreach (var channel in new[] { "email", "sms", "telegram" })
            await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/{id}/send", BillingApp.Json(new { channel, templateId = tpl })), 202);

        var mails = await MailDev.WaitForAsync(email, 1);
        Assert.Contains(url, mails.Single()["text"]!.GetValue<string>());
        Assert.Equal("Invoice from Olena", mails.Single()["subject"]!.GetValue<string>());
        var sms = (await GatewayReceiver.WaitForAsync(_gateway.Sms, m => m["to"]!.GetValue<string>() == "+380501112233", 1)).Single();
        Assert.Equal("Dear Olena, pay 450.00 UAH for 1 November 2026–30 November 2026: " + url, sms["text"]!.GetValue<string>());
        var tg = (await GatewayReceiver.WaitForAsync(_gateway.Telegram, m => m["chat_id"]!.GetValue<string>() == "987654321", 1)).Single();
        Assert.Contains(url, tg["text"]!.GetValue<string>());

        var other = await _app.ManualInvoiceAsync(t, emailOnly, 10_000);
        var refused = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/{other["id"]}/send",
            BillingApp.Json(new { channel = "sms", templateId = tpl })), 422);
        Assert.Equal("customer_has_no_mobile", refused["code"]!.GetValue<string>());
    }

    private async Task<string> RuleAsync(string t, object filter, string templateId, bool issueWhenUnpaid = false, string accounts = "base",
        string method = "subscription", string due = "days5", string time = "10:00") =>
        (await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules", BillingApp.Json(new
        {
            name = "Monthly passes", method, accounts, periodType = "current", period = "month", filter, due, repeatable = false, issueWhenUnpaid,
            schedule = new { kind = "daily", time }, channel = "email", templateId,
        })), 201))["id"]!.GetValue<string>();

    [Fact]
    public async Task F8_F10_a_rule_issues_and_emails_matching_customers_only_and_records_why_others_were_skipped()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{customer.name}: {bill.amount_url}");
        string a = Mail("a"), b = Mail("b"), d = Mail("d");
        var match = await _app.CreateCustomerAsync(t, "Anna", email: a, passes: [CustomerBillingSupport.Guitar(2)]);
        var lead = await _app.CreateCustomerAsync(t, "Bohdan", email: b, status: "lead", passes: [CustomerBillingSupport.Guitar(2)]);
        var noEmail = await _app.CreateCustomerAsync(t, "Chris", mobile: "+380501112244", passes: [CustomerBillingSupport.Guitar(2)]);
        var unpaid = await _app.CreateCustomerAsync(t, "Dana", email: d, passes: [CustomerBillingSupport.Guitar(2)]);
        var tooMany = await _app.CreateCustomerAsync(t, "Emil", email: Mail("e"), passes: [CustomerBillingSupport.Guitar(9)]);
        await _app.ManualInvoiceAsync(t, unpaid, 1_000);
        var rule = await RuleAsync(t, new { statuses = new[] { "active" }, lessonsLeft = new { from = 1, to = 3 } }, tpl);

        var run = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal(1, run["issued"]!.GetValue<int>());
        Assert.Equal(4, run["skipped"]!.GetValue<int>());
        var lines = (await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{run["id"]}"))["lines"]!.AsArray()
            .ToDictionary(l => l!["customerId"]!.GetValue<string>(), l => l!);
        Assert.Equal("issued", lines[match]["outcome"]!.GetValue<string>());
        Assert.Equal("status_not_matched", lines[lead]["reason"]!.GetValue<string>());
        Assert.Equal("no_contact_for_channel", lines[noEmail]["reason"]!.GetValue<string>());
        Assert.Equal("unpaid_invoice_exists", lines[unpaid]["reason"]!.GetValue<string>());
        Assert.Equal("lessons_left_out_of_range", lines[tooMany]["reason"]!.GetValue<string>());

        var invoice = await _app.CustomerInvoiceAsync(t, lines[match]["invoiceId"]!.GetValue<string>());
        Assert.Equal(100_000, invoice["amount"]!.GetValue<long>());
        Assert.Equal("2026-11-01", invoice["periodStart"]!.GetValue<string>());
        Assert.Equal("2026-11-28", invoice["payableUntil"]!.GetValue<string>());
        var mail = (await MailDev.WaitForAsync(a, 1)).Single();
        Assert.Contains(invoice["publicUrl"]!.GetValue<string>(), mail["text"]!.GetValue<string>());
        Assert.Empty(await MailDev.ToAsync(b));
        Assert.Empty(await MailDev.ToAsync(d));

        // A later run in the same period never issues again (F8): the customer is skipped with the reason.
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var rerun = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal(0, rerun["issued"]!.GetValue<int>());
        var again = (await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{rerun["id"]}"))["lines"]!.AsArray()
            .Single(l => l!["customerId"]!.GetValue<string>() == match)!;
        Assert.Equal("unpaid_invoice_exists", again["reason"]!.GetValue<string>());
        Assert.Single((await _app.GetAsync($"/api/accounts/{t}/customer-invoices?ruleId={rule}"))["items"]!.AsArray());
        Assert.Single(await MailDev.ToAsync(a));
    }

    [Fact]
    public async Task F8_issue_again_when_unpaid_still_issues_once_per_period()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}");
        var c = await _app.CreateCustomerAsync(t, "Anna", email: Mail("a"));
        await _app.ManualInvoiceAsync(t, c, 1_000);
        var rule = await RuleAsync(t, new { }, tpl, issueWhenUnpaid: true);
        var first = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal(1, first["issued"]!.GetValue<int>());
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var second = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        var line = (await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{second["id"]}"))["lines"]!.AsArray().Single()!;
        Assert.Equal("already_issued_for_period", line["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task F8_the_timer_job_runs_a_rule_when_its_local_time_comes_and_schedules_the_next()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{customer.bills.amount_subject_url}");
        var email = Mail("a");
        await _app.CreateCustomerAsync(t, "Anna", email: email, passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var rule = await RuleAsync(t, new { }, tpl, accounts: "all", time: "10:10");
        Assert.Equal("2026-11-23T08:10:00+00:00", (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}"))["nextRunAt"]!.GetValue<string>());

        await _app.RunJobAsync("customer-mailing", _app.Clock.GetUtcNow().AddMinutes(-1));
        Assert.Empty((await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}/runs"))["items"]!.AsArray());

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        await _app.RunJobAsync("customer-mailing", _app.Clock.GetUtcNow());
        var runs = (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}/runs"))["items"]!.AsArray();
        Assert.Equal(2, runs.Single()!["issued"]!.GetValue<int>());
        Assert.Equal("2026-11-24T08:10:00+00:00", (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}"))["nextRunAt"]!.GetValue<string>());
        // One message lists both bills (base account and the piano pass), each with its amount, subject and link.
        var text = (await MailDev.WaitForAsync(email, 1)).Single()["text"]!.GetValue<string>();
        Assert.Contains("1,000.00 UAH (guitar) — http", text);
        Assert.Contains("1,200.00 UAH (piano) — http", text);
    }

    [Fact]
    public async Task F10_each_run_keeps_a_record_and_a_paged_line_per_customer_account()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}");
        for (var i = 0; i < 5; i++) await _app.CreateCustomerAsync(t, $"Customer {i}", email: i % 2 == 0 ? Mail($"c{i}") : null);
        var rule = await RuleAsync(t, new { }, tpl);
        var run = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal((5, 3, 3, 2), (run["customers"]!.GetValue<int>(), run["issued"]!.GetValue<int>(), run["messages"]!.GetValue<int>(), run["skipped"]!.GetValue<int>()));
        Assert.NotNull(run["finishedAt"]);

        var lines = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{run["id"]}?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.True(page["lines"]!.AsArray().Count <= 2);
            lines.AddRange(page["lines"]!.AsArray().Select(l => l!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal(5, lines.Select(l => l["customerId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(lines.Where(l => l["outcome"]!.GetValue<string>() == "issued"), l =>
        {
            Assert.NotNull(l["invoiceNumber"]);
            Assert.NotNull(l["messageId"]);
        });
        Assert.All(lines.Where(l => l["outcome"]!.GetValue<string>() == "skipped"), l => Assert.Equal("no_contact_for_channel", l["reason"]!.GetValue<string>()));
        Assert.Single((await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}/runs"))["items"]!.AsArray());
    }
}
