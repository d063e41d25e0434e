using Billing.Core.Jobs;
using Billing.Http.Jobs;

namespace Billing.Server.Hosting;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Off in tests that drive jobs through the operator endpoint with a fake clock.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The server's timers: one loop per job of the job table, on the job's own CRON schedule (as the Functions timer
/// triggers). At each occurrence it fires the job through <see cref="JobTimers"/>, exactly as a Functions timer does, so
/// both hosts start a run as of the occurrence that was due.
/// </summary>
public sealed class JobScheduler(JobRunner jobs, JobTimers timers, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SchedulerOptions> options,
    ILogger<JobScheduler> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("Job scheduler disabled (Scheduler:Enabled=false)");
            return Task.CompletedTask;
        }
        return Task.WhenAll(jobs.Jobs.Select(job => RunAsync(job, stoppingToken)));
    }

    private async Task RunAsync(IAccountJob job, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var next = JobSchedule.NextAfter(job.Schedule, clock.GetUtcNow());
            if (next is null) return;
            var wait = next.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, clock, ct); }
                catch (OperationCanceledException) { return; }
            }
            try { await timers.FireAsync(job.Name, isPastDue: clock.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1), ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Could not start job {Job} for {AsOf:o}; the next occurrence will catch up", job.Name, next.Value);
            }
        }
    }
}
