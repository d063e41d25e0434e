using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Payments;

/// <summary>
/// B10: how long a received provider notification is kept (<c>Payments:NotificationRetentionDays</c>, default 90). It must
/// outlast any provider's redelivery window (days), since the record is what makes a redelivered event collide.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Payments";

    [Range(30, 3660)]
    public int NotificationRetentionDays { get; set; } = 90;

    public bool Expired(DateTimeOffset receivedAt, DateTimeOffset asOf) => receivedAt + TimeSpan.FromDays(NotificationRetentionDays) <= asOf;

    /// <summary>
    /// B10: how long the raw log of incoming notifications (<see cref="IWebhookLog"/>) is kept for operators
    /// (<c>Payments:WebhookLogRetentionDays</c>, default 90). It decides nothing, so a short setting loses only history.
    /// </summary>
    [Range(1, 3660)]
    public int WebhookLogRetentionDays { get; set; } = 90;

    /// <summary>Entries received at or before this are past the log's retention as of <paramref name="asOf"/>.</summary>
    public DateTimeOffset WebhookLogCutoff(DateTimeOffset asOf) => asOf - TimeSpan.FromDays(WebhookLogRetentionDays);
}
