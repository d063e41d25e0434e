using Billing.Core.Jobs;
using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>
/// Re-enqueues outbox rows a crash or a lost enqueue left pending (or claimed with a lapsed lease), so every
/// committed notification is eventually delivered (G1, G2).
/// </summary>
public sealed class OutboxSweepJob(IAccountStore store, IOutboxQueue queue, TimeProvider clock) : IAccountJob
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public string Name => JobNames.OutboxSweep;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stuck = new List<OutboxItem>();
        await foreach (var m in store.RangeAsync<OutboxMessage>(accountId, RowKeys.OutboxPrefix, RowKeys.PrefixEnd(RowKeys.OutboxPrefix), ct))
            if ((m.Status == OutboxStatus.Pending && m.CreatedAt < now - Grace) || (m.Status == OutboxStatus.Sending && m.LeaseUntil < now))
                stuck.Add(new OutboxItem(accountId, m.Id));
        if (stuck.Count > 0) await queue.EnqueueAsync(stuck, ct);
        return stuck.Count;
    }
}
