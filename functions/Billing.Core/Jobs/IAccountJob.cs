namespace Billing.Core.Jobs;

/// <summary>A job applied account by account; must be idempotent for the same <c>asOf</c>.</summary>
public interface IAccountJob
{
    string Name { get; }

    /// <summary>Returns how many things it did for the account (days charged, invoices paid…), for the run's log.</summary>
    Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct);
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
}
