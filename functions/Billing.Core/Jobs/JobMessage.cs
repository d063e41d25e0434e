namespace Billing.Core.Jobs;

/// <summary>
/// One shard of one job run. It carries its <c>AsOf</c> so that a retried or late message bills the same
/// period as the first delivery would have.
/// </summary>
public sealed record JobMessage(string Job, int Shard, DateTimeOffset AsOf, string RunId);

/// <summary>What a started run enqueued.</summary>
public sealed record JobRun(string Job, string RunId, DateTimeOffset AsOf, int Shards);

/// <summary>Where a shard stands: finished, failing and delivered again, or given up on (moved to the poison queue).</summary>
public enum ShardOutcome { Succeeded, Retrying, Poisoned }

/// <summary>An account a shard could not process, and why (the first line of the error).</summary>
public sealed record FailedAccount(string AccountId, string Error);

/// <summary>What one shard did, as of its latest delivery.</summary>
public sealed record ShardResult(string Job, int Shard, int Accounts, int Done, int Failed)
{
    public ShardOutcome Outcome { get; init; } = ShardOutcome.Succeeded;
    /// <summary>The accounts that failed (at most <see cref="JobRunner.MaxFailedAccountsKept"/> are kept).</summary>
    public IReadOnlyList<FailedAccount> FailedAccounts { get; init; } = [];
    /// <summary>Why the shard failed, when it did.</summary>
    public string? Error { get; init; }
}

public interface IJobQueue
{
    Task EnqueueAsync(IReadOnlyList<JobMessage> messages, CancellationToken ct);
}

/// <summary>An account's entry in the shard index: its time zone (null in entries written before it was kept) and when it was last written.</summary>
public sealed record ShardEntry(string AccountId, string? TimeZone, DateTimeOffset? WrittenAt);

/// <summary>The shard index: which accounts a shard holds (Infrastructure: one partition per shard, the account ids its rows).</summary>
public interface IShardIndex
{
    IAsyncEnumerable<string> AccountsAsync(int shard, CancellationToken ct);

    IAsyncEnumerable<ShardEntry> EntriesAsync(int shard, CancellationToken ct);

    /// <summary>
    /// Writes an account's entry with its time zone: at creation, and whenever the moments its days end change (activation,
    /// restore, another time zone), so the next daily charge visits it whatever its last good run saw.
    /// </summary>
    Task NoteAsync(int shard, string accountId, string timeZone, CancellationToken ct);
}

public sealed class JobOptions
{
    public const string Section = "Jobs";

    [System.ComponentModel.DataAnnotations.Range(1, 999)]
    public int ShardCount { get; set; } = 16;
    /// <summary>Accounts processed at once within one shard message.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int ParallelismPerShard { get; set; } = 8;
    /// <summary>How far ahead of the clock an operator may start a run (a typo must not charge a year ahead); tests raise it.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3660)]
    public int MaxAsOfAheadDays { get; set; } = 1;
}

/// <summary>Thrown after a shard ran every account and some failed: the queue delivers the message again.</summary>
public sealed class ShardFailedException(ShardResult result, Exception first)
    : Exception($"{result.Failed} of {result.Accounts} accounts failed in {result.Job} shard {result.Shard}.", first)
{
    public ShardResult Result { get; } = result;
}
