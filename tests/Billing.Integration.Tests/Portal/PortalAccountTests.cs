using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Texts;
using Billing.Http.Portal.Account;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Portal;

/// <summary>
/// P1 over HTTP: the portal's pages about the account itself (overview, history and its CSV, plans) act through the API's
/// use cases with the session's person and role (D4, E2, C9) and show what those answer in the person's language.
/// </summary>
public sealed partial class PortalAccountTests : IAsyncLifetime
{
    private const long Pro = 150_000, ProPlus = 240_000;
    private const long DailyWithEveryAddOn = (99_000 + 30_000 + 45_000 + 15_000) / 30; // Standard 1-5 seats and the three add-ons
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task P1_D1_D4_the_overview_shows_the_restriction_offers_the_promise_only_when_allowed_and_a_promise_from_the_page_lifts_it_once()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 2);
        _app.Clock.Advance(TimeSpan.FromDays(8)); // Nov 10: eight days charged with no money, and it is the 10th
        await _app.RunJobAsync(JobNames.DailyCharge);
        var employee = await PortalBrowserSession.OpenAsync(_app, account, "employee", "en");
        var owner = await PortalBrowserSession.OpenAsync(_app, account, "owner");

        var (status, html) = await employee.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"restriction\" data-level=\"blocked\" data-access=\"none\"", html);
        Assert.DoesNotContain("id=\"promise\"", html);
        var refused = await employee.PostFormAsync("/portal/promised-payment");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Text.Get(Language.En, TextKeys.Problem.PromiseForbidden), Decoded(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("none", await AccessAsync(account, "employee"));

        (_, html) = await owner.GetAsync("/portal");
        Assert.Contains("id=\"restriction\" data-level=\"blocked\"", html);
        var due = -await _app.BalanceAsync(account);
        Assert.Contains(Text.Get(Language.Uk, TextKeys.PortalAccount.Overview.AmountDue, Billing.Core.Money.MoneyFormat.Format(due, "UAH", Language.Uk)), Decoded(html));
        var taken = await SubmitAsync(owner, "/portal", "/portal/promised-payment");
        Assert.Equal("/portal?done=Portal.Overview.PromiseTaken", taken.Headers.Location?.OriginalString);
        Assert.Equal("full", await AccessAsync(account, "employee"));
        (_, html) = await owner.GetAsync("/portal?done=Portal.Overview.PromiseTaken");
        Assert.Contains("id=\"notice\"", html);
        Assert.DoesNotContain("id=\"restriction\"", html);
        Assert.Contains("id=\"promise-in-force\"", html);

        // Three days later the debt is still there: restricted again, and no second promise within 30 days.
        _app.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        owner = await PortalBrowserSession.OpenAsync(_app, account, "owner"); // the last one ended after 30 idle minutes
        (_, html) = await owner.GetAsync("/portal");
        Assert.Contains("id=\"restriction\" data-level=\"blocked\"", html);
        Assert.DoesNotContain("id=\"promise\"", html);
        var again = await owner.PostFormAsync("/portal/promised-payment");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("id=\"error\"", await again.Content.ReadAsStringAsync());
        Assert.Equal("none", await AccessAsync(account, "employee"));
    }

    [Fact]
    public async Task P1_E2_everyone_sees_the_deletion_date_and_only_the_owner_cancels_it_from_the_page()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        _app.Clock.Advance(TimeSpan.FromDays(41));
        await _app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("deletion_scheduled", (await _app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
        var admin = await PortalBrowserSession.OpenAsync(_app, account, "admin", "en");
        var owner = await PortalBrowserSession.OpenAsync(_app, account, "owner", "en");

        var (_, html) = await admin.GetAsync("/portal");
        Assert.Contains("id=\"deletion\" data-date=\"2026-12-23\"", html);
        Assert.Contains("id=\"deletion-owner-only\"", html);
        Assert.DoesNotContain("id=\"cancel-deletion\"", html);
        var refused = await admin.PostFormAsync("/portal/deletion/cancel");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Text.Get(Language.En, TextKeys.Problem.OwnerOnly), Decoded(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("deletion_scheduled", (await _app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());

        (_, html) = await owner.GetAsync("/portal");
        Assert.Contains("id=\"cancel-deletion\"", html);
        var cancelled = await SubmitAsync(owner, "/portal", "/portal/deletion/cancel");
        Assert.Equal("/portal?done=Portal.Overview.DeletionCancelled", cancelled.Headers.Location?.OriginalString);
        Assert.Equal("active", (await _app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());
        (_, html) = await owner.GetAsync("/portal");
        Assert.DoesNotContain("id=\"deletion\"", html);
    }

    [Fact]
    public async Task P1_A5_the_overview_lists_the_invoices_the_balance_can_pay_now()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, 400_000, "wire-payable");
        await _app.ActivateAsync(account); // Pro paid for a month from the balance: 250 000 left
        var renewal = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/services/svc_plan/renewal-invoice", null), 200);
        var session = await PortalBrowserSession.OpenAsync(_app, account);

        var (_, html) = await session.GetAsync("/portal");
        Assert.Contains($"data-invoice=\"{renewal["id"]}\"", html);
        Assert.Contains(renewal["number"]!.GetValue<string>(), html);
        Assert.Contains("id=\"payable-invoices\"", html);
        Assert.Contains("href=\"/portal/invoices\"", html);
    }

    [Fact]
    public async Task P1_A4_history_lists_newest_first_with_the_breakdown_of_a_daily_charge_and_pages_with_the_token()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3, addOns: ["telephony", "owners_db", "extra_storage"]);
        await _app.FundAsync(account, 200_000, "wire-history"); // Nov 2
        _app.Clock.Advance(TimeSpan.FromDays(30));
        await _app.RunJobAsync(JobNames.DailyCharge); // Dec 2: Nov 2 … Dec 1
        foreach (var (metric, quantity) in new[] { ("sms", 40), ("call_minutes", 90) }) // used on Dec 2
        {
            using var usage = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage") { Content = BillingApp.Json(new { metric, quantity }) };
            usage.Headers.Add("Idempotency-Key", "usage-" + metric);
            await BillingApp.ReadAsync(await _app.Api.SendAsync(usage), 200);
        }
        _app.Clock.Advance(TimeSpan.FromDays(25));
        await _app.RunJobAsync(JobNames.DailyCharge); // Dec 27: Dec 2 … Dec 26
        var session = await PortalBrowserSession.OpenAsync(_app, account, language: "en");

        var (status, html) = await session.GetAsync("/portal/history");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Range(27, 30).Reverse().Select(i => (long)i), Seqs(html)); // 56 entries: a top-up and 55 charges
        var newest = Row(html, 56);
        Assert.Contains("data-kind=\"charge\"", newest);
        Assert.Contains("<details class=\"breakdown\"", newest);
        Assert.Equal(["plan:standard", "add_on:telephony", "add_on:owners_db", "add_on:extra_storage"], Items(newest));
        Assert.Contains($"data-minor=\"{-DailyWithEveryAddOn}\"", newest);
        Assert.Equal(["plan:standard", "add_on:telephony", "add_on:owners_db", "add_on:extra_storage", "usage:call_minutes", "usage:sms"], Items(Row(html, 32)));
        Assert.Contains($"data-minor=\"{40 * 150}\"", Row(html, 32));
        Assert.DoesNotContain("id=\"newest\"", html);
        // P1: a full page of charges, each with its breakdown, stays under 100 KB, also in Cyrillic.
        var (_, ukrainian) = await (await PortalBrowserSession.OpenAsync(_app, account, language: "uk")).GetAsync("/portal/history");
        Assert.Equal(30, Seqs(ukrainian).Length);
        Assert.True(Encoding.UTF8.GetByteCount(ukrainian) < 100 * 1024, $"{Encoding.UTF8.GetByteCount(ukrainian)} bytes");

        var older = Href(html, "older");
        Assert.Contains("token=", older);
        (status, html) = await session.GetAsync(older);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Range(1, 26).Reverse().Select(i => (long)i), Seqs(html));
        Assert.Contains("data-kind=\"top_up\"", Row(html, 1));
        Assert.DoesNotContain("id=\"older\"", html);
        Assert.Equal("/portal/history", Href(html, "newest"));

        (_, html) = await session.GetAsync("/portal/history?from=2026-12-01&to=2026-12-10");
        Assert.Equal(Enumerable.Range(2, 30).Reverse().Select(i => (long)i), Seqs(html)); // the run of Dec 2 only
        Assert.Equal("/portal/history.csv?from=2026-12-01&to=2026-12-10", Href(html, "csv"));
        (_, html) = await session.GetAsync("/portal/history?from=2026-11-01&to=2026-11-30");
        Assert.Equal([1L], Seqs(html));

        var token = older[(older.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        (status, html) = await session.GetAsync("/portal/history?from=2026-12-01&token=" + token); // a token of another period
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Text.Get(Language.En, TextKeys.PortalAccount.History.PageGone), Decoded(html));
        (status, html) = await session.GetAsync("/portal/history?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Text.Get(Language.En, TextKeys.PortalAccount.History.DateInvalid), Decoded(html));
        (status, html) = await session.GetAsync("/portal/history?from=2026-12-10&to=2026-12-01");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Text.Get(Language.En, TextKeys.PortalAccount.History.RangeInvalid), Decoded(html));
    }

    [Fact]
    public async Task P1_A4_the_CSV_has_a_row_per_operation_and_line_in_major_units_and_neutralises_a_formula_in_a_payment_reference()
    {
        const string formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
        var account = await _app.CreateActiveAccountAsync(seats: 2);
        await _app.FundAsync(account, 150_000, formula);
        _app.Clock.Advance(TimeSpan.FromDays(2));
        await _app.RunJobAsync(JobNames.DailyCharge);
        var session = await PortalBrowserSession.OpenAsync(_app, account, language: "en");

        var response = await session.SendAsync(HttpMethod.Get, "/portal/history.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"history-{account}-2026-11-02-2026-11-04.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Csv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["Operation no.", "Row", "Time (Europe/Kyiv)", "Operation", "Description", "Quantity", "Unit price", "Amount", "Currency", "Balance after", "Payment reference"], rows[0]);
        var operations = rows.Skip(1).Where(r => r[1] == "operation").ToList();
        Assert.Equal(["3", "2", "1"], operations.Select(r => r[0]));
        Assert.Equal(["Charge", "Charge", "Top-up"], operations.Select(r => r[3]));
        Assert.Equal(["-33.00", "-33.00", "1500.00"], operations.Select(r => r[7]));
        Assert.Equal(["1434.00", "1467.00", "1500.00"], operations.Select(r => r[9]));
        Assert.All(operations, r => Assert.Equal("UAH", r[8]));
        Assert.Equal("'" + formula, operations[2][10]);
        Assert.Equal("2026-11-02 12:00:00", operations[2][2]);
        var lines = rows.Skip(1).Where(r => r[1] == "breakdown line").ToList();
        Assert.Equal(["3", "2", "1"], lines.Select(r => r[0])); // one plan line per day, the invoice line of the top-up
        Assert.Equal(["1", "1", "1"], lines.Select(r => r[5]));
        Assert.Equal(["33.00", "33.00", "1500.00"], lines.Select(r => r[7])); // what each line cost or brought
        Assert.Equal(["33.00", "33.00", "1500.00"], lines.Select(r => r[6]));
        Assert.Equal(7, rows.Count);

        response = await session.SendAsync(HttpMethod.Get, "/portal/history.csv?from=2026-11-03&to=2026-11-04");
        Assert.Equal($"attachment; filename=\"history-{account}-2026-11-03-2026-11-04.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        rows = Csv(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(["3", "2"], rows.Skip(1).Where(r => r[1] == "operation").Select(r => r[0]));
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("a, \"b\"", "\"a, \"\"b\"\"\"")]
    [InlineData("Daily charge", "Daily charge")]
    public void P1_a_CSV_cell_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(string text, string cell) =>
        Assert.Equal(cell, HistoryCsv.Cell(text));

    [Fact]
    public async Task P1_C9_the_plans_page_marks_the_current_plan_and_explains_the_unavailable_ones()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, 400_000, "wire-plans");
        await _app.ActivateAsync(account);
        var session = await PortalBrowserSession.OpenAsync(_app, account, language: "en");

        var (status, html) = await session.GetAsync("/portal/plans");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"plan-pro\" data-plan=\"pro\" data-available=\"false\" aria-current=\"true\"", html);
        Assert.Contains("id=\"current-badge\"", Card(html, "pro"));
        Assert.DoesNotContain("aria-current", Card(html, "pro_plus"));
        Assert.Contains("id=\"see-pro_plus\"", Card(html, "pro_plus"));
        var standard = Card(html, "standard");
        Assert.Contains("data-available=\"false\"", standard);
        Assert.Contains("data-reason=\"billing_mode_differs\"", standard);
        Assert.Contains(Text.Get(Language.En, TextKeys.Plan.BillingModeDiffers, "Standard"), Decoded(standard));
        Assert.DoesNotContain("id=\"see-standard\"", standard);

        (status, html) = await session.GetAsync("/portal/plans?quote=standard");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status); // the quote's own refusal
        Assert.Contains("id=\"error\"", html);
        Assert.DoesNotContain("id=\"quote\"", html);
    }

    [Fact]
    public async Task P1_C9_a_quoted_change_from_the_page_with_enough_balance_changes_the_plan_once_and_an_employee_is_refused()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, 400_000, "wire-1");
        await _app.ActivateAsync(account); // Pro paid 2026-11-02 .. 2026-12-02
        _app.Clock.Advance(TimeSpan.FromDays(10));
        var owner = await PortalBrowserSession.OpenAsync(_app, account, language: "en");
        var employee = await PortalBrowserSession.OpenAsync(_app, account, "employee", "en");

        var (_, html) = await employee.GetAsync("/portal/plans?quote=pro_plus");
        Assert.Contains("id=\"owner-or-admin-only\"", html);
        Assert.DoesNotContain("id=\"confirm-change\"", html);
        var (_, ownerPage) = await owner.GetAsync("/portal/plans?quote=pro_plus");
        var form = FormOf(ownerPage, "/portal/plans/change");
        var refused = await employee.SendAsync(HttpMethod.Post, "/portal/plans/change", new FormUrlEncodedContent(new Dictionary<string, string>(form)
        {
            ["_csrf"] = PortalBrowserSession.FormToken(html),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Text.Get(Language.En, TextKeys.Problem.RoleForbidden), Decoded(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("pro", (await _app.GetAsync($"/api/accounts/{account}"))["planId"]!.GetValue<string>());

        const long credit = Pro * 20 / 30, cost = ProPlus - credit;
        Assert.Contains($"id=\"quote-credit\" data-minor=\"{credit}\"", ownerPage);
        Assert.Contains($"id=\"quote-full\" data-minor=\"{ProPlus}\"", ownerPage);
        Assert.Contains($"id=\"quote-due\" data-minor=\"{cost}\"", ownerPage);
        Assert.Equal(cost.ToString(), form["quotedCost"]);

        // The form sent twice (a double click): one change, both sent on to the plans page.
        var content = () => new FormUrlEncodedContent(form);
        var changed = await owner.SendAsync(HttpMethod.Post, "/portal/plans/change", content());
        var repeated = await owner.SendAsync(HttpMethod.Post, "/portal/plans/change", content());
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/portal/plans?done=Portal.Plans.Changed", changed.Headers.Location?.OriginalString);
        Assert.Equal(changed.Headers.Location, repeated.Headers.Location);
        Assert.Equal("pro_plus", (await _app.GetAsync($"/api/accounts/{account}"))["planId"]!.GetValue<string>());
        Assert.Equal(250_000 - cost, await _app.BalanceAsync(account));

        (_, html) = await owner.GetAsync("/portal/plans?done=Portal.Plans.Changed");
        Assert.Contains("id=\"plan-pro_plus\" data-plan=\"pro_plus\" data-available=\"false\" aria-current=\"true\"", html);
        // A new form the same day meets the rule of one change a day, in the account's words.
        var back = await SubmitAsync(owner, "/portal/plans?quote=pro", "/portal/plans/change");
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Contains(Text.Get(Language.Uk, TextKeys.Problem.PlanChangedToday), Decoded(await back.Content.ReadAsStringAsync()));
        await _app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task P1_C9_short_of_money_the_page_shows_the_invoice_for_the_missing_amount_and_the_hold()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, 160_000, "wire-1");
        await _app.ActivateAsync(account); // 10 000 left after the first month of Pro
        var owner = await PortalBrowserSession.OpenAsync(_app, account, language: "en");

        var (_, html) = await owner.GetAsync("/portal/plans?quote=pro_plus");
        const long missing = ProPlus - Pro - 10_000; // on its first day the whole paid month of Pro is credited
        Assert.Contains($"id=\"quote-missing\" data-minor=\"{missing}\"", html);
        var issued = await SubmitAsync(owner, "/portal/plans?quote=pro_plus", "/portal/plans/change");
        Assert.Equal("/portal/plans?done=Portal.Plans.InvoiceIssued", issued.Headers.Location?.OriginalString);

        (_, html) = await owner.GetAsync("/portal/plans?done=Portal.Plans.InvoiceIssued");
        var invoice = Assert.Single(await _app.InvoicesAsync(account, "&kind=plan_change"));
        Assert.Contains($"id=\"pending-change\" data-invoice=\"{invoice["id"]}\"", html);
        Assert.Contains(invoice["number"]!.GetValue<string>(), html);
        Assert.Contains("href=\"/portal/invoices\" id=\"pending-invoice\"", html);
        Assert.Contains($"id=\"pending-missing\" data-minor=\"{missing}\"", html);
        Assert.Contains("id=\"pending-held\" data-minor=\"10000\"", html);
        Assert.Equal("pro", (await _app.GetAsync($"/api/accounts/{account}"))["planId"]!.GetValue<string>());
        Assert.Equal(0, await _app.BalanceAsync(account));
    }

    private async Task<string> AccessAsync(string account, string role) =>
        (await _app.GetAsync($"/api/accounts/{account}/access?role={role}"))["access"]!.GetValue<string>();

    /// <summary>Sends the form the page at <paramref name="page"/> has for <paramref name="action"/>, as its button would.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(PortalBrowserSession session, string page, string action)
    {
        var (_, html) = await session.GetAsync(page);
        return await session.SendAsync(HttpMethod.Post, action, new FormUrlEncodedContent(FormOf(html, action)));
    }

    private static Dictionary<string, string> FormOf(string html, string action)
    {
        var form = Regex.Match(html, $"<form method=\"post\" action=\"{Regex.Escape(action)}\".*?</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"the page has no form for {action}");
        return HiddenInput().Matches(form.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static long[] Seqs(string html) => DataSeq().Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToArray();

    private static string[] Items(string row) => Regex.Matches(row, "data-item=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();

    /// <summary>The history row of ledger entry <paramref name="seq"/>.</summary>
    private static string Row(string html, long seq)
    {
        var start = html.IndexOf($"<tr id=\"entry-{seq}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for entry {seq}");
        var next = html.IndexOf("<tr id=\"entry-", start + 1, StringComparison.Ordinal);
        return html[start..(next < 0 ? html.Length : next)];
    }

    private static string Card(string html, string plan)
    {
        var start = html.IndexOf($"<li class=\"card plan\" id=\"plan-{plan}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no card for {plan}");
        return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    private static string Href(string html, string id)
    {
        var m = Regex.Match(html, $"href=\"([^\"]*)\"[^>]*id=\"{id}\"");
        Assert.True(m.Success, $"no link #{id}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else cell.Append(c);
        }
        Assert.Empty(row);
        Assert.Equal(0, cell.Length);
        return rows;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<tr id=\"entry-\\d+\" data-seq=\"(\\d+)\"")]
    private static partial Regex DataSeq();
}
