using System.Net;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>
/// F11 end to end over HTTP: a tenant connects its own LiqPay shop; its customer opens the public invoice, goes to payment
/// at the tenant's shop (signed with the tenant's key, not the vendor's), pays, and LiqPay's callback signed by the tenant's
/// shop credits the customer once. The vendor keeps billing with its own provider (the sandbox here).
/// </summary>
public sealed class TenantLiqPayTests
{
    private const string TenantPublicKey = "sandbox_i_school_shop_77";
    private const string TenantPrivateKey = "sandbox_school-private-key-not-a-real-one-77";

    [Fact]
    public async Task F11_a_tenants_customer_pays_through_the_tenants_own_LiqPay_and_the_customer_is_credited_once()
    {
        await using var liqpay = await LiqPayFake.StartAsync();
        var configured = new BillingApp();
        configured.Settings["Payments:LiqPay:ApiBase"] = liqpay.Url;
        liqpay.Clock = configured.Clock;
        liqpay.AddShop(TenantPublicKey, TenantPrivateKey);
        await using var app = await BillingApp.StartAsync(configured);

        var tenant = await app.CreateTenantAsync("uk");
        await BillingApp.ReadAsync(await app.Api.PutAsync($"/api/accounts/{tenant}/payment-provider",
            BillingApp.Json(new { provider = "liqpay", publicKey = TenantPublicKey, secret = TenantPrivateKey })), 200);
        var customer = await app.CreateCustomerAsync(tenant, "Олена");
        var invoice = await app.ManualInvoiceAsync(tenant, customer, 125_000, payableUntil: "2026-11-10");
        var publicUrl = invoice["publicUrl"]!.GetValue<string>();

        var go = await app.Anonymous.PostAsync(new Uri(publicUrl).AbsolutePath + "/checkout", null);
        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        var checkoutUrl = go.Headers.Location!.ToString();
        Assert.StartsWith("https://www.liqpay.ua/api/3/checkout?", checkoutUrl);
        var order = liqpay.Open(checkoutUrl); // LiqPay accepts it only when signed with the tenant shop's key
        Assert.Equal(TenantPublicKey, order["public_key"]!.GetValue<string>());
        Assert.Equal(1250.00m, order["amount"]!.GetValue<decimal>());
        Assert.Equal("UAH", order["currency"]!.GetValue<string>());
        Assert.Equal(app.BaseUrl + "/api/webhooks/liqpay", order["server_url"]!.GetValue<string>());
        Assert.Equal("uk", order["language"]!.GetValue<string>());
        // The checkout closes with the invoice's window: the end of 10 November in Kyiv, in LiqPay's UTC format.
        Assert.Equal("2026-11-10 22:00:00", order["expired_date"]!.GetValue<string>());

        liqpay.Pay(checkoutUrl);
        var orderId = order["order_id"]!.GetValue<string>();
        // Neither another shop's key nor an empty one (the vendor configured no LiqPay) verifies the tenant's callback.
        foreach (var key in new[] { LiqPayFake.OtherPrivateKey, "" })
        {
            var forged = await liqpay.PostAsync(orderId, liqpay.Callback(orderId, privateKey: key));
            Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(forged, 400))["code"]!.GetValue<string>());
        }
        Assert.Equal(0, (await app.CustomerAsync(tenant, customer))["balance"]!.GetValue<long>());

        var paid = await BillingApp.ReadAsync(await liqpay.PostAsync(orderId, liqpay.Callback(orderId, privateKey: TenantPrivateKey)), 200);
        Assert.Equal("credited", paid["outcome"]!.GetValue<string>());
        var again = await BillingApp.ReadAsync(await liqpay.PostAsync(orderId, liqpay.Callback(orderId, privateKey: TenantPrivateKey)), 200);
        Assert.Equal("already_applied", again["outcome"]!.GetValue<string>());

        Assert.Equal(125_000, (await app.CustomerAsync(tenant, customer))["balance"]!.GetValue<long>());
        Assert.Equal("paid", (await app.CustomerInvoiceAsync(tenant, invoice["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.BalanceAsync(tenant)); // the customer's money is the customer's, never the tenant's balance
        // The raw notifications are kept for operators, the refused ones with why.
        var log = await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/webhooks?provider=liqpay"), 200);
        Assert.True(log["items"]!.AsArray().Count >= 4);
    }
}
