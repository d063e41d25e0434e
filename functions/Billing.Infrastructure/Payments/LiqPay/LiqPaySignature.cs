using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// LiqPay's one signing scheme, the same for checkouts, API calls and callbacks: <c>data</c> = base64 of the JSON parameters,
/// <c>signature</c> = base64(sha1(private_key + data + private_key)).
/// </summary>
public static class LiqPaySignature
{
    // The JSON travels inside base64, never into HTML: Cyrillic descriptions stay as UTF-8 instead of six-byte escapes.
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Data(JsonObject parameters) => Convert.ToBase64String(Encoding.UTF8.GetBytes(parameters.ToJsonString(Writer)));

    public static string Sign(string privateKey, string data) => Convert.ToBase64String(Hash(privateKey, data));

    /// <summary>Constant-time: the comparison takes as long whichever byte differs, so a forger learns nothing from timing.</summary>
    public static bool Verifies(string privateKey, string data, string signature)
    {
        Span<byte> given = stackalloc byte[32];
        return Convert.TryFromBase64String(signature, given, out var length) && length == SHA1.HashSizeInBytes
            && CryptographicOperations.FixedTimeEquals(given[..length], Hash(privateKey, data));
    }

    /// <summary>The JSON inside <paramref name="data"/>; <see cref="JsonException"/> or <see cref="FormatException"/> when it is not.</summary>
    public static JsonElement Decode(string data)
    {
        using var doc = JsonDocument.Parse(Convert.FromBase64String(data));
        return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : throw new JsonException("data is not a JSON object");
    }

    /// <summary>The <c>data</c> and <c>signature</c> fields of a form-encoded body (a callback); nulls when absent or repeated.</summary>
    public static (string? Data, string? Signature) ReadForm(string body)
    {
        var form = System.Web.HttpUtility.ParseQueryString(body);
        static string? One(System.Collections.Specialized.NameValueCollection f, string name) => f.GetValues(name) is [var v] ? v : null;
        return (One(form, "data"), One(form, "signature"));
    }

    private static byte[] Hash(string privateKey, string data) => SHA1.HashData(Encoding.UTF8.GetBytes(privateKey + data + privateKey));
}
