using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Http.Endpoints;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Operator;

/// <summary>
/// P2 over HTTP: every operator write leaves exactly one audit entry saying who (the key and the person), what, on which
/// account, and what changed; the log is read only (no route changes it, no job sweeps it) and searchable by account, action
/// and time, newest first and paged.
/// </summary>
public sealed class OperatorAuditTests
{
    private static Task<HttpResponseMessage> Post(HttpClient c, string path, object body) => c.PostAsync(path, BillingApp.Json(body));

    [Fact]
    public async Task P2_every_existing_operator_write_leaves_one_audit_entry_with_who_what_before_and_after()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        // A CRM caller's writes are the tenant's, not an operator's: no entry.
        await SandboxPayments.TopUpAsync(app, account, 20_000);

        var offline = new HttpRequestMessage(HttpMethod.Post, $"/api/operator/accounts/{account}/offline-payments")
        {
            Content = BillingApp.Json(new { amount = 300_000, currency = "UAH", reference = "wire-77", operatorId = "op-anna" }),
        };
        offline.Headers.Add("Idempotency-Key", "wire-77-key");
        await BillingApp.ReadAsync(await app.Admin.SendAsync(offline), 200);
        var funded = await app.BalanceAsync(account);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await BillingApp.ReadAsync(await app.AdjustAsync(account, -5_000, "Double charge on 2026-11-01"), 201);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var invoice = (await BillingApp.ReadAsync(await Post(app.Erp, $"/api/accounts/{account}/invoices",
            new { kind = "postpaid", amount = 7_000, description = "Act 2026-11", dueDate = "2026-11-30", prepaid = false }), 201))["id"]!.GetValue<string>();
        await BillingApp.ReadAsync(await Post(app.Admin, $"/api/operator/accounts/{account}/invoices/{invoice}/complete", new { operatorId = "op-anna" }), 200);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var (_, payment, _) = await app.PaidBySandboxAsync(account, 20_000);
        await BillingApp.ReadAsync(await Post(app.Admin, $"/api/operator/accounts/{account}/payments/{payment}/refund",
            new { amount = 5_000, reason = "the customer asked", operatorId = "op-anna" }), 202);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var key = await BillingApp.ReadAsync(await Post(app.Admin, "/api/operator/api-keys", new { role = "crm", accountId = account, name = "tenant integration" }), 201);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/operator/api-keys/{key["id"]}")).StatusCode);
        var run = await BillingApp.ReadAsync(await app.StartJobAsync(JobNames.OutboxSweep, null), 202);
        await app.WaitForRunAsync(run["runId"]!.GetValue<string>());

        var entries = await app.AuditAsync($"&accountId={account}");
        Assert.Equal(["adjustment", "api_key_create", "api_key_revoke", "invoice_completion", "offline_payment", "refund"],
            entries.Select(e => e.Action()).Order(StringComparer.Ordinal).ToArray());
        Assert.All(entries, e =>
        {
            Assert.Equal(account, e["accountId"]!.GetValue<string>());
            Assert.Equal("cfg-1", e["who"]!["keyId"]!.GetValue<string>());
            Assert.Equal("test operator", e["who"]!["keyName"]!.GetValue<string>());
            Assert.StartsWith("aud_", e["id"]!.GetValue<string>());
        });
        JsonNode Of(string action) => entries.Single(e => e.Action() == action);

        var paid = Of("offline_payment");
        Assert.Equal("op-anna", paid["who"]!["name"]!.GetValue<string>());
        Assert.Equal(0, paid["before"]!["balance"]!.GetValue<long>());
        Assert.Equal(funded, paid["after"]!["balance"]!.GetValue<long>());
        Assert.Equal("credited", paid["after"]!["outcome"]!.GetValue<string>());
        Assert.Equal("wire-77-key", paid["idempotencyKey"]!.GetValue<string>());

        var adjusted = Of("adjustment");
        Assert.Equal("Double charge on 2026-11-01", adjusted["reason"]!.GetValue<string>());
        Assert.Equal(funded, adjusted["before"]!["balance"]!.GetValue<long>());
        Assert.Equal(funded - 5_000, adjusted["after"]!["balance"]!.GetValue<long>());

        var completed = Of("invoice_completion");
        Assert.Equal(invoice, completed["target"]!.GetValue<string>());
        Assert.Equal("awaiting_payment", completed["before"]!["status"]!.GetValue<string>());
        Assert.Equal("paid_from_balance", completed["after"]!["status"]!.GetValue<string>());
        Assert.Equal(completed["before"]!["balance"]!.GetValue<long>() - 7_000, completed["after"]!["balance"]!.GetValue<long>());

        var refund = Of("refund");
        Assert.Equal(payment, refund["target"]!.GetValue<string>());
        Assert.Equal("the customer asked", refund["reason"]!.GetValue<string>());
        Assert.Equal(5_000, refund["after"]!["requested"]!.GetValue<long>());
        Assert.Equal(0, refund["before"]!["requested"]!.GetValue<long>());

        Assert.Equal(key["id"]!.GetValue<string>(), Of("api_key_create")["target"]!.GetValue<string>());
        Assert.Equal("crm", Of("api_key_create")["after"]!["role"]!.GetValue<string>());
        Assert.Equal("crm", Of("api_key_revoke")["before"]!["role"]!.GetValue<string>());
        Assert.DoesNotContain(key["key"]!.GetValue<string>(), string.Join("", entries.Select(e => e.ToJsonString())));

        // A job run is no account's: it is in the global log, with the run it started.
        var job = Assert.Single(await app.AuditAsync("&action=job_start"));
        Assert.Equal(run["runId"]!.GetValue<string>(), job["target"]!.GetValue<string>());
        Assert.Null(job["accountId"]);
        Assert.Equal("outbox-sweep", job["after"]!["job"]!.GetValue<string>());
        // The global log holds every entry once: the account's six and the run.
        Assert.Equal(7, (await app.AuditAsync()).Count);
    }

    [Fact]
    public async Task P2_a_restore_records_its_entry_in_the_same_commit_with_the_state_before_and_after()
    {
        await using var app = await BillingApp.StartAsync();
        var account = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        app.Clock.Advance(TimeSpan.FromDays(41));
        await app.RunJobAsync(JobNames.Deletion);
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("deleted", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());

        await BillingApp.ReadAsync(await Post(app.Admin, $"/api/operator/accounts/{account}/restore", new { operatorId = "op-ivan" }), 200);
        var restore = Assert.Single(await app.AuditAsync($"&accountId={account}"));
        Assert.Equal("account_restore", restore.Action());
        Assert.Equal("op-ivan", restore["who"]!["name"]!.GetValue<string>());
        Assert.Equal("deleted", restore["before"]!["state"]!.GetValue<string>());
        Assert.Equal("trial", restore["after"]!["state"]!.GetValue<string>());
        // A refused restore (the account is no longer deleted) writes nothing, audit included.
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        Assert.Equal("account_not_deleted", (await BillingApp.ReadAsync(await Post(app.Admin, $"/api/operator/accounts/{account}/restore", new { operatorId = "op-ivan" }), 409))["code"]!.GetValue<string>());
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.Single(await app.AuditAsync($"&accountId={account}"));
    }

    [Fact]
    public async Task P2_the_audit_log_cannot_be_changed_through_any_route_nor_swept_by_a_job()
    {
        Assert.Equal(["GET"], EndpointTable.All.Where(e => e.Route.StartsWith("operator/audit", StringComparison.Ordinal)).Select(e => e.Method).ToArray());
        await using var app = await BillingApp.StartAsync(new BillingApp { MaxAsOfAheadDays = 800 });
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.AdjustAsync(account, 10_000, "Goodwill credit"), 201);
        var entry = Assert.Single(await app.AuditAsync($"&accountId={account}"));
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);

        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), "/api/operator/audit") { Content = BillingApp.Json(new { id = entry["id"]!.GetValue<string>() }) };
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await app.Admin.SendAsync(request)).StatusCode);
            var one = new HttpRequestMessage(new HttpMethod(method), $"/api/operator/audit/{entry["id"]}") { Content = BillingApp.Json(new { reason = "x" }) };
            Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.SendAsync(one)).StatusCode);
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));

        // Two years on, the retention sweep forgets keys and notifications, never the audit.
        await app.RunJobAsync(JobNames.RetentionSweep, app.Clock.GetUtcNow().AddDays(730));
        await app.RunJobAsync(JobNames.OperatorIndex, app.Clock.GetUtcNow().AddDays(730));
        Assert.Equal(entry.ToJsonString(), Assert.Single(await app.AuditAsync($"&accountId={account}")).ToJsonString());
        Assert.Equal(entry.ToJsonString(), Assert.Single(await app.AuditAsync("&action=adjustment")).ToJsonString());
        Assert.Equal(2, (await app.AuditAsync("&action=job_start")).Count); // the two runs started by hand are operator actions too
    }

    [Fact]
    public async Task P2_the_audit_is_searched_by_account_action_and_time_newest_first_and_paged()
    {
        await using var app = await BillingApp.StartAsync();
        var a = await app.CreateActiveAccountAsync(seats: 1);
        var b = await app.CreateActiveAccountAsync(seats: 1);
        var start = app.Clock.GetUtcNow();
        for (var i = 1; i <= 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await BillingApp.ReadAsync(await app.AdjustAsync(a, 1_000 * i, $"credit {i}"), 201);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.FundAsync(a, 50_000, "wire-a");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await BillingApp.ReadAsync(await app.AdjustAsync(b, 700, "credit b"), 201);

        // One account's, newest first, two a page.
        var first = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/audit?accountId={a}&action=adjustment&pageSize=2"), 200);
        Assert.Equal(["credit 5", "credit 4"], first["items"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>()).ToArray());
        var paged = await app.AuditAsync($"&accountId={a}&action=adjustment", pageSize: 2);
        Assert.Equal(["credit 5", "credit 4", "credit 3", "credit 2", "credit 1"], paged.Select(e => e["reason"]!.GetValue<string>()).ToArray());
        Assert.Equal(["offline_payment"], (await app.AuditAsync($"&accountId={a}&action=offline_payment")).Select(e => e.Action()).ToArray());
        Assert.Equal(6, (await app.AuditAsync($"&accountId={a}")).Count);

        // Every account's, by action and time.
        var all = await app.AuditAsync("&action=adjustment", pageSize: 4);
        Assert.Equal(6, all.Count);
        Assert.Equal(b, all[0]["accountId"]!.GetValue<string>());
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First["at"]!.GetValue<DateTimeOffset>() >= p.Second["at"]!.GetValue<DateTimeOffset>()));
        var window = $"&from={Uri.EscapeDataString(start.AddMinutes(2).ToString("o"))}&to={Uri.EscapeDataString(start.AddMinutes(4).ToString("o"))}";
        Assert.Equal(["credit 4", "credit 3", "credit 2"], (await app.AuditAsync("&action=adjustment" + window)).Select(e => e["reason"]!.GetValue<string>()).ToArray());
        Assert.Equal(3, (await app.AuditAsync($"&accountId={a}&action=adjustment" + window)).Count);

        // A token pages only its own query; bad values are 4xx problems.
        var token = first["continuationToken"]!.GetValue<string>();
        Assert.Equal("invalid_continuation_token", (await BillingApp.ReadAsync(await app.Admin.GetAsync(
            $"/api/operator/audit?accountId={b}&action=adjustment&pageSize=2&continuationToken={Uri.EscapeDataString(token)}"), 400))["code"]!.GetValue<string>());
        Assert.Equal("invalid_continuation_token", (await BillingApp.ReadAsync(await app.Admin.GetAsync(
            $"/api/operator/audit?continuationToken={Uri.EscapeDataString(token)}"), 400))["code"]!.GetValue<string>());
        Assert.Equal("field_invalid", (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/audit?action=delete_everything"), 400))["code"]!.GetValue<string>());
        Assert.Equal(404, (int)(await app.Admin.GetAsync("/api/operator/audit?accountId=acc_doesnotexist")).StatusCode);
    }

    [Fact]
    public async Task P2_crm_and_erp_keys_get_403_on_every_operator_console_route()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var console = EndpointTable.All.Where(e => e.Name is "OperatorAuditList" or "OperatorAdjustment" or "OperatorAccountSearch" or "OperatorFlaggedPaymentList"
            or "OperatorFlaggedPaymentResolve" or "OperatorEventList" or "OperatorEventReplay" or "OperatorEventRangeReplay" or "OperatorMessageList"
            or "OperatorMessageResend").ToList();
        Assert.Equal(10, console.Count);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        foreach (var e in console)
            foreach (var client in new[] { app.Api, app.Erp })
            {
                var path = "/api/" + System.Text.RegularExpressions.Regex.Replace(e.Route, @"\{(\w+)\}", m => m.Groups[1].Value == "accountId" ? account : "x1");
                var request = new HttpRequestMessage(new HttpMethod(e.Method), path);
                if (e.Method != "GET") request.Content = BillingApp.Json(new { amount = 100, currency = "UAH", reason = "r" });
                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{e.Name}: {(int)response.StatusCode}");
                Assert.Equal("key_role", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
            }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.Empty(await app.AuditAsync());
    }
}
