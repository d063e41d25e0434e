using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>F10 through a real SMS gateway (a local receiver that refuses one number): each message's delivery reaches its run lines, the run's counts and the message itself.</summary>
public sealed class DeliveryStatusTests : IAsyncLifetime
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

    private async Task<JsonNode> SettledRunAsync(string t, string runId, int messages)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await _app.GetAsync($"/api/accounts/{t}/mailing-runs/{runId}");
            if (run["run"]!["sent"]!.GetValue<int>() + run["run"]!["failed"]!.GetValue<int>() >= messages) return run;
            Assert.True(DateTime.UtcNow < deadline, $"deliveries did not end: {run}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task F10_run_lines_say_sent_or_failed_with_the_gateways_error_when_delivery_ends_and_the_run_counts_issued_sent_and_failed_apart()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/message-templates",
            BillingApp.Json(new { name = "SMS", subject = "", body = "{customer.name}: {customer.bills.amount_url}" })), 201);
        var anna = await _app.CreateCustomerAsync(t, "Anna", mobile: "+380501110001");
        var boris = await _app.CreateCustomerAsync(t, "Boris", mobile: GatewayReceiver.InvalidNumber);
        var dana = await _app.CreateCustomerAsync(t, "Dana", mobile: "+380501110004", passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var chris = await _app.CreateCustomerAsync(t, "Chris", email: "chris@example.com");
        var rule = (await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules", BillingApp.Json(new
        {
            name = "Passes by SMS", method = "subscription", accounts = "all", periodType = "current", period = "month", filter = new { }, due = "week1",
            schedule = new { kind = "daily", time = "18:00" }, channel = "sms", templateId = tpl["id"]!.GetValue<string>(),
        })), 201))["id"]!.GetValue<string>();

        var started = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/mailing-rules/{rule}/run", null), 200);
        Assert.Equal((4, 3, 1), (started["issued"]!.GetValue<int>(), started["messages"]!.GetValue<int>(), started["skipped"]!.GetValue<int>()));

        var settled = await SettledRunAsync(t, started["id"]!.GetValue<string>(), 3);
        var run = settled["run"]!;
        Assert.Equal((4, 3, 2, 1, 0), (run["issued"]!.GetValue<int>(), run["messages"]!.GetValue<int>(), run["sent"]!.GetValue<int>(),
            run["failed"]!.GetValue<int>(), run["queued"]!.GetValue<int>()));
        var lines = settled["lines"]!.AsArray().Select(l => l!).ToList();
        JsonNode Line(string customer, string target = "base") =>
            lines.Single(l => l["customerId"]!.GetValue<string>() == customer && l["target"]!.GetValue<string>() == target);

        Assert.Equal("sent", Line(anna)["delivery"]!.GetValue<string>());
        Assert.NotNull(Line(anna)["deliveryEndedAt"]);
        Assert.Null(Line(anna)["deliveryError"]);
        // One message carried both of Dana's invoices: both lines name it and say it was sent.
        Assert.Equal(Line(dana)["messageId"]!.GetValue<string>(), Line(dana, "piano")["messageId"]!.GetValue<string>());
        Assert.Equal(("sent", "sent"), (Line(dana)["delivery"]!.GetValue<string>(), Line(dana, "piano")["delivery"]!.GetValue<string>()));
        Assert.Equal("failed", Line(boris)["delivery"]!.GetValue<string>());
        Assert.Contains("invalid_number", Line(boris)["deliveryError"]!.GetValue<string>());
        Assert.Equal("skipped", Line(chris)["outcome"]!.GetValue<string>());
        Assert.Null(Line(chris)["delivery"]);

        var failed = await _app.GetAsync($"/api/accounts/{t}/messages/{Line(boris)["messageId"]}");
        Assert.Equal(("failed", 1, "sms", GatewayReceiver.InvalidNumber),
            (failed["status"]!.GetValue<string>(), failed["attempts"]!.GetValue<int>(), failed["channel"]!.GetValue<string>(), failed["to"]!.GetValue<string>()));
        Assert.Contains("invalid_number", failed["lastError"]!.GetValue<string>());
        Assert.Equal(started["id"]!.GetValue<string>(), failed["runId"]!.GetValue<string>());
        var sent = await _app.GetAsync($"/api/accounts/{t}/messages/{Line(dana)["messageId"]}");
        Assert.Equal(("sent", 1), (sent["status"]!.GetValue<string>(), sent["attempts"]!.GetValue<int>()));
        Assert.Equal(2, sent["invoiceIds"]!.AsArray().Count);
        Assert.NotNull(sent["sentAt"]);

        Assert.Equal(404, (int)(await _app.Api.GetAsync($"/api/accounts/{t}/messages/msg-nosuchmessage")).StatusCode);
        Assert.Equal(404, (int)(await _app.Api.GetAsync($"/api/accounts/{t}/messages/event-x")).StatusCode);
        var listed = (await _app.GetAsync($"/api/accounts/{t}/mailing-rules/{rule}/runs"))["items"]!.AsArray().Single()!;
        Assert.Equal((2, 1), (listed["sent"]!.GetValue<int>(), listed["failed"]!.GetValue<int>()));
    }

    [Fact]
    public async Task F10_a_message_sent_by_hand_shows_its_delivery()
    {
        var t = await _app.CreateTenantAsync();
        var tpl = await _app.TemplateAsync(t, "{bill.url}", subject: "");
        var c = await _app.CreateCustomerAsync(t, "Boris", mobile: GatewayReceiver.InvalidNumber);
        var inv = await _app.ManualInvoiceAsync(t, c, 10_000);
        var queued = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/{inv["id"]}/send",
            BillingApp.Json(new { channel = "sms", templateId = tpl })), 202);
        Assert.Equal("queued", queued["status"]!.GetValue<string>());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode m;
        while ((m = await _app.GetAsync($"/api/accounts/{t}/messages/{queued["messageId"]}"))["status"]!.GetValue<string>() == "queued")
        {
            Assert.True(DateTime.UtcNow < deadline, m.ToJsonString());
            await Task.Delay(100);
        }
        Assert.Equal("failed", m["status"]!.GetValue<string>());
        Assert.Contains("is not a mobile number", m["lastError"]!.GetValue<string>());
        Assert.Null(m["runId"]);
    }
}
