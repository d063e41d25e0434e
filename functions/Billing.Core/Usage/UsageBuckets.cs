using Billing.Core.Accounts;
using Billing.Core.Time;

namespace Billing.Core.Usage;

/// <summary>Which period's charge counts a usage event (C2, C4, C5, C11).</summary>
public static class UsageBuckets
{
    /// <summary>
    /// The day it occurred on (for a postpaid account its month) when that is still open, else the first open one: an event
    /// for a day already charged is charged with the next open day, never lost. Before activation usage is kept by month
    /// and is free (C5) unless that month is charged as postpaid.
    /// </summary>
    public static DateOnly For(Account a, DateOnly occurredOn)
    {
        var charging = a.Charging;
        if (a.BillingMode == BillingMode.MonthlyPostpaid || a.ActivatedOn is null)
        {
            var month = LocalCalendar.FirstOfMonth(occurredOn);
            var open = charging.LastPostpaidMonth?.AddMonths(1);
            return open is { } o && month < o ? o : month;
        }
        var firstOpen = charging.LastChargedDay?.AddDays(1) ?? a.ActivatedOn.Value;
        return occurredOn >= firstOpen || occurredOn < a.ActivatedOn.Value ? occurredOn : firstOpen;
    }

    /// <summary>When the period of <paramref name="bucket"/> ends in the account's zone: the next day, or for a postpaid account the next month.</summary>
    public static DateTimeOffset EndOf(Account a, DateOnly bucket) =>
        LocalCalendar.StartOf(a.BillingMode == BillingMode.MonthlyPostpaid || bucket.Day == 1 && a.ActivatedOn is null ? bucket.AddMonths(1) : bucket.AddDays(1), a.TimeZone);

    /// <summary>Usage of a bucket before charging began is not charged (C5): the daily charge drops it.</summary>
    public static bool IsFree(Account a, DateOnly bucket) => a.ActivatedOn is not { } activated
        || bucket < (a.BillingMode == BillingMode.MonthlyPostpaid ? LocalCalendar.FirstOfMonth(activated) : activated);
}
