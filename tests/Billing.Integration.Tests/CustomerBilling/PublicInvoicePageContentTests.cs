using System.Net.Http.Headers;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>F3: what the public invoice page says: who and what the invoice is for, the status a payer should read, and pages for links that lead nowhere.</summary>
public sealed class PublicInvoicePageContentTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Between(string page, string id) =>
        System.Text.RegularExpressions.Regex.Match(page, $"id=\"{id}\"[^>]*>(.*?)</dd>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task F3_the_page_names_the_customer_and_the_pass_and_subject_the_invoice_is_for_and_links_the_configured_default_offer()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena Kovalenko", passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var piano = await _app.ManualInvoiceAsync(t, c, 120_000, target: "piano");
        var page = await _app.PageAsync(piano["publicUrl"]!.GetValue<string>());
        Assert.Equal("Olena Kovalenko", Between(page, "customer"));
        Assert.Equal("Piano 8 (piano)", Between(page, "for"));
        Assert.Contains($"href=\"{BillingApp.DefaultOfferUrl}\"", page);
        Assert.DoesNotContain("example.com", page);

        var guitar = await _app.CreateCustomerInvoiceAsync(t, new { customerId = c, calculation = "subscription" });
        Assert.Equal("Guitar 4 (guitar)", Between(await _app.PageAsync(guitar["publicUrl"]!.GetValue<string>()), "for"));
        var manualBase = await _app.ManualInvoiceAsync(t, c, 1_000);
        Assert.Equal("Base account", Between(await _app.PageAsync(manualBase["publicUrl"]!.GetValue<string>()), "for"));
    }

    [Fact]
    public async Task F3_an_expired_invoice_reads_expired_not_awaiting_payment()
    {
        var t = await _app.CreateTenantAsync("ru");
        var c = await _app.CreateCustomerAsync(t, "Ольга");
        var inv = await _app.ManualInvoiceAsync(t, c, 50_000, payableUntil: "2026-11-24");
        var url = inv["publicUrl"]!.GetValue<string>();
        Assert.Contains("data-status=\"awaiting_payment\"", await _app.PageAsync(url));
        _app.Clock.Advance(TimeSpan.FromDays(2));

        var page = await _app.PageAsync(url);
        Assert.Contains("data-status=\"expired\"", page);
        Assert.Equal("Срок оплаты истёк", Between(page, "status"));
        Assert.DoesNotContain("Ожидает оплаты", page);
        Assert.Contains("Срок оплаты счета истек, обратитесь к администратору", page);
    }

    [Fact]
    public async Task F3_after_paying_a_repeatable_invoice_the_page_says_paid_first_and_offers_pay_again_second()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 40_000, repeatable: true);
        var url = inv["publicUrl"]!.GetValue<string>();
        Assert.Contains("id=\"pay\"", await _app.PageAsync(url));
        await _app.PayThroughLinkAsync(url);

        var page = await _app.PageAsync(url);
        Assert.Contains("data-status=\"paid\"", page);
        Assert.Equal("Paid", Between(page, "status"));
        Assert.DoesNotContain("id=\"pay\"", page);
        var paidNote = page.IndexOf("This invoice is paid. Thank you!", StringComparison.Ordinal);
        var payAgain = page.IndexOf("id=\"pay-again\"", StringComparison.Ordinal);
        Assert.True(paidNote > 0 && payAgain > paidNote, "the paid note comes before the pay-again button");
        Assert.Contains("class=\"secondary\"", page);
        await _app.PayThroughLinkAsync(url);
        Assert.Equal(2, (await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>()))["paymentCount"]!.GetValue<int>());
    }

    private async Task<string> NotFoundAsync(string token, string? acceptLanguage, bool checkout = false)
    {
        var request = new HttpRequestMessage(checkout ? HttpMethod.Post : HttpMethod.Get, $"/api/pay/{token}" + (checkout ? "/checkout" : ""));
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var r = await _app.Anonymous.SendAsync(request);
        Assert.Equal(404, (int)r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task F3_the_invoice_not_found_page_is_in_the_tenants_language_when_known_else_in_the_browsers()
    {
        var unknown = Billing.Core.Validation.Ids.Token();
        Assert.Contains("Счёт не найден", await NotFoundAsync(unknown, "ru-RU,ru;q=0.9,en;q=0.5"));
        Assert.Contains("lang=\"ru\"", await NotFoundAsync(unknown, "ru-RU,ru;q=0.9,en;q=0.5"));
        Assert.Contains("Рахунок не знайдено", await NotFoundAsync(unknown, "de-DE, uk;q=0.8", checkout: true));
        Assert.Contains("Invoice not found", await NotFoundAsync(unknown, null));
        Assert.Contains("Invoice not found", await NotFoundAsync("not-a-token", "fr-FR"));

        // A link the tenant issued whose invoice is gone: the tenant's language, whatever the browser says.
        var t = await _app.CreateTenantAsync("uk");
        var issued = Billing.Core.Validation.Ids.Token();
        await _app.Service<Billing.Core.CustomerBilling.IPublicLinks>().AddAsync(new(issued, t, "cinv_gone"), default);
        var page = await NotFoundAsync(issued, "en-GB,en;q=0.9");
        Assert.Contains("Рахунок не знайдено", page);
        Assert.Contains("lang=\"uk\"", page);
    }
}
