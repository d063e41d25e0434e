using Billing.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Jobs;

/// <summary>What a timer does when it fires: start the job as of now. A past-due firing still runs: jobs catch up.</summary>
public sealed class JobTimers(JobRunner jobs, TimeProvider clock, ILogger<JobTimers> log)
{
    public async Task FireAsync(string job, bool isPastDue, CancellationToken ct)
    {
        if (isPastDue) log.LogWarning("Timer for {Job} fired late; starting it now (the job catches up missed periods)", job);
        await jobs.StartAsync(job, clock.GetUtcNow(), ct);
    }
}

/// <summary>Queue names the Functions triggers bind to: the default storage prefix "billing".</summary>
public static class QueueNames
{
    public const string Jobs = "billing-jobs";
    public const string Outbox = "billing-outbox";
}
