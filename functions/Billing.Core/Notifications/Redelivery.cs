using System.Text.Json.Nodes;
using Billing.Core.Audit;
using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>Where an outbox row's delivery stands, as operators read it: sending counts as pending until it ends.</summary>
public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// Queues an outbox row again (G1, G2, P2): the same row, so an event keeps its id (the CRM dedupes by it) and a message its
/// own. It becomes pending with fresh attempts and goes to the queue; the delivery claims it as any other. A row being sent
/// right now (a live claim) is left to that delivery.
/// </summary>
public static class Redelivery
{
    public static DeliveryStatus StatusOf(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => DeliveryStatus.Delivered,
        OutboxStatus.Failed => DeliveryStatus.Failed,
        _ => DeliveryStatus.Pending,
    };

    /// <summary>The storage filter of a status: pending is neither sent nor failed (pending or sending).</summary>
    public static IEnumerable<RowFilter> Filters(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => [new RowFilter(nameof(OutboxMessage.Status), FilterOp.Eq, OutboxStatus.Sent)],
        DeliveryStatus.Failed => [new RowFilter(nameof(OutboxMessage.Status), FilterOp.Eq, OutboxStatus.Failed)],
        _ => [new RowFilter(nameof(OutboxMessage.Status), FilterOp.Ne, OutboxStatus.Sent), new RowFilter(nameof(OutboxMessage.Status), FilterOp.Ne, OutboxStatus.Failed)],
    };

    public static bool InFlight(OutboxMessage m, DateTimeOffset now) => m.Status == OutboxStatus.Sending && m.LeaseUntil > now;

    public static OutboxMessage Requeued(OutboxMessage m) => m with { Status = OutboxStatus.Pending, Attempts = 0, LeaseUntil = null, SentAt = null };

    public static JsonObject Snapshot(OutboxMessage m) => new()
    {
        ["status"] = Json.Names.Of(StatusOf(m.Status)), ["attempts"] = m.Attempts, ["sentAt"] = m.SentAt?.ToString("o"), ["lastError"] = m.LastError,
    };

    /// <summary>
    /// One commit: the row queued again and, when <paramref name="audit"/> names an action, its audit entry beside it. Null when
    /// the row is not there or <paramref name="accepts"/> refuses it (another channel).
    /// </summary>
    public static Task<(OutboxMessage Before, OutboxMessage After)?> RequeueAsync(AccountUnitOfWork uow, string accountId, string outboxId,
        Func<OutboxMessage, bool> accepts, Func<OutboxMessage, AuditEntry>? audit, DateTimeOffset now, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, OutboxMessage.Ref(outboxId), ct);
            if (found is null || !accepts(found.Value)) return Decision<(OutboxMessage, OutboxMessage)?>.NoChange(null);
            if (InFlight(found.Value, now))
                throw BillingException.Conflict("delivery_in_progress", "It is being delivered right now; look again in a minute.");
            var again = Requeued(found.Value);
            List<RowOp> rows = [new RowOp(again, RowWrite.Replace, found.ETag)];
            if (audit is not null) rows.Add(AuditTrail.Row(audit(found.Value)));
            return new Decision<(OutboxMessage, OutboxMessage)?>(AccountCommit.RowsOnly(accountId, [.. rows]), (found.Value, again));
        }, ct);
}
