using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Payments;
using Billing.Infrastructure.Payments;
using Billing.Infrastructure.Payments.LiqPay;
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.Options;

namespace Billing.Integration.Tests.Payments;

/// <summary>One app at the vendor's LiqPay shop (its API a <see cref="LiqPayFake"/>), shared by <see cref="LiqPayTests"/>.</summary>
public sealed class LiqPayAppFixture : IAsyncLifetime
{
    public BillingApp App { get; private set; } = null!;
    public LiqPayFake LiqPay { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        LiqPay = await LiqPayFake.StartAsync();
        var app = new BillingApp();
        LiqPay.Configure(app);
        LiqPay.Clock = app.Clock;
        App = await BillingApp.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await LiqPay.DisposeAsync();
    }
}

/// <summary>What is LiqPay's own, over HTTP: the checkout's exact data and signature, test payments, foreign signatures, amounts.</summary>
public sealed class LiqPayTests(LiqPayAppFixture fixture) : IClassFixture<LiqPayAppFixture>
{
    private BillingApp App => fixture.App;
    private LiqPayFake LiqPay => fixture.LiqPay;
    private const string ReturnUrl = "https://crm.example/billing?tab=balance";

    private async Task<(string Account, JsonNode Invoice, string Url)> TopUpAsync(long amount = 150_050)
    {
        var account = await App.CreateActiveAccountAsync(seats: 1);
        var created = await BillingApp.ReadAsync(await App.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount, actingUserId = "u1", role = "owner", returnUrl = ReturnUrl })), 201);
        var invoice = await App.GetAsync($"/api/accounts/{account}/invoices/{created["invoice"]!["id"]}");
        return (account, invoice, created["checkoutUrl"]!.GetValue<string>());
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage r, int status) => await BillingApp.ReadAsync(r, status);

    [Fact]
    public void B4_a_LiqPay_signature_is_base64_of_sha1_of_key_data_key()
    {
        // Computed with: echo -n "test-private-key${DATA}test-private-key" | openssl dgst -binary -sha1 | base64
        const string data = "eyJ2ZXJzaW9uIjozLCJvcmRlcl9pZCI6ImFjY18xLmludl8xLjAifQ==";
        Assert.Equal("q1dGNZ3CH+vS8GLfXkECzisA9wQ=", LiqPaySignature.Sign("test-private-key", data));
        Assert.True(LiqPaySignature.Verifies("test-private-key", data, "q1dGNZ3CH+vS8GLfXkECzisA9wQ="));
        Assert.False(LiqPaySignature.Verifies("test-private-kez", data, "q1dGNZ3CH+vS8GLfXkECzisA9wQ="));
    }

    [Fact]
    public async Task B4_a_LiqPay_checkout_URL_carries_exactly_the_payment_signed_with_the_private_key()
    {
        var (account, invoice, url) = await TopUpAsync(150_050);
        Assert.StartsWith("https://www.liqpay.ua/api/3/checkout?data=", url);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        Assert.Equal(new[] { "data", "signature" }, query.AllKeys);
        var (data, signature) = LiqPayFake.Read(url);
        Assert.Equal(LiqPayFake.Sign(LiqPayFake.PrivateKey, data), signature);

        var json = LiqPayFake.Decode(data);
        var orderId = $"{account}.{invoice["id"]}.0";
        Assert.Equal(new[] { "version", "public_key", "action", "amount", "currency", "description", "order_id", "result_url", "server_url", "language" },
            json.Select(p => p.Key));
        Assert.Equal(3, json["version"]!.GetValue<int>());
        Assert.Equal(LiqPayFake.PublicKey, json["public_key"]!.GetValue<string>());
        Assert.Equal("pay", json["action"]!.GetValue<string>());
        Assert.Equal("1500.50", json["amount"]!.ToJsonString()); // major units, invariant, exact
        Assert.Equal("UAH", json["currency"]!.GetValue<string>());
        Assert.Equal(invoice["description"]!.GetValue<string>(), json["description"]!.GetValue<string>());
        Assert.Equal(orderId, json["order_id"]!.GetValue<string>());
        Assert.Equal(ReturnUrl, json["result_url"]!.GetValue<string>());
        Assert.Equal(App.BaseUrl + "/api/webhooks/liqpay", json["server_url"]!.GetValue<string>());
        Assert.Contains(json["language"]!.GetValue<string>(), new[] { "uk", "en" });
        Assert.Equal(orderId, invoice["checkoutId"]!.GetValue<string>());
        Assert.Equal(new[] { "https://www.liqpay.ua" }, App.Service<PaymentProviders>().Find("liqpay")!.CheckoutOrigins);
    }

    [Theory]
    [InlineData(Language.En, "en")]
    [InlineData(Language.Uk, "uk")]
    [InlineData(Language.Ru, "uk")] // LiqPay's checkout has no Russian
    public async Task B4_the_checkout_speaks_a_language_LiqPay_has(Language language, string expected)
    {
        var checkout = await Provider.CreateCheckoutAsync(Request() with { Language = language }, CancellationToken.None);
        Assert.Equal(expected, LiqPayFake.Decode(LiqPayFake.Read(checkout.Url).Data)["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task F11_a_tenants_own_shop_signs_its_customers_checkouts_and_verifies_their_callbacks()
    {
        var merchant = new MerchantCredentials("liqpay", "sandbox_i_tenant_shop", LiqPayFake.OtherPrivateKey, null);
        var checkout = await Provider.CreateCheckoutAsync(Request() with { Merchant = merchant, ExpiresAt = new DateTimeOffset(2026, 11, 9, 21, 59, 59, TimeSpan.Zero) },
            CancellationToken.None);
        var (data, signature) = LiqPayFake.Read(checkout.Url);
        Assert.Equal(LiqPayFake.Sign(LiqPayFake.OtherPrivateKey, data), signature);
        var json = LiqPayFake.Decode(data);
        Assert.Equal("sandbox_i_tenant_shop", json["public_key"]!.GetValue<string>());
        Assert.Equal("2026-11-09 21:59:59", json["expired_date"]!.GetValue<string>()); // the invoice's window, in LiqPay's UTC format

        json["status"] = "success"; json["payment_id"] = 77; json.Remove("expired_date");
        var paid = LiqPayFake.Encode(json);
        var body = $"data={Uri.EscapeDataString(paid)}&signature={Uri.EscapeDataString(LiqPayFake.Sign(LiqPayFake.OtherPrivateKey, paid))}";
        var evt = Provider.VerifyAndParse(new WebhookRequest(body, _ => null), merchant, App.Clock.GetUtcNow());
        Assert.Equal(("77", ProviderEventType.PaymentSucceeded, "acc_tenant", "cinv_abc"), (evt.EventId, evt.Type, evt.AccountId, evt.InvoiceId));
        Assert.Equal(new Core.Money.Money(12_345, "UAH"), evt.Amount);
        Assert.Equal(new WebhookClaim("acc_tenant", "cinv_abc"), Provider.Claim(new WebhookRequest(body, _ => null)));
        // The vendor's keys do not verify the tenant's callback.
        Assert.Throws<WebhookRejectedException>(() => Provider.VerifyAndParse(new WebhookRequest(body, _ => null), null, App.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task B4_a_sandbox_payment_credits_nothing_unless_sandbox_payments_are_allowed()
    {
        var (account, invoice, url) = await TopUpAsync();
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        LiqPay.Pay(url, status: "sandbox");
        var refused = await ReadAsync(await LiqPay.NotifyAsync(orderId), 200);
        Assert.Equal("ignored", refused["outcome"]!.GetValue<string>());
        Assert.Equal(0, await App.BalanceAsync(account));
        Assert.Equal("awaiting_payment", (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());

        var options = App.Service<IOptions<PaymentsOptions>>().Value.LiqPay;
        options.AllowSandbox = true;
        try
        {
            var credited = await ReadAsync(await LiqPay.NotifyAsync(orderId), 200);
            Assert.Equal("credited", credited["outcome"]!.GetValue<string>());
            Assert.Equal(LiqPay.Payment(orderId)["payment_id"]!.ToJsonString(), credited["eventId"]!.GetValue<string>());
        }
        finally { options.AllowSandbox = false; }
        Assert.Equal("paid", (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task B4_a_callback_signed_with_another_shops_private_key_is_rejected()
    {
        var (account, invoice, url) = await TopUpAsync();
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        LiqPay.Pay(url);
        var forged = await LiqPay.PostAsync(orderId, LiqPay.Callback(orderId, privateKey: LiqPayFake.OtherPrivateKey));
        Assert.Equal("webhook_rejected", (await ReadAsync(forged, 400))["code"]!.GetValue<string>());
        var unsigned = await LiqPay.PostAsync(orderId, (LiqPay.Callback(orderId).Data, ""));
        Assert.Equal("webhook_rejected", (await ReadAsync(unsigned, 400))["code"]!.GetValue<string>());
        Assert.Equal(0, await App.BalanceAsync(account));
        // The genuine callback, form-encoded as LiqPay posts it, reaches the webhook and credits.
        Assert.Equal("credited", (await ReadAsync(await LiqPay.NotifyAsync(orderId), 200))["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task B4_an_amount_that_is_no_whole_number_of_minor_units_is_rejected()
    {
        var (account, invoice, url) = await TopUpAsync(150_050);
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        LiqPay.Pay(url);
        var odd = await LiqPay.NotifyAsync(orderId, json => json["amount"] = 1500.505m);
        Assert.Equal("webhook_rejected", (await ReadAsync(odd, 400))["code"]!.GetValue<string>());
        Assert.Equal(0, await App.BalanceAsync(account));
    }

    [Theory]
    [InlineData("wait_secure")]
    [InlineData("3ds_verify")]
    [InlineData("processing")]
    public async Task B4_a_payment_on_its_way_is_recorded_and_credits_nothing(string status)
    {
        var (account, invoice, url) = await TopUpAsync();
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        LiqPay.Pay(url, status: status);
        Assert.Equal("ignored", (await ReadAsync(await LiqPay.NotifyAsync(orderId), 200))["outcome"]!.GetValue<string>());
        Assert.Equal(0, await App.BalanceAsync(account));
    }

    [Fact]
    public async Task B10_the_status_API_names_a_payment_as_its_callback_does_and_an_unpaid_order_stays_open()
    {
        var (account, invoice, url) = await TopUpAsync();
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        var attempt = new CheckoutAttempt("liqpay", orderId, account, invoice["id"]!.GetValue<string>(),
            new Core.Money.Money(invoice["amount"]!.GetValue<long>(), "UAH"), App.Clock.GetUtcNow());
        Assert.Null(await Provider.CheckoutStateAsync(attempt, null, CancellationToken.None)); // LiqPay knows no payment yet
        var call = LiqPay.Requests.Last();
        Assert.Equal(("status", orderId, LiqPayFake.PublicKey), (call["action"]!.GetValue<string>(), call["order_id"]!.GetValue<string>(), call["public_key"]!.GetValue<string>()));

        LiqPay.Pay(url);
        var evt = await Provider.CheckoutStateAsync(attempt, null, CancellationToken.None);
        Assert.NotNull(evt);
        Assert.Equal(ProviderEventType.PaymentSucceeded, evt.Type);
        Assert.Equal(attempt.Amount, evt.Amount);
        var callback = await ReadAsync(await LiqPay.NotifyAsync(orderId), 200);
        Assert.Equal(evt.EventId, callback["eventId"]!.GetValue<string>());
        Assert.Equal("credited", callback["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task B9_two_refunds_of_one_payment_with_the_same_amount_are_refused_since_LiqPay_could_not_tell_them_apart()
    {
        var (account, invoice, url) = await TopUpAsync(100_000);
        LiqPay.Pay(url);
        Assert.Equal("credited", (await ReadAsync(await LiqPay.NotifyAsync(invoice["checkoutId"]!.GetValue<string>()), 200))["outcome"]!.GetValue<string>());
        var payment = (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["paymentId"]!.GetValue<string>();
        Task<HttpResponseMessage> RefundAsync(long amount) => App.Admin.PostAsync($"/api/operator/accounts/{account}/payments/{payment}/refund",
            BillingApp.Json(new { amount, reason = "partial", operatorId = "op-1" }));

        await ReadAsync(await RefundAsync(10_000), 202);
        var refused = await ReadAsync(await RefundAsync(10_000), 422);
        Assert.Equal("refund_indistinguishable", refused["code"]!.GetValue<string>());
        await ReadAsync(await RefundAsync(10_001), 202);
        var listed = (await ReadAsync(await App.Admin.GetAsync($"/api/operator/accounts/{account}/payments"), 200))["items"]![0]!;
        Assert.Equal(20_001, listed["requested"]!.GetValue<long>() + listed["refunded"]!.GetValue<long>());
    }

    [Fact]
    public async Task B9_a_refund_LiqPay_refuses_is_a_provider_error_with_its_words()
    {
        var (_, invoice, url) = await TopUpAsync();
        var orderId = invoice["checkoutId"]!.GetValue<string>();
        LiqPay.Pay(url);
        var tooMuch = new RefundRequest(orderId, new Core.Money.Money(invoice["amount"]!.GetValue<long>() + 1, "UAH"), "test", "k1");
        var e = await Assert.ThrowsAsync<ProviderCallException>(() => Provider.RefundAsync(tooMuch, null, CancellationToken.None));
        Assert.Contains("Refund amount exceeds the payment", e.Message);
        var notOurs = new RefundRequest("2400000001", new Core.Money.Money(100, "UAH"), "test", "k2");
        await Assert.ThrowsAsync<ProviderCallException>(() => Provider.RefundAsync(notOurs, null, CancellationToken.None));
    }

    private IPaymentProvider Provider => App.Service<PaymentProviders>().Find("liqpay")!;

    private static CheckoutRequest Request() =>
        new("acc_tenant", "cinv_abc", "C-000001", new Core.Money.Money(12_345, "UAH"), "Школа: рахунок C-000001", "https://pay.example/p/abc", Attempt: 0);
}
