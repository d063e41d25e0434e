using System.Net;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S1 on the public pages (the invoice page, its not-found page, the sandbox checkout): a Content-Security-Policy that runs
/// no script and allows no framing, nosniff, no referrer, no caching of token pages; and their form POSTs (start a checkout,
/// Pay, Decline) only from our own origin, so a third-party page cannot start a payment: otherwise 403 problem+json.
/// </summary>
public sealed class PageSecurityTests : IAsyncLifetime
{
    private BillingApp _app = null!;
    private string _tenant = "";
    private string _customer = "";

    public async Task InitializeAsync()
    {
        _app = await BillingApp.StartAsync();
        _tenant = await _app.CreateTenantAsync();
        _customer = await _app.CreateCustomerAsync(_tenant, "Olena");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> InvoicePathAsync() =>
        new Uri((await _app.ManualInvoiceAsync(_tenant, _customer, 40_000))["publicUrl"]!.GetValue<string>()).AbsolutePath;

    private static void AssertPageHeaders(HttpResponseMessage r, string what)
    {
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Contains("'self'", directives["form-action"]);
        Assert.DoesNotContain("*", directives["form-action"]);
        Assert.False(directives.ContainsKey("script-src"), $"{what}: no script is allowed at all ({csp})");
        // Styles come only from the app's own sheet (/assets/public.css), never inline.
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", string.Join(",", r.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", r.Headers.GetValues("Referrer-Policy")));
        Assert.True(r.Headers.CacheControl?.NoStore, $"{what}: Cache-Control {r.Headers.CacheControl}");
    }

    [Fact]
    public async Task S1_public_pages_send_a_strict_content_security_policy_and_no_store()
    {
        var invoice = await InvoicePathAsync();
        var page = await _app.Anonymous.GetAsync(invoice);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertPageHeaders(page, "invoice page");
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var missing = await _app.Anonymous.GetAsync("/api/pay/" + new string('a', 32));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertPageHeaders(missing, "not-found page");

        var checkout = await _app.Anonymous.PostAsync(invoice + "/checkout", null);
        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        var sandbox = await _app.Anonymous.GetAsync(checkout.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, sandbox.StatusCode);
        AssertPageHeaders(sandbox, "sandbox checkout");
    }

    [Fact]
    public async Task S1_the_invoice_pages_form_may_go_to_the_providers_checkout_and_the_sandbox_to_the_merchants_return_page()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 2);
        var created = await BillingApp.ReadAsync(await _app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 50_000, actingUserId = "u", role = "owner", returnUrl = "https://crm.example:8443/billing/back?x=1" })), 201);
        var sandbox = await _app.Anonymous.GetAsync(new Uri(created["checkoutUrl"]!.GetValue<string>()).AbsolutePath);
        var csp = string.Join(";", sandbox.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("form-action 'self' " + _app.BaseUrl, csp);
        Assert.Contains("https://crm.example:8443", csp);

        var invoice = await _app.Anonymous.GetAsync(await InvoicePathAsync());
        Assert.Contains("form-action 'self' " + _app.BaseUrl, string.Join(";", invoice.Headers.GetValues("Content-Security-Policy")));
    }

    public static TheoryData<string?, string?> CrossSite() => new()
    {
        // Sec-Fetch-Site, Origin
        { "cross-site", null },
        { "cross-site", "https://evil.example" },
        { "same-site", "https://pay.evil.example" },
        { null, "https://evil.example" },
        { null, "null" },
        { null, "http://127.0.0.1:1" },
    };

    [Theory]
    [MemberData(nameof(CrossSite))]
    public async Task S1_a_checkout_pay_or_decline_from_another_site_is_403_and_starts_nothing(string? site, string? origin)
    {
        var invoice = await InvoicePathAsync();
        var sandbox = (await _app.Anonymous.PostAsync(invoice + "/checkout", null)).Headers.Location!.AbsolutePath;
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        foreach (var path in new[] { invoice + "/checkout", sandbox + "/pay", sandbox + "/decline" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };
            if (site is not null) request.Headers.Add("Sec-Fetch-Site", site);
            if (origin is not null) request.Headers.Add("Origin", origin);
            var r = await _app.Anonymous.SendAsync(request);
            var body = await BillingApp.ReadAsync(r, 403);
            Assert.Equal("cross_site_request", body["code"]!.GetValue<string>());
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
        Assert.Equal("awaiting_payment", (await _app.CustomerInvoiceAsync(_tenant, await InvoiceIdAsync()))["status"]!.GetValue<string>());
    }

    private async Task<string> InvoiceIdAsync() =>
        (await _app.GetAsync($"/api/accounts/{_tenant}/customer-invoices"))["items"]!.AsArray()[0]!["id"]!.GetValue<string>();

    public static TheoryData<string?, string?> SameSite() => new()
    {
        { "same-origin", null },
        { "same-origin", "null" }, // our pages send no referrer, so a browser's own form post says Origin: null
        { "none", null },
        { null, null },
        { null, "{self}" },
    };

    [Theory]
    [MemberData(nameof(SameSite))]
    public async Task S1_a_post_from_our_own_page_or_without_browser_headers_goes_through(string? site, string? origin)
    {
        var invoice = await InvoicePathAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, invoice + "/checkout") { Content = new FormUrlEncodedContent([]) };
        if (site is not null) request.Headers.Add("Sec-Fetch-Site", site);
        if (origin is not null) request.Headers.Add("Origin", origin.Replace("{self}", _app.BaseUrl));
        var checkout = await _app.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        var pay = new HttpRequestMessage(HttpMethod.Post, checkout.Headers.Location!.AbsolutePath + "/pay");
        if (site is not null) pay.Headers.Add("Sec-Fetch-Site", site);
        if (origin is not null) pay.Headers.Add("Origin", origin.Replace("{self}", _app.BaseUrl));
        Assert.Equal(HttpStatusCode.Redirect, (await _app.Anonymous.SendAsync(pay)).StatusCode);
    }
}
