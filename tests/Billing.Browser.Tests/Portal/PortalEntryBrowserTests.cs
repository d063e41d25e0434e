using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests.Portal;

/// <summary>P1 in Chromium: the CRM's link opens the portal (the session cookie is kept and sent), and nothing else does.</summary>
public sealed class PortalEntryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task P1_a_person_opens_the_portal_from_the_link_and_the_link_does_not_open_it_a_second_time()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var link = await PortalBrowserSession.LinkAsync(_app, account, language: "ru");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync(link);
        await page.WaitForURLAsync(_app.BaseUrl + "/portal", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal((await _app.BalanceAsync(account)).ToString(), await page.GetAttributeAsync("#balance", "data-minor"));
        // The style sheet and the script load under the page's CSP (an error here would be a blocked file).
        Assert.Equal("rgb(247, 247, 248)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Empty(errors);
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == PortalBrowserSession.CookieName);
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict);

        // The same link in another browser (someone it was forwarded to) opens nothing.
        var other = await (await browser.Browser.NewContextAsync()).NewPageAsync();
        var response = await other.GotoAsync(link);
        Assert.Equal(410, response!.Status);
        Assert.Equal(0, await other.Locator("#balance").CountAsync());
    }
}
