using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>
/// F8, F9 over HTTP on a deployment without SMS gateway or Telegram bot: rules round-trip through GET and PUT, follow the
/// tenant's time zone, bill "next" periods as the help page says; templates for SMS need no subject; channels that
/// cannot send are refused when a rule or a send is made.
/// </summary>
public sealed class MailingRuleTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)), // Monday, 10:00 in Kyiv
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Mail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private async Task<JsonNode> CreateRuleAsync(string t, object body, int expected = 201) =>
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules", BillingApp.Json(body)), expected);

    private static object Rule(string templateId, object schedule, string channel = "email", string method = "subscription", string periodType = "current",
        object? filter = null) => new
    {
        name = "Passes", method, accounts = "base", periodType, period = "month", filter = filter ?? new { }, due = "week1", repeatable = false,
        issueWhenUnpaid = false, schedule, channel, templateId,
    };

    [Fact]
    public async Task F8_a_rule_as_get_returns_it_can_be_put_back_unchanged()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}");
        var created = await CreateRuleAsync(t, new
        {
            name = "Every Friday", enabled = true, method = "forecast", accounts = "all", periodType = "next", period = "week",
            filter = new
            {
                statuses = new[] { "active", "paused" }, types = new[] { "individual" }, subject = "guitar", lessonType = "individual",
                lessonsLeft = new { from = 1, to = 3 }, moneyLeft = new { to = 50_000 }, attendedInLast30Days = true, hasLessonToday = false,
            },
            due = "end_of_next_month", repeatable = true, issueWhenUnpaid = true,
            schedule = new { kind = "weekly", time = "09:30", weekday = "friday" }, channel = "email", templateId = tpl,
        });
        var id = created["id"]!.GetValue<string>();
        var read = await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{id}");

        var put = await _app.Api.PutAsync($"/api/accounts/{t}/mailing-rules/{id}", new StringContent(read.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var saved = await BillingApp.ReadAsync(put, 200);
        var again = await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{id}");
        foreach (var node in new[] { read, saved, again }) node.AsObject().Remove("updatedAt");
        Assert.Equal(read.ToJsonString(), saved.ToJsonString());
        Assert.Equal(read.ToJsonString(), again.ToJsonString());

        // A body naming another rule is refused rather than silently saved under the route's id.
        var other = read.DeepClone().AsObject();
        other["id"] = "rule_other";
        var refused = await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/mailing-rules/{id}",
            new StringContent(other.ToJsonString(), System.Text.Encoding.UTF8, "application/json")), 400);
        Assert.Equal("rule_id_mismatch", refused["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task F8_a_time_zone_change_moves_every_rules_next_run_to_the_same_local_time_in_the_new_zone()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}");
        await _app.CreateCustomerAsync(t, "Anna", email: Mail("anna"));
        var daily = (await CreateRuleAsync(t, Rule(tpl, new { kind = "daily", time = "11:00" })))["id"]!.GetValue<string>();
        var weekly = (await CreateRuleAsync(t, Rule(tpl, new { kind = "weekly", time = "12:00", weekday = "wednesday" })))["id"]!.GetValue<string>();
        async Task<DateTimeOffset> NextRun(string rule) =>
            (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}"))["nextRunAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T09:00:00Z"), await NextRun(daily));   // 11:00 in Kyiv (UTC+2)
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T10:00:00Z"), await NextRun(weekly));  // Wednesday 12:00 in Kyiv

        await BillingApp.ReadAsync(await _app.Api.PatchAsync($"/api/accounts/{t}/settings", BillingApp.Json(new { timeZone = "Europe/Warsaw" })), 200);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00Z"), await NextRun(daily));   // 11:00 in Warsaw (UTC+1)
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T11:00:00Z"), await NextRun(weekly));
        var listed = (await _app.GetAsync($"/api/accounts/{t}/mailing-rules"))["items"]!.AsArray();
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00Z"), listed.Single(r => r!["id"]!.GetValue<string>() == daily)!["nextRunAt"]!.GetValue<DateTimeOffset>());

        // The timer follows the new zone: nothing at 11:00 Kyiv time, the run at 11:00 Warsaw time.
        _app.Clock.Advance(TimeSpan.FromMinutes(75)); // 09:15Z
        await _app.RunJobAsync("customer-mailing", _app.Clock.GetUtcNow());
        Assert.Empty((await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{daily}/runs"))["items"]!.AsArray());
        _app.Clock.Advance(TimeSpan.FromMinutes(45)); // 10:00Z
        await _app.RunJobAsync("customer-mailing", _app.Clock.GetUtcNow());
        var run = (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{daily}/runs"))["items"]!.AsArray().Single()!;
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00Z"), run["occurrence"]!.GetValue<DateTimeOffset>());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T10:00:00Z"), await NextRun(daily));
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T11:00:00Z"), await NextRun(weekly));
    }

    [Fact]
    public async Task F8_next_period_spans_the_current_and_the_following_month_and_the_forecast_counts_lessons_over_it()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.amount_url}");
        var c = await _app.CreateCustomerAsync(t, "Anna", email: Mail("anna"));
        var lessons = new[] { "2026-11-05", "2026-11-26", "2026-12-10", "2026-12-24", "2027-01-05" }.Select(d => new { date = d, passId = "guitar" }).ToArray();
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customers/{c}/lessons", BillingApp.Json(new { lessons })), 200);
        var rule = (await CreateRuleAsync(t, Rule(tpl, new { kind = "daily", time = "18:00" }, method: "forecast", periodType: "next")))["id"]!.GetValue<string>();

        var run = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal(("2026-11-01", "2026-12-31"), (run["periodStart"]!.GetValue<string>(), run["periodEnd"]!.GetValue<string>()));
        var line = (await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{run["id"]}"))["lines"]!.AsArray().Single()!;
        var invoice = await _app.CustomerInvoiceAsync(t, line["invoiceId"]!.GetValue<string>());
        Assert.Equal(("2026-11-01", "2026-12-31"), (invoice["periodStart"]!.GetValue<string>(), invoice["periodEnd"]!.GetValue<string>()));
        // Four lessons from 1 November to 31 December (not the one in January) at 1000.00 / 4 each.
        Assert.Equal(100_000, invoice["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task F10_without_an_sms_gateway_a_rule_or_a_send_by_sms_is_refused_when_made_and_nothing_is_written()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}");
        var refused = await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules", BillingApp.Json(Rule(tpl, new { kind = "daily", time = "10:00" }, channel: "sms")));
        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sms_gateway_not_configured", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        var telegram = await CreateRuleAsync(t, Rule(tpl, new { kind = "daily", time = "10:00" }, channel: "telegram"), 422);
        Assert.Equal("telegram_bot_not_configured", telegram["code"]!.GetValue<string>());
        Assert.Empty((await _app.GetAsync($"/api/accounts/{t}/mailing-rules"))["items"]!.AsArray());

        var email = (await CreateRuleAsync(t, Rule(tpl, new { kind = "daily", time = "10:00" })))["id"]!.GetValue<string>();
        var toSms = await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/mailing-rules/{email}",
            BillingApp.Json(Rule(tpl, new { kind = "daily", time = "10:00" }, channel: "sms"))), 422);
        Assert.Equal("sms_gateway_not_configured", toSms["code"]!.GetValue<string>());
        Assert.Equal("email", (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{email}"))["channel"]!.GetValue<string>());

        var c = await _app.CreateCustomerAsync(t, "Anna", mobile: "+380501112233");
        var inv = await _app.ManualInvoiceAsync(t, c, 10_000);
        var send = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/{inv["id"]}/send",
            BillingApp.Json(new { channel = "sms", templateId = tpl })), 422);
        Assert.Equal("sms_gateway_not_configured", send["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task F9_a_template_without_subject_is_saved_a_spaced_tag_is_refused_and_an_email_gets_a_subject_in_the_tenant_language()
    {
        var t = await _app.CreateTenantAsync("uk");
        var sms = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/message-templates",
            BillingApp.Json(new { name = "SMS", subject = "", body = "{customer.name}, {bill.amount_url}" })), 201);
        Assert.Equal("", sms["subject"]!.GetValue<string>());
        var updated = await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/message-templates/{sms["id"]}",
            BillingApp.Json(new { name = "SMS", subject = "", body = "{bill.url}" })), 200);
        Assert.Equal("{bill.url}", updated["body"]!.GetValue<string>());

        var spaced = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/message-templates",
            BillingApp.Json(new { name = "Spaced", subject = "", body = "Pay here: { bill.url }" })), 422);
        Assert.Equal("template_tag_unknown", spaced["code"]!.GetValue<string>());
        Assert.Contains("{ bill.url }", spaced["detail"]!.GetValue<string>());
        Assert.Single((await _app.GetAsync($"/api/accounts/{t}/message-templates"))["items"]!.AsArray());

        var email = Mail("olena");
        var c = await _app.CreateCustomerAsync(t, "Олена", email: email);
        var inv = await _app.ManualInvoiceAsync(t, c, 45_000);
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/{inv["id"]}/send",
            BillingApp.Json(new { channel = "email", templateId = sms["id"]!.GetValue<string>() })), 202);
        var mail = (await MailDev.WaitForAsync(email, 1)).Single();
        Assert.Equal("Рахунок від Music school", mail["subject"]!.GetValue<string>());
    }
}
