using Billing.Core.Jobs;

namespace Billing.Core.Restrictions;

/// <summary>D5's timer: levels follow the calendar (day of month, working days, promises ending) even without money moving.</summary>
public sealed class RestrictionJob(RestrictionService restrictions) : IAccountJob
{
    /// <summary>Hourly: levels follow each account's local calendar (D2, D3, D4 expiry).</summary>
    public const string Cron = "0 10 * * * *";

    public string Name => JobNames.Restrictions;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct) =>
        await restrictions.ReevaluateAsync(accountId, "daily", job.AsOf, ct) is null ? 0 : 1;
}
