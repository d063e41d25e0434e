using System.Diagnostics;
using Billing.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Jobs;

/// <summary>
/// Timer → <see cref="StartAsync"/> enqueues one message per shard → the queue handler calls
/// <see cref="RunShardAsync"/>, which streams the shard's accounts and applies the job with bounded parallelism.
/// </summary>
public sealed class JobRunner(IEnumerable<IAccountJob> jobs, IJobQueue queue, IShardIndex index, IJobRunLog runs, JobOptions options,
    TimeProvider clock, ILogger<JobRunner> log)
{
    /// <summary>Failed accounts kept per shard in the run's status: enough to act on, bounded for the row.</summary>
    public const int MaxFailedAccountsKept = 50;

    private readonly Dictionary<string, IAccountJob> _jobs = jobs.ToDictionary(j => j.Name);

    /// <summary>The job table: every job with its schedule.</summary>
    public IReadOnlyCollection<IAccountJob> Jobs => _jobs.Values;

    /// <summary>
    /// Starts a run as of <paramref name="asOf"/>: the occurrence a timer was due, or the time an operator named. An asOf
    /// more than <see cref="JobOptions.MaxAsOfAheadDays"/> ahead of the clock is refused (422), so nothing is decided for a future by mistake.
    /// </summary>
    public async Task<JobRun> StartAsync(string job, DateTimeOffset asOf, CancellationToken ct)
    {
        Find(job);
        var limit = clock.GetUtcNow().AddDays(options.MaxAsOfAheadDays);
        if (asOf > limit)
            throw BillingException.Refused("as_of_too_far_ahead",
                $"A run may be at most {options.MaxAsOfAheadDays} day(s) ahead of now ({limit:o}); {asOf:o} was asked (Jobs:MaxAsOfAheadDays).");
        var runId = FormattableString.Invariant($"{job}-{asOf.UtcDateTime:yyyyMMddTHHmmssZ}-{Guid.NewGuid():N}")[..^24];
        var messages = Enumerable.Range(0, options.ShardCount).Select(s => new JobMessage(job, s, asOf, runId)).ToList();
        var run = new JobRun(job, runId, asOf, messages.Count);
        await runs.StartedAsync(run, ct);
        await queue.EnqueueAsync(messages, ct);
        log.LogInformation("Job {Job} run {RunId} as of {AsOf:o}: {Shards} shard messages enqueued", job, runId, asOf, messages.Count);
        return run;
    }

    public async Task<ShardResult> RunShardAsync(JobMessage message, CancellationToken ct)
    {
        var job = Find(message.Job);
        using var activity = BillingTelemetry.Source.StartActivity($"job {message.Job} shard {message.Shard}");
        activity?.SetTag("billing.job", message.Job);
        activity?.SetTag("billing.shard", message.Shard);
        activity?.SetTag("billing.run_id", message.RunId);
        var context = new JobContext(message.AsOf, message.RunId);
        int accounts = 0, done = 0, failed = 0;
        Exception? first = null;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<FailedAccount>();
        var started = Stopwatch.GetTimestamp();
        if (message.Shard == 0 && job is IRunWideJob once)
        {
            try { done += await once.RunOnceAsync(context, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                failures.Enqueue(new FailedAccount(once.RunWideName, FirstLine(e)));
                first = e;
                log.LogError(e, "Job {Job} failed its run-wide part {Part} (run {RunId})", message.Job, once.RunWideName, message.RunId);
            }
        }
        var shardAccounts = job is ISelectiveAccountJob selective ? selective.AccountsAsync(message.Shard, context, ct) : index.AccountsAsync(message.Shard, ct);
        await Parallel.ForEachAsync(shardAccounts,
            new ParallelOptions { MaxDegreeOfParallelism = options.ParallelismPerShard, CancellationToken = ct },
            async (accountId, token) =>
            {
                Interlocked.Increment(ref accounts);
                try { Interlocked.Add(ref done, await job.RunAsync(accountId, context, token)); }
                catch (BillingException e) when (e.Code == "account_not_found")
                {
                    // The shard index is written before the head: an entry whose account never got created is skipped.
                    log.LogDebug("Job {Job}: account {AccountId} of shard {Shard} has no head; skipped", message.Job, accountId, message.Shard);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad account must not stop the shard: log it, finish the rest, then fail the message.
                    if (Interlocked.Increment(ref failed) <= MaxFailedAccountsKept) failures.Enqueue(new FailedAccount(accountId, FirstLine(e)));
                    Interlocked.CompareExchange(ref first, e, null);
                    log.LogError(e, "Job {Job} failed for account {AccountId} (run {RunId})", message.Job, accountId, message.RunId);
                }
            });
        var result = new ShardResult(message.Job, message.Shard, accounts, done, failed)
        {
            Outcome = failed > 0 ? ShardOutcome.Retrying : ShardOutcome.Succeeded, FailedAccounts = [.. failures.OrderBy(f => f.AccountId, StringComparer.Ordinal)],
            Error = failed > 0 ? $"{failed} of {accounts} accounts failed" : null,
        };
        var tags = new TagList { { "job", message.Job } };
        BillingTelemetry.ShardDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        BillingTelemetry.AccountsProcessed.Add(accounts, tags);
        if (failed > 0) BillingTelemetry.AccountFailures.Add(failed, tags);
        activity?.SetTag("billing.accounts", accounts);
        activity?.SetTag("billing.failed", failed);
        if (failed > 0) activity?.SetStatus(ActivityStatusCode.Error, $"{failed} accounts failed");
        log.LogInformation("Job {Job} shard {Shard} (run {RunId}): {Accounts} accounts, {Done} done, {Failed} failed in {Elapsed:F0} ms",
            message.Job, message.Shard, message.RunId, accounts, done, failed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        // The run's status shows a failing shard at once; only a fully successful one counts as finished, a failed one is delivered again.
        await runs.ShardFinishedAsync(message, result, ct);
        if (failed > 0) throw new ShardFailedException(result, first!);
        // Selective jobs visit what changed since the last good run of the shard (DailyChargeJob); only a full success moves it on.
        await runs.ShardSucceededAsync(message.Job, message.Shard, message.AsOf, Stopwatch.GetElapsedTime(started), ct);
        return result;
    }

    /// <summary>
    /// The queue gives up on a shard (its last delivery failed; the message goes to the poison queue): the run's status
    /// counts it as failed, with the accounts that failed, so the run is complete and says it failed.
    /// </summary>
    public async Task ShardPoisonedAsync(JobMessage message, Exception error, CancellationToken ct)
    {
        var result = (error as ShardFailedException)?.Result ?? new ShardResult(message.Job, message.Shard, 0, 0, 0);
        await runs.ShardFinishedAsync(message, result with { Outcome = ShardOutcome.Poisoned, Error = FirstLine(error) }, ct);
        log.LogError(error, "Job {Job} shard {Shard} (run {RunId}) given up on after its last delivery: {Failed} accounts failed",
            message.Job, message.Shard, message.RunId, result.Failed);
    }

    private static string FirstLine(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        var line = text.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }

    public Task<JobRunStatus?> StatusAsync(string runId, CancellationToken ct) => runs.GetAsync(runId, ct);

    public IAccountJob Find(string job) =>
        _jobs.TryGetValue(job, out var found) ? found : throw BillingException.NotFound("job", job);
}
