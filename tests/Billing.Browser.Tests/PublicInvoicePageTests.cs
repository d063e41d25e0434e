using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests;

/// <summary>F3, F4 in a real browser: a payer opens the link, goes to the sandbox checkout, pays, and comes back to a paid invoice.</summary>
public sealed class PublicInvoicePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IPage> PhoneAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "uk-UA" });
        // CI runs the test projects side by side on two cores: waits are generous so a slow machine does not fail a test.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, name + ".png"), FullPage = true });

    [Fact]
    public async Task F3_F4_payer_opens_the_link_pays_in_the_sandbox_and_sees_the_invoice_paid()
    {
        var t = await _app.CreateTenantAsync("uk");
        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/company-details",
            BillingApp.Json(new { legalName = "ТОВ Музична школа", taxId = "12345678", publicOfferUrl = "https://school.example/offer" })), 200);
        var c = await _app.CreateCustomerAsync(t, "Олена");
        var inv = await _app.ManualInvoiceAsync(t, c, 125_000);
        var page = await PhoneAsync();

        await page.GotoAsync(inv["publicUrl"]!.GetValue<string>());
        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("ТОВ Музична школа", await page.ContentAsync());
        Assert.Equal("https://school.example/offer", await page.GetAttributeAsync("#offer", "href"));
        Assert.Equal("awaiting_payment", await page.GetAttributeAsync("#status", "data-status"));
        await Shot(page, "F3-invoice-awaiting-payment");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Перейти до оплати") }).ClickAsync();
        await page.WaitForURLAsync("**/api/sandbox/checkout/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("1250.00 UAH", await page.InnerTextAsync("#amount"));
        await Shot(page, "F4-sandbox-checkout");

        await page.ClickAsync("#pay");
        await page.WaitForURLAsync("**/api/pay/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("paid", await page.GetAttributeAsync("#status", "data-status"));
        Assert.Equal(0, await page.Locator("#pay").CountAsync());
        await Shot(page, "F4-invoice-paid");
        Assert.Equal(125_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task F3_an_expired_invoice_shows_the_message_and_no_payment_button()
    {
        var t = await _app.CreateTenantAsync("en");
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 50_000, payableUntil: "2026-11-24");
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var page = await PhoneAsync();

        await page.GotoAsync(inv["publicUrl"]!.GetValue<string>());
        Assert.Equal("The payment period of this invoice has expired, please contact the administrator", (await page.InnerTextAsync("#message")).Trim());
        Assert.Equal(0, await page.Locator("#pay").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button).CountAsync());
        await Shot(page, "F3-invoice-expired");
    }

    /// <summary>Each amount is on one line: "UAH" never wraps away from its number.</summary>
    private static Task<int[]> AmountLinesAsync(IPage page) =>
        page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('.money')].map(e => e.getClientRects().length)");

    [Fact]
    public async Task F3_on_a_390px_phone_nothing_is_wider_than_the_screen_and_long_details_wrap_inside_the_card()
    {
        var t = await _app.CreateTenantAsync("uk");
        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/company-details", BillingApp.Json(new
        {
            legalName = "ТОВАРИСТВОЗОБМЕЖЕНОЮВІДПОВІДАЛЬНІСТЮМУЗИЧНАШКОЛАІМЕНІМИКОЛИЛИСЕНКАТАЙОГОУЧНІВ",
            taxId = "12345678901234567890123456789012345678901234567890",
            address = "м. Київ, вулиця Велика Васильківська (колишня Червоноармійська), будинок 123456789, офіс 1234567890",
            bankDetails = "UA213223130000026007233566001UA213223130000026007233566001UA213223130000026007233566001",
            publicOfferUrl = "https://school.example/" + new string('o', 300),
        })), 200);
        var c = await _app.CreateCustomerAsync(t, "Олександра-Вікторія Костянтинопольська-Заболотна",
            passes: [new { id = "piano", name = "Фортепіано-індивідуальні-заняття-для-дорослих-вісім-уроків-на-місяць", subject = "фортепіано", price = 120_000, lessonsPerPeriod = 8, separateAccount = true }]);
        var inv = await _app.ManualInvoiceAsync(t, c, 123_456_700, repeatable: true, target: "piano"); // 1 234 567,00 UAH
        var page = await PhoneAsync();

        await page.GotoAsync(inv["publicUrl"]!.GetValue<string>());
        Assert.Equal(390, await page.EvaluateAsync<int>("() => window.innerWidth"));
        var (scrollWidth, overflowing) = await PageLayout.OverflowAsync(page);
        await Shot(page, "F3-invoice-390px-long-details");
        Assert.True(overflowing.Length == 0, "wider than the screen: " + string.Join(", ", overflowing));
        Assert.True(scrollWidth <= 390, $"the page scrolls sideways: {scrollWidth}px");
        Assert.Contains("1\u00a0234\u00a0567,00 UAH", await page.InnerTextAsync("#amount"));
        Assert.All(await AmountLinesAsync(page), lines => Assert.Equal(1, lines));

        // Paid once: the paid note, then a secondary "pay again", still within the screen.
        await _app.PayThroughLinkAsync(inv["publicUrl"]!.GetValue<string>());
        await page.ReloadAsync();
        Assert.Equal(1, await page.Locator("#pay-again").CountAsync());
        (scrollWidth, overflowing) = await PageLayout.OverflowAsync(page);
        await Shot(page, "F3-invoice-390px-paid-pay-again");
        Assert.True(overflowing.Length == 0, "wider than the screen: " + string.Join(", ", overflowing));
        Assert.True(scrollWidth <= 390, $"the page scrolls sideways: {scrollWidth}px");
        Assert.All(await AmountLinesAsync(page), lines => Assert.Equal(1, lines));
    }
}
