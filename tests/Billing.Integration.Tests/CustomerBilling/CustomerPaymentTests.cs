using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>
/// F3, F4, F11 at the edges of a payment: a declined attempt leaves the invoice payable by a new checkout, and a
/// payment whose pass went away while the payer was at the provider still lands (on the base account, flagged).
/// </summary>
public sealed class CustomerPaymentTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp
    {
        Clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> GoToPaymentAsync(string publicUrl)
    {
        var checkout = await _app.Anonymous.PostAsync(new Uri(publicUrl).AbsolutePath + "/checkout", null);
        Assert.Equal(302, (int)checkout.StatusCode);
        var sandbox = checkout.Headers.Location!.AbsolutePath;
        Assert.StartsWith("/api/sandbox/checkout/", sandbox);
        return sandbox;
    }

    [Fact]
    public async Task F3_after_a_decline_go_to_payment_opens_a_new_checkout_and_the_page_says_the_last_attempt_was_declined()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena");
        var inv = await _app.ManualInvoiceAsync(t, c, 30_000);
        var url = inv["publicUrl"]!.GetValue<string>();

        var first = await GoToPaymentAsync(url);
        var declined = await _app.Anonymous.PostAsync(first + "/decline", null);
        Assert.Equal(302, (int)declined.StatusCode);
        Assert.StartsWith(url, declined.Headers.Location!.ToString());

        var page = await _app.PageAsync(url);
        Assert.Contains("id=\"declined\"", page);
        Assert.Contains("declined", page);
        Assert.Contains("id=\"pay\"", page);

        var second = await GoToPaymentAsync(url);
        Assert.NotEqual(first, second);
        var checkoutPage = await (await _app.Anonymous.GetAsync(second)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"pay\"", checkoutPage);
        Assert.Equal(302, (int)(await _app.Anonymous.PostAsync(second + "/pay", null)).StatusCode);

        var paid = await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>());
        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        Assert.Equal(30_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
        Assert.DoesNotContain("id=\"declined\"", await _app.PageAsync(url));
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("paid_from_base")]
    public async Task F4_F11_a_payment_whose_pass_changed_after_issue_is_answered_2xx_and_credited_to_the_base_account_flagged(string change)
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena", passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var inv = await _app.ManualInvoiceAsync(t, c, 120_000, target: "piano");
        var sandbox = await GoToPaymentAsync(inv["publicUrl"]!.GetValue<string>());

        // While the payer is at the provider, the CRM removes the pass or moves it to the base account.
        object[] passes = change == "removed"
            ? [CustomerBillingSupport.Guitar()]
            : [CustomerBillingSupport.Guitar(), new { id = "piano", name = "Piano 8", subject = "piano", price = 120_000, lessonsPerPeriod = 8, separateAccount = false }];
        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/customers/{c}", BillingApp.Json(new { name = "Olena", passes })), 200);

        // The sandbox answers the payer with a redirect only when the merchant accepted its signed webhook (2xx).
        var pay = await _app.Anonymous.PostAsync(sandbox + "/pay", null);
        Assert.Equal(302, (int)pay.StatusCode);

        var invoice = await _app.CustomerInvoiceAsync(t, inv["id"]!.GetValue<string>());
        Assert.Equal("paid", invoice["status"]!.GetValue<string>());
        Assert.Equal("target_changed", invoice["paymentIssue"]!.GetValue<string>());
        var customer = await _app.CustomerAsync(t, c);
        Assert.Equal(120_000, customer["balance"]!.GetValue<long>());
        var entry = (await _app.GetAsync($"/api/accounts/{t}/customers/{c}/ledger"))["items"]!.AsArray().Single()!;
        Assert.Equal(("base", 120_000L), (entry["target"]!.GetValue<string>(), entry["amount"]!.GetValue<long>()));
        Assert.Equal(inv["id"]!.GetValue<string>(), entry["invoiceId"]!.GetValue<string>());
        Assert.Contains("Piano", entry["description"]!.GetValue<string>());

        // The same event again changes nothing.
        var provider = _app.Service<Billing.Infrastructure.Payments.SandboxPaymentProvider>();
        var session = (await provider.FindAsync(sandbox.Split('/').Last(), default))!;
        Assert.True((await provider.CompleteAsync(session, paid: true, default)).Delivered);
        Assert.Equal(120_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task F4_the_webhook_answer_for_a_changed_target_is_2xx_with_the_credited_outcome()
    {
        var t = await _app.CreateTenantAsync();
        var c = await _app.CreateCustomerAsync(t, "Olena", passes: [CustomerBillingSupport.Guitar(), CustomerBillingSupport.Piano()]);
        var inv = await _app.ManualInvoiceAsync(t, c, 5_000, target: "piano");
        await BillingApp.ReadAsync(await _app.Api.PutAsync($"/api/accounts/{t}/customers/{c}",
            BillingApp.Json(new { name = "Olena", passes = new[] { CustomerBillingSupport.Guitar() } })), 200);

        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "evt_direct_1", type = "checkout.completed", created = _app.Clock.GetUtcNow().ToUnixTimeSeconds(),
            data = new { checkoutId = "cs_x", accountId = t, invoiceId = inv["id"]!.GetValue<string>(), amount = 5000, currency = "UAH" },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Sandbox-Signature", Billing.Core.Payments.WebhookSignature.Sign(body, BillingApp.WebhookSecret, _app.Clock.GetUtcNow()));
        var answer = await BillingApp.ReadAsync(await _app.Anonymous.SendAsync(request), 200);
        Assert.Equal("credited", answer["outcome"]!.GetValue<string>());
        Assert.Equal(5_000, (await _app.CustomerAsync(t, c))["balance"]!.GetValue<long>());
    }
}
