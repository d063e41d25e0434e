using System.Globalization;
using Azure.Data.Tables;
using Billing.Core.Jobs;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Jobs;

/// <summary>Progress of job runs: PK run id; RowKey <c>run</c> for the start, <c>shard-NNN</c> per finished shard.</summary>
public sealed class TableJobRunLog(Storage.StorageClients clients) : IJobRunLog
{
    private static readonly JobRunRows Runs = new();
    private static readonly ShardResultRows Shards = new();

    public Task StartedAsync(JobRun run, CancellationToken ct) =>
        clients.JobRuns.UpsertEntityAsync(Runs.ToEntity(run.RunId, run), TableUpdateMode.Replace, ct);

    public Task ShardFinishedAsync(JobMessage message, ShardResult result, CancellationToken ct) =>
        clients.JobRuns.UpsertEntityAsync(Shards.ToEntity(message.RunId, result), TableUpdateMode.Replace, ct);

    // Watermarks share the table under their own partition: RowKey {job}-{shard}.
    private const string WatermarkPartition = "_watermarks";

    private static string WatermarkKey(string job, int shard) => $"{job}-{shard.ToString("D3", CultureInfo.InvariantCulture)}";

    public async Task ShardSucceededAsync(string job, int shard, DateTimeOffset asOf, TimeSpan scanTook, CancellationToken ct)
    {
        // Kept when later than the stored one. Two runs finishing at once may leave the earlier: a lower watermark only visits more.
        if (await WatermarkAsync(job, shard, ct) is { } stored && stored.AsOf >= asOf) return;
        var entity = new TableEntity(WatermarkPartition, WatermarkKey(job, shard)) { ["AsOf"] = asOf.ToUniversalTime(), ["ScanTookMs"] = (long)scanTook.TotalMilliseconds };
        await clients.JobRuns.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    /// <remarks>When the scan began is told by the service's clock, the one that stamped the index entries it is compared with.</remarks>
    public async Task<ShardWatermark?> WatermarkAsync(string job, int shard, CancellationToken ct)
    {
        var found = await clients.JobRuns.GetEntityIfExistsAsync<TableEntity>(WatermarkPartition, WatermarkKey(job, shard), cancellationToken: ct);
        return found.HasValue && found.Value!.GetDateTimeOffset("AsOf") is { } asOf && found.Value.Timestamp is { } written
            ? new ShardWatermark(asOf, written - TimeSpan.FromMilliseconds(found.Value.GetInt64("ScanTookMs") ?? 0)) : null;
    }

    public async Task<JobRunStatus?> GetAsync(string runId, CancellationToken ct)
    {
        JobRun? run = null;
        var finished = new List<ShardResult>();
        await foreach (var e in clients.JobRuns.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken: ct))
            if (e.RowKey == JobRunRows.RowKey) run = Runs.Read(e);
            else finished.Add(Shards.Read(e));
        return run is null ? null : JobRunStatus.Of(run, finished);
    }
}

/// <summary>A run's start: RowKey <c>run</c> in the run's partition.</summary>
public sealed class JobRunRows : RowMapper<JobRun>
{
    public const string RowKey = "run";

    public override string Key(JobRun row) => RowKey;

    protected override void Write(JobRun x, Columns c) { c.Text("Job", x.Job); c.Time("AsOf", x.AsOf); c.Int("Shards", x.Shards); }

    protected override JobRun Read(Columns c) => new(c.Text("Job"), c.Entity.PartitionKey, c.Time("AsOf"), c.Int("Shards"));
}

/// <summary>A shard's latest delivery in a run: RowKey <c>shard-NNN</c> in the run's partition (a row without an outcome is a finished shard).</summary>
public sealed class ShardResultRows : RowMapper<ShardResult>
{
    private const string Prefix = "shard-";

    public override string Key(ShardResult row) => Prefix + row.Shard.ToString("D3", CultureInfo.InvariantCulture);

    protected override void Write(ShardResult x, Columns c)
    {
        c.Int("Accounts", x.Accounts); c.Int("Done", x.Done); c.Int("Failed", x.Failed); c.Enum("Outcome", x.Outcome); c.Text("Error", x.Error);
        if (x.FailedAccounts.Count > 0) c.Nested("FailedAccounts", x.FailedAccounts);
    }

    protected override ShardResult Read(Columns c) =>
        new("", int.Parse(c.Entity.RowKey[Prefix.Length..], CultureInfo.InvariantCulture), c.Int("Accounts"), c.Int("Done"), c.Int("Failed"))
        {
            Outcome = c.Choice("Outcome", ShardOutcome.Succeeded), Error = c.TextOrNull("Error"),
            FailedAccounts = c.Json<List<FailedAccount>>("FailedAccounts", []),
        };
}
