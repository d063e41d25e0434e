using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Billing.Core.Telemetry;

/// <summary>
/// The app's own traces and metrics (BCL types only, so the rules stay free of any exporter). The hosts export
/// them with OpenTelemetry: to Azure Monitor when a connection string is set, to the console otherwise.
/// </summary>
public static class BillingTelemetry
{
    public const string Name = "Billing";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> ShardDuration =
        Meter.CreateHistogram<double>("billing.job.shard.duration", "ms", "Time to run one shard of a job");
    public static readonly Counter<long> AccountsProcessed =
        Meter.CreateCounter<long>("billing.job.accounts", "{account}", "Accounts a job shard went through");
    public static readonly Counter<long> AccountFailures =
        Meter.CreateCounter<long>("billing.job.failures", "{account}", "Accounts a job failed on (the shard is retried)");
    public static readonly Counter<long> Charges =
        Meter.CreateCounter<long>("billing.charges", "{charge}", "Ledger charge entries written");
    public static readonly Counter<long> ChargedMinorUnits =
        Meter.CreateCounter<long>("billing.charges.amount", "{minor_unit}", "Sum charged, in minor units, tagged by currency");
    public static readonly Counter<long> Payments =
        Meter.CreateCounter<long>("billing.payments", "{event}", "Provider payment events by outcome");

    public static void Charged(string job, string currency, long amount)
    {
        var tags = new TagList { { "job", job }, { "currency", currency } };
        Charges.Add(1, tags);
        ChargedMinorUnits.Add(amount, tags);
    }
}
