namespace Billing.Core.Payments.Merchants;

/// <summary>
/// Seals a secret for storage and opens it again (S4, F11): a tenant's provider keys are kept only sealed. The
/// <c>context</c> names what the secret belongs to (account, provider, field) and is bound into the seal, so a sealed value
/// copied to another account, provider or field does not open. Implemented in Billing.Infrastructure with envelope
/// encryption under a key from configuration (Key Vault in Azure).
/// </summary>
public interface ISecretProtector
{
    /// <summary>False when no key to seal with is configured: nothing may then be stored (the API answers 422 merchant_keys_not_configured).</summary>
    bool CanProtect { get; }

    string Protect(string plaintext, string context);

    /// <summary>The secret, or <see cref="SealedSecretException"/> when the value was altered, belongs to another context, or its key is not configured.</summary>
    string Unprotect(string sealedValue, string context);
}

/// <summary>A sealed secret did not open: altered, moved from elsewhere, or sealed under a key this deployment no longer has.</summary>
public sealed class SealedSecretException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A tenant connected a provider whose keys cannot be used now (they do not open, or the provider is not in this build):
/// a server fault (500, logged), never a silent fall back to the vendor's account, which would take the tenant's customers' money.
/// </summary>
public sealed class MerchantCredentialsUnavailableException(string accountId, string provider, string why, Exception? inner = null)
    : Exception($"The {provider} credentials of account {accountId} cannot be used: {why}", inner);
