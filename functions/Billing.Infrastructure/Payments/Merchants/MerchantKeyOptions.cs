namespace Billing.Infrastructure.Payments.Merchants;

/// <summary>
/// <c>Payments:Merchants</c>: the key-encryption key (KEK) that seals tenants' provider secrets (F11). In Azure a Key Vault
/// reference; locally a value only the developer has. Without it the app runs, but no tenant can connect a provider
/// (422 merchant_keys_not_configured): a deployment that bills no customers through tenants' own acquiring needs none.
/// </summary>
public sealed class MerchantKeyOptions
{
    public const string Section = "Payments:Merchants";
    public const int KeyBytes = 32;

    /// <summary>Base64 of 32 random bytes (AES-256): <c>openssl rand -base64 32</c>. New secrets are sealed under it.</summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>Keys sealed under before a rotation: they still open what they sealed, and seal nothing new.</summary>
    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>The host refuses to start with a key that is not 32 bytes of base64, rather than fail at the first tenant.</summary>
    public string? Problem()
    {
        if (KeyEncryptionKey.Length == 0)
            return PreviousKeys.Count > 0 ? "Payments:Merchants:PreviousKeys needs Payments:Merchants:KeyEncryptionKey, the key new secrets are sealed under." : null;
        if (!IsKey(KeyEncryptionKey)) return "Payments:Merchants:KeyEncryptionKey must be base64 of 32 bytes (openssl rand -base64 32).";
        for (var i = 0; i < PreviousKeys.Count; i++)
            if (!IsKey(PreviousKeys[i])) return $"Payments:Merchants:PreviousKeys:{i} must be base64 of 32 bytes.";
        return null;
    }

    private static bool IsKey(string value)
    {
        var bytes = new byte[KeyBytes + 1];
        return Convert.TryFromBase64String(value.Trim(), bytes, out var written) && written == KeyBytes;
    }
}
