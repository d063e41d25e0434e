namespace Billing.Core.Payments;

/// <summary>Until verified, a notification counts as rejected.</summary>
public enum WebhookVerificationResult { Rejected, Verified }

/// <summary>
/// B10: one incoming provider notification as received, kept <see cref="NotificationOptions.WebhookLogRetentionDays"/> for
/// operators: the headers that matter, the body (at most <see cref="MaxBody"/> bytes), whether and with whose keys it was
/// verified, what it claimed, and what we did with it. Written whatever happened, rejected ones too.
/// </summary>
public sealed record WebhookLogEntry
{
    /// <summary>The body as kept: a notification is never larger (the API refuses more), an oversized one is cut here.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>Given by the log when the entry is stored.</summary>
    public string Id { get; init; } = "";
    public required string Provider { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public byte[] Body { get; init; } = [];
    /// <summary>How many bytes were received (more than <see cref="Body"/> holds when it was cut).</summary>
    public long BodyBytes { get; init; }
    public bool BodyTruncated { get; init; }
    public WebhookVerificationResult Verification { get; init; }
    /// <summary>Why it was rejected, or why it could not be processed after verification.</summary>
    public string? Reason { get; init; }
    /// <summary><c>vendor</c> or <c>tenant</c> when verified.</summary>
    public string? VerifiedWith { get; init; }
    public string? ClaimedAccountId { get; init; }
    public string? ClaimedInvoiceId { get; init; }
    public string? EventId { get; init; }
    public string? EventType { get; init; }
    /// <summary>Our outcome: a payment outcome (<c>credited</c>, <c>already_applied</c>…) or the error code we answered (<c>webhook_rejected</c>…).</summary>
    public string? Outcome { get; init; }
    public int Status { get; init; }
}

public sealed record WebhookLogPage(IReadOnlyList<WebhookLogEntry> Items, string? NextPosition);

/// <summary>The log of incoming notifications (an index table of its own, not an account's partition: many are not about an account yet).</summary>
public interface IWebhookLog
{
    /// <summary>Stores the entry and returns its id.</summary>
    Task<string> AppendAsync(WebhookLogEntry entry, CancellationToken ct);

    /// <summary>One UTC day's entries, newest first, optionally of one provider; <paramref name="after"/> is a position a previous page returned.</summary>
    Task<WebhookLogPage> ListAsync(DateOnly day, string? provider, int pageSize, string? after, CancellationToken ct);

    /// <summary>Whether <paramref name="position"/> is a position this log gives out (a forged one is refused before any read).</summary>
    bool IsPosition(string position);

    Task<WebhookLogEntry?> GetAsync(string id, CancellationToken ct);

    /// <summary>Deletes every entry received at or before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteReceivedUntilAsync(DateTimeOffset cutoff, CancellationToken ct);
}
