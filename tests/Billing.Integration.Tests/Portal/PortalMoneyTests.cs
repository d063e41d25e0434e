using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Portal;

/// <summary>
/// P1 over HTTP: the portal's top-up, invoices and services pages act through the API's use cases with its rules (B1–B3,
/// B8, C6, C10), in the person's language, and never on another account's things.
/// </summary>
public sealed partial class PortalMoneyTests : IAsyncLifetime
{
    private const long Pro = 150_000; // catalog.json: Pro up to 10 seats, UAH a month
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task P1_B1_an_employee_is_refused_the_top_up_page_its_quote_and_its_form_and_nothing_is_written()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var employee = await PortalBrowserSession.OpenAsync(_app, account, role: "employee", language: "en");
        var (_, overview) = await employee.GetAsync("/portal");
        Assert.DoesNotContain("href=\"/portal/top-up\"", overview);
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);

        var (status, html) = await employee.GetAsync("/portal/top-up");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Only an owner or an admin may top up the balance.", html);
        Assert.DoesNotContain("id=\"top-up-form\"", html);
        var quote = await employee.SendAsync(HttpMethod.Get, "/portal/top-up/quote?amount=1500");
        Assert.Equal(HttpStatusCode.Forbidden, quote.StatusCode);
        var posted = await employee.SendAsync(HttpMethod.Post, "/portal/top-up", Form(overview, ("amount", "1500"), ("nonce", new string('a', 32))));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Only an owner or an admin may top up the balance.", await posted.Content.ReadAsStringAsync());

        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        Assert.Empty(await _app.InvoicesAsync(account));
    }

    [Fact]
    public async Task P1_B2_B8_a_top_up_posted_twice_creates_one_top_up_invoice_and_sends_the_payer_to_the_sandbox_checkout_and_back()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var admin = await PortalBrowserSession.OpenAsync(_app, account, role: "admin");
        var (status, page) = await admin.GetAsync("/portal/top-up");
        Assert.Equal(HttpStatusCode.OK, status);
        var form = Form(page, ("amount", "1500.50"), ("action", "pay"));

        var first = await admin.SendAsync(HttpMethod.Post, "/portal/top-up", form);
        var again = await admin.SendAsync(HttpMethod.Post, "/portal/top-up", Form(page, ("amount", "1500.50"), ("action", "pay")));
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var checkout = first.Headers.Location!.ToString();
        Assert.StartsWith(_app.BaseUrl + "/api/sandbox/checkout/", checkout);
        Assert.Equal(checkout, again.Headers.Location!.ToString());

        var invoice = Assert.Single(await _app.InvoicesAsync(account));
        Assert.Equal("top_up", invoice["kind"]!.GetValue<string>());
        Assert.Equal(150_050, invoice["amount"]!.GetValue<long>());
        Assert.Equal("awaiting_payment", invoice["status"]!.GetValue<string>());
        Assert.Equal("u-1", invoice["createdBy"]!.GetValue<string>());

        // The payer comes back (an address of configuration, not of the request) through a page that needs no cookie and moves
        // on to the top-up page; the webhook has credited the money.
        var paid = await _app.Anonymous.PostAsync(checkout + "/pay", null);
        Assert.StartsWith(_app.BaseUrl + "/portal/return?", paid.Headers.Location!.ToString());
        Assert.Equal(150_050, await _app.BalanceAsync(account));
        var back = await FollowReturnAsync(admin, paid, "/portal/top-up?done=Portal.TopUp.Returned");
        Assert.Contains("id=\"notice\"", back);
        Assert.Contains($"id=\"balance\" data-minor=\"150050\"", back);
        Assert.Contains($"id=\"{invoice["id"]}\" data-status=\"paid\"", back);
    }

    [Fact]
    public async Task P1_B8_a_provider_that_does_not_answer_is_said_on_the_page_and_the_form_sent_again_keeps_one_invoice()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp
        {
            Settings =
            {
                ["Payments:Provider"] = "stripe", ["Payments:Stripe:ApiKey"] = "sk_test_placeholder",
                ["Payments:Stripe:WebhookSecret"] = "whsec_placeholder", ["Payments:Stripe:ApiBase"] = "http://127.0.0.1:9",
            },
        });
        var account = await app.CreateActiveAccountAsync(seats: 3);
        var admin = await PortalBrowserSession.OpenAsync(app, account, role: "admin", language: "en");
        var (_, page) = await admin.GetAsync("/portal/top-up");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await admin.SendAsync(HttpMethod.Post, "/portal/top-up", Form(page, ("amount", "1500"), ("action", "pay")));
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("The payment provider did not answer, so no payment was started. Please try again.", ErrorOf(await response.Content.ReadAsStringAsync()));
        }
        var invoice = Assert.Single(await app.InvoicesAsync(account));
        Assert.Null(invoice["checkoutUrl"]);
    }

    [Fact]
    public async Task P1_B3_the_quote_answers_json_with_the_bonus_sentence_in_the_persons_language()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3); // Standard 1-5 seats: 990.00 UAH a month
        var en = await PortalBrowserSession.OpenAsync(_app, account, role: "owner", language: "en");
        var six = await QuoteAsync(en, "5940");
        Assert.True(six["valid"]!.GetValue<bool>());
        Assert.Equal(594_000, six["amount"]!.GetValue<long>());
        Assert.Equal(59_400, six["bonus"]!.GetValue<long>());
        Assert.Equal(10, six["percent"]!.GetValue<int>());
        Assert.Equal("You pay 5,940.00 UAH and get a bonus of 594.00 UAH (10 %): 6,534.00 UAH goes to the balance. Top up 11,880.00 UAH or more for a 15 % bonus.",
            six["text"]!.GetValue<string>());
        Assert.Equal("You pay 1,500.50 UAH, and 1,500.50 UAH goes to the balance. Top up 2,970.00 UAH or more for a 5 % bonus.",
            (await QuoteAsync(en, "1500.50"))["text"]!.GetValue<string>());
        var bad = await QuoteAsync(en, "15oo");
        Assert.False(bad["valid"]!.GetValue<bool>());
        Assert.Equal("Enter the amount as a number, for example 1500 or 1500.50.", bad["text"]!.GetValue<string>());

        var uk = await PortalBrowserSession.OpenAsync(_app, account, role: "admin", language: "uk");
        Assert.Equal("Ви сплачуєте 11\u00a0880,00 UAH і отримуєте бонус 1\u00a0782,00 UAH (15 %): на баланс надійде 13\u00a0662,00 UAH.",
            (await QuoteAsync(uk, "11 880,00"))["text"]!.GetValue<string>());

        // Without the script: the "show the bonus" button answers the page with the same sentence and the amount kept.
        var (_, page) = await uk.GetAsync("/portal/top-up");
        Assert.Contains("id=\"bonus-steps\"", page);
        var shown = await uk.SendAsync(HttpMethod.Post, "/portal/top-up", Form(page, ("amount", "5940"), ("action", "quote")));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync());
        Assert.Contains("бонус 594,00 UAH (10 %)", html);
        Assert.Contains("value=\"5940\"", html);
        Assert.Empty(await _app.InvoicesAsync(account));
    }

    [Fact]
    public async Task P1_S2_bad_amounts_are_refused_on_the_page_in_the_persons_language_and_nothing_is_written()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var owner = await PortalBrowserSession.OpenAsync(_app, account, role: "owner", language: "ru");
        var (_, page) = await owner.GetAsync("/portal/top-up");
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var cases = new (string Amount, HttpStatusCode Status, string Says)[]
        {
            ("", HttpStatusCode.BadRequest, "Введите сумму."),
            ("   ", HttpStatusCode.BadRequest, "Введите сумму."),
            ("0", HttpStatusCode.BadRequest, "Сумма должна быть больше нуля."),
            ("0,00", HttpStatusCode.BadRequest, "Сумма должна быть больше нуля."),
            ("-500", HttpStatusCode.BadRequest, "Сумма должна быть больше нуля."),
            ("12.345", HttpStatusCode.BadRequest, "В суммах в UAH не больше 2 знаков после запятой."),
            ("1e5", HttpStatusCode.BadRequest, "Введите сумму числом, например 1500 или 1500,50."),
            ("1.500,50", HttpStatusCode.BadRequest, "Введите сумму числом, например 1500 или 1500,50."),
            ("50", (HttpStatusCode)422, "Введите сумму от 100,00 UAH до 1\u00a0000\u00a0000,00 UAH."),
            ("1000000.01", (HttpStatusCode)422, "Введите сумму от 100,00 UAH до 1\u00a0000\u00a0000,00 UAH."),
            ("99999999999999999999999", (HttpStatusCode)422, "Введите сумму от 100,00 UAH до 1\u00a0000\u00a0000,00 UAH."),
        };
        foreach (var (amount, status, says) in cases)
        {
            var response = await owner.SendAsync(HttpMethod.Post, "/portal/top-up", Form(page, ("amount", amount), ("action", "pay")));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(status == response.StatusCode, $"'{amount}': {response.StatusCode}");
            Assert.True(ErrorOf(html) == says, $"'{amount}': {ErrorOf(html)}");
            Assert.Contains("id=\"top-up-form\"", html);
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        Assert.Empty(await _app.InvoicesAsync(account));
    }

    [Fact]
    public async Task P1_C10_B8_pay_from_balance_moves_the_balance_once_though_the_form_is_posted_twice()
    {
        var (account, invoice) = await ProlongationInvoiceAsync();
        var balance = await _app.BalanceAsync(account);
        var employee = await PortalBrowserSession.OpenAsync(_app, account, role: "employee");
        var (_, seen) = await employee.GetAsync("/portal/invoices");
        Assert.Contains($"id=\"{invoice}\" data-status=\"awaiting_payment\"", seen);
        Assert.DoesNotContain("pay-from-balance", seen);
        var refused = await employee.SendAsync(HttpMethod.Post, $"/portal/invoices/{invoice}/pay-from-balance", Form(seen, ("nonce", new string('c', 32))));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(balance, await _app.BalanceAsync(account));

        var owner = await PortalBrowserSession.OpenAsync(_app, account);
        var (_, page) = await owner.GetAsync("/portal/invoices");
        Assert.Contains($"action=\"/portal/invoices/{invoice}/pay-from-balance\"", page);

        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{invoice}/pay-from-balance", Form(page))));
        foreach (var post in posts)
        {
            Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
            Assert.Equal($"/portal/invoices?invoice={invoice}&done=Portal.Invoices.Paid#{invoice}", post.Headers.Location!.ToString());
        }
        // A stale page's form (another nonce) finds the invoice paid by the same person: nothing more moves.
        var stale = await owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{invoice}/pay-from-balance", Form(page, ("nonce", new string('b', 32))));
        Assert.Equal(HttpStatusCode.SeeOther, stale.StatusCode);

        Assert.Equal(balance - Pro, await _app.BalanceAsync(account));
        Assert.Equal("paid_from_balance", (await _app.GetAsync($"/api/accounts/{account}/invoices/{invoice}"))["status"]!.GetValue<string>());
        await _app.AssertLedgerConsistentAsync(account);
        var (_, after) = await owner.GetAsync(Target(posts[0]));
        Assert.Contains($"id=\"{invoice}\" data-status=\"paid_from_balance\"", after);
        Assert.Equal("Рахунок сплачено з балансу.", NoticeOf(WebUtility.HtmlDecode(after)));
        Assert.DoesNotContain("pay-from-balance\"", after);
    }

    [Fact]
    public async Task P1_S1_another_accounts_invoice_or_service_id_is_not_found_on_every_action_and_nothing_is_written()
    {
        var (other, theirs) = await ProlongationInvoiceAsync();
        var mine = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(mine, Pro * 2, "wire-mine");
        await _app.ActivateAsync(mine);
        var owner = await PortalBrowserSession.OpenAsync(_app, mine);
        var (_, page) = await owner.GetAsync("/portal/invoices");
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);

        foreach (var id in new[] { theirs, "inv_nothing", "INV-000001", "a.b" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/portal/invoices?invoice={Uri.EscapeDataString(id)}")).Status);
            foreach (var action in new[] { "pay-from-balance", "checkout", "cancel" })
            {
                var response = await owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{Uri.EscapeDataString(id)}/{action}", Form(page));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{action} {id}: {response.StatusCode}");
            }
        }
        foreach (var action in new[] { "auto-renew", "invoice" })
        {
            var response = await owner.SendAsync(HttpMethod.Post, $"/portal/services/svc_nothing/{action}", Form(page, ("autoRenew", "off")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        var untouched = await _app.GetAsync($"/api/accounts/{other}/invoices/{theirs}");
        Assert.Equal("awaiting_payment", untouched["status"]!.GetValue<string>());
        Assert.Null(untouched["checkoutUrl"]);
    }

    [Fact]
    public async Task P1_C6_auto_renew_is_switched_and_a_renewal_invoice_created_or_opened_from_the_services_page()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, Pro * 2, "wire-1");
        await _app.ActivateAsync(account);
        var admin = await PortalBrowserSession.OpenAsync(_app, account, role: "admin", language: "en");
        var (_, page) = await admin.GetAsync("/portal/services");
        Assert.Contains("id=\"svc_plan\" data-state=\"active\" data-auto-renew=\"on\"", page);

        var off = await admin.SendAsync(HttpMethod.Post, "/portal/services/svc_plan/auto-renew", Form(page, ("autoRenew", "off")));
        Assert.Equal(HttpStatusCode.SeeOther, off.StatusCode);
        Assert.Equal("/portal/services?done=Portal.Services.AutoRenewOffDone#svc_plan", off.Headers.Location!.ToString());
        Assert.False((await _app.ServiceAsync(account, "svc_plan"))["autoRenew"]!.GetValue<bool>());
        var (_, after) = await admin.GetAsync(Target(off));
        Assert.Contains("data-auto-renew=\"off\"", after);
        Assert.Equal("Auto-renew is off.", NoticeOf(after));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, "/portal/services/svc_plan/auto-renew", Form(page, ("autoRenew", "maybe")))).StatusCode);

        // An employee reads the page but may not change what the account pays: the API's refusal for money actions.
        var employee = await PortalBrowserSession.OpenAsync(_app, account, role: "employee", language: "en");
        var (_, seen) = await employee.GetAsync("/portal/services");
        Assert.DoesNotContain("toggle-auto-renew", seen);
        var refused = await employee.SendAsync(HttpMethod.Post, "/portal/services/svc_plan/auto-renew", Form(seen, ("autoRenew", "on")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only an owner or an admin may do this.", await refused.Content.ReadAsStringAsync());
        Assert.False((await _app.ServiceAsync(account, "svc_plan"))["autoRenew"]!.GetValue<bool>());

        // C6: "create an invoice" once; then the page opens that invoice instead of making a second.
        var created = await admin.SendAsync(HttpMethod.Post, "/portal/services/svc_plan/invoice", Form(after));
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var renewal = Assert.Single(await _app.InvoicesAsync(account, "&kind=renewal"));
        var id = renewal["id"]!.GetValue<string>();
        Assert.Equal($"/portal/invoices?invoice={id}&done=Portal.Services.InvoiceCreated#{id}", created.Headers.Location!.ToString());
        var twice = await admin.SendAsync(HttpMethod.Post, "/portal/services/svc_plan/invoice", Form(after));
        Assert.Equal(created.Headers.Location, twice.Headers.Location);
        Assert.Single(await _app.InvoicesAsync(account, "&kind=renewal"));
        var (_, withInvoice) = await admin.GetAsync("/portal/services");
        Assert.Contains($"href=\"/portal/invoices?invoice={id}#{id}\"", withInvoice);
        Assert.DoesNotContain("class=\"create-invoice\"", withInvoice);
    }

    [Fact]
    public async Task P1_C10_an_unpaid_invoice_is_cancelled_after_a_question_and_a_paid_one_is_refused_with_the_rules_words()
    {
        var (account, invoice) = await ProlongationInvoiceAsync();
        var owner = await PortalBrowserSession.OpenAsync(_app, account); // the account's language: uk
        var (_, page) = await owner.GetAsync($"/portal/invoices?invoice={invoice}");
        Assert.Matches($"action=\"/portal/invoices/{invoice}/cancel\" class=\"inline\" data-confirm=\"Скасувати рахунок INV-\\d+\\?", WebUtility.HtmlDecode(page));

        var cancelled = await owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{invoice}/cancel", Form(page));
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Equal("cancelled", (await _app.GetAsync($"/api/accounts/{account}/invoices/{invoice}"))["status"]!.GetValue<string>());
        var (_, after) = await owner.GetAsync(Target(cancelled));
        Assert.Equal("Рахунок скасовано.", NoticeOf(after));
        Assert.DoesNotContain($"/portal/invoices/{invoice}/cancel", after);

        var topUp = (await SandboxPayments.TopUpAsync(_app, account, 20_000)).Invoice;
        await _app.Anonymous.PostAsync((await _app.GetAsync($"/api/accounts/{account}/invoices/{topUp}"))["checkoutUrl"]!.GetValue<string>() + "/pay", null);
        var refused = await owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{topUp}/cancel", Form(page));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Matches("^Рахунок INV-\\d+ уже не очікує на оплату, його не можна скасувати.$", ErrorOf(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("paid", (await _app.GetAsync($"/api/accounts/{account}/invoices/{topUp}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task P1_C10_pay_by_card_sends_the_payer_to_the_checkout_and_back_to_the_invoice_paid()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.ActivateAsync(account); // no money: the first month is invoiced
        var invoice = Assert.Single(await _app.InvoicesAsync(account, "&kind=renewal"))["id"]!.GetValue<string>();
        var owner = await PortalBrowserSession.OpenAsync(_app, account);
        var (_, page) = await owner.GetAsync("/portal/invoices");
        Assert.DoesNotContain($"/portal/invoices/{invoice}/pay-from-balance", page); // the balance does not cover it

        var card = await owner.SendAsync(HttpMethod.Post, $"/portal/invoices/{invoice}/checkout", Form(page));
        Assert.Equal(HttpStatusCode.SeeOther, card.StatusCode);
        var checkout = card.Headers.Location!.ToString();
        Assert.StartsWith(_app.BaseUrl + "/api/sandbox/checkout/", checkout);
        var paid = await _app.Anonymous.PostAsync(checkout + "/pay", null);
        Assert.StartsWith($"{_app.BaseUrl}/portal/return?invoice={invoice}", paid.Headers.Location!.ToString());
        var back = await FollowReturnAsync(owner, paid, $"/portal/invoices?invoice={invoice}&done=Portal.Invoices.Returned");
        Assert.Contains($"id=\"{invoice}\" data-status=\"paid\"", back);
        Assert.Equal("active", (await _app.ServiceAsync(account, "svc_plan"))["state"]!.GetValue<string>());

        // The return page leads only into the portal, whatever its address says.
        var hostile = await _app.Anonymous.GetStringAsync("/portal/return?invoice=" + Uri.EscapeDataString("//evil.example/x"));
        Assert.Contains("content=\"0;url=/portal/top-up?done=Portal.TopUp.Returned\"", WebUtility.HtmlDecode(hostile));
    }

    [Fact]
    public async Task P1_C10_invoices_are_listed_newest_first_filtered_and_paged()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        for (var i = 0; i < 22; i++) await SandboxPayments.TopUpAsync(_app, account, 10_000 + i);
        var numbers = (await _app.InvoicesAsync(account)).Select(n => n["number"]!.GetValue<string>()).ToList();
        var owner = await PortalBrowserSession.OpenAsync(_app, account, language: "en");

        var (_, first) = await owner.GetAsync("/portal/invoices");
        Assert.Equal(numbers.Take(20), Numbers(first));
        var older = OlderLink().Match(first).Groups[1].Value;
        var (_, second) = await owner.GetAsync(WebUtility.HtmlDecode(older));
        Assert.Equal(numbers.Skip(20), Numbers(second));
        Assert.DoesNotMatch(OlderLink(), second);

        Assert.Equal(numbers.Take(20), Numbers((await owner.GetAsync("/portal/invoices?status=awaiting_payment&kind=top_up")).Html));
        var (_, none) = await owner.GetAsync("/portal/invoices?kind=renewal");
        Assert.Contains("No invoices match this filter.", none);
        var (bad, badHtml) = await owner.GetAsync("/portal/invoices?status=unpaid");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("This list cannot be shown", badHtml);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.GetAsync("/portal/invoices?next=bm90LWEtdG9rZW4")).Status);

        // P1: a full page of unpaid invoices, each with its forms, in Ukrainian (the renderer writes Cyrillic as character
        // references, 8 bytes a letter), still weighs under 100 KB.
        var uk = await PortalBrowserSession.OpenAsync(_app, account);
        var (_, full) = await uk.GetAsync("/portal/invoices");
        Assert.Equal(20, Numbers(full).Count);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(full) < 100_000, $"{System.Text.Encoding.UTF8.GetByteCount(full)} bytes");
    }

    /// <summary>A Pro account with the first month paid from its money and a prolongation invoice it can pay from the balance.</summary>
    private async Task<(string Account, string Invoice)> ProlongationInvoiceAsync()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, Pro * 2, "wire-" + Guid.NewGuid().ToString("N")[..8]);
        await _app.ActivateAsync(account);
        var invoice = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/services/svc_plan/renewal-invoice", null), 200);
        return (account, invoice["id"]!.GetValue<string>());
    }

    /// <summary>
    /// The checkout's redirect, as a browser follows it: the return page, which needs no session and moves on (meta refresh)
    /// to <paramref name="expected"/>, then that page in the session. Answers its HTML.
    /// </summary>
    private async Task<string> FollowReturnAsync(PortalBrowserSession session, HttpResponseMessage redirect, string expected)
    {
        var bounce = await _app.Anonymous.GetAsync(Target(redirect));
        Assert.Equal(HttpStatusCode.OK, bounce.StatusCode);
        Assert.Contains($"content=\"0;url={expected}\"", WebUtility.HtmlDecode(await bounce.Content.ReadAsStringAsync()));
        var (status, html) = await session.GetAsync(expected);
        Assert.Equal(HttpStatusCode.OK, status);
        return html;
    }

    private static Task<JsonNode> QuoteAsync(PortalBrowserSession session, string amount) =>
        session.SendAsync(HttpMethod.Get, "/portal/top-up/quote?amount=" + Uri.EscapeDataString(amount)).ContinueWith(async t => await BillingApp.ReadAsync(t.Result, 200)).Unwrap();

    /// <summary>A form as the page renders it: its form token and nonce, and the fields given (a field given again replaces the page's).</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var all = new Dictionary<string, string> { ["_csrf"] = PortalBrowserSession.FormToken(page) };
        if (NonceField().Match(page) is { Success: true } nonce) all["nonce"] = nonce.Groups[1].Value;
        foreach (var (name, value) in fields) all[name] = value;
        return new FormUrlEncodedContent(all);
    }

    /// <summary>Where a redirect leads, as a path on this server (a checkout's return address is absolute, the portal's own are not).</summary>
    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    private static string ErrorOf(string html) => WebUtility.HtmlDecode(ErrorText().Match(html).Groups[1].Value);

    private static string NoticeOf(string html) => WebUtility.HtmlDecode(NoticeText().Match(html).Groups[1].Value);

    private static List<string> Numbers(string html) => [.. InvoiceNumber().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("name=\"nonce\" value=\"([^\"]+)\"")]
    private static partial Regex NonceField();

    [GeneratedRegex("id=\"error\">([^<]*)<")]
    private static partial Regex ErrorText();

    [GeneratedRegex("id=\"notice\">([^<]*)<")]
    private static partial Regex NoticeText();

    [GeneratedRegex("<strong class=\"number\">([^<]+)</strong>")]
    private static partial Regex InvoiceNumber();

    [GeneratedRegex("href=\"([^\"]+)\" id=\"older\"")]
    private static partial Regex OlderLink();
}
