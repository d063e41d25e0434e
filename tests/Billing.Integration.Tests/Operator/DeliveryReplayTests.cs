using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Operator;

/// <summary>G1, G2, P2: operators see how CRM events and emails were delivered and deliver them again, under the same ids.</summary>
public sealed class DeliveryReplayTests
{
    private static async Task<JsonNode> WaitForStatusAsync(BillingApp app, string path, string id, string idField, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = (await BillingApp.ReadAsync(await app.Admin.GetAsync(path), 200))["items"]!.AsArray().SingleOrDefault(i => i![idField]!.GetValue<string>() == id);
            if (found?["status"]!.GetValue<string>() == status) return found;
            Assert.True(DateTime.UtcNow < deadline, $"{id} did not become {status}: {found}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task P2_a_crm_event_replayed_alone_or_in_a_range_reaches_the_crm_again_under_the_same_id()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var start = app.Clock.GetUtcNow().AddMinutes(-1);
        var a = await app.CreateActiveAccountAsync(seats: 1);
        var b = await app.CreateActiveAccountAsync(seats: 1);
        await app.FundAsync(a, 50_000, "wire-e1");
        var first = Assert.Single(await receiver.WaitForAsync(a, "invoice_paid", 1));
        var eventId = first["id"]!.GetValue<string>();
        var delivered = await WaitForStatusAsync(app, $"/api/operator/events?accountId={a}", eventId, "eventId", "delivered");
        Assert.Equal(("invoice_paid", 1), (delivered["type"]!.GetValue<string>(), delivered["attempts"]!.GetValue<int>()));

        var replayed = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/events/{eventId}/replay", null), 200);
        Assert.Equal(eventId, replayed["eventId"]!.GetValue<string>());
        var twice = await receiver.WaitForAsync(a, "invoice_paid", 2);
        Assert.Equal([eventId, eventId], twice.Select(e => e["id"]!.GetValue<string>()).ToArray());
        Assert.Equal(first["data"]!.ToJsonString(), twice[1]["data"]!.ToJsonString());
        await WaitForStatusAsync(app, $"/api/operator/events?accountId={a}&status=delivered", eventId, "eventId", "delivered");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.FundAsync(b, 40_000, "wire-e2");
        var eventB = Assert.Single(await receiver.WaitForAsync(b, "invoice_paid", 1))["id"]!.GetValue<string>();
        var end = app.Clock.GetUtcNow().AddMinutes(1);
        // Every account's deliveries of the range, newest first (the pointers), then all of them again.
        var range = $"from={Uri.EscapeDataString(start.ToString("o"))}&to={Uri.EscapeDataString(end.ToString("o"))}";
        var listed = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/events?{range}"), 200))["items"]!.AsArray();
        Assert.Equal([eventB, eventId], listed.Select(e => e!["eventId"]!.GetValue<string>()).ToArray());
        var all = await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/events/replay",
            BillingApp.Json(new { from = start, to = end, operatorId = "op-anna", reason = "CRM outage" })), 200);
        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal(3, (await receiver.WaitForAsync(a, "invoice_paid", 3)).Count(e => e["id"]!.GetValue<string>() == eventId));
        Assert.Equal(2, (await receiver.WaitForAsync(b, "invoice_paid", 2)).Count(e => e["id"]!.GetValue<string>() == eventB));
        // One account's range.
        var onlyB = await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/events/replay",
            BillingApp.Json(new { accountId = b, from = start, to = end })), 200);
        Assert.Equal([eventB], onlyB["eventIds"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray());
        Assert.Equal(3, (await receiver.WaitForAsync(b, "invoice_paid", 3)).Count);
        Assert.Empty(receiver.Rejected);

        var audit = await app.AuditAsync("&action=event_replay");
        var one = Assert.Single(audit);
        Assert.Equal((a, eventId), (one["accountId"]!.GetValue<string>(), one["target"]!.GetValue<string>()));
        Assert.Equal("delivered", one["before"]!["status"]!.GetValue<string>());
        Assert.Equal("pending", one["after"]!["status"]!.GetValue<string>());
        var ranges = await app.AuditAsync("&action=event_range_replay");
        Assert.Equal(2, ranges.Count);
        Assert.Equal("CRM outage", ranges.Single(e => e["accountId"] is null)["reason"]!.GetValue<string>());
        Assert.Equal(1, ranges.Single(e => e["accountId"] is not null)["after"]!["count"]!.GetValue<int>());

        // Unknown ids and unbounded ranges are refused before anything is queued.
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        Assert.Equal(404, (int)(await app.Admin.PostAsync($"/api/operator/events/{a}.event-nothing-here/replay", null)).StatusCode);
        Assert.Equal(404, (int)(await app.Admin.PostAsync("/api/operator/events/not-an-event/replay", null)).StatusCode);
        Assert.Equal("range_too_long", (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/events/replay",
            BillingApp.Json(new { from = start.AddDays(-40), to = end })), 400))["code"]!.GetValue<string>());
        Assert.Equal("range_invalid", (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/events/replay",
            BillingApp.Json(new { from = end, to = start })), 400))["code"]!.GetValue<string>());
        Assert.Equal("field_missing", (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/events/replay",
            BillingApp.Json(new { from = start })), 400))["code"]!.GetValue<string>());
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    [Fact]
    public async Task P2_an_accounts_email_is_listed_with_its_delivery_and_sent_again_on_request()
    {
        await using var app = await BillingApp.StartAsync();
        var owner = $"owner-{Guid.NewGuid():N}@test.example";
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { ownerEmail = owner })), 200);
        await app.FundAsync(account, 50_000, "wire-m1");
        var mail = Assert.Single(await MailDev.WaitForAsync(owner, 1));

        var messages = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/accounts/{account}/messages"), 200))["items"]!.AsArray();
        var receipt = Assert.Single(messages)!;
        Assert.Equal(("email", "payment_received"), (receipt["channel"]!.GetValue<string>(), receipt["type"]!.GetValue<string>()));
        Assert.Equal([owner], receipt["to"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        var id = receipt["id"]!.GetValue<string>();
        await WaitForStatusAsync(app, $"/api/operator/accounts/{account}/messages", id, "id", "delivered");

        var resent = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{account}/messages/{id}/resend",
            BillingApp.Json(new { operatorId = "op-anna", reason = "The owner did not receive it" })), 200);
        Assert.Equal("pending", resent["status"]!.GetValue<string>());
        var both = await MailDev.WaitForAsync(owner, 2);
        Assert.Equal(2, both.Count);
        Assert.All(both, m => Assert.Equal(mail["subject"]!.GetValue<string>(), m["subject"]!.GetValue<string>()));
        var again = await WaitForStatusAsync(app, $"/api/operator/accounts/{account}/messages?status=delivered", id, "id", "delivered");
        Assert.Equal(1, again["attempts"]!.GetValue<int>());

        var entry = Assert.Single(await app.AuditAsync($"&accountId={account}&action=message_resend"));
        Assert.Equal((id, "The owner did not receive it", "op-anna"),
            (entry["target"]!.GetValue<string>(), entry["reason"]!.GetValue<string>(), entry["who"]!["name"]!.GetValue<string>()));
        Assert.Equal("delivered", entry["before"]!["status"]!.GetValue<string>());
        // An event is not a message of this list, and an unknown message is not found.
        var eventRow = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/events?accountId={account}"), 200))["items"]![0]!["eventId"]!.GetValue<string>();
        Assert.Equal(404, (int)(await app.Admin.PostAsync($"/api/operator/accounts/{account}/messages/{eventRow.Split('.')[1]}/resend", null)).StatusCode);
        Assert.Equal(404, (int)(await app.Admin.PostAsync($"/api/operator/accounts/{account}/messages/mail-nothing/resend", null)).StatusCode);
    }
}
