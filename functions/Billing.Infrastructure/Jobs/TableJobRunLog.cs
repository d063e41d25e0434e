using System.Globalization;
using Azure.Data.Tables;
using Billing.Core.Jobs;

namespace Billing.Infrastructure.Jobs;

/// <summary>Progress of job runs: PK run id; RK <c>run</c> for the start, <c>shard-NNN</c> per finished shard.</summary>
public sealed class TableJobRunLog(Storage.StorageClients clients) : IJobRunLog
{
    public Task StartedAsync(JobRun run, CancellationToken ct) =>
        clients.JobRuns.UpsertEntityAsync(new TableEntity(run.RunId, "run")
        {
            ["Job"] = run.Job, ["AsOf"] = run.AsOf.ToUniversalTime(), ["Shards"] = run.Shards,
        }, TableUpdateMode.Replace, ct);

    public Task ShardFinishedAsync(JobMessage message, ShardResult result, CancellationToken ct) =>
        clients.JobRuns.UpsertEntityAsync(new TableEntity(message.RunId, "shard-" + message.Shard.ToString("D3", CultureInfo.InvariantCulture))
        {
            ["Accounts"] = result.Accounts, ["Done"] = result.Done, ["Failed"] = result.Failed,
        }, TableUpdateMode.Replace, ct);

    public async Task<JobRunStatus?> GetAsync(string runId, CancellationToken ct)
    {
        JobRunStatus? status = null;
        int finished = 0, accounts = 0, done = 0, failed = 0;
        await foreach (var e in clients.JobRuns.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken: ct))
        {
            if (e.RowKey == "run")
                status = new JobRunStatus(runId, e.GetString("Job"), e.GetDateTimeOffset("AsOf")!.Value, e.GetInt32("Shards")!.Value, 0, 0, 0, 0);
            else
            {
                finished++;
                accounts += e.GetInt32("Accounts") ?? 0;
                done += e.GetInt32("Done") ?? 0;
                failed += e.GetInt32("Failed") ?? 0;
            }
        }
        return status is null ? null : status with { ShardsFinished = finished, Accounts = accounts, Done = done, Failed = failed };
    }
}
