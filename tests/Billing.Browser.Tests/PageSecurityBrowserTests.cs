using System.Text.RegularExpressions;
using Billing.Core.CustomerBilling;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests;

/// <summary>
/// S1 in a real browser: the pages' Content-Security-Policy breaks neither the invoice page nor the sandbox checkout (no
/// violation reaches the console, the payment goes through, also when the invoice links live on another origin than the
/// checkout, as with <c>CustomerBilling:PublicBaseUrl</c>), and a third-party page's form cannot start a checkout.
/// </summary>
public sealed class PageSecurityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(IPage Page, List<string> Console)> PageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add("pageerror: " + e);
        return (page, console);
    }

    private static void AssertNoViolation(List<string> console) =>
        Assert.False(console.Any(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)),
            "console: " + string.Join("\n", console));

    private async Task PayThroughThePagesAsync(string publicUrl)
    {
        var (page, console) = await PageAsync();
        await page.GotoAsync(publicUrl);
        Assert.Equal("awaiting_payment", await page.GetAttributeAsync("#status", "data-status"));
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync("**/api/sandbox/checkout/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync(new Regex(Regex.Escape(publicUrl)), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("paid", await page.GetAttributeAsync("#status", "data-status"));
        AssertNoViolation(console);
    }

    [Fact]
    public async Task S1_F4_the_content_security_policy_breaks_neither_the_invoice_page_nor_the_sandbox_checkout()
    {
        var t = await _app.CreateTenantAsync("en");
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 70_000);
        await PayThroughThePagesAsync(inv["publicUrl"]!.GetValue<string>());
        Assert.Equal(70_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task S1_F4_links_on_another_origin_than_the_checkout_still_pay_the_form_follows_its_redirect_across_origins()
    {
        // Invoice links on http://localhost:port, the sandbox checkout on http://127.0.0.1:port: two origins of one server.
        _app.Service<CustomerBillingOptions>().PublicBaseUrl = _app.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var t = await _app.CreateTenantAsync("en");
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 30_000);
        var publicUrl = inv["publicUrl"]!.GetValue<string>();
        Assert.StartsWith("http://localhost:", publicUrl);
        await PayThroughThePagesAsync(publicUrl);
        Assert.Equal(30_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task S1_a_third_party_pages_form_cannot_start_a_checkout()
    {
        var t = await _app.CreateTenantAsync("en");
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var publicUrl = (await _app.ManualInvoiceAsync(t, c, 30_000))["publicUrl"]!.GetValue<string>();
        var (page, _) = await PageAsync();
        // A page on another site that posts the invoice's "Go to payment" form as soon as it is clicked.
        await page.RouteAsync("http://evil.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""<!doctype html><form method="post" action="{publicUrl}/checkout"><button id="go">Win a prize</button></form>""",
        }));
        await page.GotoAsync("http://evil.test/");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#go"), r => r.Url.EndsWith("/checkout", StringComparison.Ordinal));
        Assert.Equal(403, response.Status);
        Assert.Contains("cross_site_request", await response.TextAsync());
        Assert.Equal("awaiting_payment", (await _app.CustomerInvoiceAsync(t, (await _app.GetAsync($"/api/accounts/{t}/customer-invoices"))["items"]![0]!["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }
}
