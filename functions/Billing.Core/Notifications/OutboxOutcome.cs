using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>
/// Rows a feature writes with a message's final outcome (sent, or failed for good), in the same transaction as the
/// outbox row, so what the feature shows about the message never disagrees with the outbox (F10: a mailing run's lines).
/// </summary>
public interface IOutboxOutcomeRows
{
    /// <param name="withCounters">
    /// False on the second try after the first lost to contention too often: only rows no other delivery writes (a run's
    /// counters are shared by all its messages; the message's own outcome must not wait on them).
    /// </param>
    Task<IReadOnlyList<RowOp>> RowsAsync(string accountId, OutboxMessage outcome, DateTimeOffset at, bool withCounters, CancellationToken ct);
}

/// <summary>
/// The receiver refused a message for good (a gateway's 4xx: the number is invalid, the chat does not exist): retrying
/// cannot help, so the message fails at once with the receiver's words.
/// </summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
