using Billing.Core.Accounts;
using Billing.Core.Audit;
using Billing.Core.Jobs;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Storage;

namespace Billing.Core.Operators;

/// <summary>
/// Keeps what the operator console finds across accounts in step with the accounts' partitions, as of the run's asOf:
/// the account's search tokens (a backfill for accounts created before the index, and a repair), its CRM events and audit
/// entries of the last <see cref="Window"/> (what a failed or crashed after-commit write left out of the pointers and the
/// global log), and its open flags. Every write is an idempotent upsert, so a rerun or a second instance changes nothing more.
/// </summary>
public sealed class OperatorIndexJob(IAccountReader reader, AccountSearch search, IOperatorIndex index, IAuditLog audit) : IAccountJob
{
    /// <summary>Daily at 03:40 UTC, after the night's sweeps.</summary>
    public const string Cron = "0 40 3 * * *";
    /// <summary>Back as far as a missed daily run could have left something out, and a day more.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(2);

    public string Name => JobNames.OperatorIndex;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var head = await reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        await search.ReindexAsync(head.Value, ct);
        var since = job.AsOf - Window;

        var events = await reader.AllAsync(accountId, OutboxMessage.All,
        [
            new(nameof(OutboxMessage.Channel), FilterOp.Eq, OutboxChannel.Event), new(nameof(OutboxMessage.CreatedAt), FilterOp.Ge, since),
            new(nameof(OutboxMessage.CreatedAt), FilterOp.Le, job.AsOf),
        ], ct);
        var pointers = OperatorIndexes.EventsOf(accountId, events);
        if (pointers.Count > 0) await index.PutEventsAsync(pointers, ct);

        var entries = await reader.AllAsync(accountId, AuditEntry.All,
            [new(nameof(AuditEntry.At), FilterOp.Ge, since), new(nameof(AuditEntry.At), FilterOp.Le, job.AsOf)], ct);
        foreach (var entry in entries) await audit.AppendAsync(entry, ct);

        // Every open flag, however old: they are few, and a flag stays until an operator closes it. A flag is a record whose
        // outcome is no credit, or a credit flagged (F11: paid to the base account).
        var flagged = await reader.AllAsync(accountId, ProviderEventRecord.All,
            [new(nameof(ProviderEventRecord.Outcome), FilterOp.Ne, PaymentOutcome.Credited)], ct);
        flagged.AddRange(await reader.AllAsync(accountId, ProviderEventRecord.All,
            [new(nameof(ProviderEventRecord.Flag), FilterOp.Eq, PaymentFlagKind.TargetChanged)], ct));
        var flags = OperatorIndexes.FlagsOf(accountId, flagged.Where(r => r.ReceivedAt <= job.AsOf));
        if (flags.Count > 0) await index.PutFlagsAsync(flags, ct);
        return pointers.Count + entries.Count + flags.Count;
    }
}
