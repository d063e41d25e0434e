using System.Security.Cryptography;
using System.Text;
using Billing.Core.Payments.Merchants;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Payments.Merchants;

/// <summary>
/// Envelope encryption of tenants' provider secrets (F11, S4). Each secret gets a fresh random AES-256 data key; the secret
/// is sealed with it (AES-GCM), and the data key is wrapped (AES-GCM) with the key-encryption key from configuration
/// (<see cref="MerchantKeyOptions"/>), so only wrapped keys and ciphertext are ever stored. Both seals authenticate the
/// context (account, provider, field): a value copied to another account or field fails to open. The KEK's id is stored with
/// each value, so after a rotation the previous keys (configured as such) still open what they sealed.
/// <para>Stored form: <c>v1.{key id}.{base64url(nonce|wrapped data key|tag)}.{base64url(nonce|ciphertext|tag)}</c>.</para>
/// </summary>
public sealed class EnvelopeSecretProtector : ISecretProtector
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int DataKeyBytes = 32;

    private readonly (string Id, byte[] Key)? _current;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public EnvelopeSecretProtector(IOptions<MerchantKeyOptions> options)
    {
        var o = options.Value;
        if (o.KeyEncryptionKey.Length == 0) return;
        var current = Convert.FromBase64String(o.KeyEncryptionKey.Trim());
        _current = (KeyId(current), current);
        _keys[KeyId(current)] = current;
        foreach (var previous in o.PreviousKeys.Select(k => Convert.FromBase64String(k.Trim()))) _keys.TryAdd(KeyId(previous), previous);
    }

    public bool CanProtect => _current is not null;

    /// <summary>
    /// A KEK's id: 16 hex characters of a hash of the key under a label of its own. It tells keys apart after rotation and
    /// cannot be mistaken in configuration (no id to keep in step); 64 bits of a hash reveal nothing of a random 256-bit key.
    /// </summary>
    public static string KeyId(byte[] key) =>
        Convert.ToHexString(SHA256.HashData([.. "billing/merchant-kek/"u8, .. key]))[..16].ToLowerInvariant();

    public string Protect(string plaintext, string context)
    {
        var (kid, kek) = _current ?? throw new InvalidOperationException("No Payments:Merchants:KeyEncryptionKey is configured: nothing can be sealed.");
        var dataKey = RandomNumberGenerator.GetBytes(DataKeyBytes);
        try
        {
            var wrapped = Seal(kek, dataKey, WrapData(kid, context));
            var sealedSecret = Seal(dataKey, Encoding.UTF8.GetBytes(plaintext), SecretData(context));
            return string.Join('.', Version, kid, Base64Url(wrapped), Base64Url(sealedSecret));
        }
        finally { CryptographicOperations.ZeroMemory(dataKey); }
    }

    public string Unprotect(string sealedValue, string context)
    {
        var parts = sealedValue.Split('.');
        if (parts.Length != 4 || parts[0] != Version) throw new SealedSecretException("not a sealed value of this format");
        if (!_keys.TryGetValue(parts[1], out var kek))
            throw new SealedSecretException($"sealed under key {parts[1]}, which is neither Payments:Merchants:KeyEncryptionKey nor one of its PreviousKeys");
        byte[]? dataKey = null;
        try
        {
            dataKey = Open(kek, FromBase64Url(parts[2]), WrapData(parts[1], context));
            if (dataKey.Length != DataKeyBytes) throw new SealedSecretException("the wrapped data key has the wrong size");
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Open(dataKey, FromBase64Url(parts[3]), SecretData(context)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or DecoderFallbackException)
        {
            throw new SealedSecretException("the value does not open: altered, or sealed for another account, provider or field", e);
        }
        finally { if (dataKey is not null) CryptographicOperations.ZeroMemory(dataKey); }
    }

    private static byte[] WrapData(string kid, string context) => Encoding.UTF8.GetBytes($"{Version}|wrap|{kid}|{context}");
    private static byte[] SecretData(string context) => Encoding.UTF8.GetBytes($"{Version}|secret|{context}");

    /// <summary>nonce | ciphertext | tag, with a fresh random nonce (each key seals at most a few values, far from GCM's nonce limits).</summary>
    private static byte[] Seal(byte[] key, byte[] plaintext, byte[] associated)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associated);
        return output;
    }

    private static byte[] Open(byte[] key, byte[] input, byte[] associated)
    {
        if (input.Length < NonceBytes + TagBytes) throw new CryptographicException("too short");
        var plaintext = new byte[input.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes, plaintext.Length), input.AsSpan(NonceBytes + plaintext.Length), plaintext, associated);
        return plaintext;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var b64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
    }
}
