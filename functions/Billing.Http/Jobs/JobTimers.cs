using Billing.Core.Jobs;
using Cronos;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Jobs;

/// <summary>
/// What a timer does when it fires, in either host: start the job as of the occurrence that was due (the latest of its
/// schedule at or before now), so a late or repeated firing decides for the period it was meant for (ARCHITECTURE "Time").
/// </summary>
public sealed class JobTimers(JobRunner jobs, TimeProvider clock, ILogger<JobTimers> log)
{
    public async Task<JobRun> FireAsync(string job, bool isPastDue, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var occurrence = JobSchedule.DueOccurrence(jobs.Find(job).Schedule, now);
        if (isPastDue) log.LogWarning("Timer for {Job} fired late, at {Now:o}; the run is as of its occurrence {AsOf:o}", job, now, occurrence);
        return await jobs.StartAsync(job, occurrence, ct);
    }
}

/// <summary>The jobs' CRON schedules (six fields, seconds first, UTC), read the same way by both hosts.</summary>
public static class JobSchedule
{
    // A timer may wake a hair before its occurrence: that occurrence is the one due.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    public static CronExpression Parse(string cron) => CronExpression.Parse(cron, CronFormat.IncludeSeconds);

    public static DateTimeOffset? NextAfter(string cron, DateTimeOffset from) => Parse(cron).GetNextOccurrence(from, TimeZoneInfo.Utc);

    /// <summary>The latest occurrence of <paramref name="cron"/> at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset DueOccurrence(string cron, DateTimeOffset now)
    {
        var expression = Parse(cron);
        foreach (var lookBack in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(400) })
        {
            var occurrences = expression.GetOccurrences(now - lookBack, now + Slack, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true);
            if (occurrences.LastOrDefault() is { } last && last != default) return last;
        }
        throw new InvalidOperationException($"The schedule '{cron}' has no occurrence in the last 400 days.");
    }
}

/// <summary>Queue names the Functions triggers bind to: the default storage prefix "billing".</summary>
public static class QueueNames
{
    public const string Jobs = "billing-jobs";
    public const string Outbox = "billing-outbox";
}
