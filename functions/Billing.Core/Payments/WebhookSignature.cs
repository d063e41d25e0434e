using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Core.Payments;

/// <summary>
/// Timestamped HMAC-SHA256 signatures in the scheme Stripe documents: header <c>t=UNIX,v1=HEX</c> over
/// <c>"{t}.{body}"</c>. A stale or future timestamp (beyond the tolerance) is refused, which with
/// per-event idempotency stops replays (B4).
/// </summary>
public static class WebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    public static void Verify(string body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret)) throw new WebhookRejectedException("no webhook secret configured");
        if (string.IsNullOrWhiteSpace(header)) throw new WebhookRejectedException("signature header missing");
        string? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length != 2) continue;
            if (kv[0] == "t") t = kv[1];
            else if (kv[0] == "v1") candidates.Add(kv[1]);
        }
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || candidates.Count == 0)
            throw new WebhookRejectedException("signature header malformed");
        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        if (!candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected)))
            throw new WebhookRejectedException("signature does not match");
        DateTimeOffset signedAt;
        try { signedAt = DateTimeOffset.FromUnixTimeSeconds(unix); }
        catch (ArgumentOutOfRangeException) { throw new WebhookRejectedException("signature timestamp out of range"); }
        if ((now - signedAt).Duration() > tolerance)
            throw new WebhookRejectedException($"signature timestamp outside the {tolerance.TotalMinutes:F0} minute tolerance");
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"))).ToLowerInvariant();
}
