using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>A checkout our API opened at the provider for a top-up, as a driver needs it to act as the provider and the payer.</summary>
public sealed record ProviderCheckout(string AccountId, string InvoiceId, string CheckoutId, string Url, long Amount, long Bonus, string Currency);

/// <summary>
/// The one contract every payment provider passes (issue 15 item 6), over real HTTP: a checkout is opened at the provider,
/// a paid notification credits once however often it is redelivered, a tampered or stale one is rejected, a payment of
/// another amount is flagged and not credited, a decline ends the attempt and a new one pays, a refund is booked only when
/// the provider confirms it, and reconciliation applies a payment whose notification was lost. A provider's test class
/// is a driver: it starts the app configured for the provider and acts as the provider's server and as the payer.
/// </summary>
public abstract class ProviderContractTests : IAsyncLifetime
{
    protected BillingApp App { get; private set; } = null!;

    protected abstract string Provider { get; }

    /// <summary>The app configured to open checkouts at this provider (its keys, its fake API when it has one).</summary>
    protected abstract Task<BillingApp> StartAppAsync();

    /// <summary>The provider's signed notification that <paramref name="c"/> was paid (of <paramref name="amount"/>, default the invoice's), posted to our webhook.</summary>
    protected abstract Task<HttpResponseMessage> NotifyPaidAsync(ProviderCheckout c, long? amount = null);

    /// <summary>The provider's signed notification that the payer's payment was declined.</summary>
    protected abstract Task<HttpResponseMessage> NotifyDeclinedAsync(ProviderCheckout c);

    /// <summary>A paid notification whose body was altered after it was signed.</summary>
    protected abstract Task<HttpResponseMessage> NotifyTamperedAsync(ProviderCheckout c);

    /// <summary>A paid notification signed too long ago; null when the provider's signature carries no time.</summary>
    protected abstract Task<HttpResponseMessage>? NotifyStaleAsync(ProviderCheckout c);

    /// <summary>The payer pays at the provider and the notification never arrives: only the provider knows.</summary>
    protected abstract Task PayWithoutNotificationAsync(ProviderCheckout c);

    /// <summary>After our refund request reached the provider: its confirmation reaches our webhook (a no-op where the provider already sent it).</summary>
    protected abstract Task ConfirmRefundAsync(ProviderCheckout c, string refundId, long amount);

    public async Task InitializeAsync() => App = await StartAppAsync();

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    protected async Task<ProviderCheckout> TopUpAsync(long amount = 100_000)
    {
        var account = await App.CreateActiveAccountAsync(seats: 1);
        var created = await BillingApp.ReadAsync(await App.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount, actingUserId = "u1", role = "owner", returnUrl = "https://crm.example/billing" })), 201);
        var invoice = created["invoice"]!;
        var stored = await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}");
        return new ProviderCheckout(account, invoice["id"]!.GetValue<string>(), stored["checkoutId"]!.GetValue<string>(),
            created["checkoutUrl"]!.GetValue<string>(), invoice["amount"]!.GetValue<long>(), invoice["bonus"]!.GetValue<long>(), invoice["currency"]!.GetValue<string>());
    }

    private async Task<string> StatusAsync(ProviderCheckout c) =>
        (await App.GetAsync($"/api/accounts/{c.AccountId}/invoices/{c.InvoiceId}"))["status"]!.GetValue<string>();

    private static async Task<string> OutcomeAsync(HttpResponseMessage response) =>
        (await BillingApp.ReadAsync(response, 200))["outcome"]!.GetValue<string>();

    [Fact]
    public async Task B4_a_top_up_opens_a_checkout_at_the_provider()
    {
        var c = await TopUpAsync();
        var origins = App.Service<PaymentProviders>().Find(Provider)!.CheckoutOrigins;
        Assert.Contains(origins, o => c.Url.StartsWith(o + "/", StringComparison.Ordinal));
        Assert.Equal("awaiting_payment", await StatusAsync(c));
        Assert.Equal(0, await App.BalanceAsync(c.AccountId));
    }

    [Fact]
    public async Task B4_a_paid_notification_credits_once_under_five_redeliveries()
    {
        var c = await TopUpAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => await OutcomeAsync(await NotifyPaidAsync(c))));
        Assert.Equal(1, outcomes.Count(o => o == "credited"));
        Assert.Equal(4, outcomes.Count(o => o == "already_applied"));
        Assert.Equal(c.Amount + c.Bonus, await App.BalanceAsync(c.AccountId));
        Assert.Equal("paid", await StatusAsync(c));
        await App.AssertLedgerConsistentAsync(c.AccountId);
    }

    [Fact]
    public async Task B4_a_tampered_or_stale_notification_is_rejected_and_credits_nothing()
    {
        var c = await TopUpAsync();
        var tampered = await NotifyTamperedAsync(c);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(tampered, 400))["code"]!.GetValue<string>());
        if (NotifyStaleAsync(c) is { } staleCall)
        {
            var stale = await staleCall;
            Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(stale, 400))["code"]!.GetValue<string>());
        }
        Assert.Equal(0, await App.BalanceAsync(c.AccountId));
        Assert.Equal("awaiting_payment", await StatusAsync(c));
    }

    [Fact]
    public async Task B4_a_payment_of_another_amount_is_flagged_and_not_credited()
    {
        var c = await TopUpAsync();
        Assert.Equal("amount_mismatch", await OutcomeAsync(await NotifyPaidAsync(c, c.Amount - 1)));
        Assert.Equal(0, await App.BalanceAsync(c.AccountId));
        var invoice = await App.GetAsync($"/api/accounts/{c.AccountId}/invoices/{c.InvoiceId}");
        Assert.Contains("amount mismatch", invoice["paymentIssue"]!.GetValue<string>());
    }

    [Fact]
    public async Task B4_a_declined_payment_ends_the_attempt_and_a_new_checkout_pays()
    {
        var c = await TopUpAsync();
        Assert.Equal("declined", await OutcomeAsync(await NotifyDeclinedAsync(c)));
        Assert.Equal(0, await App.BalanceAsync(c.AccountId));
        var again = await BillingApp.ReadAsync(await App.Api.PostAsync($"/api/accounts/{c.AccountId}/invoices/{c.InvoiceId}/checkout",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);
        var stored = await App.GetAsync($"/api/accounts/{c.AccountId}/invoices/{c.InvoiceId}");
        var retry = c with { CheckoutId = stored["checkoutId"]!.GetValue<string>(), Url = again["checkoutUrl"]!.GetValue<string>() };
        Assert.NotEqual(c.CheckoutId, retry.CheckoutId);
        Assert.Equal("credited", await OutcomeAsync(await NotifyPaidAsync(retry)));
        Assert.Equal(c.Amount + c.Bonus, await App.BalanceAsync(c.AccountId));
    }

    [Fact]
    public async Task B4_reconciliation_applies_a_payment_whose_notification_was_lost()
    {
        var c = await TopUpAsync();
        await PayWithoutNotificationAsync(c);
        await App.RunJobAsync(JobNames.PaymentReconcile);
        Assert.Equal("awaiting_payment", await StatusAsync(c)); // not yet: the notification may still come
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        await App.RunJobAsync(JobNames.PaymentReconcile);
        Assert.Equal("paid", await StatusAsync(c));
        Assert.Equal(c.Amount + c.Bonus, await App.BalanceAsync(c.AccountId));
        // The notification that arrives late changes nothing.
        Assert.Equal("already_applied", await OutcomeAsync(await NotifyPaidAsync(c)));
        Assert.Equal(c.Amount + c.Bonus, await App.BalanceAsync(c.AccountId));
    }

    [Fact]
    public async Task B9_a_refund_is_booked_when_the_provider_confirms_it_with_the_bonus_reversed_in_proportion()
    {
        var c = await TopUpAsync(100_000);
        Assert.Equal("credited", await OutcomeAsync(await NotifyPaidAsync(c)));
        var payment = (await App.GetAsync($"/api/accounts/{c.AccountId}/invoices/{c.InvoiceId}"))["paymentId"]!.GetValue<string>();
        var listed = await BillingApp.ReadAsync(await App.Admin.GetAsync($"/api/operator/accounts/{c.AccountId}/payments"), 200);
        Assert.Equal(payment, listed["items"]![0]!["id"]!.GetValue<string>());
        var balance = await App.BalanceAsync(c.AccountId);

        var tooMuch = await App.Admin.PostAsync($"/api/operator/accounts/{c.AccountId}/payments/{payment}/refund",
            BillingApp.Json(new { amount = c.Amount + 1, reason = "too much", operatorId = "op-1" }));
        Assert.Equal("refund_exceeds_payment", (await BillingApp.ReadAsync(tooMuch, 422))["code"]!.GetValue<string>());

        var half = c.Amount / 2;
        var started = await BillingApp.ReadAsync(await App.Admin.PostAsync($"/api/operator/accounts/{c.AccountId}/payments/{payment}/refund",
            BillingApp.Json(new { amount = half, reason = "the customer asked", operatorId = "op-1" })), 202);
        var refundId = started["refundId"]!.GetValue<string>();
        await ConfirmRefundAsync(c, refundId, half);

        var entries = await App.LedgerAsync(c.AccountId);
        var refund = entries.Single(e => e["kind"]!.GetValue<string>() == "refund");
        Assert.Equal(-half, refund["amount"]!.GetValue<long>());
        var bonusBack = -c.Bonus * half / c.Amount;
        Assert.Equal(balance - half + bonusBack, await App.BalanceAsync(c.AccountId));
        await ConfirmRefundAsync(c, refundId, half); // a redelivered confirmation books nothing more
        Assert.Equal(balance - half + bonusBack, await App.BalanceAsync(c.AccountId));
        await App.AssertLedgerConsistentAsync(c.AccountId);
    }
}

/// <summary>The sandbox passes the contract: it is the local default and the reference the real providers are held to.</summary>
public sealed class SandboxContractTests : ProviderContractTests
{
    protected override string Provider => "sandbox";

    protected override Task<BillingApp> StartAppAsync() => BillingApp.StartAsync();

    private Task<HttpResponseMessage> Post(string body, DateTimeOffset? at = null) => SandboxPayments.PostWebhookAsync(App, body, at ?? App.Clock.GetUtcNow());

    private Billing.Infrastructure.Payments.SandboxPaymentProvider Sandbox => App.Service<Billing.Infrastructure.Payments.SandboxPaymentProvider>();

    /// <summary>The payer pays at the sandbox (what refunds and reconciliation read there), and the sandbox's notification arrives.</summary>
    protected override async Task<HttpResponseMessage> NotifyPaidAsync(ProviderCheckout c, long? amount = null)
    {
        await Sandbox.RecordOutcomeAsync((await Sandbox.FindAsync(c.CheckoutId, CancellationToken.None))!, paid: true, CancellationToken.None);
        return await Post(SandboxPayments.SandboxEvent(c.CheckoutId, c.AccountId, c.InvoiceId, amount ?? c.Amount, c.Currency,
            eventId: amount is null ? null : "evt_other_amount"));
    }

    protected override Task<HttpResponseMessage> NotifyDeclinedAsync(ProviderCheckout c) =>
        Post(SandboxPayments.SandboxEvent(c.CheckoutId, c.AccountId, c.InvoiceId, c.Amount, c.Currency, type: "checkout.declined"));

    protected override async Task<HttpResponseMessage> NotifyTamperedAsync(ProviderCheckout c)
    {
        var body = SandboxPayments.SandboxEvent(c.CheckoutId, c.AccountId, c.InvoiceId, c.Amount, c.Currency);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox")
        {
            Content = new StringContent(body.Replace($"\"amount\":{c.Amount}", $"\"amount\":{c.Amount * 10}"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(body, BillingApp.WebhookSecret, App.Clock.GetUtcNow()));
        return await App.Anonymous.SendAsync(request);
    }

    protected override Task<HttpResponseMessage>? NotifyStaleAsync(ProviderCheckout c) =>
        Post(SandboxPayments.SandboxEvent(c.CheckoutId, c.AccountId, c.InvoiceId, c.Amount, c.Currency), App.Clock.GetUtcNow().AddMinutes(-6));

    /// <summary>The sandbox's webhook target refuses (a lost notification); the checkout is paid at the provider all the same.</summary>
    protected override async Task PayWithoutNotificationAsync(ProviderCheckout c)
    {
        var sandbox = Sandbox;
        var options = App.Service<Microsoft.Extensions.Options.IOptions<Billing.Infrastructure.Payments.PaymentsOptions>>().Value.Sandbox;
        var target = options.WebhookUrl;
        options.WebhookUrl = App.BaseUrl + "/api/route-that-does-not-exist";
        try
        {
            var (delivered, _) = await sandbox.CompleteAsync((await sandbox.FindAsync(c.CheckoutId, CancellationToken.None))!, paid: true, CancellationToken.None);
            Assert.False(delivered);
        }
        finally { options.WebhookUrl = target; }
    }

    /// <summary>The sandbox posted its confirmation itself when it took the refund: this is a redelivery of it.</summary>
    protected override async Task ConfirmRefundAsync(ProviderCheckout c, string refundId, long amount) =>
        Assert.Equal(HttpStatusCode.OK, (await Post(SandboxPayments.SandboxEvent(c.CheckoutId, c.AccountId, c.InvoiceId, amount, c.Currency,
            type: "refund.succeeded", refundId: refundId))).StatusCode);
}
