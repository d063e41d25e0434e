using Billing.Core.Notifications;
using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F10: when the delivery of a mailing run's message ends, the run's lines for that message say sent or failed (with the
/// gateway's words) and the run counts it, in the same commit as the outbox row's own outcome. A message names its run
/// and the customer accounts it carries (<see cref="RunKey"/>, <see cref="TargetsKey"/>); other messages are not touched.
/// </summary>
public sealed class MailingDelivery(IAccountReader reader) : IOutboxOutcomeRows
{
    public const string RunKey = "runId";
    public const string CustomerKey = "customerId";
    public const string TargetsKey = "targets";

    public async Task<IReadOnlyList<RowOp>> RowsAsync(string accountId, OutboxMessage m, DateTimeOffset at, bool withCounters, CancellationToken ct)
    {
        if (m.Type != NoticeType.CustomerInvoice || m.Data.GetValueOrDefault(RunKey) is not { } runId || m.Data.GetValueOrDefault(CustomerKey) is not { } customerId)
            return [];
        var sent = m.Status == OutboxStatus.Sent;
        var rows = new List<RowOp>();
        foreach (var target in (m.Data.GetValueOrDefault(TargetsKey) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = await reader.GetAsync(accountId, MailingLine.Ref(runId, customerId, target), ct);
            // Already final: a second outcome for one message (a redelivery after a lost lease) changes nothing and counts nothing.
            if (line is null || line.Value.MessageId != m.Id || line.Value.Delivery is DeliveryStatus.Sent or DeliveryStatus.Failed) continue;
            rows.Add(new RowOp(line.Value with
            {
                Delivery = sent ? DeliveryStatus.Sent : DeliveryStatus.Failed, DeliveryError = sent ? null : m.LastError, DeliveryEndedAt = m.SentAt ?? at,
            }, RowWrite.Replace, line.ETag));
        }
        if (withCounters && rows.Count > 0 && await reader.GetAsync(accountId, MailingRun.Ref(runId), ct) is { } run)
            rows.Add(new RowOp(sent ? run.Value with { Sent = run.Value.Sent + 1 } : run.Value with { Failed = run.Value.Failed + 1 }, RowWrite.Replace, run.ETag));
        return rows;
    }
}
