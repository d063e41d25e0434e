using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>F1–F4, F6 over HTTP: customers, invoices, the public link and its payment in the sandbox, bulk archive.</summary>
public sealed class CustomerInvoiceTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task F1_opening_money_and_adjustments_are_entries_and_an_update_cannot_overwrite_them()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena", balance: 30_000, passes: [CustomerBillingSupport.Guitar(2), CustomerBillingSupport.Piano(5_000)]);
        var adj = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customers/{c}/adjustments",
            BillingApp.Json(new { target = "base", amount = -25_000, description = "Lesson 2026-11-20" })), 201);
        Assert.Equal(5_000, adj["balanceAfter"]!.GetValue<long>());

        var refused = await _app.Api.PutAsync($"/api/accounts/{t}/customers/{c}", BillingApp.Json(new { name = "Olena", balance = 999_999, passes = new[] { CustomerBillingSupport.Guitar() } }));
        Assert.Equal(422, (int)refused.StatusCode);
        var updated = await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/customers/{c}",
            BillingApp.Json(new { name = "Olena K.", status = "paused", passes = new[] { CustomerBillingSupport.Guitar(7), CustomerBillingSupport.Piano(999) } })), 200);
        Assert.Equal("Olena K.", updated["name"]!.GetValue<string>());
        Assert.Equal(5_000, updated["passes"]![1]!["moneyLeft"]!.GetValue<long>());
        Assert.Equal(7, updated["passes"]![0]!["lessonsLeft"]!.GetValue<int>());

        var ledger = (await _app.GetAsync($"/api/accounts/{t}/customers/{c}/ledger"))["items"]!.AsArray();
        Assert.Equal(3, ledger.Count);
        Assert.Equal(updated["balance"]!.GetValue<long>(), ledger.Where(e => e!["target"]!.GetValue<string>() == "base").Sum(e => e!["amount"]!.GetValue<long>()));
        Assert.Equal(5_000, ledger.Where(e => e!["target"]!.GetValue<string>() == "piano").Sum(e => e!["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task F2_forecast_is_calculated_from_planned_lessons_fixed_and_starts_on_the_issue_day()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Ivan", balance: 10_000, passes: [CustomerBillingSupport.Guitar(1)]);
        var lessons = Enumerable.Range(0, 6).Select(i => new { date = $"2026-11-{23 + i * 2:D2}", passId = "guitar" }).Where(l => l.date.CompareTo("2026-11-31") < 0).ToArray();
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customers/{c}/lessons", BillingApp.Json(new { lessons })), 200);

        var inv = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "forecast", periodEnd = "2026-11-30" });
        // 4 lessons (23, 25, 27, 29), 1 paid: 3 × 1000.00/4 = 750.00, less 100.00 on account.
        Assert.Equal(65_000, inv["amount"]!.GetValue<long>());
        Assert.Equal("2026-11-23", inv["periodStart"]!.GetValue<string>());
        Assert.Equal(inv["amount"]!.GetValue<long>(), inv["lines"]!.AsArray().Sum(l => l!["amount"]!.GetValue<long>()));
        Assert.Equal("awaiting_payment", inv["status"]!.GetValue<string>());

        var withAmount = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "forecast", amount = 1, periodEnd = "2026-11-30" }, 422);
        Assert.Equal("forecast_amount_fixed", withAmount["code"]!.GetValue<string>());
        var otherStart = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "forecast", periodStart = "2026-11-01", periodEnd = "2026-11-30" }, 422);
        Assert.Equal("forecast_period_start_fixed", otherStart["code"]!.GetValue<string>());

        var sub = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "subscription" });
        Assert.Equal(100_000, sub["amount"]!.GetValue<long>());
        var numbers = new[] { inv, sub }.Select(i => i["number"]!.GetValue<string>()).ToList();
        Assert.Equal(["C-000001", "C-000002"], numbers);
        Assert.Equal(2, (await _app.GetAsync($"/api/accounts/{t}/customer-invoices?customerId={c}"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task F2_invoice_to_a_pass_without_its_own_account_is_refused_and_nothing_is_written()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Ivan");
        var r = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "manual", amount = 100, periodStart = "2026-11-01", periodEnd = "2026-11-30", target = "guitar" }, 422);
        Assert.Equal("pass_has_no_account", r["code"]!.GetValue<string>());
        Assert.Empty((await _app.GetAsync($"/api/accounts/{t}/customer-invoices"))["items"]!.AsArray());
    }

    [Fact]
    public async Task F3_F4_F7_a_customer_pays_through_the_public_link_and_the_chosen_pass_is_credited_once()
    {
        var t = await _app.CreateTenantAsync();
        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/company-details",
            BillingApp.Json(new { legalName = "Music School LLC", taxId = "12345678", address = "Kyiv", bankDetails = "UA00 0000" })), 200);
        var c = await _app.CreateCustomerAsync(t, "Olena", passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var inv = await _app.ManualInvoiceAsync(t, c, 120_000, target: "piano");
        var url = inv["publicUrl"]!.GetValue<string>();

        var page = await _app.PageAsync(url);
        Assert.Contains("Music School LLC", page);
        Assert.Contains("12345678", page);
        Assert.Contains(BillingApp.DefaultOfferUrl, page);
        Assert.Contains("1,200.00 UAH", page);
        Assert.Contains("id=\"pay\"", page);

        await _app.PayThroughLinkAsync(url);
        var paid = await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>());
        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        var customer = await _app.CustomerAsync(t, c);
        Assert.Equal(120_000, customer["passes"]![1]!["moneyLeft"]!.GetValue<long>());
        Assert.Equal(0, customer["balance"]!.GetValue<long>());
        Assert.Equal(0, await _app.BalanceAsync(t));

        var second = await _app.Anonymous.PostAsync(new Uri(url).AbsolutePath + "/checkout", null);
        Assert.Equal(409, (int)second.StatusCode);
        Assert.DoesNotContain("id=\"pay\"", await _app.PageAsync(url));
        var ledger = (await _app.GetAsync($"/api/accounts/{t}/customers/{c}/ledger"))["items"]!.AsArray();
        Assert.Single(ledger);
        Assert.Equal(inv["id"]!.GetValue<string>(), ledger[0]!["invoiceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task F4_a_redelivered_webhook_credits_nothing_more()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 50_000);
        var url = inv["publicUrl"]!.GetValue<string>();
        var checkout = await _app.Anonymous.PostAsync(new Uri(url).AbsolutePath + "/checkout", null);
        var sandbox = checkout.Headers.Location!.AbsolutePath;
        var provider = _app.Service<Billing.Infrastructure.Payments.SandboxPaymentProvider>();
        var session = (await provider.FindAsync(sandbox.Split('/').Last(), default))!;
        for (var i = 0; i < 3; i++) Assert.True((await provider.CompleteAsync(session, paid: true, default)).Delivered);
        Assert.Equal(50_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
        Assert.Equal(1, (await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>()))["paymentCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task F3_after_the_window_ends_the_page_says_so_and_neither_page_nor_checkout_takes_a_payment()
    {
        var t = await _app.CreateTenantAsync("ru");
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 50_000, payableUntil: "2026-11-25");
        var url = inv["publicUrl"]!.GetValue<string>();
        Assert.Contains("id=\"pay\"", await _app.PageAsync(url));
        _app.Clock.Advance(TimeSpan.FromDays(3)); // 2026-11-26 in Kyiv

        var page = await _app.PageAsync(url);
        Assert.Contains("Срок оплаты счета истек, обратитесь к администратору", page);
        Assert.DoesNotContain("id=\"pay\"", page);
        var checkout = await _app.Anonymous.PostAsync(new Uri(url).AbsolutePath + "/checkout", null);
        Assert.Equal(422, (int)checkout.StatusCode);
        Assert.Null(checkout.Headers.Location);
        Assert.Equal("awaiting_payment", (await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task F3_a_repeatable_invoice_is_paid_again_each_payment_credited()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 40_000, repeatable: true);
        var url = inv["publicUrl"]!.GetValue<string>();
        await _app.PayThroughLinkAsync(url);
        Assert.Contains("id=\"pay-again\"", await _app.PageAsync(url));
        await _app.PayThroughLinkAsync(url);
        var paid = await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>());
        Assert.Equal(2, paid["paymentCount"]!.GetValue<int>());
        Assert.Equal(80_000, paid["paidTotal"]!.GetValue<long>());
        Assert.Equal(80_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task F6_bulk_archive_answers_a_protocol_line_per_invoice_and_archived_invoices_are_never_payable()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var a = await _app.ManualInvoiceAsync(t, c, 10_000, repeatable: true);
        var b = await _app.ManualInvoiceAsync(t, c, 20_000);
        var paid = await _app.ManualInvoiceAsync(t, c, 30_000);
        await _app.PayThroughLinkAsync(paid["publicUrl"]!.GetValue<string>());
        string Id(JsonNode n) => n["id"]!.GetValue<string>();

        var first = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/archive",
            BillingApp.Json(new { invoiceIds = new[] { Id(a), Id(paid), "cinv_nosuchinvoice" } })), 200);
        var protocol = first["protocol"]!.AsArray().ToDictionary(l => l!["invoiceId"]!.GetValue<string>(), l => l!["result"]!.GetValue<string>());
        Assert.Equal("archived", protocol[Id(a)]);
        Assert.Equal("paid_cannot_be_archived", protocol[Id(paid)]);
        Assert.Equal("not_found", protocol["cinv_nosuchinvoice"]);

        var all = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/archive", BillingApp.Json(new { all = true })), 200);
        Assert.Equal(Id(b), all["protocol"]!.AsArray().Single()!["invoiceId"]!.GetValue<string>());
        var again = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{t}/customer-invoices/archive", BillingApp.Json(new { invoiceIds = new[] { Id(a) } })), 200);
        Assert.Equal("already_archived", again["protocol"]![0]!["result"]!.GetValue<string>());

        var url = a["publicUrl"]!.GetValue<string>();
        Assert.DoesNotContain("id=\"pay\"", await _app.PageAsync(url));
        Assert.Equal(409, (int)(await _app.Anonymous.PostAsync(new Uri(url).AbsolutePath + "/checkout", null)).StatusCode);
        Assert.Equal(2, (await _app.GetAsync($"/api/accounts/{t}/customer-invoices?status=archived"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task S1_a_public_token_reaches_only_its_own_invoice_and_an_unknown_one_reveals_nothing()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 10_000);
        var token = inv["publicToken"]!.GetValue<string>();
        var flipped = (token[0] == 'a' ? 'b' : 'a') + token[1..];
        foreach (var probe in new[] { flipped, token[..31], "../" + token, inv["id"]!.GetValue<string>() })
        {
            var r = await _app.Anonymous.GetAsync("/api/pay/" + Uri.EscapeDataString(probe));
            Assert.Equal(404, (int)r.StatusCode);
            Assert.Equal(404, (int)(await _app.Anonymous.PostAsync("/api/pay/" + Uri.EscapeDataString(probe) + "/checkout", null)).StatusCode);
        }
        Assert.Equal(401, (int)(await _app.Anonymous.GetAsync($"/api/accounts/{t}/customer-invoices")).StatusCode);
    }

    [Fact]
    public async Task F7_company_details_are_saved_shown_on_the_page_and_a_bad_offer_link_is_refused()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var url = (await _app.ManualInvoiceAsync(t, c, 10_000))["publicUrl"]!.GetValue<string>();
        Assert.Contains($"href=\"{BillingApp.DefaultOfferUrl}\"", await _app.PageAsync(url)); // the default while unset

        var bad = await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/company-details",
            BillingApp.Json(new { legalName = "X", publicOfferUrl = "javascript:alert(1)" })), 400);
        Assert.Equal("company_invalid", bad["code"]!.GetValue<string>());
        Assert.Equal("", (await _app.GetAsync($"/api/accounts/{t}/company-details"))["legalName"]!.GetValue<string>());

        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/company-details", BillingApp.Json(new
        {
            legalName = "Music School LLC", taxId = "12345678", address = "Kyiv, Khreshchatyk 1", bankDetails = "UA21 3223 1300 0002 6007 2335 6600 1",
            publicOfferUrl = "https://school.example/offer",
        })), 200);
        var saved = await _app.GetAsync($"/api/accounts/{t}/company-details");
        Assert.Equal("Kyiv, Khreshchatyk 1", saved["address"]!.GetValue<string>());
        var page = await _app.PageAsync(url);
        foreach (var shown in new[] { "Music School LLC", "12345678", "Kyiv, Khreshchatyk 1", "UA21 3223 1300 0002 6007 2335 6600 1", "href=\"https://school.example/offer\"" })
            Assert.Contains(shown, page);
    }

    [Fact]
    public async Task S3_ids_in_invoice_filters_are_validated_and_filter_values_are_parameters()
    {
        var t = await _app.CreateTenantAsync();
        var olena = await _app.CreateCustomerAsync(t, "Olena");
        var ivan = await _app.CreateCustomerAsync(t, "Ivan");
        await _app.ManualInvoiceAsync(t, olena, 10_000);
        await _app.ManualInvoiceAsync(t, ivan, 20_000);
        var injected = await _app.Api.GetAsync($"/api/accounts/{t}/customer-invoices?customerId=" + Uri.EscapeDataString("x' or CustomerId ne 'x"));
        Assert.Equal(404, (int)injected.StatusCode);
        Assert.Equal("application/problem+json", injected.Content.Headers.ContentType!.MediaType);
        var badStatus = await _app.Api.GetAsync($"/api/accounts/{t}/customer-invoices?status=" + Uri.EscapeDataString("paid' or Status ne '"));
        Assert.Equal(400, (int)badStatus.StatusCode);
        var only = (await _app.GetAsync($"/api/accounts/{t}/customer-invoices?customerId={olena}"))["items"]!.AsArray();
        Assert.Equal(olena, only.Single()!["customerId"]!.GetValue<string>());
    }
}
