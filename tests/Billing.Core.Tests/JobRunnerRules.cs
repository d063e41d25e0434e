using Billing.Core.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Billing.Core.Tests;

/// <summary>C3 fan-out: one message per shard with the run's asOf; a shard runs every account and fails after a bad one.</summary>
public sealed class JobRunnerRules
{
    private readonly Mock<IJobQueue> _queue = new();
    private readonly Mock<IShardIndex> _index = new();
    private readonly Mock<IJobRunLog> _runs = new();
    private readonly List<string> _visited = [];

    private sealed class RecordingJob(List<string> visited, string? failOn) : IAccountJob
    {
        public string Name => "test-job";
        public string Schedule => "0 0 * * * *";
        public Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
        {
            lock (visited) visited.Add(accountId);
            return accountId == failOn ? throw new InvalidOperationException("boom") : Task.FromResult(2);
        }
    }

    private JobRunner Runner(string? failOn = null) =>
        new([new RecordingJob(_visited, failOn)], _queue.Object, _index.Object, _runs.Object, new JobOptions { ShardCount = 5, ParallelismPerShard = 2 },
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)), NullLogger<JobRunner>.Instance);

    [Fact]
    public async Task C3_starting_a_job_enqueues_one_message_per_shard_with_one_asOf_and_run_id()
    {
        IReadOnlyList<JobMessage>? sent = null;
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<IReadOnlyList<JobMessage>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<JobMessage>, CancellationToken>((m, _) => sent = m).Returns(Task.CompletedTask);
        var asOf = new DateTimeOffset(2026, 11, 23, 1, 5, 0, TimeSpan.Zero);
        var run = await Runner().StartAsync("test-job", asOf, CancellationToken.None);
        Assert.Equal([0, 1, 2, 3, 4], sent!.Select(m => m.Shard));
        Assert.All(sent!, m => Assert.Equal((asOf, run.RunId), (m.AsOf, m.RunId)));
        _runs.Verify(r => r.StartedAsync(run, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task C3_a_shard_runs_every_account_records_its_counts_and_an_unknown_job_is_not_found()
    {
        _index.Setup(i => i.AccountsAsync(3, It.IsAny<CancellationToken>())).Returns(new[] { "a", "b", "c" }.ToAsyncEnumerable());
        var result = await Runner().RunShardAsync(new JobMessage("test-job", 3, DateTimeOffset.UnixEpoch, "r1"), CancellationToken.None);
        Assert.Equal((3, 6, 0), (result.Accounts, result.Done, result.Failed));
        Assert.Equal(["a", "b", "c"], _visited.Order());
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), result, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<BillingException>(() => Runner().StartAsync("nope", DateTimeOffset.UnixEpoch, CancellationToken.None))).Kind);
    }

    [Fact]
    public async Task C3_a_failing_account_does_not_stop_the_shard_but_fails_its_message()
    {
        _index.Setup(i => i.AccountsAsync(0, It.IsAny<CancellationToken>())).Returns(new[] { "a", "bad", "c" }.ToAsyncEnumerable());
        var e = await Assert.ThrowsAsync<ShardFailedException>(() => Runner(failOn: "bad").RunShardAsync(new JobMessage("test-job", 0, DateTimeOffset.UnixEpoch, "r1"), CancellationToken.None));
        Assert.Equal((3, 1), (e.Result.Accounts, e.Result.Failed));
        Assert.Equal(3, _visited.Count);
        // The run's status shows the failing shard and the account at once; it is delivered again, not finished.
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), It.Is<ShardResult>(x => x.Outcome == ShardOutcome.Retrying
            && x.FailedAccounts.Single().AccountId == "bad" && x.FailedAccounts.Single().Error.StartsWith("InvalidOperationException")), It.IsAny<CancellationToken>()), Times.Once);
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), It.Is<ShardResult>(x => x.Outcome == ShardOutcome.Succeeded), It.IsAny<CancellationToken>()), Times.Never);
    }

    private sealed class RunWideJob(List<string> visited, bool fail) : IAccountJob, IRunWideJob
    {
        public string Name => "test-job";
        public string Schedule => "0 0 * * * *";
        public string RunWideName => "index";
        public List<DateTimeOffset> RunsOnce { get; } = [];
        public Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct) { lock (visited) visited.Add(accountId); return Task.FromResult(1); }
        public Task<int> RunOnceAsync(JobContext job, CancellationToken ct)
        {
            RunsOnce.Add(job.AsOf);
            return fail ? throw new TimeoutException("index") : Task.FromResult(10);
        }
    }

    [Fact]
    public async Task B10_C3_a_jobs_run_wide_part_runs_once_per_run_with_shard_0_by_its_asOf_and_a_failure_fails_that_shard()
    {
        _index.Setup(i => i.AccountsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(() => new[] { "a", "b" }.ToAsyncEnumerable());
        var job = new RunWideJob(_visited, fail: false);
        JobRunner With(IAccountJob j) => new([j], _queue.Object, _index.Object, _runs.Object, new JobOptions { ShardCount = 3, ParallelismPerShard = 2 },
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), NullLogger<JobRunner>.Instance);
        var asOf = new DateTimeOffset(2026, 11, 23, 2, 50, 0, TimeSpan.Zero);
        var results = new List<ShardResult>();
        foreach (var shard in new[] { 0, 1, 2 }) results.Add(await With(job).RunShardAsync(new JobMessage("test-job", shard, asOf, "r1"), CancellationToken.None));
        Assert.Equal([asOf], job.RunsOnce);
        Assert.Equal([12, 2, 2], results.Select(r => r.Done));

        var failing = new RunWideJob(_visited, fail: true);
        var e = await Assert.ThrowsAsync<ShardFailedException>(() => With(failing).RunShardAsync(new JobMessage("test-job", 0, asOf, "r2"), CancellationToken.None));
        // The accounts of the shard still ran; the status names the part that failed.
        Assert.Equal((2, 1, "index"), (e.Result.Done, e.Result.Failed, e.Result.FailedAccounts.Single().AccountId));
    }
}
