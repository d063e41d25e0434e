using Billing.Core.Jobs;
using Billing.Http;
using Cronos;

namespace Billing.Server.Hosting;

public sealed class SchedulerOptions
{
    /// <summary>Off in tests that drive jobs through the operator endpoint with a fake clock.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The server's timers: the same CRON constants as the Functions timer triggers, read by Cronos. Each occurrence
/// starts the job with that occurrence as its <c>asOf</c>, so a late start bills the period it was meant for.
/// </summary>
public sealed class JobScheduler(JobRunner jobs, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SchedulerOptions> options, ILogger<JobScheduler> log)
    : BackgroundService
{
    public static readonly IReadOnlyDictionary<string, string> Schedule = new Dictionary<string, string>
    {
        [JobNames.DailyCharge] = Schedules.DailyCharge,
        [JobNames.MonthlyPostpaid] = Schedules.MonthlyPostpaid,
        [JobNames.ServiceRenewal] = Schedules.ServiceRenewal,
        [JobNames.Restrictions] = Schedules.Restrictions,
        [JobNames.Deletion] = Schedules.Deletion,
        [JobNames.OutboxSweep] = Schedules.OutboxSweep,
        [JobNames.CustomerMailing] = Schedules.CustomerMailing,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("Job scheduler disabled (Scheduler:Enabled=false)");
            return Task.CompletedTask;
        }
        return Task.WhenAll(Schedule.Select(s => RunAsync(s.Key, CronExpression.Parse(s.Value, CronFormat.IncludeSeconds), stoppingToken)));
    }

    private async Task RunAsync(string job, CronExpression cron, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var next = cron.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null) return;
            var wait = next.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, clock, ct); }
                catch (OperationCanceledException) { return; }
            }
            try { await jobs.StartAsync(job, next.Value, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Could not start job {Job} for {AsOf:o}; the next occurrence will catch up", job, next.Value);
            }
        }
    }
}
