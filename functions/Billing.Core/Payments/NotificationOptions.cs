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
}
