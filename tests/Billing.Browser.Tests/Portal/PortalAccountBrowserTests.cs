using System.Text;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Texts;
using Billing.Integration.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Browser.Tests.Portal;

/// <summary>
/// P1 in Chromium: a person opens the portal from the CRM's link (once, while it is fresh), expands a charge's breakdown,
/// changes plan with a quote, and an employee sees only what an employee may. The overview, history and plans are kept as
/// screenshots at 390 px and 1280 px; at 390 px nothing scrolls sideways and each page is under 100 KB.
/// </summary>
public sealed class PortalAccountBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const int MaxPageBytes = 100 * 1024;
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Person(IPage Page, List<string> Console);

    /// <summary>A browser of its own (cookies and all) at the given width, on the page the link opens.</summary>
    private async Task<Person> OpenAsync(string account, string role = "owner", int width = 390, string? language = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width == 390 ? 844 : 800 },
        });
        // CI runs the test projects side by side on two cores: waits are generous so a slow machine does not fail a test.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add("pageerror: " + e);
        await page.GotoAsync(await PortalBrowserSession.LinkAsync(_app, account, role, language));
        await page.WaitForURLAsync("**/portal");
        return new Person(page, console);
    }

    /// <summary>The page as kept with the results; at phone width it must fit the screen and every page stays small.</summary>
    private static async Task ShotAsync(Person person, string name, int width)
    {
        var page = person.Page;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, $"P1-{name}-{width}.png"), FullPage = true });
        var bytes = Encoding.UTF8.GetByteCount(await page.ContentAsync());
        Assert.True(bytes < MaxPageBytes, $"{name}: {bytes} bytes of HTML");
        if (width == 390)
        {
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 390, $"{name} scrolls sideways at 390 px: {scrollWidth}px");
        }
        Assert.False(person.Console.Any(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)),
            "console: " + string.Join("\n", person.Console));
    }

    [Fact]
    public async Task P1_a_person_opens_the_portal_from_the_link_and_a_reused_or_expired_link_is_refused()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 2);
        var link = await PortalBrowserSession.LinkAsync(_app, account, language: "en");
        var first = await browser.Browser.NewPageAsync();
        await first.GotoAsync(link);
        await first.WaitForURLAsync("**/portal");
        Assert.Equal("0", await first.GetAttributeAsync("#balance", "data-minor"));
        Assert.Equal("page", await first.GetAttributeAsync("nav a[href='/portal']", "aria-current"));

        var reused = await browser.Browser.NewPageAsync();
        var again = await reused.GotoAsync(link);
        Assert.Equal(410, again!.Status);
        Assert.Equal(Text.Get(Language.En, TextKeys.Portal.LinkRefusedText), (await reused.InnerTextAsync("#message")).Trim());
        Assert.Equal(0, await reused.Locator("#balance").CountAsync());
        Assert.Equal(401, (await reused.GotoAsync(_app.BaseUrl + "/portal"))!.Status); // no session came of it

        var late = await PortalBrowserSession.LinkAsync(_app, account, language: "en");
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await browser.Browser.NewPageAsync();
        Assert.Equal(410, (await expired.GotoAsync(late))!.Status);
        Assert.Equal(Text.Get(Language.En, TextKeys.Portal.LinkRefusedTitle), (await expired.InnerTextAsync("h1")).Trim());
    }

    [Fact]
    public async Task P1_A4_a_person_expands_a_charges_breakdown_on_the_history_page()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3, addOns: ["telephony"]);
        await _app.FundAsync(account, 200_000, "wire-browser");
        _app.Clock.Advance(TimeSpan.FromDays(3));
        await _app.RunJobAsync(JobNames.DailyCharge); // entries 2–4: the charges of three days
        foreach (var width in new[] { 390, 1280 })
        {
            var person = await OpenAsync(account, width: width);
            var page = person.Page;
            await page.ClickAsync("nav a[href='/portal/history']");
            await page.WaitForURLAsync("**/portal/history");
            Assert.Equal(4, await page.Locator("#history > tbody > tr[data-seq]").CountAsync());
            var lines = page.Locator("#lines-4 table.lines");
            Assert.False(await lines.IsVisibleAsync());
            await page.ClickAsync("#lines-4 details.breakdown summary");
            Assert.True(await lines.IsVisibleAsync());
            Assert.Equal(2, await lines.Locator("tbody tr").CountAsync());
            Assert.Equal("-4300", await page.GetAttributeAsync("#entry-4 .amount", "data-minor"));
            Assert.Equal("3300", await page.GetAttributeAsync("#lines-4 tr[data-item='plan:standard'] td:last-child", "data-minor"));
            Assert.Equal("1000", await page.GetAttributeAsync("#lines-4 tr[data-item='add_on:telephony'] td:last-child", "data-minor"));
            await ShotAsync(person, "history", width);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task P1_C9_a_person_changes_plan_with_a_quote()
    {
        var account = await _app.CreatePrepaidAccountAsync();
        await _app.FundAsync(account, 400_000, "wire-plans");
        await _app.ActivateAsync(account);
        _app.Clock.Advance(TimeSpan.FromDays(10));
        var desktop = await OpenAsync(account, width: 1280);
        await desktop.Page.GotoAsync(_app.BaseUrl + "/portal/plans?quote=pro_plus");
        await ShotAsync(desktop, "plans", 1280);

        var person = await OpenAsync(account);
        var page = person.Page;
        await page.ClickAsync("nav a[href='/portal/plans']");
        await page.WaitForURLAsync("**/portal/plans");
        Assert.Equal("true", await page.GetAttributeAsync("#plan-pro", "aria-current"));
        await page.ClickAsync("#see-pro_plus");
        await page.WaitForURLAsync("**/portal/plans?quote=pro_plus#quote");
        Assert.Equal((240_000 - 100_000).ToString(), await page.GetAttributeAsync("#quote-cost", "data-minor"));
        Assert.Equal("100000", await page.GetAttributeAsync("#quote-credit", "data-minor"));
        await ShotAsync(person, "plans", 390);

        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await page.ClickAsync("#confirm-change");
        await page.WaitForURLAsync("**/portal/plans?done=Portal.Plans.Changed");
        Assert.Contains("Pro Plus", asked);
        Assert.True(await page.IsVisibleAsync("#notice"));
        Assert.Equal("true", await page.GetAttributeAsync("#plan-pro_plus", "aria-current"));
        Assert.Equal("pro_plus", (await _app.GetAsync($"/api/accounts/{account}"))["planId"]!.GetValue<string>());
    }

    [Fact]
    public async Task P1_B1_D4_E2_an_employee_sees_only_what_an_employee_may_and_is_refused_when_posting_what_the_owner_may()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 1);
        _app.Clock.Advance(TimeSpan.FromDays(41)); // Dec 13: in debt since the first charge, and no one signed in for 41 days
        await _app.RunJobAsync(JobNames.DailyCharge);
        await _app.RunJobAsync(JobNames.Deletion);
        foreach (var width in new[] { 390, 1280 })
        {
            var owner = await OpenAsync(account, width: width);
            Assert.True(await owner.Page.IsVisibleAsync("#restriction"));
            Assert.True(await owner.Page.IsVisibleAsync("#promise"));
            Assert.True(await owner.Page.IsVisibleAsync("#cancel-deletion"));
            Assert.Equal(1, await owner.Page.Locator("nav a[href='/portal/top-up']").CountAsync());
            await ShotAsync(owner, "overview", width);
            await owner.Page.Context.CloseAsync();
        }

        var employee = await OpenAsync(account, "employee", language: "en");
        var page = employee.Page;
        Assert.Equal(0, await page.Locator("nav a[href='/portal/top-up']").CountAsync());
        Assert.Equal("none", await page.GetAttributeAsync("#restriction", "data-access"));
        Assert.Equal(0, await page.Locator("#promise").CountAsync());
        Assert.True(await page.IsVisibleAsync("#deletion"));
        Assert.Equal(0, await page.Locator("#cancel-deletion").CountAsync());
        Assert.True(await page.IsVisibleAsync("#deletion-owner-only"));
        await ShotAsync(employee, "overview-employee", 390);

        // The owner's form, sent from the employee's page with the employee's form token: the API's refusal, nothing done.
        await page.EvaluateAsync("""
            () => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = '/portal/deletion/cancel';
              form.appendChild(document.querySelector('input[name="_csrf"]').cloneNode());
              document.body.appendChild(form);
              form.submit();
            }
            """);
        await page.WaitForURLAsync("**/portal/deletion/cancel");
        Assert.Equal(Text.Get(Language.En, TextKeys.Problem.OwnerOnly), (await page.InnerTextAsync("#error")).Trim());
        Assert.Equal("deletion_scheduled", (await _app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>());

        await page.GotoAsync(_app.BaseUrl + "/portal/plans?quote=start");
        Assert.True(await page.IsVisibleAsync("#owner-or-admin-only"));
        Assert.Equal(0, await page.Locator("#confirm-change").CountAsync());
        Assert.Equal(200, (await page.GotoAsync(_app.BaseUrl + "/portal/history"))!.Status); // what everyone may read
    }
}
