namespace Billing.Core.Jobs;

/// <summary>
/// The clock of one job run (ARCHITECTURE "Time"): every decision of the run is made as of <see cref="AsOf"/>, the
/// occurrence the schedule was due (or the time an operator named), carried in each shard message so a retried or late
/// message decides exactly as the first delivery would have.
/// </summary>
public sealed record JobContext(DateTimeOffset AsOf, string RunId);

/// <summary>
/// A job applied account by account; must be idempotent for the same <see cref="JobContext.AsOf"/>. A job is one class:
/// its name, its CRON schedule (six fields, seconds first, UTC; a <c>const</c> so the Functions timer attribute can name
/// it) and what it does for one account. The job table is the set of registered jobs.
/// </summary>
public interface IAccountJob
{
    string Name { get; }

    string Schedule { get; }

    /// <summary>Returns how many things it did for the account (days charged, invoices paid…), for the run's log.</summary>
    Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct);
}

/// <summary>
/// A job that knows which accounts of a shard it has work for (open checkouts to reconcile, days that ended since the last
/// good run): a run visits those accounts of the shard instead of every account.
/// </summary>
public interface ISelectiveAccountJob : IAccountJob
{
    IAsyncEnumerable<string> AccountsAsync(int shard, JobContext job, CancellationToken ct);
}

/// <summary>
/// A job that also keeps something outside every account (an index table, such as the webhook log): that part runs once per
/// run, with shard 0's message before its accounts, decided by the same <see cref="JobContext.AsOf"/> and idempotent for it.
/// A failure fails shard 0's message like a failing account, so the queue delivers it again.
/// </summary>
public interface IRunWideJob
{
    /// <summary>What <see cref="RunOnceAsync"/> keeps, as the run's status names it when it fails.</summary>
    string RunWideName { get; }

    Task<int> RunOnceAsync(JobContext job, CancellationToken ct);
}

public static class JobNames
{
    public const string DailyCharge = "daily-charge";
    public const string MonthlyPostpaid = "monthly-postpaid";
    public const string ServiceRenewal = "service-renewal";
    public const string Restrictions = "restrictions";
    public const string Deletion = "inactivity-deletion";
    public const string OutboxSweep = "outbox-sweep";
    public const string CustomerMailing = "customer-mailing";
    public const string RetentionSweep = "retention-sweep";
    public const string PaymentReconcile = "payment-reconcile";
    public const string OperatorIndex = "operator-index";
}
