using System.Text.Json;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests.Accessibility;

/// <summary>
/// P1, P2 (accessible: labels, names, contrast, landmarks, language): axe-core, the accessibility engine browsers' own
/// tools build on (npm, installed by the test script), run on every page of the portal and the console and on the public
/// invoice page, at phone size, against WCAG 2 A and AA. The pages' CSP is bypassed only to inject the engine.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string AxePath
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!Directory.Exists(Path.Combine(root, "node_modules", "axe-core"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("node_modules/axe-core is missing: the test script runs npm ci.");
            return Path.Combine(root, "node_modules", "axe-core", "axe.min.js");
        }
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true, Locale = "uk-UA" });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>The WCAG 2 A/AA violations axe finds on the page as loaded, one line each.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxePath });
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)
            """);
        return found.EnumerateArray().Select(e => $"{page.Url}: {e.GetString()}").ToList();
    }

    [Fact]
    public async Task P1_P2_every_portal_and_console_page_and_the_public_invoice_page_pass_axe_for_WCAG_2_AA()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        await _app.FundAsync(account, 200_000, "wire-a11y");
        var violations = new List<string>();

        var page = await PhoneAsync();
        await page.GotoAsync(await PortalBrowserSession.LinkAsync(_app, account, language: "uk"));
        await page.WaitForURLAsync(_app.BaseUrl + "/portal", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        foreach (var path in new[] { "/portal", "/portal/history", "/portal/top-up", "/portal/services", "/portal/invoices", "/portal/plans" })
        {
            await page.GotoAsync(_app.BaseUrl + path);
            violations.AddRange(await ViolationsAsync(page));
        }

        var console = await PhoneAsync();
        await console.GotoAsync(_app.BaseUrl + "/console/sign-in");
        violations.AddRange(await ViolationsAsync(console));
        await console.FillAsync("#key", BillingApp.AdminKey);
        await console.ClickAsync("#sign-in-submit");
        await console.WaitForURLAsync("**/console", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        foreach (var path in new[] { "/console", "/console/accounts/" + account, "/console/jobs", "/console/flagged-payments", "/console/events", "/console/audit" })
        {
            await console.GotoAsync(_app.BaseUrl + path);
            violations.AddRange(await ViolationsAsync(console));
        }

        var tenant = await _app.CreateTenantAsync("uk");
        var customer = await _app.CreateCustomerAsync(tenant, "Олена");
        var invoice = await _app.ManualInvoiceAsync(tenant, customer, 50_000);
        var payer = await PhoneAsync();
        await payer.GotoAsync(invoice["publicUrl"]!.GetValue<string>());
        violations.AddRange(await ViolationsAsync(payer));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
