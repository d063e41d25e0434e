using Billing.Core.Jobs;

namespace Billing.Core.Deletion;

/// <summary>E1–E3's timer: schedules candidates, sends reminders, deletes and purges on each account's local date, as of the run.</summary>
public sealed class DeletionJob(DeletionService deletion) : IAccountJob
{
    /// <summary>Hourly: deletion steps happen on each account's local date (E1–E3).</summary>
    public const string Cron = "0 45 * * * *";

    public string Name => JobNames.Deletion;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct) =>
        await deletion.StepAsync(accountId, "daily", job.AsOf, ct) is null ? 0 : 1;
}
