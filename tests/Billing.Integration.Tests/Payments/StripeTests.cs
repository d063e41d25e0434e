using System.Text.Json.Nodes;
using Billing.Core.Payments;
using Billing.Infrastructure.Payments;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>One app whose new checkouts go to a local Stripe; tests make their own accounts and leave the clock alone.</summary>
public sealed class StripeApp : IAsyncLifetime
{
    public StripeFake Stripe { get; private set; } = null!;
    public BillingApp App { get; private set; } = null!;
    public StripePaymentProvider Provider => App.Service<StripePaymentProvider>();

    public async Task InitializeAsync()
    {
        Stripe = await StripeFake.StartAsync();
        App = await BillingApp.StartAsync(Stripe.Configure(new BillingApp()));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>What the contract does not say about Stripe: the session we ask for, delayed payments, whose keys are used, over HTTP.</summary>
public sealed class StripeTests(StripeApp fixture) : IClassFixture<StripeApp>
{
    private BillingApp App => fixture.App;
    private StripeFake Stripe => fixture.Stripe;

    private async Task<(string Account, JsonNode Invoice, string CheckoutUrl)> TopUpAsync(long amount = 100_000)
    {
        var account = await App.CreateActiveAccountAsync(seats: 1);
        var created = await BillingApp.ReadAsync(await App.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount, actingUserId = "u1", role = "owner", returnUrl = "https://crm.example/billing?tab=balance" })), 201);
        var invoice = await App.GetAsync($"/api/accounts/{account}/invoices/{created["invoice"]!["id"]}");
        return (account, invoice, created["checkoutUrl"]!.GetValue<string>());
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response) =>
        (await BillingApp.ReadAsync(response, 200))["outcome"]!.GetValue<string>();

    [Fact]
    public async Task B4_a_top_up_opens_a_checkout_session_with_one_priced_line_our_ids_and_return_urls()
    {
        var (account, invoice, url) = await TopUpAsync(123_456);
        var id = invoice["id"]!.GetValue<string>();
        var session = invoice["checkoutId"]!.GetValue<string>();
        var call = Stripe.SessionCreations.Single(c => c.Form.GetValueOrDefault("client_reference_id") == id);
        var f = call.Form;
        Assert.Equal(StripeFake.ApiKey, call.ApiKey);
        Assert.Equal($"{account}/{id}/0", call.IdempotencyKey);
        Assert.Equal("payment", f["mode"]);
        Assert.Equal("uah", f["line_items[0][price_data][currency]"]);
        Assert.Equal(invoice["amount"]!.GetValue<long>().ToString(), f["line_items[0][price_data][unit_amount]"]);
        Assert.Equal(invoice["description"]!.GetValue<string>(), f["line_items[0][price_data][product_data][name]"]);
        Assert.Equal("1", f["line_items[0][quantity]"]);
        Assert.DoesNotContain(f.Keys, k => k.StartsWith("line_items[1]", StringComparison.Ordinal));
        foreach (var prefix in new[] { "metadata", "payment_intent_data[metadata]" })
        {
            Assert.Equal(account, f[$"{prefix}[accountId]"]);
            Assert.Equal(id, f[$"{prefix}[invoiceId]"]);
            Assert.Equal("0", f[$"{prefix}[attempt]"]);
        }
        Assert.Equal("https://crm.example/billing?tab=balance", f["success_url"]);
        Assert.Equal("https://crm.example/billing?tab=balance", f["cancel_url"]);
        Assert.Equal("https://checkout.stripe.com/c/pay/" + session, url);
        Assert.StartsWith("cs_test_", session);
    }

    [Fact]
    public async Task B2_a_checkout_stripe_refuses_is_a_bad_gateway_in_stripes_words_and_the_invoice_waits_for_a_retry()
    {
        var account = await App.CreateActiveAccountAsync(seats: 1);
        var refused = await App.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 100_000_000, actingUserId = "u1", role = "owner", returnUrl = "https://crm.example/billing" }));
        var problem = await BillingApp.ReadAsync(refused, 502);
        Assert.Equal("payment_provider_failed", problem["code"]!.GetValue<string>());
        Assert.Contains("Amount must be no more than 999,999.99", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await App.BalanceAsync(account));
    }

    [Fact]
    /// <summary>A tenant's customers may check out at the tenant's own provider (F11): the form may lead to any provider of the build's checkout, and nowhere else.</summary>
    public async Task S1_public_pages_let_the_go_to_payment_form_lead_to_stripe_checkout_and_nowhere_else()
    {
        var page = await App.Anonymous.GetAsync("/api/pay/" + new string('a', 32));
        var csp = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        var formAction = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action", StringComparison.Ordinal));
        string[] allowed = ["'self'", App.BaseUrl, "https://checkout.stripe.com", "https://www.liqpay.ua"];
        Assert.Equal(allowed.Order(StringComparer.Ordinal), formAction.Split(' ')[1..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task B4_the_same_invoice_and_attempt_get_the_same_session_and_a_new_attempt_a_new_one()
    {
        var request = new CheckoutRequest("acc_direct", "inv_direct_" + Guid.NewGuid().ToString("N")[..8], "INV-000001",
            new Core.Money.Money(5_000, "EUR"), "Top-up", "https://crm.example/back") { Language = Core.Accounts.Language.Ru, CancelUrl = "https://crm.example/cancel" };
        var first = await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None);
        var again = await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None);
        var next = await fixture.Provider.CreateCheckoutAsync(request with { Attempt = 1 }, CancellationToken.None);
        Assert.Equal(first, again);
        Assert.NotEqual(first.CheckoutId, next.CheckoutId);
        var calls = Stripe.SessionCreations.Where(c => c.Form["client_reference_id"] == request.InvoiceId).ToList();
        Assert.Equal([$"acc_direct/{request.InvoiceId}/0", $"acc_direct/{request.InvoiceId}/0", $"acc_direct/{request.InvoiceId}/1"], calls.Select(c => c.IdempotencyKey));
        Assert.Equal("eur", calls[0].Form["line_items[0][price_data][currency]"]);
        Assert.Equal("ru", calls[0].Form["locale"]);
        Assert.Equal("https://crm.example/cancel", calls[0].Form["cancel_url"]);
        Assert.False(calls[0].Form.ContainsKey("expires_at")); // no deadline asked: Stripe's 24 hours
        var uk = await fixture.Provider.CreateCheckoutAsync(request with { Attempt = 2, Language = Core.Accounts.Language.Uk }, CancellationToken.None);
        Assert.False(Stripe.SessionCreations.Last().Form.ContainsKey("locale")); // no Ukrainian at Stripe: the browser's language
        Assert.NotNull(uk.Url);
    }

    [Fact]
    public async Task B4_the_invoice_deadline_becomes_expires_at_within_stripes_window()
    {
        var now = App.Clock.GetUtcNow();
        async Task<string?> SentExpiry(DateTimeOffset? at)
        {
            var request = new CheckoutRequest("acc_direct", "inv_exp_" + Guid.NewGuid().ToString("N")[..8], "INV-000002",
                new Core.Money.Money(5_000, "UAH"), "Top-up", "https://crm.example/back") { ExpiresAt = at };
            await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None); // the fake refuses one outside 30 min … 24 h
            return Stripe.SessionCreations.Single(c => c.Form["client_reference_id"] == request.InvoiceId).Form.GetValueOrDefault("expires_at");
        }
        Assert.Equal(now.AddHours(3).ToUnixTimeSeconds().ToString(), await SentExpiry(now.AddHours(3)));
        Assert.Null(await SentExpiry(now.AddDays(10))); // beyond 24 h: Stripe's default, the longest it allows
        var raised = long.Parse((await SentExpiry(now.AddMinutes(5)))!);
        Assert.InRange(raised, now.AddMinutes(35).ToUnixTimeSeconds(), now.AddMinutes(45).ToUnixTimeSeconds());
        Assert.Equal(0, raised % 600); // rounded to a step: a retry a moment later sends the same parameters
    }

    [Fact]
    public async Task B4_async_payment_succeeded_after_completed_unpaid_credits_once()
    {
        var (account, invoice, _) = await TopUpAsync();
        var session = invoice["checkoutId"]!.GetValue<string>();
        Stripe.Pay(session, asyncPending: true);
        Assert.Equal("ignored", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.SessionEvent("checkout.session.completed", session))));
        Assert.Equal(0, await App.BalanceAsync(account));
        Assert.Equal("awaiting_payment", (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());

        Stripe.SettleAsync(session, succeeded: true);
        var succeeded = Stripe.SessionEvent("checkout.session.async_payment_succeeded", session);
        Assert.Equal("credited", await OutcomeAsync(await StripeFake.PostAsync(App, succeeded)));
        Assert.Equal("already_applied", await OutcomeAsync(await StripeFake.PostAsync(App, succeeded)));
        // A completed event that says paid (another delivery order) is the same payment.
        Assert.Equal("already_applied", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.SessionEvent("checkout.session.completed", session))));
        var total = invoice["amount"]!.GetValue<long>() + invoice["bonus"]!.GetValue<long>();
        Assert.Equal(total, await App.BalanceAsync(account));
        Assert.Equal("paid", (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());
        await App.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task B4_an_event_signed_with_another_secret_unsigned_or_not_stripes_is_rejected()
    {
        var (account, invoice, _) = await TopUpAsync();
        var session = invoice["checkoutId"]!.GetValue<string>();
        Stripe.Pay(session);
        var body = Stripe.SessionEvent("checkout.session.completed", session);
        async Task Rejected(HttpResponseMessage r) => Assert.Equal("webhook_rejected", (await BillingApp.ReadAsync(r, 400))["code"]!.GetValue<string>());
        await Rejected(await StripeFake.PostAsync(App, body, secret: "whsec_someone_else"));
        await Rejected(await StripeFake.PostAsync(App, body, signature: ""));
        await Rejected(await StripeFake.PostAsync(App, body, signature: "t=abc,v1=00"));
        await Rejected(await StripeFake.PostAsync(App, body, App.Clock.GetUtcNow().AddMinutes(6))); // from the future, too
        await Rejected(await StripeFake.PostAsync(App, "{\"not\":\"an event\"}"));
        Assert.Equal(0, await App.BalanceAsync(account));
    }

    [Fact]
    public async Task B4_a_signed_event_about_nothing_of_ours_is_acknowledged_and_changes_nothing()
    {
        var (account, invoice, _) = await TopUpAsync();
        var otherSale = new JsonObject
        {
            ["id"] = "cs_test_OtherSale", ["object"] = "checkout.session", ["amount_total"] = invoice["amount"]!.GetValue<long>(), ["currency"] = "uah",
            ["metadata"] = new JsonObject(), ["mode"] = "payment", ["payment_status"] = "paid", ["status"] = "complete",
        };
        var customer = new JsonObject { ["id"] = "cus_Other", ["object"] = "customer", ["metadata"] = new JsonObject() };
        var unknown = new JsonObject { ["id"] = "zz_Future", ["object"] = "object_this_library_does_not_know" }; // Stripe adds types
        foreach (var body in new[] { Stripe.ForeignEvent("checkout.session.completed", otherSale), Stripe.ForeignEvent("customer.created", customer),
            Stripe.ForeignEvent("future.thing.happened", unknown) })
        {
            var answer = await BillingApp.ReadAsync(await StripeFake.PostAsync(App, body), 200);
            Assert.Equal("ignored", answer["outcome"]!.GetValue<string>());
        }
        Assert.Equal(0, await App.BalanceAsync(account));
    }

    [Fact]
    public async Task B4_an_expired_session_closes_the_attempt_and_the_next_checkout_is_a_new_session()
    {
        var (account, invoice, _) = await TopUpAsync();
        var first = invoice["checkoutId"]!.GetValue<string>();
        Stripe.Expire(first);
        Assert.Equal("checkout_closed", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.SessionEvent("checkout.session.expired", first))));
        var again = await BillingApp.ReadAsync(await App.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/checkout",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);
        var second = (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["checkoutId"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.Equal("https://checkout.stripe.com/c/pay/" + second, again["checkoutUrl"]!.GetValue<string>());
        Assert.Equal($"{account}/{invoice["id"]}/1", Stripe.SessionCreations.Last(c => c.Form["client_reference_id"] == invoice["id"]!.GetValue<string>()).IdempotencyKey);
        Stripe.Pay(second);
        Assert.Equal("credited", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.SessionEvent("checkout.session.completed", second))));
    }

    [Fact]
    public async Task B9_a_refund_confirmed_by_its_own_event_when_the_charge_lists_none_is_booked_once()
    {
        var (account, invoice, _) = await TopUpAsync(100_000);
        var session = invoice["checkoutId"]!.GetValue<string>();
        Stripe.Pay(session);
        Assert.Equal("credited", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.SessionEvent("checkout.session.completed", session))));
        var payment = (await App.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["paymentId"]!.GetValue<string>();
        var balance = await App.BalanceAsync(account);
        var started = await BillingApp.ReadAsync(await App.Admin.PostAsync($"/api/operator/accounts/{account}/payments/{payment}/refund",
            BillingApp.Json(new { amount = 30_000, reason = "the customer asked", operatorId = "op-1" })), 202);
        var refundId = started["refundId"]!.GetValue<string>();
        Assert.StartsWith("re_", refundId);
        Assert.Equal(balance, await App.BalanceAsync(account)); // not before Stripe confirms

        Assert.Equal("ignored", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.ChargeRefundedEvent(refundId, withRefunds: false))));
        Assert.Equal("refunded", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.RefundEvent("refund.created", refundId))));
        Assert.Equal("already_applied", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.RefundEvent("refund.updated", refundId))));
        Assert.Equal("already_applied", await OutcomeAsync(await StripeFake.PostAsync(App, Stripe.ChargeRefundedEvent(refundId))));
        var bonusBack = invoice["bonus"]!.GetValue<long>() * 30_000 / invoice["amount"]!.GetValue<long>();
        Assert.Equal(balance - 30_000 - bonusBack, await App.BalanceAsync(account));
        Assert.Single(await App.LedgerAsync(account), e => e["kind"]!.GetValue<string>() == "refund");
        await App.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task F4_a_tenants_own_stripe_account_takes_its_checkout_and_verifies_its_events()
    {
        const string tenantKey = "sk_test_fake_tenant_key", tenantHook = "whsec_test_fake_tenant";
        Stripe.AddAccount(tenantKey);
        var merchant = new MerchantCredentials("stripe", "pk_test_tenant", tenantKey, tenantHook);
        var request = new CheckoutRequest("acc_tenant", "cinv_" + Guid.NewGuid().ToString("N")[..8], "C-000001",
            new Core.Money.Money(2_500, "UAH"), "School: invoice C-000001", "https://billing.example/api/pay/token") { Merchant = merchant };
        var checkout = await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None);
        Assert.Equal(tenantKey, Stripe.SessionCreations.Single(c => c.Form["client_reference_id"] == request.InvoiceId).ApiKey);

        // The session is the tenant's: read with the tenant's key, unknown to the vendor's.
        var attempt = new CheckoutAttempt("stripe", checkout.CheckoutId, request.AccountId, request.InvoiceId, request.Amount, App.Clock.GetUtcNow());
        Assert.Null(await fixture.Provider.CheckoutStateAsync(attempt, merchant, CancellationToken.None));
        await Assert.ThrowsAsync<ProviderCallException>(() => fixture.Provider.CheckoutStateAsync(attempt, null, CancellationToken.None));

        Stripe.Pay(checkout.CheckoutId);
        var body = Stripe.SessionEvent("checkout.session.completed", checkout.CheckoutId);
        var webhook = new WebhookRequest(body, h => h == "Stripe-Signature" ? StripeFake.Sign(body, App.Clock.GetUtcNow(), tenantHook) : null);
        Assert.Equal(new WebhookClaim(request.AccountId, request.InvoiceId), fixture.Provider.Claim(webhook));
        var evt = fixture.Provider.VerifyAndParse(webhook, merchant, App.Clock.GetUtcNow());
        Assert.Equal((ProviderEventType.PaymentSucceeded, $"{checkout.CheckoutId}.paid", request.InvoiceId), (evt.Type, evt.EventId, evt.InvoiceId));
        Assert.Throws<WebhookRejectedException>(() => fixture.Provider.VerifyAndParse(webhook, null, App.Clock.GetUtcNow())); // not the vendor's secret
    }

    [Fact]
    public async Task B10_reconciliation_reads_a_session_as_the_event_its_webhook_carries()
    {
        var now = App.Clock.GetUtcNow();
        async Task<(string Id, CheckoutAttempt Attempt)> OpenAsync()
        {
            var request = new CheckoutRequest("acc_direct", "inv_rec_" + Guid.NewGuid().ToString("N")[..8], "INV-000003",
                new Core.Money.Money(7_000, "UAH"), "Top-up", "https://crm.example/back");
            var c = await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None);
            return (c.CheckoutId, new CheckoutAttempt("stripe", c.CheckoutId, request.AccountId, request.InvoiceId, request.Amount, now));
        }
        Task<ProviderEvent?> State(CheckoutAttempt a) => fixture.Provider.CheckoutStateAsync(a, null, CancellationToken.None);
        ProviderEvent Webhook(string body) => fixture.Provider.VerifyAndParse(
            new WebhookRequest(body, h => h == "Stripe-Signature" ? StripeFake.Sign(body, now) : null), null, now);

        var (paid, paidAttempt) = await OpenAsync();
        Assert.Null(await State(paidAttempt));
        Stripe.Pay(paid);
        var reconciled = (await State(paidAttempt))!;
        var notified = Webhook(Stripe.SessionEvent("checkout.session.completed", paid));
        Assert.Equal(notified, reconciled);
        Assert.Equal((ProviderEventType.PaymentSucceeded, $"{paid}.paid", new Core.Money.Money(7_000, "UAH")), (reconciled.Type, reconciled.EventId, reconciled.Amount));
        Assert.StartsWith("pi_", reconciled.PaymentId);

        var (pending, pendingAttempt) = await OpenAsync();
        Stripe.Pay(pending, asyncPending: true);
        Assert.Null(await State(pendingAttempt)); // a bank debit still running
        Stripe.SettleAsync(pending, succeeded: false);
        Assert.Equal((ProviderEventType.PaymentFailed, $"{pending}.failed"), ((await State(pendingAttempt))!.Type, (await State(pendingAttempt))!.EventId));
        Assert.Equal($"{pending}.failed", Webhook(Stripe.SessionEvent("checkout.session.async_payment_failed", pending)).EventId);

        var (expired, expiredAttempt) = await OpenAsync();
        Stripe.Expire(expired);
        Assert.Equal((ProviderEventType.CheckoutClosed, $"{expired}.expired"), ((await State(expiredAttempt))!.Type, (await State(expiredAttempt))!.EventId));
        Assert.Equal($"{expired}.expired", Webhook(Stripe.SessionEvent("checkout.session.expired", expired)).EventId);
    }

    [Fact]
    public async Task B9_a_refund_names_the_payment_carries_our_ids_and_its_events_book_it_once()
    {
        var now = App.Clock.GetUtcNow();
        var request = new CheckoutRequest("acc_refund", "inv_ref_" + Guid.NewGuid().ToString("N")[..8], "INV-000004",
            new Core.Money.Money(10_000, "UAH"), "Top-up", "https://crm.example/back");
        var c = await fixture.Provider.CreateCheckoutAsync(request, CancellationToken.None);
        Stripe.Pay(c.CheckoutId);
        var intent = Stripe.PaymentIntentOf(c.CheckoutId)!;
        var refundRequest = new RefundRequest(intent, new Core.Money.Money(4_000, "UAH"), "the customer asked", "refund-key-" + c.CheckoutId);

        var started = await fixture.Provider.RefundAsync(refundRequest, null, CancellationToken.None);
        Assert.Equal(started, await fixture.Provider.RefundAsync(refundRequest, null, CancellationToken.None)); // same key: one refund
        var call = Stripe.Calls.Last(x => x.Path == "/v1/refunds");
        Assert.Equal(refundRequest.RefundKey, call.IdempotencyKey);
        Assert.Equal((intent, "4000", "requested_by_customer", "the customer asked", request.AccountId, request.InvoiceId),
            (call.Form["payment_intent"], call.Form["amount"], call.Form["reason"], call.Form["metadata[reason]"], call.Form["metadata[accountId]"], call.Form["metadata[invoiceId]"]));
        await Assert.ThrowsAsync<ProviderCallException>(() => fixture.Provider.RefundAsync(
            refundRequest with { Amount = new Core.Money.Money(6_001, "UAH"), RefundKey = "too-much-" + c.CheckoutId }, null, CancellationToken.None));

        ProviderEvent Webhook(string body) => fixture.Provider.VerifyAndParse(
            new WebhookRequest(body, h => h == "Stripe-Signature" ? StripeFake.Sign(body, now) : null), null, now);
        var byCharge = Webhook(Stripe.ChargeRefundedEvent(started.RefundId));
        var byRefund = Webhook(Stripe.RefundEvent("refund.updated", started.RefundId));
        Assert.Equal((ProviderEventType.Refunded, $"refund.{started.RefundId}", started.RefundId, intent, new Core.Money.Money(4_000, "UAH"), request.AccountId, request.InvoiceId),
            (byCharge.Type, byCharge.EventId, byCharge.RefundId, byCharge.PaymentId, byCharge.Amount, byCharge.AccountId, byCharge.InvoiceId));
        Assert.Equal(byCharge, byRefund);
        // A current endpoint's charge lists no refunds: that event is only recorded, and the refund's own event books it.
        Assert.Equal(ProviderEventType.Ignored, Webhook(Stripe.ChargeRefundedEvent(started.RefundId, withRefunds: false)).Type);
    }
}
