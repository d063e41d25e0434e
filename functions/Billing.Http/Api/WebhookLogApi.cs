using System.Globalization;
using System.Text;
using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>B10: operators read the raw log of incoming provider notifications, a UTC day at a time, newest first.</summary>
public sealed class WebhookLogApi(ApiRunner api, IWebhookLog webhooks, TimeProvider clock)
{
    /// <summary>Whose list a page token belongs to: operators' lists have no account.</summary>
    private const string Scope = "_operator";

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var day = QueryDay(req, "day") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var provider = req.Query["provider"].ToString() is { Length: > 0 } p
            ? (Ids.IsValid(p) && p.Length <= 32 ? p : throw BillingException.Invalid("query_invalid", "'provider' must be a provider name such as 'stripe'."))
            : null;
        // The token is bound to the day and provider it pages, so it cannot page another list.
        var list = $"webhooks/{day:yyyyMMdd}/{provider ?? "*"}";
        var after = PageTokens.Decode(Scope, list, token);
        if (after is not null && !webhooks.IsPosition(after)) throw PageTokens.Invalid();
        var page = await webhooks.ListAsync(day, provider, size, after, ct);
        return ApiResult.Ok(new
        {
            day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), provider, items = page.Items.Select(Summary),
            continuationToken = page.NextPosition is { } next ? PageTokens.Encode(Scope, list, next) : null,
        });
    });

    public Task<IResult> Get(HttpRequest req, string webhookId, CancellationToken ct) => api.Run(req, async () =>
    {
        var found = Ids.IsValid(webhookId) ? await webhooks.GetAsync(webhookId, ct) : null;
        if (found is null) throw BillingException.NotFound("webhook", webhookId.Length > 64 ? webhookId[..64] : webhookId);
        var utf8 = TryUtf8(found.Body);
        return ApiResult.Ok(new
        {
            summary = Summary(found), headers = found.Headers, body = utf8 ?? Convert.ToBase64String(found.Body),
            bodyEncoding = utf8 is null ? "base64" : "utf-8", bodyTruncated = found.BodyTruncated,
        });
    });

    private static object Summary(WebhookLogEntry e) => new
    {
        id = e.Id, provider = e.Provider, receivedAt = e.ReceivedAt, verification = e.Verification, reason = e.Reason, verifiedWith = e.VerifiedWith,
        claimedAccountId = e.ClaimedAccountId, claimedInvoiceId = e.ClaimedInvoiceId, eventId = e.EventId, eventType = e.EventType,
        outcome = e.Outcome, status = e.Status, bodyBytes = e.BodyBytes,
    };

    /// <summary>A body that is not UTF-8 (refused as such) is shown as base64, so the operator sees the bytes that came.</summary>
    private static string? TryUtf8(byte[] body)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body); }
        catch (DecoderFallbackException) { return null; }
    }

    private static DateOnly? QueryDay(HttpRequest req, string name)
    {
        var raw = req.Query[name].ToString();
        if (raw.Length == 0) return null;
        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
            : throw BillingException.Invalid("query_invalid", $"'{name}' must be a date such as 2026-11-28 (UTC).");
    }
}
