using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Core.Payments;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S2, S3: every amount has an upper bound (<c>Money:MaxAmountMinor</c>, 10^12 by default), so Int64.MaxValue and
/// Int64.MinValue are a 4xx with a field error and write nothing, on every route that takes one; ids inside signed provider
/// events are checked like path ids; a return URL is absolute http(s), printable ASCII, at most 2,048 characters.
/// </summary>
public sealed class BoundsTests : AccountAndTenantTests
{
    private const long Max = long.MaxValue;
    private const long Min = long.MinValue;
    private const long JustOver = 1_000_000_000_001;

    /// <summary>method, path ({a} account, {t} tenant, {c} customer), body with {n} for the amount, the field the error names.</summary>
    public static TheoryData<string, string, string, string> Routes() => new()
    {
        { "POST", "/api/accounts/{a}/invoices", """{"kind":"renewal","amount":{n},"description":"d","dueDate":"2026-12-01"}""", "amount" },
        { "POST", "/api/operator/accounts/{a}/offline-payments", """{"amount":{n},"currency":"UAH","reference":"r-1","operatorId":"o"}""", "amount" },
        { "POST", "/api/accounts/{a}/topups", """{"amount":{n},"actingUserId":"u","role":"owner"}""", "amount" },
        { "POST", "/api/accounts/{a}/plan-change", """{"planId":"start","confirm":true,"quotedCost":{n},"actingUserId":"u","role":"owner"}""", "quotedCost" },
        { "POST", "/api/accounts/{t}/customers", """{"name":"x","balance":{n}}""", "balance" },
        { "POST", "/api/accounts/{t}/customers", """{"name":"x","passes":[{"id":"p","name":"P","price":{n}}]}""", "passes[0].price" },
        { "POST", "/api/accounts/{t}/customers", """{"name":"x","passes":[{"id":"p","name":"P","price":1,"separateAccount":true,"moneyLeft":{n}}]}""", "passes[0].moneyLeft" },
        { "PUT", "/api/accounts/{t}/customers/{c}", """{"name":"x","passes":[{"id":"p","name":"P","price":{n}}]}""", "passes[0].price" },
        { "POST", "/api/accounts/{t}/customers/{c}/adjustments", """{"amount":{n},"description":"x"}""", "amount" },
        { "POST", "/api/accounts/{t}/customer-invoices", """{"customerId":"{c}","calculation":"manual","amount":{n},"periodStart":"2026-11-01","periodEnd":"2026-11-30"}""", "amount" },
        { "POST", "/api/accounts/{t}/mailing-rules", """{"name":"r","method":"forecast","filter":{"moneyLeft":{"from":{n}}},"schedule":{"kind":"daily","time":"09:00"},"channel":"email","templateId":"tpl_x"}""", "filter.moneyLeft.from" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task S2_an_amount_beyond_the_bound_either_way_is_a_4xx_with_a_field_error_and_writes_nothing(string method, string path, string body, string field)
    {
        foreach (var n in new[] { Max, Min, JustOver, -JustOver })
        {
            var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
            var request = new HttpRequestMessage(new HttpMethod(method), Fill(path))
            {
                Content = new StringContent(Fill(body).Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), Encoding.UTF8, "application/json"),
            };
            var client = path.StartsWith("/api/operator", StringComparison.Ordinal) ? _app.Admin : path.EndsWith("/invoices", StringComparison.Ordinal) ? _app.Erp : _app.Api; // ERP invoices: an erp key
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is 400 or 422, $"{method} {path} with {n}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{method} {path} with {n}: no error for '{field}' in {text}");
            Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        }
    }

    [Theory]
    [InlineData(Max)]
    [InlineData(Min)]
    [InlineData(0)]
    public async Task S2_a_top_up_quote_beyond_the_bound_is_400_with_a_field_error(long amount)
    {
        var r = await BillingApp.ReadAsync(await _app.Api.GetAsync($"/api/accounts/{_account}/topups/quote?amount={amount}"), 400);
        Assert.NotNull(r["errors"]!["amount"]);
    }

    [Fact]
    public async Task S2_the_bound_is_configurable()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { Settings = { ["Money:MaxAmountMinor"] = "1000" } });
        var tenant = await app.CreateTenantAsync();
        var customer = await app.CreateCustomerAsync(tenant, "Olena", passes: []);
        var over = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{tenant}/customers/{customer}/adjustments",
            BillingApp.Json(new { amount = 1001, description = "x" })), 400);
        Assert.Equal("amount_out_of_bounds", over["code"]!.GetValue<string>());
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{tenant}/customers/{customer}/adjustments",
            BillingApp.Json(new { amount = 1000, description = "x" })), 201);
    }

    private string Fill(string s) => s.Replace("{a}", _account).Replace("{t}", _tenant).Replace("{c}", _customer);

    private Task<HttpResponseMessage> SignedWebhookAsync(object data, string id = "evt_1")
    {
        var body = JsonSerializer.Serialize(new { id, type = "checkout.completed", created = 0, data });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(body, BillingApp.WebhookSecret, _app.Clock.GetUtcNow()));
        return _app.Anonymous.SendAsync(request);
    }

    public static TheoryData<string, string, string, long, string, string> BadEvents() => new()
    {
        // event id, account ({a} = real), invoice, amount, currency, the field named
        { "evt_1", "{a}", "inv/../x", 100, "UAH", "invoiceId" },
        { "evt_1", "{a}", "inv_x'or'1'='1", 100, "UAH", "invoiceId" },
        { "evt_1", "{a}", new string('i', 300), 100, "UAH", "invoiceId" },
        { "evt_1", "{a}", "cinv_../../x", 100, "UAH", "invoiceId" },
        { "evt_1", "../{a}", "inv_x", 100, "UAH", "accountId" },
        { new string('e', 5000), "{a}", "inv_x", 100, "UAH", "eventId" },
        { "evt\u0000x", "{a}", "inv_x", 100, "UAH", "eventId" },
        { "evt_1", "{a}", "inv_x", long.MaxValue, "UAH", "amount" },
        { "evt_1", "{a}", "inv_x", long.MinValue, "UAH", "amount" },
        { "evt_1", "{a}", "inv_x", 100, "X\nY", "currency" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task S3_B4_ids_inside_a_signed_provider_event_are_checked_like_path_ids_never_a_500(string id, string account, string invoice, long amount,
        string currency, string field)
    {
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var response = await SignedWebhookAsync(new { checkoutId = "cs_1", accountId = account.Replace("{a}", _account), invoiceId = invoice, amount, currency }, id);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", text);
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    public static TheoryData<string> BadReturnUrls() => new()
    {
        "javascript:alert(1)", "/relative/path", "https://shop.example/back\r\nSet-Cookie: a=b", "https://shop.example/back\nx", "https://shöp.example/back",
        "https://shop.example/" + new string('a', 2048), "https://shop.example/a b", "ftp://shop.example/", "https://user:pw@shop.example/", "https:///nohost",
        "https://shop.example/\u202Egnp.exe",
    };

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task S2_a_return_url_must_be_absolute_http_printable_ascii_and_short(string returnUrl)
    {
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var response = await _app.Api.PostAsync($"/api/accounts/{_account}/topups", BillingApp.Json(new { amount = 50_000, actingUserId = "u", role = "owner", returnUrl }));
        var body = await BillingApp.ReadAsync(response, 400);
        Assert.NotNull(body["errors"]!["returnUrl"]);
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    [Fact]
    public async Task S2_a_return_url_of_2048_printable_characters_is_taken()
    {
        var url = "https://shop.example/back?x=" + new string('a', 2048 - "https://shop.example/back?x=".Length);
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{_account}/topups",
            BillingApp.Json(new { amount = 50_000, actingUserId = "u", role = "owner", returnUrl = url })), 201);
    }
}
