using Billing.Core.Accounts;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments.Merchants;

/// <summary>
/// F11: a tenant connects its own account at a payment provider; its customers' invoices then check out through it, and
/// notifications about them are verified with its keys. The vendor's own invoices to tenants never use it. Secrets are
/// sealed before they reach a decision and are opened only to call the provider or verify its notification.
/// </summary>
public sealed class MerchantConnections(AccountUnitOfWork uow, ISecretProtector protector, PaymentProviders providers, TimeProvider clock,
    ILogger<MerchantConnections> log)
{
    /// <summary>The provider that stands in for one in local runs and tests; it takes no real money.</summary>
    public const string Sandbox = "sandbox";

    public const int MaxPublicKey = 256;
    public const int MaxSecret = 512;

    /// <summary>
    /// What each provider needs from a tenant besides its secret: Stripe signs notifications with a separate endpoint secret
    /// (<c>whsec_…</c>); LiqPay names the merchant by its public key in every checkout and signs with the private key.
    /// </summary>
    private static readonly Dictionary<string, (bool PublicKey, bool WebhookSecret)> Needs = new()
    {
        ["stripe"] = (false, true),
        ["liqpay"] = (true, false),
    };

    /// <summary>
    /// Providers a tenant may connect: those this build has, except the sandbox, unless the sandbox is this deployment's own
    /// provider (local runs and tests). A production deployment never lets a tenant's customers "pay" at the sandbox.
    /// </summary>
    public IReadOnlyList<string> Connectable =>
        providers.Names.Where(n => n != Sandbox || providers.CurrentName == Sandbox).Order(StringComparer.Ordinal).ToList();

    public async Task<MerchantConnectionView> ConnectAsync(string accountId, MerchantKeys keys, CancellationToken ct)
    {
        Validate(keys);
        if (!protector.CanProtect)
            throw BillingException.Refused("merchant_keys_not_configured",
                "This deployment has no key to seal provider secrets with (Payments:Merchants:KeyEncryptionKey); nothing was stored.");
        // Sealed once, outside the decision: a retried decision stores the same values.
        var secret = protector.Protect(keys.Secret, MerchantConnection.Context(accountId, keys.Provider, MerchantConnection.SecretField));
        var webhookSecret = keys.WebhookSecret is { Length: > 0 } w
            ? protector.Protect(w, MerchantConnection.Context(accountId, keys.Provider, MerchantConnection.WebhookSecretField)) : null;
        var now = clock.GetUtcNow();
        var view = await uow.RunAsync(accountId, now, async head =>
        {
            if (head.Value.State is AccountState.Deleted or AccountState.Purged)
                throw BillingException.Conflict("account_deleted", $"Account {accountId} is {Json.Names.Of(head.Value.State)}: it connects no provider.");
            var existing = await uow.Reader.GetAsync(accountId, MerchantConnection.Ref, ct);
            var row = new MerchantConnection
            {
                Provider = keys.Provider, PublicKey = keys.PublicKey is { Length: > 0 } p ? p : null, SealedSecret = secret, SealedWebhookSecret = webhookSecret,
                ConnectedAt = existing?.Value.Provider == keys.Provider ? existing.Value.ConnectedAt : now, UpdatedAt = now,
            };
            var op = existing is null ? new RowOp(row, RowWrite.Insert) : new RowOp(row, RowWrite.Replace, existing.ETag);
            return new Decision<MerchantConnectionView>(AccountCommit.RowsOnly(accountId, op), MerchantConnectionView.Of(row));
        }, ct);
        log.LogInformation("Account {AccountId} connected its {Provider} account (public key {PublicKey})", accountId, keys.Provider, view.PublicKey ?? "none");
        return view;
    }

    public async Task<MerchantConnectionView> GetAsync(string accountId, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var found = await uow.Reader.GetAsync(accountId, MerchantConnection.Ref, ct)
            ?? throw new BillingException(ErrorKind.NotFound, "payment_provider_not_connected", $"Account {accountId} has not connected a payment provider.");
        return MerchantConnectionView.Of(found.Value);
    }

    /// <summary>Forgets the keys; the tenant's customers pay through the vendor's provider again. Disconnecting twice is no error.</summary>
    public async Task DisconnectAsync(string accountId, CancellationToken ct)
    {
        var removed = await uow.RunAsync(accountId, clock.GetUtcNow(), async _ =>
            await uow.Reader.GetAsync(accountId, MerchantConnection.Ref, ct) is { } found
                ? new Decision<string?>(AccountCommit.RowsOnly(accountId, new RowOp(found.Value, RowWrite.Delete, found.ETag)), found.Value.Provider)
                : Decision<string?>.NoChange(null), ct);
        if (removed is not null) log.LogInformation("Account {AccountId} disconnected its {Provider} account", accountId, removed);
    }

    /// <summary>
    /// Where a customer invoice of this tenant checks out (F11): the tenant's provider with its opened keys when it connected
    /// one, else the vendor's current provider as for every other invoice.
    /// </summary>
    public async Task<(IPaymentProvider Provider, MerchantCredentials? Merchant)> CheckoutProviderAsync(string accountId, CancellationToken ct)
    {
        var found = await uow.Reader.GetAsync(accountId, MerchantConnection.Ref, ct);
        if (found is null) return (providers.Current, null);
        var provider = providers.Find(found.Value.Provider)
            ?? throw new MerchantCredentialsUnavailableException(accountId, found.Value.Provider, "the provider is not in this build");
        return (provider, Open(accountId, found.Value));
    }

    /// <summary>
    /// Whose keys a payment of an invoice goes through (a checkout is opened, a notification verified, reconciliation asks):
    /// the tenant's for its customers' invoices when it connected that provider, else the vendor's (null).
    /// </summary>
    public async Task<MerchantCredentials?> ForInvoiceAsync(string accountId, string invoiceId, string provider, CancellationToken ct) =>
        CustomerBilling.CustomerInvoice.IsCustomerInvoiceId(invoiceId) ? await CredentialsAsync(accountId, provider, ct) : null;

    /// <summary>The tenant's keys at <paramref name="provider"/>, opened; null when it connected none there.</summary>
    public async Task<MerchantCredentials?> CredentialsAsync(string accountId, string provider, CancellationToken ct)
    {
        var found = await uow.Reader.GetAsync(accountId, MerchantConnection.Ref, ct);
        return found?.Value.Provider == provider ? Open(accountId, found.Value) : null;
    }

    private MerchantCredentials Open(string accountId, MerchantConnection c)
    {
        try
        {
            return new MerchantCredentials(c.Provider, c.PublicKey,
                protector.Unprotect(c.SealedSecret, MerchantConnection.Context(accountId, c.Provider, MerchantConnection.SecretField)),
                c.SealedWebhookSecret is { } w ? protector.Unprotect(w, MerchantConnection.Context(accountId, c.Provider, MerchantConnection.WebhookSecretField)) : null);
        }
        catch (SealedSecretException e)
        {
            throw new MerchantCredentialsUnavailableException(accountId, c.Provider, e.Message, e);
        }
    }

    /// <summary>400 with a field error for what the caller sent wrong; 422 for a provider this deployment will not let a tenant use.</summary>
    private void Validate(MerchantKeys keys)
    {
        if (string.IsNullOrEmpty(keys.Provider)) throw Field("field_missing", "provider", "Required.");
        if (providers.Find(keys.Provider) is null)
            throw BillingException.Invalid("payment_provider_unknown", $"'{keys.Provider}' is not a payment provider of this deployment; one of: {string.Join(", ", Connectable)}.",
                new Dictionary<string, string[]> { ["provider"] = [$"One of: {string.Join(", ", Connectable)}."] });
        if (!Connectable.Contains(keys.Provider))
            throw BillingException.Refused("payment_provider_not_allowed",
                $"'{keys.Provider}' takes no real money and is not this deployment's provider: a tenant cannot connect it here.");
        Key(keys.Secret, "secret", MaxSecret, required: true);
        var needs = Needs.GetValueOrDefault(keys.Provider);
        Key(keys.PublicKey, "publicKey", MaxPublicKey, needs.PublicKey);
        Key(keys.WebhookSecret, "webhookSecret", MaxSecret, needs.WebhookSecret);
    }

    /// <summary>Provider keys are tokens: printable ASCII without spaces, so a pasted newline or a quote is caught here, not at the provider.</summary>
    private static void Key(string? value, string field, int max, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) throw Field("field_missing", field, "Required.");
            return;
        }
        if (value.Length > max) throw Field("field_too_long", field, $"At most {max} characters.");
        if (value.Any(c => c is <= ' ' or > '~')) throw Field("credential_invalid", field, "Printable ASCII without spaces.");
    }

    private static BillingException Field(string code, string field, string problem) =>
        BillingException.Invalid(code, $"'{field}': {problem}", new Dictionary<string, string[]> { [field] = [problem] });
}
