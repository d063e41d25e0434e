using Billing.Core.Storage;

namespace Billing.Core.Usage;

/// <summary>
/// One usage event as the CRM sent it (C11), stored once under a key made from its id: a repeat collides with it and is
/// never counted twice. <see cref="Day"/> is the day (for a postpaid account the month) whose charge counts it: the day it
/// occurred, or the next open day when that day was already charged (then <see cref="Late"/>).
/// </summary>
public sealed record UsageEvent(string EventId, string Metric, long Quantity, DateTimeOffset OccurredAt, DateOnly OccurredOn, DateOnly Day,
    DateTimeOffset ReceivedAt)
{
    public const int MaxIdLength = 200;

    /// <summary>It occurred before the period it is charged with began: that period's line says so.</summary>
    public bool Late => OccurredOn < Day;

    public static RowRef<UsageEvent> Ref(string eventId) => new(eventId);

    /// <summary>Every event of the account, in the order of their keys (hashes of the ids).</summary>
    public static readonly RowSet<UsageEvent> All = new();

    /// <summary>A repeat of this event: the same metric, quantity and moment. Another payload under the same id is refused.</summary>
    public bool SameAs(string metric, long quantity, DateTimeOffset? occurredAt) =>
        metric == Metric && quantity == Quantity && (occurredAt is null || occurredAt == OccurredAt);
}
