namespace Billing.Core.Jobs;

/// <summary>A run's progress: shards finished out of shards enqueued, and what they did.</summary>
public sealed record JobRunStatus(string RunId, string Job, DateTimeOffset AsOf, int Shards, int ShardsFinished, int Accounts, int Done, int Failed)
{
    public bool Complete => ShardsFinished >= Shards;
}

public interface IJobRunLog
{
    Task StartedAsync(JobRun run, CancellationToken ct);
    Task ShardFinishedAsync(JobMessage message, ShardResult result, CancellationToken ct);
    Task<JobRunStatus?> GetAsync(string runId, CancellationToken ct);
}
