using System.Net;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Console;

/// <summary>
/// P2, S1 over HTTP: the console opens only with an unscoped operator key, lives in its own cookie, and its actions (an
/// offline payment, an invoice completed from the balance, a restore) change an account once however often the form is sent.
/// </summary>
public sealed class ConsoleTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string AccountPage(string account) => $"/console/accounts/{account}";

    private static void AssertSeeOther(HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task P2_S1_only_an_unscoped_operator_key_opens_the_console_and_a_refusal_writes_nothing()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var scoped = (await BillingApp.ReadAsync(await _app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "crm", accountId = account, name = "scoped crm" })), 201))["key"]!.GetValue<string>();
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        foreach (var key in new[] { BillingApp.FunctionKey, BillingApp.ErpKey, scoped, "not-a-key-of-ours-0000", "", new string('k', 600) })
        {
            var refused = await ConsoleBrowserSession.PostSignInAsync(_app, key, "uk-UA,uk;q=0.9");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("id=\"error\"", html);
            Assert.Contains("Цей ключ не відкриває консоль.", html);
            Assert.Contains("type=\"password\"", html);
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));

        var opened = await ConsoleBrowserSession.PostSignInAsync(_app, BillingApp.AdminKey, "ru-RU,ru;q=0.9");
        AssertSeeOther(opened, "/console");
        var cookie = opened.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(ConsoleBrowserSession.CookieName + "=", cookie);
        foreach (var attribute in new[] { "httponly", "secure", "samesite=strict", "path=/" }) Assert.Contains(attribute, cookie.ToLowerInvariant());

        var session = new ConsoleBrowserSession(_app, cookie.Split(';')[0]);
        var (status, encoded) = await session.GetAsync("/console");
        var home = WebUtility.HtmlDecode(encoded);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("lang=\"ru\"", home);
        Assert.Contains("Вход выполнен: test operator", home);

        // A key an operator issued opens it too; revoked, it opens nothing new.
        var issued = await BillingApp.ReadAsync(await _app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "operator", name = "Anna" })), 201);
        var anna = await ConsoleBrowserSession.SignInAsync(_app, issued["key"]!.GetValue<string>());
        Assert.Contains("Signed in as Anna", (await anna.GetAsync("/console")).Html);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Admin.DeleteAsync($"/api/operator/api-keys/{issued["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConsoleBrowserSession.PostSignInAsync(_app, issued["key"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task P2_without_a_console_session_every_page_and_form_leads_to_the_sign_in_and_does_nothing()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var forged = new ConsoleBrowserSession(_app, ConsoleBrowserSession.CookieName + "=" + new string('a', 64));
        foreach (var client in new[] { (Func<string, Task<HttpResponseMessage>>)(p => _app.Anonymous.GetAsync(p)), p => forged.SendAsync(HttpMethod.Get, p) })
            foreach (var path in new[] { "/console", "/console/accounts?q=" + account, AccountPage(account), "/console/jobs", "/console/runs/daily-charge-1" })
            {
                var response = await client(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/console/sign-in", response.Headers.Location?.OriginalString);
            }
        var post = await forged.SendAsync(HttpMethod.Post, $"{AccountPage(account)}/offline-payments",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "100.00", ["reference"] = "w-1" }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(0, await _app.BalanceAsync(account));

        var (status, html) = await forged.GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("autocomplete=\"current-password\"", html);
    }

    [Fact]
    public async Task P2_P1_S1_a_portal_cookie_does_not_open_the_console_and_a_console_cookie_does_not_open_the_portal()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var portal = await PortalBrowserSession.OpenAsync(_app, account);
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var portalSecret = portal.Cookie.Split('=', 2)[1];
        var consoleSecret = console.Cookie.Split('=', 2)[1];

        foreach (var cookie in new[] { portal.Cookie, ConsoleBrowserSession.CookieName + "=" + portalSecret })
        {
            var response = await new ConsoleBrowserSession(_app, cookie).SendAsync(HttpMethod.Get, "/console");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        foreach (var cookie in new[] { console.Cookie, PortalBrowserSession.CookieName + "=" + consoleSecret })
            Assert.Equal(HttpStatusCode.Unauthorized, (await new PortalBrowserSession(_app, cookie).GetAsync("/portal")).Status);

        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/portal")).Status);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/console")).Status);
    }

    [Fact]
    public async Task P2_B6_an_offline_payment_posted_twice_is_credited_once()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var action = $"{AccountPage(account)}/offline-payments";
        var form = await console.FormAsync(AccountPage(account), action);
        var fields = new Dictionary<string, string> { ["amount"] = "100.50", ["reference"] = "wire-c-1", ["invoiceId"] = "" };

        var first = await console.PostAsync(action, form, fields);
        AssertSeeOther(first, AccountPage(account));
        Assert.EndsWith("done=Console.OfflineCredited", first.Headers.Location!.OriginalString);
        var again = await console.PostAsync(action, form, fields);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(10_050, await _app.BalanceAsync(account));
        Assert.Single(await _app.LedgerAsync(account));

        // A new form with the same transfer reference: the transfer is known, nothing is credited again.
        var repeat = await console.PostFormAsync(action, fields, AccountPage(account));
        Assert.EndsWith("done=Console.OfflineAlreadyRecorded", repeat.Headers.Location!.OriginalString);
        Assert.Equal(10_050, await _app.BalanceAsync(account));

        // The same one-time value with other fields is refused; so is an amount the currency cannot hold; nothing is written.
        var other = await console.PostAsync(action, form, new Dictionary<string, string> { ["amount"] = "200", ["reference"] = "wire-c-2" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var bad = await console.PostFormAsync(action, new Dictionary<string, string> { ["amount"] = "1.005", ["reference"] = "wire-c-3" }, AccountPage(account));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error\"", html);
        Assert.Contains("value=\"wire-c-3\"", html); // the refused form is shown again with what was typed
        Assert.Equal(10_050, await _app.BalanceAsync(account));

        var (_, page) = await console.GetAsync(AccountPage(account) + "?done=Console.OfflineCredited");
        Assert.Contains("id=\"balance\" data-minor=\"10050\"", page);
        Assert.Contains("wire-c-1", page);
        Assert.Contains("id=\"notice\"", page);
        await _app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task P2_B7_an_invoice_completed_from_the_balance_twice_at_once_is_paid_once()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await BillingApp.ReadAsync(await _app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { invoicesFromExternalSystem = true })), 200);
        await _app.ActivateAsync(account);
        var renewal = Assert.Single(await _app.InvoicesAsync(account, "&kind=renewal"));
        var invoiceId = renewal["id"]!.GetValue<string>();
        var price = renewal["amount"]!.GetValue<long>();
        await _app.FundAsync(account, 300_000, "wire-1");
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var action = $"{AccountPage(account)}/invoices/{invoiceId}/complete";
        var form = await console.FormAsync(AccountPage(account), action);

        var both = await Task.WhenAll(console.PostAsync(action, form), console.PostAsync(action, form));
        foreach (var response in both)
        {
            AssertSeeOther(response, AccountPage(account));
            Assert.EndsWith("done=Console.CompleteDone", response.Headers.Location!.OriginalString);
        }
        var invoice = await _app.GetAsync($"/api/accounts/{account}/invoices/{invoiceId}");
        Assert.Equal("paid_from_balance", invoice["status"]!.GetValue<string>());
        Assert.Equal("operator:test operator", invoice["paidBy"]!.GetValue<string>());
        Assert.Equal(300_000 - price, await _app.BalanceAsync(account));
        await _app.AssertLedgerConsistentAsync(account);

        var (_, page) = await console.GetAsync(AccountPage(account));
        Assert.Contains($"data-invoice=\"{invoiceId}\" data-status=\"paid_from_balance\"", page);
        Assert.DoesNotContain(action, page); // nothing left to complete

        // A top-up is never completed from the balance: the page says why, with the rule's status.
        var topUp = (await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 20_000, actingUserId = "u1", role = "owner" })), 201))["invoice"]!["id"]!.GetValue<string>();
        var topUpAction = $"{AccountPage(account)}/invoices/{topUp}/complete";
        Assert.DoesNotContain(topUpAction, (await console.GetAsync(AccountPage(account))).Html); // no button is offered for it
        var refused = await console.PostAsync(topUpAction, await console.FormAsync(AccountPage(account), $"{AccountPage(account)}/offline-payments"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(300_000 - price, await _app.BalanceAsync(account));
    }

    [Fact]
    public async Task P2_E3_a_restore_posted_twice_restores_once_and_a_later_one_is_refused()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var account = await DeletedAccountAsync(app);
        var console = await ConsoleBrowserSession.SignInAsync(app);
        var (_, before) = await console.GetAsync(AccountPage(account));
        Assert.Contains("data-state=\"deleted\"", before);
        var action = $"{AccountPage(account)}/restore";
        var form = ConsoleBrowserSession.FormOf(before, action);

        AssertSeeOther(await console.PostAsync(action, form), AccountPage(account));
        AssertSeeOther(await console.PostAsync(action, form), AccountPage(account));
        Assert.Equal("trial", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>()); // never activated
        Assert.Single(await receiver.WaitForAsync(account, "deletion_restored", 1));

        var (_, after) = await console.GetAsync(AccountPage(account) + "?done=Console.RestoreDone");
        Assert.Contains("id=\"state\" data-state=\"trial\"", after);
        Assert.DoesNotContain(action, after);
        // Another restore form (a second tab opened before): the account is not deleted any more.
        var late = await console.PostAsync(action, form.ToDictionary(kv => kv.Key, kv => kv.Key == "_once" ? NewOnce() : kv.Value));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("id=\"error\"", await late.Content.ReadAsStringAsync());
        await Task.Delay(500);
        Assert.Single(receiver.For(account), e => e["type"]!.GetValue<string>() == "deletion_restored");
    }

    [Fact]
    public async Task P2_S1_a_form_without_its_token_or_from_another_site_is_refused_and_changes_nothing()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var action = $"{AccountPage(account)}/offline-payments";
        var form = await console.FormAsync(AccountPage(account), action);
        var fields = new Dictionary<string, string> { ["amount"] = "100", ["reference"] = "wire-x" };

        var noToken = await console.PostAsync(action, form.Where(kv => kv.Key != "_csrf").ToDictionary(), fields);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        var wrongToken = await console.PostAsync(action, form, new Dictionary<string, string>(fields) { ["_csrf"] = new string('b', 32) });
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form.Concat(fields)) };
        crossSite.Headers.Add("Cookie", console.Cookie);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Anonymous.SendAsync(crossSite)).StatusCode);
        using var crossSiteSignIn = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = BillingApp.AdminKey }),
        };
        crossSiteSignIn.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Anonymous.SendAsync(crossSiteSignIn)).StatusCode);
        // Without the one-time value the form is incomplete: refused, nothing done.
        var noOnce = await console.PostAsync(action, form.Where(kv => kv.Key != "_once").ToDictionary(), fields);
        Assert.Equal(HttpStatusCode.BadRequest, noOnce.StatusCode);
        Assert.Equal(0, await _app.BalanceAsync(account));

        // Signed out, the cookie opens nothing.
        AssertSeeOther(await console.PostFormAsync("/console/sign-out"), "/console/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await console.SendAsync(HttpMethod.Get, "/console")).StatusCode);
    }

    [Fact]
    public async Task P2_an_account_is_found_by_its_id_and_an_unknown_one_is_not_found()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var (status, found) = await console.GetAsync("/console?q=" + account);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"data-account=\"{account}\"", found);
        Assert.Contains($"href=\"/console/accounts/{account}\"", found);
        Assert.Contains("id=\"no-matches\"", (await console.GetAsync("/console/accounts?q=acc_nobody")).Html);
        foreach (var path in new[] { "/console/accounts/acc_nobody", "/console/accounts/NOT-AN-ID", "/console/runs/nothing-here", "/console/runs/" + new string('a', 101) })
            Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync(path)).Status);
        var (ledgerStatus, _) = await console.GetAsync(AccountPage(account) + "?ledger=bm90LWEtdG9rZW4");
        Assert.Equal(HttpStatusCode.BadRequest, ledgerStatus);
    }

    [Fact]
    public async Task P2_C3_a_run_started_in_the_console_shows_its_progress_and_runs_again_as_of_the_same_moment()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        _app.Clock.Advance(TimeSpan.FromDays(3));
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var (_, jobs) = await console.GetAsync("/console/jobs");
        foreach (var job in new[] { JobNames.DailyCharge, JobNames.Deletion, JobNames.ServiceRenewal }) Assert.Contains($"data-job=\"{job}\"", jobs);

        var action = $"/console/jobs/{JobNames.DailyCharge}/start";
        var started = await console.PostFormAsync(action, new Dictionary<string, string> { ["asOf"] = "2026-11-04T00:30" }, "/console/jobs");
        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        var runPage = started.Headers.Location!.OriginalString.Split('?')[0];
        Assert.StartsWith("/console/runs/daily-charge-20261104T003000Z", runPage);
        var html = await WaitCompleteAsync(console, runPage);
        Assert.Contains("data-state=\"succeeded\"", html);
        Assert.Contains("2026-11-04 00:30 UTC", html);
        Assert.Contains("<progress id=\"shards\" max=\"4\" value=\"4\"", html);
        var charged = (await _app.LedgerAsync(account)).Count;
        Assert.True(charged > 0);

        var retried = await console.PostFormAsync(runPage + "/retry", fromPage: runPage);
        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        var second = retried.Headers.Location!.OriginalString.Split('?')[0];
        Assert.NotEqual(runPage, second);
        Assert.Contains("2026-11-04 00:30 UTC", await WaitCompleteAsync(console, second));
        Assert.Equal(charged, (await _app.LedgerAsync(account)).Count); // nothing charged twice

        var tooFar = await console.PostFormAsync(action, new Dictionary<string, string> { ["asOf"] = "2027-01-01T00:00" }, "/console/jobs");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFar.StatusCode);
        Assert.Contains("Jobs:MaxAsOfAheadDays", await tooFar.Content.ReadAsStringAsync());
        var garbled = await console.PostFormAsync(action, new Dictionary<string, string> { ["asOf"] = "yesterday" }, "/console/jobs");
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        var unknown = await console.PostAsync("/console/jobs/no-such-job/start", await console.FormAsync("/console/jobs", action));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task P2_an_account_page_full_of_history_in_Ukrainian_stays_under_100_KB()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 12, addOns: ["telephony", "owners_db", "extra_storage"]);
        await BillingApp.ReadAsync(await _app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { ownerEmail = $"owner-{Guid.NewGuid():N}@test.example", adminEmails = new[] { "admin-one@test.example", "admin-two@test.example" } })), 200);
        for (var day = 0; day < 30; day++)
        {
            using var usage = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage") { Content = BillingApp.Json(new { metric = "sms", quantity = day + 3 }) };
            usage.Headers.Add("Idempotency-Key", $"usage-{day}");
            await BillingApp.ReadAsync(await _app.Api.SendAsync(usage), 200);
            await _app.FundAsync(account, 100_000 + day, $"wire-{day:D2}-з-довгим-призначенням-платежу");
            _app.Clock.Advance(TimeSpan.FromDays(1));
        }
        await _app.RunJobAsync(JobNames.DailyCharge);
        var console = await ConsoleBrowserSession.SignInAsync(_app, acceptLanguage: "uk-UA");
        var response = await console.SendAsync(HttpMethod.Get, AccountPage(account));
        var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Matches(html, "<tr data-seq=").Count);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Matches(html, "<tr data-invoice=").Count);
        Assert.Contains("?ledger=", html);
        Assert.True(bytes < 100 * 1024, $"{bytes} bytes");
    }

    private static async Task<string> WaitCompleteAsync(ConsoleBrowserSession console, string runPage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var (status, html) = await console.GetAsync(runPage);
            Assert.Equal(HttpStatusCode.OK, status);
            if (html.Contains("data-complete=\"true\"")) return html;
            Assert.Contains("http-equiv=\"refresh\"", html); // a running run's page reads itself again
            Assert.True(DateTime.UtcNow < deadline, "the run did not finish");
            await Task.Delay(100);
        }
    }

    /// <summary>E1, E3: a trial account nobody used: a candidate after 40 days, deleted 10 days later.</summary>
    public static async Task<string> DeletedAccountAsync(BillingApp app)
    {
        var account = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        app.Clock.Advance(TimeSpan.FromDays(41));
        await app.RunJobAsync(JobNames.Deletion);
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("deleted", (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
        return account;
    }

    private static string NewOnce() => Billing.Core.Validation.Ids.Token();
}
