using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Billing.Core.Validation;

/// <summary>Ids are validated before they reach storage or a query (S3).</summary>
public static partial class Ids
{
    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Require(string? id, string what) =>
        IsValid(id) ? id! : throw BillingException.NotFound(what, Printable(id));

    /// <summary>An unguessable id: 20 base32 characters (100 bits).</summary>
    public static string New(string prefix) => prefix + "_" + Base32(RandomNumberGenerator.GetBytes(13))[..20];

    /// <summary>A public token (F3): 32 base32 characters, 160 random bits, so a link cannot be guessed from another.</summary>
    public static string Token() => Base32(RandomNumberGenerator.GetBytes(20));

    public static bool IsToken(string? token) => token is { Length: 32 } && IsValid(token);

    /// <summary>A deterministic id from an idempotency key, so a repeated request names the same thing.</summary>
    public static string FromKey(string prefix, string key) => prefix + "_" + Hash(key)[..20];

    /// <summary>40 hex characters of SHA-256: a short, safe stand-in for a caller's key (it may hold any character).</summary>
    public static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..40].ToLowerInvariant();

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[bytes.Length * 8 / 5];
        for (var i = 0; i < chars.Length; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = alphabet[value];
        }
        return new string(chars);
    }

    private static string Printable(string? id) => id is null ? "" : id.Length > 64 ? id[..64] + "…" : id;
}
