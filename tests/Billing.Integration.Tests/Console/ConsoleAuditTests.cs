using System.Net;
using System.Text.RegularExpressions;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.Support.SandboxPayments;

namespace Billing.Integration.Tests.Console;

/// <summary>
/// P2 over HTTP, with the operator backend: every action taken in the console (adjustment, offline payment, completion,
/// restore, job run, message resent, event replayed alone and by range, flag closed) is done once per form and leaves one
/// audit entry naming the operator key the console was opened with; the audit page finds them by account, action and time.
/// </summary>
public sealed partial class ConsoleAuditTests
{
    private static string AccountPage(string account) => $"/console/accounts/{account}";

    private static string Location(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.SeeOther, $"{r.RequestMessage?.RequestUri}: {(int)r.StatusCode}");
        return r.Headers.Location!.OriginalString;
    }

    /// <summary>The audit rows of a console audit page: (action, key id, account, target).</summary>
    private static async Task<List<(string Action, string KeyId, string Account, string Target)>> AuditRowsAsync(ConsoleBrowserSession console, string query)
    {
        var (status, html) = await console.GetAsync("/console/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. AuditRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, WebUtility.HtmlDecode(m.Groups[4].Value)))];
    }

    [GeneratedRegex("data-action=\"([a-z_]+)\" data-key-id=\"([^\"]*)\"(?: data-account=\"([^\"]*)\")?(?: data-target=\"([^\"]*)\")?")]
    private static partial Regex AuditRow();

    private static async Task<string> WaitForAsync(ConsoleBrowserSession console, string page, string needle)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, html) = await console.GetAsync(page);
            if (html.Contains(needle, StringComparison.Ordinal)) return html;
            Assert.True(DateTime.UtcNow < deadline, $"{page} never showed {needle}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task P2_every_console_action_is_done_once_and_audited_with_the_operator_key_of_the_session()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var deleted = await ConsoleTests.DeletedAccountAsync(app);
        var owner = $"owner-{Guid.NewGuid():N}@test.example";
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { ownerEmail = owner })), 200);
        var prepaid = await app.CreatePrepaidAccountAsync();
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{prepaid}/settings", BillingApp.Json(new { invoicesFromExternalSystem = true })), 200);
        await app.ActivateAsync(prepaid);
        var renewal = Assert.Single(await app.InvoicesAsync(prepaid, "&kind=renewal"))["id"]!.GetValue<string>();
        await app.FundAsync(prepaid, 300_000, "wire-p1");
        var issued = await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys", BillingApp.Json(new { role = "operator", name = "Anna" })), 201);
        var anna = issued["id"]!.GetValue<string>();
        var console = await ConsoleBrowserSession.SignInAsync(app, issued["key"]!.GetValue<string>());

        // A2: an adjustment posted twice is booked once; the reason is the entry's description.
        var adjust = $"{AccountPage(account)}/adjustments";
        var form = await console.FormAsync(AccountPage(account), adjust);
        var fields = new Dictionary<string, string> { ["amount"] = "250.00", ["reason"] = "Goodwill for the outage" };
        Assert.EndsWith("done=Console.AdjustDone", Location(await console.PostAsync(adjust, form, fields)));
        Assert.EndsWith("done=Console.AdjustDone", Location(await console.PostAsync(adjust, form, fields)));
        Assert.Equal(25_000, await app.BalanceAsync(account));
        Assert.Contains("Goodwill for the outage", (await app.LedgerAsync(account))[0]["description"]!.GetValue<string>());
        // Taking back more than the balance is refused on the page, with the rule's words; nothing is written.
        var below = await console.PostFormAsync(adjust, new Dictionary<string, string> { ["amount"] = "-300", ["reason"] = "Too much" }, AccountPage(account));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, below.StatusCode);
        Assert.Contains("id=\"error\"", await below.Content.ReadAsStringAsync());
        var noReason = await console.PostFormAsync(adjust, new Dictionary<string, string> { ["amount"] = "-1", ["reason"] = " " }, AccountPage(account));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(25_000, await app.BalanceAsync(account));

        // B6: an offline payment: credited, emailed to the owner, told to the CRM. (The clock moves a minute between actions,
        // so the audit log, newest first, lists them in the order they were taken.)
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Location(await console.PostFormAsync($"{AccountPage(account)}/offline-payments",
            new Dictionary<string, string> { ["amount"] = "100", ["reference"] = "wire-a1" }, AccountPage(account)));
        Assert.Equal(35_000, await app.BalanceAsync(account));
        await MailDev.WaitForAsync(owner, 1);
        var paidEvent = Assert.Single(await receiver.WaitForAsync(account, "invoice_paid", 1))["id"]!.GetValue<string>();

        // B7 and E3 on the other accounts.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Location(await console.PostFormAsync($"{AccountPage(prepaid)}/invoices/{renewal}/complete", fromPage: AccountPage(prepaid)));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Location(await console.PostFormAsync($"{AccountPage(deleted)}/restore", fromPage: AccountPage(deleted)));

        // G1: the owner's receipt is listed with its delivery and sent again.
        var page = await WaitForAsync(console, AccountPage(account), "data-status=\"delivered\"");
        var message = Regex.Match(page, "data-message=\"([^\"]+)\" data-status=\"delivered\"").Groups[1].Value;
        var resend = $"{AccountPage(account)}/messages/{message}/resend";
        var resendForm = ConsoleBrowserSession.FormOf(page, resend);
        var mails = (await MailDev.ToAsync(owner)).Count;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.EndsWith("done=Console.ResendDone", Location(await console.PostAsync(resend, resendForm)));
        Assert.EndsWith("done=Console.ResendDone", Location(await console.PostAsync(resend, resendForm)));
        Assert.Equal(mails + 1, (await MailDev.WaitForAsync(owner, mails + 1)).Count);
        await Task.Delay(500);
        Assert.Equal(mails + 1, (await MailDev.ToAsync(owner)).Count); // sent again once, not twice

        // G2: the CRM event, replayed alone from the events page, then with its range.
        var events = await WaitForAsync(console, $"/console/events?account={account}", $"data-event=\"{paidEvent}\" data-type=\"invoice_paid\" data-status=\"delivered\"");
        Assert.Contains("/console/events/" + paidEvent + "/replay", events);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.EndsWith("done=Console.EventReplayed", Location(await console.PostAsync($"/console/events/{paidEvent}/replay",
            ConsoleBrowserSession.FormOf(events, $"/console/events/{paidEvent}/replay"))));
        Assert.Equal(2, (await receiver.WaitForAsync(account, "invoice_paid", 2)).Count(e => e["id"]!.GetValue<string>() == paidEvent));
        var listed = await WaitForAsync(console, $"/console/events?account={account}", $"data-event=\"{paidEvent}\" data-type=\"invoice_paid\" data-status=\"delivered\"");
        var inRange = Regex.Matches(listed, "data-event=\"").Count;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var from = app.Clock.GetUtcNow().AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm");
        var range = await console.PostFormAsync("/console/events/replay", new Dictionary<string, string> { ["account"] = account, ["from"] = from, ["to"] = "" },
            $"/console/events?account={account}");
        var rangeDone = Location(range);
        Assert.Contains($"n={inRange}&", rangeDone);
        var (_, afterRange) = await console.GetAsync(rangeDone);
        Assert.Contains($"{inRange} events were queued again", WebUtility.HtmlDecode(afterRange));
        Assert.Equal(3, (await receiver.WaitForAsync(account, "invoice_paid", 3)).Count(e => e["id"]!.GetValue<string>() == paidEvent));
        // Across every account a range is at most 31 days: the page says so and queues nothing.
        var tooLong = await console.PostFormAsync("/console/events/replay",
            new Dictionary<string, string> { ["from"] = app.Clock.GetUtcNow().AddDays(-40).UtcDateTime.ToString("yyyy-MM-ddTHH:mm") }, "/console/events");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("31", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));

        // A job run started from the console.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var started = Location(await console.PostFormAsync($"/console/jobs/{JobNames.Restrictions}/start", fromPage: "/console/jobs"));
        var runId = started.Split('?')[0].Split('/')[^1];
        Assert.Contains($"data-run=\"{runId}\"", (await console.GetAsync("/console/jobs")).Html);

        // B4: a payment of the wrong amount is flagged, listed across accounts and closed once (posted twice).
        var (invoice, url, amount, _) = await TopUpAsync(app, account, 20_000);
        Assert.Equal("amount_mismatch", (await BillingApp.ReadAsync(await PostWebhookAsync(app,
            SandboxEvent(url.Split('/')[^1], account, invoice, amount - 1, "UAH", "evt_short"), app.Clock.GetUtcNow()), 200))["outcome"]!.GetValue<string>());
        var flagged = await WaitForAsync(console, "/console/flagged-payments", "data-kind=\"amount_mismatch\" data-open=\"true\"");
        var flag = Regex.Match(flagged, "data-flag=\"([^\"]+)\" data-kind=\"amount_mismatch\"").Groups[1].Value;
        var resolve = $"/console/flagged-payments/{flag}/resolve";
        var resolveForm = ConsoleBrowserSession.FormOf(flagged, resolve);
        var resolution = new Dictionary<string, string> { ["resolution"] = "credited_to_balance", ["note"] = "Paid 0.01 short; kept as balance" };
        var balance = await app.BalanceAsync(account);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.EndsWith("done=Console.FlagResolved", Location(await console.PostAsync(resolve, resolveForm, resolution)));
        Assert.EndsWith("done=Console.FlagResolved", Location(await console.PostAsync(resolve, resolveForm, resolution)));
        Assert.Equal(balance + amount - 1, await app.BalanceAsync(account));
        Assert.Contains("id=\"no-flags\"", (await console.GetAsync("/console/flagged-payments")).Html);
        Assert.Contains($"data-flag=\"{flag}\" data-kind=\"amount_mismatch\" data-open=\"false\"", (await console.GetAsync(AccountPage(account))).Html);

        // The audit log: each action once, by Anna's key, on its account; searchable by account and by action. (The test's
        // own API calls, the key issued, the prepaid account funded and the deletion runs, are there too, by the configured key.)
        var ofAccount = await AuditRowsAsync(console, $"account={account}");
        Assert.Equal(["flagged_payment_resolve", "event_range_replay", "event_replay", "message_resend", "offline_payment", "adjustment"],
            ofAccount.Select(r => r.Action).ToArray());
        Assert.All(ofAccount, r => Assert.Equal((anna, account), (r.KeyId, r.Account)));
        Assert.Equal((flag, paidEvent, message), (ofAccount[0].Target, ofAccount[2].Target, ofAccount[3].Target));
        Assert.Equal([("invoice_completion", renewal)], (await AuditRowsAsync(console, $"account={prepaid}")).Where(r => r.KeyId == anna).Select(r => (r.Action, r.Target)).ToArray());
        Assert.Equal(["account_restore"], (await AuditRowsAsync(console, $"account={deleted}")).Select(r => r.Action).ToArray());
        var jobStarts = await AuditRowsAsync(console, "action=job_start");
        Assert.Equal(runId, Assert.Single(jobStarts, r => r.KeyId == anna).Target);
        Assert.All(jobStarts, r => Assert.Equal("job_start", r.Action));
        var everything = await AuditRowsAsync(console, "");
        Assert.Equal(["flagged_payment_resolve", "job_start", "event_range_replay", "event_replay", "message_resend", "account_restore", "invoice_completion",
            "offline_payment", "adjustment"], everything.Where(r => r.KeyId == anna).Select(r => r.Action).ToArray());
        Assert.Equal(["api_key_create", "job_start", "job_start", "offline_payment"], everything.Where(r => r.KeyId != anna).Select(r => r.Action).Order().ToArray());
        // A time range that ends before the first action finds nothing; a refused filter says why.
        Assert.Empty(await AuditRowsAsync(console, "to=2026-01-01T00:00"));
        var (badStatus, badHtml) = await console.GetAsync("/console/audit?action=delete_everything");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("id=\"error\"", badHtml);
        // The same entries through the API: who, before and after.
        var api = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/audit?accountId={account}&action=adjustment"), 200))["items"]!.AsArray();
        var entry = Assert.Single(api)!;
        Assert.Equal(("Anna", anna), (entry["who"]!["keyName"]!.GetValue<string>(), entry["who"]!["keyId"]!.GetValue<string>()));
        Assert.Equal((0L, 25_000L), (entry["before"]!["balance"]!.GetValue<long>(), entry["after"]!["balance"]!.GetValue<long>()));
        Assert.Equal("Goodwill for the outage", entry["reason"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task P2_accounts_are_found_by_the_start_of_a_name_word_an_email_or_an_id()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var other = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { name = "Музична школа Лисенка", ownerEmail = "olena@school.example" })), 200);
        var console = await ConsoleBrowserSession.SignInAsync(app);
        foreach (var q in new[] { "лисен", "olena@", "school.example", account[..10] })
        {
            var (status, html) = await console.GetAsync("/console/accounts?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"data-account=\"{account}\"", html);
            Assert.DoesNotContain($"data-account=\"{other}\"", html);
        }
        Assert.Contains("id=\"no-matches\"", (await console.GetAsync("/console?q=nobody-here")).Html);
        var (tooLong, refused) = await console.GetAsync("/console?q=" + new string('x', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains("id=\"error\"", refused);
    }
}
