using Billing.Core.Storage;

namespace Billing.Core.Services;

public enum ServiceState { Active, PaymentOverdue, Expired, Cancelled }

public enum ServiceKind { Plan, AddOn }

/// <summary>
/// A prepaid subscription to a plan or add-on (C6): paid for every day before <see cref="PaidUntil"/>, renewed
/// one period at a time. One service per catalog item and account, so its id is the item's.
/// </summary>
public sealed record Service
{
    public static RowRef<Service> Ref(string id) => new(id);
    public static readonly RowSet<Service> All = RowSet<Service>.All;

    public required string Id { get; init; }
    public required ServiceKind Kind { get; init; }
    public required string ItemId { get; init; }
    public required string Name { get; init; }
    public ServiceState State { get; init; } = ServiceState.Active;
    /// <summary>Price of one period in minor units; a plan's follows its seat tier at each renewal.</summary>
    public required long Price { get; init; }
    public required string Currency { get; init; }
    public int? MaxSeats { get; init; }
    public required DateOnly PaidUntil { get; init; }
    /// <summary>First day of the period paid last: with <see cref="PaidUntil"/>, the period a credit is measured against (C9).</summary>
    public DateOnly? PaidFrom { get; init; }
    public bool AutoRenew { get; init; } = true;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateOnly? ExpiredOn { get; init; }

    /// <summary>An account has one plan service, whatever the plan: a plan change keeps its id.</summary>
    public const string PlanServiceId = "svc_plan";

    public static string IdFor(ServiceKind kind, string itemId) => kind == ServiceKind.Plan ? PlanServiceId : "svc_" + itemId;

    /// <summary>Where the next period starts: at the old end while the service is inside it or its grace, else today.</summary>
    public DateOnly NextPeriodStart(DateOnly today) => State == ServiceState.Expired && PaidUntil < today ? today : PaidUntil;

    /// <summary>Paid for one more period: active again from its start.</summary>
    public Service Extended(DateOnly today, long price)
    {
        var start = NextPeriodStart(today);
        return this with { PaidFrom = start, PaidUntil = start.AddMonths(1), Price = price, State = ServiceState.Active, ExpiredOn = null };
    }

    public int PeriodDays => PaidUntil.DayNumber - (PaidFrom ?? PaidUntil.AddMonths(-1)).DayNumber;
}
