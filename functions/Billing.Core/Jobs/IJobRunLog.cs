namespace Billing.Core.Jobs;

public enum JobRunState { Running, Succeeded, Failed }

/// <summary>A shard that failed: still being retried, or given up on.</summary>
public sealed record FailedShard(int Shard, ShardOutcome Outcome, string? Error, IReadOnlyList<FailedAccount> Accounts);

/// <summary>
/// A run's progress: shards finished out of shards enqueued, what they did, and which shards and accounts failed. A run
/// whose shards all finished or were given up on (poison queue) is complete; it failed when any was given up on.
/// </summary>
public sealed record JobRunStatus(string RunId, string Job, DateTimeOffset AsOf, int Shards, int ShardsFinished, int Accounts, int Done, int Failed)
{
    public IReadOnlyList<FailedShard> FailedShards { get; init; } = [];
    /// <summary>Shards given up on: their messages are in the poison queue.</summary>
    public int ShardsFailed => FailedShards.Count(s => s.Outcome == ShardOutcome.Poisoned);
    public IReadOnlyList<FailedAccount> FailedAccounts => FailedShards.SelectMany(s => s.Accounts).ToList();
    public bool Complete => ShardsFinished + ShardsFailed >= Shards;
    public JobRunState State => !Complete ? JobRunState.Running : ShardsFailed > 0 ? JobRunState.Failed : JobRunState.Succeeded;

    public static JobRunStatus Of(JobRun run, IReadOnlyCollection<ShardResult> shards) =>
        new(run.RunId, run.Job, run.AsOf, run.Shards, shards.Count(s => s.Outcome == ShardOutcome.Succeeded),
            shards.Sum(s => s.Accounts), shards.Sum(s => s.Done), shards.Sum(s => s.Failed))
        {
            FailedShards = shards.Where(s => s.Outcome != ShardOutcome.Succeeded).OrderBy(s => s.Shard)
                .Select(s => new FailedShard(s.Shard, s.Outcome, s.Error, s.FailedAccounts)).ToList(),
        };
}

/// <summary>
/// A shard's last fully successful run of a job: its asOf, and when its scan of the shard began by the storage service's clock
/// (the one that stamps the index entries it is compared with: the watermark row's own timestamp less the time the run took).
/// </summary>
public sealed record ShardWatermark(DateTimeOffset AsOf, DateTimeOffset ScanStartedAt);

public interface IJobRunLog
{
    /// <summary>
    /// Records that every account of the shard succeeded as of <paramref name="asOf"/> in a run whose scan began
    /// <paramref name="scanTook"/> before now (kept when later than the one stored).
    /// </summary>
    Task ShardSucceededAsync(string job, int shard, DateTimeOffset asOf, TimeSpan scanTook, CancellationToken ct);

    Task<ShardWatermark?> WatermarkAsync(string job, int shard, CancellationToken ct);

    Task StartedAsync(JobRun run, CancellationToken ct);
    /// <summary>Records a shard's latest delivery: finished, failing (delivered again) or given up on; a later delivery replaces it.</summary>
    Task ShardFinishedAsync(JobMessage message, ShardResult result, CancellationToken ct);
    Task<JobRunStatus?> GetAsync(string runId, CancellationToken ct);
}
