using System.Collections.Concurrent;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Time;

namespace Billing.Core.Charging;

/// <summary>
/// Which accounts of a shard a daily-charge run visits (C2, C3 at the storage floor): after a run in which every account of
/// the shard succeeded as of <c>p</c>, each was charged through the day before its local date at <c>p</c>; so a run as of
/// <c>a</c> has work only where the local date changed between <c>p</c> and <c>a</c> — decided from the shard index page alone
/// (each entry keeps its time zone), no read per account. Every doubt visits: no good run yet, a run as of <c>p</c> or
/// earlier (an operator's rerun), an entry without a time zone, or one written since that run's scan began (a new account,
/// an activation, a restore, another time zone). A failed shard keeps its watermark, so its next run looks back as far.
/// </summary>
public sealed class ChargeDue(IShardIndex index, IJobRunLog runs)
{
    /// <summary>An entry written this close before a scan began counts as written after it (the scan's start is measured, not stamped).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // Entries of this run without a time zone, by account: the visit writes it, once.
    private readonly ConcurrentDictionary<string, int> _untagged = new();

    public async IAsyncEnumerable<string> AccountsAsync(string job, int shard, DateTimeOffset asOf,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var last = await runs.WatermarkAsync(job, shard, ct);
        await foreach (var entry in index.EntriesAsync(shard, ct))
        {
            if (entry.TimeZone is null) _untagged[entry.AccountId] = shard;
            if (Visit(entry, last, asOf)) yield return entry.AccountId;
        }
    }

    public static bool Visit(ShardEntry entry, ShardWatermark? last, DateTimeOffset asOf) =>
        last is null || asOf <= last.AsOf || entry.TimeZone is null || entry.WrittenAt is not { } written || written >= last.ScanStartedAt - ClockSkew
        || LocalCalendar.Today(asOf, entry.TimeZone) > LocalCalendar.Today(last.AsOf, entry.TimeZone);

    /// <summary>After a visit: an entry written before time zones were kept gets the account's, so later runs can skip it.</summary>
    public Task VisitedAsync(Account a, CancellationToken ct) =>
        _untagged.TryRemove(a.Id, out var shard) ? index.NoteAsync(shard, a.Id, a.TimeZone, ct) : Task.CompletedTask;
}
