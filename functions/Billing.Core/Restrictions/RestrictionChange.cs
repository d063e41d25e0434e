using Billing.Core.Storage;

namespace Billing.Core.Restrictions;

/// <summary>A recorded change of level (D5): when, from what, to what, and why. Listed newest first.</summary>
public sealed record RestrictionChange(long Seq, DateTimeOffset At, RestrictionLevel From, RestrictionLevel To, string Reason, string Trigger)
{
    public static readonly RowSet<RestrictionChange> All = RowSet<RestrictionChange>.All;
}
