using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>
/// LiqPay passes the provider contract: the app opens checkouts at the vendor's LiqPay shop (checkout URLs need no network;
/// status and refund go to <see cref="LiqPayFake"/>), and this driver acts as LiqPay's checkout, its payer and its server.
/// </summary>
public sealed class LiqPayContractTests : ProviderContractTests
{
    private LiqPayFake _liqpay = null!;

    protected override string Provider => "liqpay";

    protected override async Task<BillingApp> StartAppAsync()
    {
        _liqpay = await LiqPayFake.StartAsync();
        var app = new BillingApp();
        _liqpay.Configure(app);
        _liqpay.Clock = app.Clock;
        return await BillingApp.StartAsync(app);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _liqpay.DisposeAsync();
    }

    /// <summary>LiqPay speaks major units: the contract's minor units of UAH, two digits.</summary>
    private static decimal Major(long minor) => minor / 100m;

    protected override Task<HttpResponseMessage> NotifyPaidAsync(ProviderCheckout c, long? amount = null)
    {
        _liqpay.Pay(c.Url, amount is { } a ? Major(a) : null);
        return _liqpay.NotifyAsync(c.CheckoutId);
    }

    protected override Task<HttpResponseMessage> NotifyDeclinedAsync(ProviderCheckout c)
    {
        _liqpay.Decline(c.Url);
        return _liqpay.NotifyAsync(c.CheckoutId);
    }

    /// <summary>The paid callback's data re-encoded with ten times the amount, under the signature of the original.</summary>
    protected override Task<HttpResponseMessage> NotifyTamperedAsync(ProviderCheckout c)
    {
        _liqpay.Pay(c.Url);
        var (_, signature) = _liqpay.Callback(c.CheckoutId);
        var (forged, _) = _liqpay.Callback(c.CheckoutId, json => json["amount"] = Major(c.Amount * 10));
        return _liqpay.PostAsync(c.CheckoutId, (forged, signature));
    }

    /// <summary>A LiqPay signature carries no time: there is no stale callback, and a replay collides on its event id.</summary>
    protected override Task<HttpResponseMessage>? NotifyStaleAsync(ProviderCheckout c) => null;

    protected override Task PayWithoutNotificationAsync(ProviderCheckout c)
    {
        _liqpay.Pay(c.Url);
        return Task.CompletedTask;
    }

    /// <summary>Our refund reached LiqPay (by order id, in major units, signed); LiqPay then posts the payment reversed.</summary>
    protected override async Task ConfirmRefundAsync(ProviderCheckout c, string refundId, long amount)
    {
        var call = _liqpay.Requests.Last(r => r["action"]!.GetValue<string>() == "refund");
        Assert.Equal(c.CheckoutId, call["order_id"]!.GetValue<string>());
        Assert.Equal(Major(amount), call["amount"]!.GetValue<decimal>());
        Assert.Equal($"{c.CheckoutId}.reversed.{amount}", refundId);
        var answer = await _liqpay.PostAsync(c.CheckoutId, _liqpay.Callback(c.CheckoutId, json => json["refund_amount"] = Major(amount)));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
