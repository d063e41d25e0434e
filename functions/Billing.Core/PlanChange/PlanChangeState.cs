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

    public (PlanChangeState, PlanChanged) Changed(Catalog.Plan from, Catalog.Plan to, long cost, DateOnly today) =>
        (this with { LastChangeOn = today, PendingInvoiceId = null }, new PlanChanged(from.Id, to.Id, from.Name, to.Name, cost, today));
}

/// <summary>G1, G2: the admins and the CRM learn the plan changed (at most one change a day, C9).</summary>
public sealed record PlanChanged(string From, string To, string FromName, string ToName, long Cost, DateOnly On) : AccountNotice
{
    public override NoticeType Type => NoticeType.PlanChanged;
    public override string Key => $"plan-changed-{Day(On)}";
    public override NoticeAudience Email => NoticeAudience.OwnerAndAdmins;
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["from"] = From, ["to"] = To, ["fromName"] = FromName, ["toName"] = ToName, ["cost"] = Cost, ["date"] = Day(On),
    };
}
