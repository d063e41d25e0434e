using Billing.Core.Storage;

namespace Billing.Core.Restrictions;

/// <summary>A recorded change of level (D5): when, from what, to what, and why.</summary>
public sealed record RestrictionChange(DateTimeOffset At, RestrictionLevel From, RestrictionLevel To, string Reason, string Trigger) : IAccountRow
{
    // Inverted ticks: newest first, like the ledger.
    [System.Text.Json.Serialization.JsonIgnore]
    public string RowKey => RowKeys.RestrictionPrefix + (long.MaxValue - At.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
