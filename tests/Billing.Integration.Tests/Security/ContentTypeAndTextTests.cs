using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Billing.Core.Payments;
using Billing.Http.Endpoints;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S2: a body sent to a JSON endpoint must be <c>application/json</c> (a charset allowed), else 415 problem+json; provider
/// webhooks keep their provider's format. Texts people read (names, descriptions, company details, templates) hold no
/// control characters or bidirectional overrides, else 400 naming the field; newlines and tabs only in template bodies.
/// </summary>
public sealed class ContentTypeAndTextTests : AccountAndTenantTests
{
    private static HttpContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task S2_every_json_endpoint_refuses_a_body_of_another_type_with_415_and_writes_nothing()
    {
        var routes = EndpointTable.All.Where(e => e.Surface == EndpointSurface.Json && e.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.True(routes.Count > 30, $"only {routes.Count} JSON routes with a body");
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var wrong = new List<string>();
        foreach (var e in routes)
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", null })
        {
            var path = "/api/" + System.Text.RegularExpressions.Regex.Replace(e.Route, @"\{(\w+)\}", m => m.Groups[1].Value switch
            {
                "accountId" => _tenant, "customerId" => _customer, var other => other.ToLowerInvariant() + "_x",
            });
            var response = await _app.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(e.Method), path) { Content = Body("{}", type) });
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.UnsupportedMediaType || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !text.Contains("\"unsupported_media_type\""))
                wrong.Add($"{e.Name} {e.Method} {path} as {type ?? "(no type)"}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 120)]}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task S2_json_with_or_without_a_utf8_charset_is_taken(string type)
    {
        var r = await _app.Api.PostAsync($"/api/accounts/{_account}/seats", Body("""{"seats":3}""", type));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task S2_a_post_without_a_body_needs_no_content_type()
    {
        var account = (await _app.CreateAccountAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _app.Api.PostAsync($"/api/accounts/{account}/activate", null)).StatusCode);
    }

    [Fact]
    public async Task B4_a_provider_webhook_keeps_its_providers_format_and_is_judged_by_its_signature()
    {
        // The sandbox posts application/json; charset=utf-8 (as Stripe does). Another type is not refused by type:
        // the signature decides, so a provider that posts a form (LiqPay) can be added behind the same route.
        var body = JsonSerializer.Serialize(new { id = "evt_t", type = "checkout.completed", created = 0,
            data = new { checkoutId = "cs_1", accountId = _account, invoiceId = "inv_none", amount = 100, currency = "UAH" } });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = Body(body, "text/plain") };
        request.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(body, BillingApp.WebhookSecret, _app.Clock.GetUtcNow()));
        var r = await _app.Anonymous.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode); // recorded as an unknown invoice, never credited
        var unsigned = await _app.Anonymous.PostAsync("/api/webhooks/sandbox", Body(body, "text/plain"));
        Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(unsigned, 400))["code"]!.GetValue<string>());
    }

    /// <summary>method, path, body with {x} where the bad character goes, the field named.</summary>
    public static TheoryData<string, string, string, string> TextCases() => new()
    {
        { "POST", "/api/accounts", """{"name":"Shop{x}","currency":"UAH","timeZone":"Europe/Kyiv","country":"UA","planId":"standard"}""", "name" },
        { "PATCH", "/api/accounts/{a}/settings", """{"name":"Shop{x}"}""", "name" },
        { "POST", "/api/accounts/{t}/customers", """{"name":"Ole{x}na"}""", "name" },
        { "POST", "/api/accounts/{t}/customers", """{"name":"Olena","passes":[{"id":"p","name":"Pi{x}ano","price":1}]}""", "passes[0].name" },
        { "PUT", "/api/accounts/{t}/customers/{c}", """{"name":"Olena","status":"act{x}ive"}""", "status" },
        { "PUT", "/api/accounts/{t}/company-details", """{"legalName":"ТОВ{x} Школа"}""", "legalName" },
        { "PUT", "/api/accounts/{t}/company-details", """{"address":"Kyiv{x}"}""", "address" },
        { "PUT", "/api/accounts/{t}/company-details", """{"bankDetails":"UA00{x}"}""", "bankDetails" },
        { "POST", "/api/accounts/{t}/message-templates", """{"name":"Inv{x}oice","subject":"s","body":"b"}""", "name" },
        { "POST", "/api/accounts/{t}/message-templates", """{"name":"Invoice","subject":"s{x}","body":"b"}""", "subject" },
        { "POST", "/api/accounts/{t}/customers/{c}/adjustments", """{"amount":100,"description":"lesson{x}"}""", "description" },
        { "POST", "/api/accounts/{a}/invoices", """{"kind":"renewal","amount":100,"description":"act{x}","dueDate":"2026-12-01"}""", "description" },
        { "POST", "/api/operator/accounts/{a}/offline-payments", """{"amount":50000,"currency":"UAH","reference":"ref{x}","operatorId":"o"}""", "reference" },
        { "POST", "/api/accounts/{t}/mailing-rules", """{"name":"r{x}","method":"forecast","schedule":{"kind":"daily","time":"09:00"},"channel":"email","templateId":"tpl_x"}""", "name" },
        { "POST", "/api/operator/api-keys", """{"role":"crm","name":"crm{x}"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(TextCases))]
    public async Task S2_control_and_bidi_characters_in_texts_people_read_are_refused_naming_the_field(string method, string path, string body, string field)
    {
        foreach (var bad in new[] { "\\u0000", "\\u0007", "\\u001b", "\\n", "\\t", "\\u007f", "\\u202a", "\\u202e", "\\u2066", "\\u2069" })
        {
            var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
            var filled = path.Replace("{a}", _account).Replace("{t}", _tenant).Replace("{c}", _customer);
            var client = filled.StartsWith("/api/operator", StringComparison.Ordinal) ? _app.Admin : path.EndsWith("/invoices", StringComparison.Ordinal) ? _app.Erp : _app.Api; // ERP invoices: an erp key
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), filled)
            {
                Content = new StringContent(body.Replace("{x}", bad), Encoding.UTF8, "application/json"),
            });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} with {bad}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{method} {path} with {bad}: no error for '{field}' in {text}");
            Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        }
    }

    [Fact]
    public async Task S2_a_template_body_may_hold_newlines_and_tabs_but_no_other_control_or_bidi_character()
    {
        await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{_tenant}/message-templates",
            BillingApp.Json(new { name = "Invoice", subject = "Invoice {bill.amount}", body = "Hello {customer.name},\r\n\tpay {bill.amount}:\n{bill.url}" })), 201);
        foreach (var bad in new[] { "\u0000", "\u001b[31m", "\u202e", "\u2067" })
        {
            var r = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{_tenant}/message-templates",
                BillingApp.Json(new { name = "Invoice", subject = "s", body = "Pay " + bad + "{bill.url}" })), 400);
            Assert.NotNull(r["errors"]!["body"]);
        }
    }
}
