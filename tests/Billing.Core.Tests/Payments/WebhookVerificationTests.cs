using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Moq;

namespace Billing.Core.Tests.Payments;

/// <summary>
/// B4 with F11: what a notification claims picks whose keys verify it. A tenant's customer invoice (ids <c>cinv_…</c>, the
/// invoices <c>CustomerInvoicePayments.Handles</c>) of a tenant that connected this provider is verified with the tenant's
/// opened keys; the vendor's own invoices, and tenants that connected nothing here, with the vendor's (merchant null).
/// </summary>
public sealed class WebhookVerificationTests
{
    private const string CustomerInvoice = "cinv_abc";
    private static readonly WebhookRequest Request = new("{}", _ => "t=1,v1=sig");
    private readonly MerchantFixture _f = new();
    private Mock<IPaymentProvider> Provider => _f.Providers["mockpay"];

    private static ProviderEvent Event(string account, string invoice) =>
        new("mockpay", "evt_1", ProviderEventType.PaymentSucceeded, account, invoice, new Money.Money(10_000, "UAH"), "cs_1");

    private Task ConnectAsync(string secret = "sk_tenant_secret") =>
        _f.Merchants().ConnectAsync(MerchantFixture.Tenant, new MerchantKeys("mockpay", "pk_tenant", secret, "whsec_tenant"), CancellationToken.None);

    private Task<VerifiedWebhook> VerifyAsync(string? account, string? invoice)
    {
        Provider.Setup(p => p.Claim(Request)).Returns(new WebhookClaim(account, invoice));
        var v = _f.Verification();
        return v.VerifyAsync(Provider.Object, Request, v.Claim(Provider.Object, Request), _f.Clock.GetUtcNow(), CancellationToken.None);
    }

    private static bool IsTenants(MerchantCredentials? m) =>
        m is { Provider: "mockpay", PublicKey: "pk_tenant", Secret: "sk_tenant_secret", WebhookSecret: "whsec_tenant" };

    [Fact]
    public async Task F11_B4_a_customer_invoice_of_a_tenant_that_connected_this_provider_is_verified_with_the_tenants_opened_keys()
    {
        await ConnectAsync();
        Provider.Setup(p => p.VerifyAndParse(Request, It.Is<MerchantCredentials?>(m => IsTenants(m)), It.IsAny<DateTimeOffset>()))
            .Returns(Event(MerchantFixture.Tenant, CustomerInvoice));
        var verified = await VerifyAsync(MerchantFixture.Tenant, CustomerInvoice);
        Assert.Equal(VerifiedWith.Tenant, verified.KeysOf);
        Assert.Equal(CustomerInvoice, verified.Event.InvoiceId);
        Provider.Verify(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Theory]
    [InlineData("inv_topup1")]       // the vendor's own invoice to the tenant (a top-up, a renewal)
    [InlineData(null)]               // a notification naming no invoice
    [InlineData("cinv_../../x")]     // not an id at all
    public async Task F11_B4_the_vendors_own_invoices_to_a_tenant_are_verified_with_the_vendors_keys_even_when_it_connected_one(string? invoice)
    {
        await ConnectAsync();
        Provider.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Returns(Event(MerchantFixture.Tenant, invoice ?? "x"));
        Assert.Equal(VerifiedWith.Vendor, (await VerifyAsync(MerchantFixture.Tenant, invoice)).KeysOf);
        Provider.Verify(p => p.VerifyAndParse(Request, It.IsNotNull<MerchantCredentials?>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Fact]
    public async Task F11_B4_a_notification_claiming_a_tenant_that_connected_no_provider_or_another_or_no_account_is_verified_with_the_vendors_keys()
    {
        Provider.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Returns(Event(MerchantFixture.Tenant, CustomerInvoice));
        Assert.Equal(VerifiedWith.Vendor, (await VerifyAsync(MerchantFixture.Tenant, CustomerInvoice)).KeysOf);
        Assert.Equal(VerifiedWith.Vendor, (await VerifyAsync("acc_nobody", CustomerInvoice)).KeysOf);
        Assert.Equal(VerifiedWith.Vendor, (await VerifyAsync("' or 1 eq 1", CustomerInvoice)).KeysOf);

        // Connected at another provider of the build: its keys are not this provider's.
        var f = new MerchantFixture("mockpay", "otherpay");
        await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new MerchantKeys("otherpay", null, "sk_other", null), CancellationToken.None);
        var mock = f.Providers["mockpay"];
        mock.Setup(p => p.Claim(Request)).Returns(new WebhookClaim(MerchantFixture.Tenant, CustomerInvoice));
        mock.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Returns(Event(MerchantFixture.Tenant, CustomerInvoice));
        var v = f.Verification();
        Assert.Equal(VerifiedWith.Vendor, (await v.VerifyAsync(mock.Object, Request, v.Claim(mock.Object, Request), f.Clock.GetUtcNow(), CancellationToken.None)).KeysOf);
        Provider.Verify(p => p.VerifyAndParse(Request, It.IsNotNull<MerchantCredentials?>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Fact]
    public async Task F11_B4_a_tenants_keys_never_verify_an_event_naming_another_account_or_invoice_than_it_claimed()
    {
        await ConnectAsync();
        // Signed with the tenant's own keys, claiming its customer invoice, but the event inside pays the tenant's top-up.
        Provider.Setup(p => p.VerifyAndParse(Request, It.IsNotNull<MerchantCredentials?>(), It.IsAny<DateTimeOffset>()))
            .Returns(Event(MerchantFixture.Tenant, "inv_topup1"));
        Provider.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Throws(new WebhookRejectedException("signature mismatch"));
        var e = await Assert.ThrowsAsync<WebhookRejectedException>(() => VerifyAsync(MerchantFixture.Tenant, CustomerInvoice));
        Assert.Contains("names another account or invoice", e.Message);
        Assert.Contains("vendor's keys: signature mismatch", e.Message);
    }

    [Fact]
    public async Task F11_B4_a_checkout_opened_before_the_tenant_connected_is_verified_with_the_vendors_keys_when_the_tenants_reject_it()
    {
        await ConnectAsync();
        Provider.Setup(p => p.VerifyAndParse(Request, It.IsNotNull<MerchantCredentials?>(), It.IsAny<DateTimeOffset>()))
            .Throws(new WebhookRejectedException("signature mismatch"));
        Provider.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Returns(Event(MerchantFixture.Tenant, CustomerInvoice));
        Assert.Equal(VerifiedWith.Vendor, (await VerifyAsync(MerchantFixture.Tenant, CustomerInvoice)).KeysOf);

        Provider.Setup(p => p.VerifyAndParse(Request, null, It.IsAny<DateTimeOffset>())).Throws(new WebhookRejectedException("stale timestamp"));
        var e = await Assert.ThrowsAsync<WebhookRejectedException>(() => VerifyAsync(MerchantFixture.Tenant, CustomerInvoice));
        Assert.Equal("tenant's keys: signature mismatch; vendor's keys: stale timestamp", e.Message);
    }

    [Fact]
    public async Task F11_B4_keys_that_no_longer_open_stop_the_notification_with_a_server_fault_not_a_guess()
    {
        await ConnectAsync();
        Provider.Setup(p => p.Claim(Request)).Returns(new WebhookClaim(MerchantFixture.Tenant, CustomerInvoice));
        var otherKey = _f.Verification(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await Assert.ThrowsAsync<MerchantCredentialsUnavailableException>(() =>
            otherKey.VerifyAsync(Provider.Object, Request, new WebhookClaim(MerchantFixture.Tenant, CustomerInvoice), _f.Clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public void B4_a_claim_the_provider_cannot_read_claims_nothing()
    {
        Provider.Setup(p => p.Claim(Request)).Throws(new FormatException("not json"));
        Assert.Equal(new WebhookClaim(null, null), _f.Verification().Claim(Provider.Object, Request));
    }
}
