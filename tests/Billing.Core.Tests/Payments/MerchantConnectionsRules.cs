using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Billing.Core.Storage;

namespace Billing.Core.Tests.Payments;

/// <summary>F11: what a tenant may connect, what is stored (sealed only), what is shown (never a secret), and where its customers check out.</summary>
public sealed class MerchantConnectionsRules
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<BillingException> Refused(MerchantFixture f, MerchantKeys keys, string? kek = null)
    {
        var e = await Assert.ThrowsAsync<BillingException>(() => f.Merchants(kek).ConnectAsync(MerchantFixture.Tenant, keys, None));
        Assert.Null(await f.Store.GetAsync(MerchantFixture.Tenant, MerchantConnection.Ref, None));
        return e;
    }

    [Fact]
    public async Task F11_S2_a_provider_this_build_lacks_or_bad_keys_are_refused_with_a_field_error_and_nothing_stored()
    {
        var f = new MerchantFixture("mockpay", "stripe", "liqpay");
        Assert.Equal(("payment_provider_unknown", ErrorKind.Invalid), Code(await Refused(f, new("paypal", null, "sk", null))));
        Assert.Equal("field_missing", (await Refused(f, new("", null, "sk", null))).Code);
        Assert.Equal(("field_missing", "secret"), Field(await Refused(f, new("mockpay", null, "", null))));
        Assert.Equal(("field_too_long", "secret"), Field(await Refused(f, new("mockpay", null, new string('k', MerchantConnections.MaxSecret + 1), null))));
        Assert.Equal(("field_too_long", "publicKey"), Field(await Refused(f, new("mockpay", new string('k', MerchantConnections.MaxPublicKey + 1), "sk", null))));
        Assert.Equal(("credential_invalid", "secret"), Field(await Refused(f, new("mockpay", null, "sk live", null))));
        Assert.Equal(("credential_invalid", "webhookSecret"), Field(await Refused(f, new("mockpay", null, "sk", "whsec_ключ"))));
        // What each provider needs besides the secret: Stripe its webhook signing secret, LiqPay its public key.
        Assert.Equal(("field_missing", "webhookSecret"), Field(await Refused(f, new("stripe", null, "sk_test_1", null))));
        Assert.Equal(("field_missing", "publicKey"), Field(await Refused(f, new("liqpay", null, "private_1", null))));
    }

    [Fact]
    public async Task F11_a_tenant_connects_the_sandbox_only_where_it_is_the_deployments_own_provider()
    {
        var production = new MerchantFixture("liqpay", "sandbox");
        Assert.Equal(("payment_provider_not_allowed", ErrorKind.Refused), Code(await Refused(production, new("sandbox", null, "sk", null))));
        Assert.Equal(["liqpay"], production.Merchants().Connectable);

        var local = new MerchantFixture("sandbox");
        Assert.Equal("sandbox", (await local.Merchants().ConnectAsync(MerchantFixture.Tenant, new("sandbox", null, "sk", null), None)).Provider);
    }

    [Fact]
    public async Task F11_S4_without_a_key_encryption_key_nothing_is_stored()
    {
        var f = new MerchantFixture();
        Assert.Equal(("merchant_keys_not_configured", ErrorKind.Refused), Code(await Refused(f, new("mockpay", null, "sk", null), kek: "")));
    }

    [Fact]
    public async Task F11_S4_the_row_holds_only_sealed_secrets_and_the_view_never_a_secret()
    {
        var f = new MerchantFixture();
        var view = await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("mockpay", "pk_live_1", "sk_live_secret_1", "whsec_secret_1"), None);
        Assert.Equal(new MerchantConnectionView("mockpay", "pk_live_1", true, true, f.Clock.GetUtcNow(), f.Clock.GetUtcNow()), view);
        var row = (await f.Store.GetAsync(MerchantFixture.Tenant, MerchantConnection.Ref, None))!.Value;
        Assert.DoesNotContain("sk_live_secret_1", row.SealedSecret);
        Assert.DoesNotContain("whsec_secret_1", row.SealedWebhookSecret);
        Assert.StartsWith("v1.", row.SealedSecret);
        Assert.Equal(view, await f.Merchants().GetAsync(MerchantFixture.Tenant, None));
        Assert.DoesNotContain("secret_1", System.Text.Json.JsonSerializer.Serialize(view));
    }

    [Fact]
    public async Task F11_new_keys_for_the_same_provider_keep_when_it_was_connected_and_another_provider_starts_anew()
    {
        var f = new MerchantFixture("mockpay", "otherpay");
        var t0 = f.Clock.GetUtcNow();
        await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("mockpay", null, "sk_1", null), None);
        f.Clock.Advance(TimeSpan.FromHours(1));
        var replaced = await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("mockpay", null, "sk_2", "whsec_2"), None);
        Assert.Equal((t0, t0.AddHours(1), true), (replaced.ConnectedAt, replaced.UpdatedAt, replaced.WebhookSecretSet));
        Assert.Equal("sk_2", (await f.Merchants().CredentialsAsync(MerchantFixture.Tenant, "mockpay", None))!.Secret);
        f.Clock.Advance(TimeSpan.FromHours(1));
        var moved = await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("otherpay", null, "sk_3", null), None);
        Assert.Equal((t0.AddHours(2), false), (moved.ConnectedAt, moved.WebhookSecretSet));
        Assert.Null(await f.Merchants().CredentialsAsync(MerchantFixture.Tenant, "mockpay", None));
    }

    [Fact]
    public async Task F11_customers_check_out_at_the_tenants_provider_with_its_keys_else_at_the_vendors_and_after_a_disconnect_at_the_vendors_again()
    {
        var f = new MerchantFixture("mockpay", "otherpay");
        var (vendor, none) = await f.Merchants().CheckoutProviderAsync(MerchantFixture.Tenant, None);
        Assert.Equal(("mockpay", null), (vendor.Name, none));

        await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("otherpay", "pk_o", "sk_o", null), None);
        var (tenants, merchant) = await f.Merchants().CheckoutProviderAsync(MerchantFixture.Tenant, None);
        Assert.Equal("otherpay", tenants.Name);
        Assert.Equal(new MerchantCredentials("otherpay", "pk_o", "sk_o", null), merchant);

        await f.Merchants().DisconnectAsync(MerchantFixture.Tenant, None);
        await f.Merchants().DisconnectAsync(MerchantFixture.Tenant, None); // twice is no error
        Assert.Equal("mockpay", (await f.Merchants().CheckoutProviderAsync(MerchantFixture.Tenant, None)).Provider.Name);
        Assert.Equal("payment_provider_not_connected", (await Assert.ThrowsAsync<BillingException>(() => f.Merchants().GetAsync(MerchantFixture.Tenant, None))).Code);
        Assert.Equal("account_not_found", (await Assert.ThrowsAsync<BillingException>(() => f.Merchants().GetAsync("acc_none", None))).Code);
    }

    [Fact]
    public async Task F11_keys_that_no_longer_open_never_send_the_customer_to_the_vendors_account()
    {
        var f = new MerchantFixture();
        await f.Merchants().ConnectAsync(MerchantFixture.Tenant, new("mockpay", null, "sk_1", null), None);
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await Assert.ThrowsAsync<MerchantCredentialsUnavailableException>(() => f.Merchants(otherKey).CheckoutProviderAsync(MerchantFixture.Tenant, None));
    }

    private static (string, ErrorKind) Code(BillingException e) => (e.Code, e.Kind);
    private static (string, string) Field(BillingException e) => (e.Code, e.Errors!.Keys.Single());
}
