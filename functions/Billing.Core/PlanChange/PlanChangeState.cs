using Billing.Core.Notifications;

namespace Billing.Core.PlanChange;

/// <summary>
/// What plan changes keep on the account head (C9): the balance held for a change waiting on its invoice, that invoice,
/// and the day of the last change. Changed only by the methods here.
/// </summary>
public sealed record PlanChangeState
{
    /// <summary>Balance set aside by a hold; not part of the balance until released or spent.</summary>
    public long Held { get; init; }
    /// <summary>Local date of the last plan change: at most one per day.</summary>
    public DateOnly? LastChangeOn { get; init; }
    /// <summary>The unpaid invoice of a plan change waiting for money; no other change starts meanwhile.</summary>
    public string? PendingInvoiceId { get; init; }

    public PlanChangeState Holding(string invoiceId, long amount) => this with { Held = Held + amount, PendingInvoiceId = invoiceId };

    /// <summary>The hold goes back (cancelled) or into the change (paid): either way the change no longer waits.</summary>
    public PlanChangeState Released(long amount) => this with { Held = Held - amount, PendingInvoiceId = null };

    public (PlanChangeState, PlanChanged) Changed(string fromPlan, string toPlan, long cost, DateOnly today) =>
        (this with { LastChangeOn = today, PendingInvoiceId = null }, new PlanChanged(fromPlan, toPlan, cost, today));
}

/// <summary>G2: the CRM learns the plan changed.</summary>
public sealed record PlanChanged(string From, string To, long Cost, DateOnly On) : AccountNotice
{
    public override NoticeType Type => NoticeType.PlanChanged;
    public override string Key => $"plan-changed-{Day(On)}";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string> { ["from"] = From, ["to"] = To, ["cost"] = Number(Cost) };
}
