using System.Text.Json.Nodes;
using Billing.Core.Audit;
using Billing.Core.Jobs;

namespace Billing.Core.Operators;

/// <summary>
/// An operator starts a job run (the timers start the same runs without one). The run is a row in the run log and a message
/// per shard, no account's commit, so its audit entry (global, no account) is written right after the run started.
/// </summary>
public sealed class OperatorJobs(JobRunner jobs, AuditTrail audit, TimeProvider clock)
{
    public async Task<JobRun> StartAsync(string job, DateTimeOffset? asOf, OperatorAct act, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var run = await jobs.StartAsync(job, asOf ?? now, ct);
        await audit.RecordAsync(AuditEntry.New(act, AuditAction.JobStart, now, null, run.RunId, null,
            new JsonObject { ["job"] = run.Job, ["asOf"] = run.AsOf.ToString("o"), ["shards"] = run.Shards }), ct);
        return run;
    }
}
