using Billing.Core.Jobs;
using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>
/// Re-enqueues outbox rows a crash or a lost enqueue left pending (or claimed with a lapsed lease), so every
/// committed notification is eventually delivered (G1, G2). "Left" is judged as of the run's asOf.
/// </summary>
public sealed class OutboxSweepJob(IAccountReader reader, IOutboxQueue queue) : IAccountJob
{
    /// <summary>Every 10 minutes: re-enqueue outbox rows left pending.</summary>
    public const string Cron = "0 */10 * * * *";
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public string Name => JobNames.OutboxSweep;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var stuck = new List<OutboxItem>();
        await foreach (var m in reader.ListAsync(accountId, OutboxMessage.All, ct))
            if ((m.Status == OutboxStatus.Pending && m.CreatedAt < job.AsOf - Grace) || (m.Status == OutboxStatus.Sending && m.LeaseUntil < job.AsOf))
                stuck.Add(new OutboxItem(accountId, m.Id));
        if (stuck.Count > 0) await queue.EnqueueAsync(stuck, ct);
        return stuck.Count;
    }
}
