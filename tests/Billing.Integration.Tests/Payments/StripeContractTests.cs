using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>
/// Stripe passes the provider contract: the app opens Checkout Sessions at a local Stripe (<see cref="StripeFake"/>), and
/// this driver pays them there and posts the events Stripe would send, signed with the endpoint's secret.
/// </summary>
public sealed class StripeContractTests : ProviderContractTests
{
    private StripeFake _stripe = null!;

    protected override string Provider => "stripe";

    protected override async Task<BillingApp> StartAppAsync()
    {
        _stripe = await StripeFake.StartAsync();
        return await BillingApp.StartAsync(_stripe.Configure(new BillingApp()));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(string body, DateTimeOffset? at = null) => StripeFake.PostAsync(App, body, at);

    protected override Task<HttpResponseMessage> NotifyPaidAsync(ProviderCheckout c, long? amount = null)
    {
        _stripe.Pay(c.CheckoutId);
        return Post(_stripe.SessionEvent("checkout.session.completed", c.CheckoutId, amount));
    }

    /// <summary>A card is declined on Stripe's page and the payer may try again there; what ends an attempt is a delayed method that fails.</summary>
    protected override Task<HttpResponseMessage> NotifyDeclinedAsync(ProviderCheckout c)
    {
        _stripe.Pay(c.CheckoutId, asyncPending: true);
        _stripe.SettleAsync(c.CheckoutId, succeeded: false);
        return Post(_stripe.SessionEvent("checkout.session.async_payment_failed", c.CheckoutId));
    }

    protected override async Task<HttpResponseMessage> NotifyTamperedAsync(ProviderCheckout c)
    {
        _stripe.Pay(c.CheckoutId);
        var body = _stripe.SessionEvent("checkout.session.completed", c.CheckoutId);
        var signature = StripeFake.Sign(body, App.Clock.GetUtcNow());
        return await StripeFake.PostAsync(App, body.Replace($"\"amount_total\":{c.Amount}", $"\"amount_total\":{c.Amount * 10}"), signature: signature);
    }

    protected override Task<HttpResponseMessage>? NotifyStaleAsync(ProviderCheckout c)
    {
        _stripe.Pay(c.CheckoutId);
        return Post(_stripe.SessionEvent("checkout.session.completed", c.CheckoutId), App.Clock.GetUtcNow().AddMinutes(-6));
    }

    protected override Task PayWithoutNotificationAsync(ProviderCheckout c)
    {
        _stripe.Pay(c.CheckoutId);
        return Task.CompletedTask;
    }

    /// <summary>Stripe took the refund when we asked; its <c>charge.refunded</c> event is what books it (sent again: a redelivery).</summary>
    protected override async Task ConfirmRefundAsync(ProviderCheckout c, string refundId, long amount) =>
        Assert.Equal(HttpStatusCode.OK, (await Post(_stripe.ChargeRefundedEvent(refundId))).StatusCode);
}
