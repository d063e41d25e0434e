using Billing.Core.Audit;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Operators;

/// <summary>
/// After every commit (the unit of work's after-commit effect, next to the outbox queue): what the operator console finds
/// across accounts learns of the commit's new rows. An audit entry gets its copy in the global log, a CRM event and a
/// flagged payment get a pointer. Best effort, like the queue dispatch: a failure is logged and the committed change stands;
/// <see cref="OperatorIndexJob"/> puts again what a failure (or a crash before this ran) left out.
/// </summary>
public sealed class OperatorIndexes(IAuditLog audit, IOperatorIndex index, ILogger<OperatorIndexes> log) : ICommitEffects
{
    public async Task CommittedAsync(AccountCommit commit, CancellationToken ct)
    {
        var inserted = commit.Rows.Where(r => r.Write == RowWrite.Insert).Select(r => r.Row).ToList();
        if (inserted.Count == 0) return;
        try
        {
            foreach (var entry in inserted.OfType<AuditEntry>()) await audit.AppendAsync(entry, ct);
            var events = EventsOf(commit.AccountId, inserted.OfType<OutboxMessage>());
            if (events.Count > 0) await index.PutEventsAsync(events, ct);
            var flags = FlagsOf(commit.AccountId, inserted.OfType<ProviderEventRecord>());
            if (flags.Count > 0) await index.PutFlagsAsync(flags, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Operator indexes of {AccountId} missed a commit; the operator-index job puts it again", commit.AccountId);
        }
    }

    public static List<EventPointer> EventsOf(string accountId, IEnumerable<OutboxMessage> messages) =>
        messages.Where(m => m.Channel == OutboxChannel.Event).Select(m => new EventPointer(accountId, m.Id, m.CreatedAt)).ToList();

    public static List<FlagPointer> FlagsOf(string accountId, IEnumerable<ProviderEventRecord> records) =>
        records.Where(r => r.IsOpenFlag).Select(r => new FlagPointer(accountId, r.Provider, r.EventId, r.ReceivedAt)).ToList();
}
