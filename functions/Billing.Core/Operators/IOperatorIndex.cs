namespace Billing.Core.Operators;

/// <summary>Where a CRM event is: its account's outbox row, and when it was recorded.</summary>
public sealed record EventPointer(string AccountId, string OutboxId, DateTimeOffset CreatedAt);

/// <summary>Where a flagged payment is: its account's provider event record, and when it was received.</summary>
public sealed record FlagPointer(string AccountId, string Provider, string EventId, DateTimeOffset ReceivedAt);

/// <summary>A page of pointers and the position after its last one (null at the end).</summary>
public sealed record PointerPage<T>(IReadOnlyList<T> Items, string? NextPosition);

/// <summary>
/// The operators' cross-account pointers (port; table <c>{prefix}opsindex</c>): the rows themselves stay in their accounts'
/// partitions, which hold their state (delivered, resolved); these say where to look, time-ordered, so the console lists the
/// CRM events or open flags of every account without visiting every partition. Written after the commit that made the row
/// (<see cref="OperatorIndexes"/>) and re-put by <see cref="OperatorIndexJob"/>; every write is an idempotent upsert.
/// </summary>
public interface IOperatorIndex
{
    Task PutEventsAsync(IReadOnlyList<EventPointer> events, CancellationToken ct);

    /// <summary>Events recorded in [from, to], newest first; <paramref name="after"/> is a position a previous page gave.</summary>
    Task<PointerPage<EventPointer>> EventsAsync(DateTimeOffset from, DateTimeOffset to, int max, string? after, CancellationToken ct);

    bool IsEventPosition(string position);

    Task PutFlagsAsync(IReadOnlyList<FlagPointer> flags, CancellationToken ct);

    /// <summary>Flags not yet removed (open ones, and any whose removal failed), newest first.</summary>
    Task<PointerPage<FlagPointer>> FlagsAsync(int max, string? after, CancellationToken ct);

    bool IsFlagPosition(string position);

    /// <summary>Forgets a resolved flag; forgetting one that is not there is no error.</summary>
    Task RemoveFlagAsync(FlagPointer flag, CancellationToken ct);
}
