using Billing.Core.Storage;

namespace Billing.Core.Restrictions;

/// <summary>A recorded change of level (D5): when, from what, to what, and why.</summary>
public sealed record RestrictionChange(long Seq, DateTimeOffset At, RestrictionLevel From, RestrictionLevel To, string Reason, string Trigger) : IAccountRow
{
    // Inverted sequence: newest first, like the ledger; the head's counter makes two changes in one instant distinct.
    [System.Text.Json.Serialization.JsonIgnore]
    public string RowKey => RowKeys.RestrictionPrefix + (long.MaxValue - Seq).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
