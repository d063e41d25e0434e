using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Invoices;

/// <summary>G2: the CRM learns an invoice was paid; one event per invoice.</summary>
public sealed record InvoicePaid(Invoice Invoice) : AccountNotice
{
    public override NoticeType Type => NoticeType.InvoicePaid;
    public override string Key => "invoice-paid-" + Invoice.Id;
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string>
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["kind"] = Json.Names.Of(Invoice.Kind), ["status"] = Json.Names.Of(Invoice.Status),
        ["amount"] = Number(Invoice.Amount), ["paidBy"] = Invoice.PaidBy ?? "",
    };
}

/// <summary>
/// Paying an invoice, from the balance or with money from outside (provider, ERP): the status change, the
/// entries and the settlement, as one set of rows for one transaction.
/// </summary>
public static class InvoicePayment
{
    public static RowOp PaidEvent(Account head, Invoice paid, DateTimeOffset now) => new(Outbox.Event(head, new InvoicePaid(paid), now), RowWrite.Insert);

    public static async Task<Dictionary<string, Versioned<Service>>> LoadServicesAsync(IAccountReader reader, string accountId, IEnumerable<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, Versioned<Service>>();
        foreach (var id in ids)
            if (await reader.GetAsync(accountId, Service.Ref(id), ct) is { } s) found[id] = s;
        return found;
    }

    /// <summary>
    /// <paramref name="externalSource"/> null: from the balance (status paid_from_balance, the settlement's charges are
    /// the payment). Otherwise the money arrives first as an invoice_payment entry, then the settlement spends it.
    /// </summary>
    public static (LedgerPosting Posting, List<RowOp> Rows, Invoice Paid) Build(Account head, Versioned<Invoice> invoice,
        IReadOnlyDictionary<string, Versioned<Service>> services, BillingCatalog catalog, DateTimeOffset now, string? externalSource, string paidBy, string reference)
    {
        var inv = invoice.Value;
        if (!inv.IsUnpaid) throw BillingException.Conflict("invoice_not_payable", $"Invoice {inv.Number} is {Json.Names.Of(inv.Status)}.");
        var today = LocalCalendar.Today(now, head.TimeZone);
        var posting = new LedgerPosting(head);
        if (externalSource is not null)
            posting.Post(now, LedgerKind.InvoicePayment, inv.Amount, $"Payment of {inv.Number} via {externalSource}",
                [new BreakdownLine("invoice:" + inv.Id, inv.Description, 1, inv.Amount, inv.Amount)], "invoice:" + inv.Id, reference);
        else if (head.Balance < inv.Amount)
            throw BillingException.Refused("balance_insufficient", $"The balance {head.Money(head.Balance)} does not cover {inv.Number} ({head.Money(inv.Amount)}).");
        var rows = InvoiceSettlement.Settle(posting, inv, services, catalog, today, now, reference);
        var paid = inv with
        {
            Status = externalSource is null ? InvoiceStatus.PaidFromBalance : InvoiceStatus.Paid, PaidAt = now, PaidBy = paidBy,
        };
        rows.Add(new RowOp(paid, RowWrite.Replace, invoice.ETag));
        rows.Add(PaidEvent(posting.Head, paid, now));
        return (posting, rows, paid);
    }
}
