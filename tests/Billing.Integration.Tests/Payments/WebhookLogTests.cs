using System.Text;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>
/// B10 over HTTP: every notification to a provider of ours is kept in the raw webhook log with its verification result, its
/// claim and our outcome, refused ones too; operators (only) read it a UTC day at a time, newest first, paged; the retention
/// sweep deletes entries past <c>Payments:WebhookLogRetentionDays</c> by its run's asOf.
/// </summary>
public sealed class WebhookLogTests
{
    /// <summary>The log of the UTC day of <paramref name="at"/>, newest first, every page followed.</summary>
    public static async Task<List<JsonNode>> EntriesAsync(BillingApp app, DateTimeOffset at, string query = "")
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks?day={at.UtcDateTime:yyyy-MM-dd}&pageSize=500{query}"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))), 200);
            all.AddRange(page["items"]!.AsArray().Select(n => n!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return all;
    }

    private static Task<HttpResponseMessage> PostAsync(BillingApp app, string body, string? signature, string provider = "sandbox")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{provider}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("Sandbox-Signature", signature);
        return app.Anonymous.SendAsync(request);
    }

    [Fact]
    public async Task B10_B4_a_rejected_and_an_accepted_notification_are_both_logged_with_their_verification_claim_and_outcome()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var (invoice, checkoutUrl, total, _) = await SandboxPayments.TopUpAsync(app, account, 25_000);
        var body = SandboxPayments.SandboxEvent(checkoutUrl.Split('/')[^1], account, invoice, total, "UAH");

        var forged = WebhookSignature.Sign(body, "not-the-sandbox-secret-0000", app.Clock.GetUtcNow());
        Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(await PostAsync(app, body, forged), 400))["code"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var signature = WebhookSignature.Sign(body, BillingApp.WebhookSecret, app.Clock.GetUtcNow());
        Assert.Equal("credited", (await BillingApp.ReadAsync(await PostAsync(app, body, signature), 200))["outcome"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("already_applied", (await BillingApp.ReadAsync(await PostAsync(app, body, signature), 200))["outcome"]!.GetValue<string>());
        // A name that is no provider of ours is not logged.
        Assert.Equal(404, (int)(await PostAsync(app, body, signature, provider: "paypal")).StatusCode);

        var log = await EntriesAsync(app, app.Clock.GetUtcNow());
        Assert.Equal(["already_applied", "credited", "webhook_rejected"], log.Select(e => e["outcome"]!.GetValue<string>()));
        Assert.Equal(["verified", "verified", "rejected"], log.Select(e => e["verification"]!.GetValue<string>()));
        Assert.Equal([200, 200, 400], log.Select(e => e["status"]!.GetValue<int>()));
        Assert.All(log, e => Assert.Equal((account, invoice, "sandbox"),
            (e["claimedAccountId"]!.GetValue<string>(), e["claimedInvoiceId"]!.GetValue<string>(), e["provider"]!.GetValue<string>())));
        var rejected = log[2];
        Assert.Contains("signature", rejected["reason"]!.GetValue<string>());
        Assert.Null(rejected["verifiedWith"]);
        Assert.Null(rejected["eventId"]);
        Assert.Equal(("vendor", "payment_succeeded"), (log[1]["verifiedWith"]!.GetValue<string>(), log[1]["eventType"]!.GetValue<string>()));
        Assert.Equal(log[0]["eventId"]!.GetValue<string>(), log[1]["eventId"]!.GetValue<string>());

        var detail = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks/{rejected["id"]!.GetValue<string>()}"), 200);
        Assert.Equal(body, detail["body"]!.GetValue<string>());
        Assert.Equal("utf-8", detail["bodyEncoding"]!.GetValue<string>());
        Assert.Equal(forged, detail["headers"]!["Sandbox-Signature"]!.GetValue<string>());
        Assert.StartsWith("application/json", detail["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal(["Content-Type", "Sandbox-Signature"], detail["headers"]!.AsObject().Select(h => h.Key).Order());
        Assert.Equal(rejected.ToJsonString(), detail["summary"]!.ToJsonString());
    }

    [Fact]
    public async Task B10_S2_an_oversized_or_unreadable_notification_is_refused_and_still_logged_with_what_came()
    {
        await using var app = await BillingApp.StartAsync();
        var huge = "{\"id\":\"" + new string('x', 70_000) + "\"}";
        Assert.Equal("body_too_large", (await BillingApp.ReadAsync(await PostAsync(app, huge, "t=1,v1=00"), 413))["code"]!.GetValue<string>());
        var notUtf8 = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new ByteArrayContent([0x7b, 0xff, 0xfe, 0x7d]) };
        Assert.Equal("body_not_utf8", (await BillingApp.ReadAsync(await app.Anonymous.SendAsync(notUtf8), 400))["code"]!.GetValue<string>());

        var log = await EntriesAsync(app, app.Clock.GetUtcNow());
        Assert.Equal(["body_not_utf8", "body_too_large"], log.Select(e => e["outcome"]!.GetValue<string>()).Order());
        var tooLarge = log.Single(e => e["outcome"]!.GetValue<string>() == "body_too_large");
        Assert.Equal(huge.Length, tooLarge["bodyBytes"]!.GetValue<long>());
        var kept = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks/{tooLarge["id"]!.GetValue<string>()}"), 200);
        Assert.True(kept["bodyTruncated"]!.GetValue<bool>());
        Assert.Equal(WebhookLogEntry.MaxBody, kept["body"]!.GetValue<string>().Length);
        var bytes = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks/{log.Single(e => e["outcome"]!.GetValue<string>() == "body_not_utf8")["id"]!.GetValue<string>()}"), 200);
        Assert.Equal(("base64", Convert.ToBase64String([0x7b, 0xff, 0xfe, 0x7d])), (bytes["bodyEncoding"]!.GetValue<string>(), bytes["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task B10_A4_the_log_lists_a_day_newest_first_in_pages_by_provider_and_refuses_tokens_of_another_list()
    {
        await using var app = await BillingApp.StartAsync();
        var day1 = app.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(app, $"{{\"n\":{i}}}", null);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        await PostAsync(app, "{\"n\":\"next day\"}", null);

        var pages = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks?day={day1:yyyy-MM-dd}&provider=sandbox&pageSize=2"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))), 200);
            pages.Add(page);
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal([2, 2, 1], pages.Select(p => p["items"]!.AsArray().Count));
        var times = pages.SelectMany(p => p["items"]!.AsArray()).Select(e => e!["receivedAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(day1.AddMinutes(4), times[0]);
        var bodies = new List<string>();
        foreach (var e in pages.SelectMany(p => p["items"]!.AsArray()))
            bodies.Add((await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/webhooks/{e!["id"]!.GetValue<string>()}"), 200))["body"]!.GetValue<string>());
        Assert.Equal(["{\"n\":4}", "{\"n\":3}", "{\"n\":2}", "{\"n\":1}", "{\"n\":0}"], bodies);

        Assert.Equal(["{\"n\":\"next day\"}".Length], (await EntriesAsync(app, app.Clock.GetUtcNow())).Select(e => e["bodyBytes"]!.GetValue<long>()));
        Assert.Empty(await EntriesAsync(app, day1, "&provider=stripe"));
        Assert.Equal(day1.UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd"),
            (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/webhooks"), 200))["day"]!.GetValue<string>()); // today by default

        // A page token belongs to its day and provider; a forged one is refused before any read.
        var first = pages[0]["continuationToken"]!.GetValue<string>();
        foreach (var query in new[] { $"day={day1:yyyy-MM-dd}&continuationToken={first}", $"day={day1.AddDays(1):yyyy-MM-dd}&provider=sandbox&continuationToken={first}",
                     $"day={day1:yyyy-MM-dd}&provider=sandbox&continuationToken=Zm9yZ2Vk" })
            Assert.Equal("invalid_continuation_token", (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/webhooks?" + query), 400))["code"]!.GetValue<string>());
        foreach (var query in new[] { "day=28-11-2026", "day=2026-13-01", "provider=Stripe'%20or%20'1", "pageSize=0", "pageSize=501" })
            Assert.Equal(400, (int)(await app.Admin.GetAsync("/api/operator/webhooks?" + query)).StatusCode);
        foreach (var id in new[] { "wh_20261102_0000000000000000000_aaaaaaaaaa", "nope", "wh_x'%20or%20'1" })
            Assert.Equal("webhook_not_found", (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/webhooks/" + id), 404))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task B10_S1_only_operator_keys_read_the_webhook_log()
    {
        await using var app = await BillingApp.StartAsync();
        await PostAsync(app, "{}", null);
        var id = (await EntriesAsync(app, app.Clock.GetUtcNow())).Single()["id"]!.GetValue<string>();
        foreach (var path in new[] { "/api/operator/webhooks", $"/api/operator/webhooks/{id}" })
        {
            Assert.Equal("key_role", (await BillingApp.ReadAsync(await app.Api.GetAsync(path), 403))["code"]!.GetValue<string>());
            Assert.Equal("key_role", (await BillingApp.ReadAsync(await app.Erp.GetAsync(path), 403))["code"]!.GetValue<string>());
            Assert.Equal("key_missing", (await BillingApp.ReadAsync(await app.Anonymous.GetAsync(path), 401))["code"]!.GetValue<string>());
            Assert.Equal(200, (int)(await app.Admin.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task B10_the_retention_sweep_deletes_log_entries_past_the_retention_by_its_runs_asOf_and_nothing_younger()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { MaxAsOfAheadDays = 200 });
        var t0 = app.Clock.GetUtcNow();
        await PostAsync(app, "{\"day\":0}", null);
        app.Clock.Advance(TimeSpan.FromHours(20)); // 06:00 the next UTC day
        await PostAsync(app, "{\"day\":1}", null);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await PostAsync(app, "{\"day\":2}", null);
        async Task<int[]> CountsAsync() => [
            (await EntriesAsync(app, t0)).Count, (await EntriesAsync(app, t0.AddHours(20))).Count, (await EntriesAsync(app, t0.AddHours(44))).Count];
        Assert.Equal(new[] { 1, 1, 1 }, await CountsAsync());

        // 90 days (the default) less a second after the first entry: nothing is due, whatever the clock says.
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(90).AddSeconds(-1));
        Assert.Equal(new[] { 1, 1, 1 }, await CountsAsync());
        var run = await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(90));
        Assert.Equal(new[] { 0, 1, 1 }, await CountsAsync());
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        // The same asOf again deletes nothing more; a later one the next day's entry only.
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(90));
        Assert.Equal(new[] { 0, 1, 1 }, await CountsAsync());
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddHours(20).AddDays(90));
        Assert.Equal(new[] { 0, 0, 1 }, await CountsAsync());
    }

    [Fact]
    public async Task B10_the_log_retention_is_a_setting()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { MaxAsOfAheadDays = 30, Settings = { ["Payments:WebhookLogRetentionDays"] = "7" } });
        var t0 = app.Clock.GetUtcNow();
        await PostAsync(app, "{}", null);
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(7).AddSeconds(-1));
        Assert.Single(await EntriesAsync(app, t0));
        await app.RunJobAsync(JobNames.RetentionSweep, t0.AddDays(7));
        Assert.Empty(await EntriesAsync(app, t0));
    }
}
