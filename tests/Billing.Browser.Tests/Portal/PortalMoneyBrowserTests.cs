using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests.Portal;

/// <summary>
/// P1 in a real browser: an admin opens the portal from the CRM's link, tops up with the live bonus quote, pays in the
/// sandbox checkout and comes back to the bonus and the new balance (credited by the signed webhook alone), switches
/// auto-renew off, creates the renewal invoice and pays it from the balance. Each page fits a 390 px phone, weighs under
/// 100 KB, raises no CSP violation, and is kept as screenshots at 390 and 1280 px.
/// </summary>
public sealed class PortalMoneyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const long Pro = 150_000; // catalog.json: Pro up to 10 seats, UAH a month
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task P1_B3_B4_C6_C10_an_admin_tops_up_with_the_live_bonus_pays_in_the_sandbox_turns_auto_renew_off_and_pays_an_invoice_from_the_balance()
    {
        var account = await _app.CreatePrepaidAccountAsync(seats: 3);
        await _app.ActivateAsync(account); // no money yet: the first month of Pro is invoiced and waits
        var (page, console, dialogs) = await PhoneAsync();

        await page.GotoAsync(await PortalBrowserSession.LinkAsync(_app, account, role: "admin"));
        await page.WaitForURLAsync("**/portal");
        await page.ClickAsync("nav a[href='/portal/top-up']");
        await page.WaitForURLAsync("**/portal/top-up");
        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));

        // B3: the quote follows the amount as it is typed (the script asks the server), in the person's language.
        await page.FillAsync("#amount", "9000");
        await page.WaitForFunctionAsync("() => document.getElementById('quote').textContent.includes('900,00')");
        Assert.Equal("Ви сплачуєте 9\u00a0000,00 UAH і отримуєте бонус 900,00 UAH (10 %): на баланс надійде 9\u00a0900,00 UAH. "
            + "Поповніть на 18\u00a0000,00 UAH або більше, і бонус становитиме 15 %.", (await page.InnerTextAsync("#quote")).Trim());
        await CheckPageAsync(page, "top-up");

        // B2, B4: on to the sandbox checkout; Pay posts the signed webhook, and the payer comes back to the portal.
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync("**/api/sandbox/checkout/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("9000.00 UAH", await page.InnerTextAsync("#amount"));
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync("**/portal/top-up?done=**");
        Assert.True(await page.IsVisibleAsync("#notice"));
        var entries = await _app.LedgerAsync(account);
        Assert.Equal(900_000, entries.Single(e => e["kind"]!.GetValue<string>() == "top_up")["amount"]!.GetValue<long>());
        Assert.Equal(90_000, entries.Single(e => e["kind"]!.GetValue<string>() == "bonus")["amount"]!.GetValue<long>());
        var balance = await _app.BalanceAsync(account);
        Assert.Equal(900_000 + 90_000 - Pro, balance); // B5: the waiting first month was paid from the new money
        Assert.Equal(balance.ToString(), await page.GetAttributeAsync("#balance", "data-minor"));
        Assert.Equal("90000", await page.GetAttributeAsync("#recent-top-ups tr[data-status=paid] .bonus", "data-minor"));
        await page.ClickAsync("nav a[href='/portal']");
        await page.WaitForURLAsync("**/portal");
        Assert.Equal(balance.ToString(), await page.GetAttributeAsync("#balance", "data-minor"));

        // C6: auto-renew off, then the next month's invoice, which the balance pays (C10).
        await page.ClickAsync("nav a[href='/portal/services']");
        await page.WaitForURLAsync("**/portal/services");
        Assert.Equal("on", await page.GetAttributeAsync("#svc_plan", "data-auto-renew"));
        await CheckPageAsync(page, "services");
        await page.ClickAsync("#svc_plan .toggle-auto-renew");
        await page.WaitForURLAsync("**/portal/services?done=**");
        Assert.Equal("off", await page.GetAttributeAsync("#svc_plan", "data-auto-renew"));
        Assert.False((await _app.ServiceAsync(account, "svc_plan"))["autoRenew"]!.GetValue<bool>());

        await page.ClickAsync("#svc_plan .create-invoice");
        await page.WaitForURLAsync("**/portal/invoices?invoice=**");
        var invoice = Assert.Single(await _app.InvoicesAsync(account, "&status=awaiting_payment"));
        var id = invoice["id"]!.GetValue<string>();
        await page.ClickAsync("nav a[href='/portal/invoices']");
        await page.WaitForURLAsync("**/portal/invoices");
        Assert.Equal(3, await page.Locator("#invoices tbody tr").CountAsync()); // the top-up, the first month, the next month
        await CheckPageAsync(page, "invoices");
        await page.ClickAsync($"tr#{id} .pay-from-balance");
        await page.WaitForURLAsync("**done=Portal.Invoices.Paid**");
        Assert.Contains(invoice["number"]!.GetValue<string>(), Assert.Single(dialogs));
        Assert.Equal("paid_from_balance", await page.GetAttributeAsync($"tr#{id}", "data-status"));
        Assert.Equal(balance - Pro, await _app.BalanceAsync(account));
        Assert.Equal((balance - Pro).ToString(), await page.GetAttributeAsync("#balance", "data-minor"));
        await _app.AssertLedgerConsistentAsync(account);

        Assert.False(console.Any(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)),
            "console: " + string.Join("\n", console));
    }

    private async Task<(IPage Page, List<string> Console, List<string> Dialogs)> PhoneAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "uk-UA" });
        // CI runs the test projects side by side on two cores: waits are generous so a slow machine does not fail a test.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add("pageerror: " + e);
        // The pages ask before paying or cancelling (data-confirm): the person says yes.
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.AcceptAsync(); };
        return (page, console, dialogs);
    }

    /// <summary>At 390 px nothing is wider than the screen and the page weighs under 100 KB; screenshots at 390 and 1280 px.</summary>
    private static async Task CheckPageAsync(IPage page, string name)
    {
        Assert.Equal(390, await page.EvaluateAsync<int>("() => window.innerWidth"));
        var (scrollWidth, overflowing) = await PageLayout.OverflowAsync(page);
        await Shot(page, $"P1-{name}-390");
        Assert.True(scrollWidth <= 390, $"{name} scrolls sideways ({scrollWidth}px): " + string.Join(", ", overflowing));
        // The page as served (the same address with the session's cookie), not as the browser's DOM would serialize it.
        var served = await page.Context.APIRequest.GetAsync(page.Url);
        var bytes = (await served.BodyAsync()).Length;
        Assert.True(served.Ok && bytes < 100_000, $"{name} weighs {bytes} bytes ({served.Status})");
        await page.SetViewportSizeAsync(1280, 800);
        await Shot(page, $"P1-{name}-1280");
        await page.SetViewportSizeAsync(390, 844);
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, name + ".png"), FullPage = true });
}
