using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Core;
using Billing.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>Reads bodies and query values strictly: size-limited, valid JSON of the expected shape, or a 4xx (S2).</summary>
public static class RequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw new BodyTooLargeException(MaxBodyBytes);
        var (bytes, complete) = await ReadCappedAsync(request, MaxBodyBytes, ct);
        if (!complete) throw new BodyTooLargeException(MaxBodyBytes);
        return Utf8(bytes);
    }

    /// <summary>
    /// At most <paramref name="limit"/> bytes of the body, and whether that was all of it. Webhooks keep what came even when
    /// it was too much (B10), so reading stops at the limit instead of refusing before.
    /// </summary>
    public static async Task<(byte[] Bytes, bool Complete)> ReadCappedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            var room = limit - (int)buffer.Length;
            buffer.Write(chunk, 0, Math.Min(read, room));
            if (read > room) return (buffer.ToArray(), false);
        }
        return (buffer.ToArray(), true);
    }

    /// <summary>The bytes as UTF-8 text, or 400 <c>body_not_utf8</c>.</summary>
    public static string Utf8(byte[] bytes)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw BillingException.Invalid("body_not_utf8", "The body must be UTF-8."); }
    }

    /// <summary>The body as <typeparamref name="T"/>, its strings plain text (<see cref="BodyTexts"/>); <paramref name="multiLine"/> names fields that may hold newlines.</summary>
    public static T Parse<T>(string body, IReadOnlySet<string>? multiLine = null) where T : class
    {
        if (string.IsNullOrWhiteSpace(body)) throw BillingException.Invalid("body_missing", "A JSON body is required.");
        var parsed = JsonSerializer.Deserialize<T>(body, Json.ApiJson.Options) ?? throw BillingException.Invalid("body_missing", "A JSON body is required.");
        BodyTexts.Require(body, multiLine);
        return parsed;
    }

    public static async Task<(T Body, string Text)> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct, IReadOnlySet<string>? multiLine = null) where T : class
    {
        var text = await ReadTextAsync(request, ct);
        return (Parse<T>(text, multiLine), text);
    }

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw BillingException.Invalid("field_missing", $"'{field}' is required.", new Dictionary<string, string[]> { [field] = ["Required."] });

    public static string Required(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value)
            ? throw BillingException.Invalid("field_missing", $"'{field}' is required.", new Dictionary<string, string[]> { [field] = ["Required."] })
            : value.Length > maxLength
                ? throw BillingException.Invalid("field_too_long", $"'{field}' is longer than {maxLength}.", new Dictionary<string, string[]> { [field] = [$"At most {maxLength} characters."] })
                : value;

    public static long? QueryLong(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0) return null;
        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw BillingException.Invalid("query_invalid", $"'{name}' must be a whole number.");
    }

    public static DateTimeOffset? QueryTime(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0) return null;
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v
            : throw BillingException.Invalid("query_invalid", $"'{name}' must be an ISO 8601 time, such as 2026-11-01T00:00:00Z.");
    }

    public static DateOnly? QueryDay(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0) return null;
        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v
            : throw BillingException.Invalid("query_invalid", $"'{name}' must be a date, such as 2026-11-01.");
    }

    public static T ParseEnum<T>(string? raw, string field) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (Core.Json.Names.Of(value) == raw) return value;
        throw BillingException.Invalid("field_invalid", $"'{field}' must be one of {string.Join(", ", Enum.GetValues<T>().Select(v => Core.Json.Names.Of(v)))}.",
            new Dictionary<string, string[]> { [field] = ["Unknown value."] });
    }
}
