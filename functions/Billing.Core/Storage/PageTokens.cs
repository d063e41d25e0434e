using System.Text;

namespace Billing.Core.Storage;

/// <summary>
/// A4: a continuation token names the account and the list it pages around the position inside it (the storage
/// service's own token, or a key), so a token of another account or list, or one never given out, is refused with
/// 400 invalid_continuation_token instead of paging somewhere else or reaching the storage service.
/// </summary>
public static class PageTokens
{
    public const int MaxLength = 2048;

    public static string Encode(string accountId, string list, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountId}\n{list}\n{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position inside the list, or null for the first page.</summary>
    public static string? Decode(string accountId, string list, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        if (token.Length > MaxLength) throw Invalid();
        string text;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException) { throw Invalid(); }
        var parts = text.Split('\n');
        if (parts.Length != 3 || parts[0] != accountId || parts[1] != list || parts[2].Length == 0 || parts[2].Any(char.IsControl)) throw Invalid();
        return parts[2];
    }

    public static BillingException Invalid() =>
        BillingException.Invalid("invalid_continuation_token", "The continuation token is not one this API gave for this list.");
}
