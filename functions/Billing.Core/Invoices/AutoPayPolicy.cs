using Billing.Core.Accounts;
using Billing.Core.Services;
using Billing.Core.Time;

namespace Billing.Core.Invoices;

public sealed record AutoPayDecision(bool Allowed, string Reason)
{
    public static AutoPayDecision No(string reason) => new(false, reason);
}

/// <summary>
/// C8, as one function: may an awaiting invoice be paid from the balance without the payer? Each refusal names
/// the condition that blocked it, so the job's log and the account's summary can say why.
/// </summary>
public static class AutoPayPolicy
{
    /// <summary>
    /// B5, A5: may the admin pay this invoice from the balance now, with a word? Unpaid, not a top-up, not the ERP's, and
    /// covered by the balance. Auto-pay (C8) is the narrower question of paying it without that word.
    /// </summary>
    public static bool PayableFromBalance(Account account, Invoice invoice) =>
        invoice.IsUnpaid && invoice.Kind != InvoiceKind.TopUp && !invoice.ExternalErp && account.Balance >= invoice.Amount;

    /// <summary>
    /// C7, C8: the day auto-pay may pay the invoice: a prepaid invoice when its services' paid period ends, a postpaid one
    /// on its due date (the day before its expiry). Null: no day to wait for.
    /// </summary>
    public static DateOnly? Moment(Invoice invoice, IReadOnlyDictionary<string, Service> services) =>
        invoice.Prepaid
            ? invoice.Orders.Select(o => services.GetValueOrDefault(o.ServiceId)?.PaidUntil).Max()
            : invoice.DueDate;

    public static AutoPayDecision Evaluate(Account account, Invoice invoice, IReadOnlyDictionary<string, Service> services, DateOnly today, int graceDays)
    {
        if (invoice.Kind == InvoiceKind.TopUp) return AutoPayDecision.No("a top-up invoice is paid by the payer");
        if (invoice.ExternalErp) return AutoPayDecision.No("issued by the external ERP, which completes it");
        if (account.MayWorkWithoutBalance) return AutoPayDecision.No("the account may work without balance");
        if (account.InvoicesFromExternalSystem) return AutoPayDecision.No("the account's invoices come from an external system");
        if (invoice.Status != InvoiceStatus.AwaitingPayment) return AutoPayDecision.No($"the invoice is {Json.Names.Of(invoice.Status)}");
        if (account.Balance < invoice.Amount) return AutoPayDecision.No("the balance does not cover it");
        if (!invoice.Prepaid)
            return invoice.ExpiresOn is { } expires && today >= expires
                ? AutoPayDecision.No("the postpaid invoice has expired (due date + 1 day)")
                : new AutoPayDecision(true, "postpaid invoice before its expiry");
        if (invoice.Orders.Count == 0) return AutoPayDecision.No("a prepaid invoice without service orders");
        foreach (var order in invoice.Orders)
        {
            var refusal = OrderRefusal(account, invoice, order, services.GetValueOrDefault(order.ServiceId), today, graceDays);
            if (refusal is not null)
                return AutoPayDecision.No(invoice.Orders.Count > 1 ? $"combined invoice: {order.ServiceId}: {refusal}" : refusal);
        }
        return new AutoPayDecision(true, invoice.Orders.Count > 1 ? "every order of the combined invoice qualifies" : "the order qualifies");
    }

    private static string? OrderRefusal(Account account, Invoice invoice, InvoiceOrder order, Service? service, DateOnly today, int graceDays)
    {
        if (service is null) return "its service no longer exists";
        if (service.State is not (ServiceState.Active or ServiceState.PaymentOverdue)) return $"its service is {Json.Names.Of(service.State)}";
        var created = LocalCalendar.Today(order.CreatedAt, account.TimeZone);
        return order.Kind switch
        {
            OrderKind.Renewal when service.ExpiredOn is { } expired && created >= expired => "the renewal was ordered after the service expired",
            OrderKind.Renewal when invoice.ExpiresOn is { } expires && today >= expires => "the renewal invoice has expired",
            OrderKind.Renewal when !service.AutoRenew => "auto-renew is off",
            OrderKind.Prolongation when created > service.PaidUntil => "the prolongation was ordered after the paid period",
            OrderKind.Prolongation when today >= service.PaidUntil.AddDays(graceDays) => "the paid period and its grace period are over",
            _ => null,
        };
    }
}

/// <summary>What auto-pay did with one unpaid invoice (B5, C8).</summary>
public enum AutoPayOutcome { Paid, Offered, Skipped, NotDue, Gone }

public sealed record AutoPayLine(string InvoiceId, string Number, AutoPayOutcome Outcome, string Reason, long Amount = 0);

/// <summary>An invoice the balance covers and the admin may pay from it now (B5: "you can pay invoice N from your balance").</summary>
public sealed record PayableInvoice(string InvoiceId, string Number, long Amount)
{
    public static PayableInvoice Of(Invoice i) => new(i.Id, i.Number, i.Amount);
}

/// <summary>B5: after a payment or the daily run, what auto-pay paid, offered (the balance covers it but C8 says not now) and skipped.</summary>
public sealed record AutoPayReport([property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<AutoPayLine> Lines)
{
    public IReadOnlyList<string> Paid => Lines.Where(l => l.Outcome == AutoPayOutcome.Paid).Select(l => l.Number).ToList();
    public IReadOnlyList<string> Offered => Lines.Where(l => l.Outcome == AutoPayOutcome.Offered).Select(l => $"{l.Number}: {l.Reason}").ToList();
    public IReadOnlyList<string> Skipped => Lines.Where(l => l.Outcome == AutoPayOutcome.Skipped).Select(l => $"{l.Number}: {l.Reason}").ToList();

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<PayableInvoice> PayableFromBalance =>
        Lines.Where(l => l.Outcome == AutoPayOutcome.Offered).Select(l => new PayableInvoice(l.InvoiceId, l.Number, l.Amount)).ToList();
}
