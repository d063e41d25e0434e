using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Storage;

namespace Billing.Core.Idempotency;

/// <summary>
/// Forgets what is kept only for a while, as of the run's asOf: Idempotency-Key records past
/// <see cref="IdempotencyOptions.RetentionHours"/> (B8) and received provider notifications past
/// <see cref="NotificationOptions.NotificationRetentionDays"/> (B10). Operator-recorded offline payments are the
/// operator's record of a transfer, not a provider's notification, and stay; so does a flagged event until an operator resolves it. Each row is re-read and deleted with
/// If-Match, so a key reused meanwhile (a new record) is never deleted; rerunning the same asOf deletes nothing more.
/// Once per run it also empties the raw webhook log (<see cref="IWebhookLog"/>, an index table of no account) of entries past
/// <see cref="NotificationOptions.WebhookLogRetentionDays"/>, and the portal's and console's links and sessions that ended
/// (P1: a link a day after it expired, a session a day after its idle limit).
/// </summary>
public sealed class RetentionSweepJob(AccountUnitOfWork uow, IdempotencyOptions idempotency, NotificationOptions notifications, IWebhookLog webhooks,
    WebSessions.IWebSessionStore sessions, WebSessions.WebSessionOptions sessionOptions)
    : IAccountJob, IRunWideJob
{
    /// <summary>Daily at 02:50 UTC: records expire by the hour, and a lookup treats an expired key as new even before the sweep.</summary>
    public const string Cron = "0 50 2 * * *";
    private const int RowsPerCommit = AccountCommit.MaxOperations;

    public string Name => JobNames.RetentionSweep;
    public string Schedule => Cron;
    public string RunWideName => "webhook-log and web sessions";

    /// <summary>B10: the log is one table for every account, so it is swept once per run, by the run's asOf like the rest.</summary>
    public async Task<int> RunOnceAsync(JobContext job, CancellationToken ct) =>
        await webhooks.DeleteReceivedUntilAsync(notifications.WebhookLogCutoff(job.AsOf), ct)
        + await sessions.DeleteEndedAsync(job.AsOf - TimeSpan.FromDays(1), job.AsOf - sessionOptions.IdleTimeout - TimeSpan.FromDays(1), ct);

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var keys = await uow.Reader.ListAsync(accountId, IdempotencyRecord.All, ct)
            .Where(r => idempotency.Expired(r.CreatedAt, job.AsOf)).Select(r => r.Key).ToListAsync(ct);
        var events = await uow.Reader.ListAsync(accountId, ProviderEventRecord.All, ct)
            .Where(e => Sweepable(e, job.AsOf))
            .Select(e => (e.Provider, e.EventId)).ToListAsync(ct);
        var deleted = 0;
        foreach (var chunk in keys.Chunk(RowsPerCommit))
            deleted += await DeleteAsync(accountId, chunk.Select(IdempotencyRecord.Ref), r => idempotency.Expired(r.CreatedAt, job.AsOf), ct);
        foreach (var chunk in events.Chunk(RowsPerCommit))
            deleted += await DeleteAsync(accountId, chunk.Select(e => ProviderEventRecord.Ref(e.Provider, e.EventId)), e => Sweepable(e, job.AsOf), ct);
        return deleted;
    }

    /// <summary>A flag no operator has closed stays until one does (P2): it is the record the flag's money is resolved from.</summary>
    private bool Sweepable(ProviderEventRecord e, DateTimeOffset asOf) =>
        e.Provider != TopUps.TopUpService.OfflineProvider && !e.IsOpenFlag && notifications.Expired(e.ReceivedAt, asOf);

    /// <summary>One commit: each row read again and deleted with its ETag only if it is still expired.</summary>
    private Task<int> DeleteAsync<T>(string accountId, IEnumerable<RowRef<T>> rows, Func<T, bool> expired, CancellationToken ct) where T : class =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var ops = new List<RowOp>();
            foreach (var row in rows)
                if (await uow.Reader.GetAsync(accountId, row, ct) is { } found && expired(found.Value))
                    ops.Add(new RowOp(found.Value, RowWrite.Delete, found.ETag));
            return ops.Count == 0 ? Decision<int>.NoChange(0) : new Decision<int>(new AccountCommit(accountId, null, null, ops), ops.Count);
        }, ct);
}
