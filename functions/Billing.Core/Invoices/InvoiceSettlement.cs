using Billing.Core.Charging;
using Billing.Core.Ledger;
using Billing.Core.PlanChange;
using Billing.Core.Services;
using Billing.Core.Storage;

namespace Billing.Core.Invoices;

/// <summary>
/// What paying an invoice does besides changing its status, inside the paying transaction: a renewal extends its
/// services (C6, C7), a postpaid invoice is charged, a plan change releases its hold and switches the plan (C9).
/// Every step is a ledger entry that explains itself.
/// </summary>
public static class InvoiceSettlement
{
    /// <summary>The services an invoice's settlement writes, to be read (with ETags) before deciding.</summary>
    public static IEnumerable<string> ServiceIds(Invoice invoice) =>
        invoice.Kind == InvoiceKind.PlanChange ? [Service.PlanServiceId] : invoice.Orders.Select(o => o.ServiceId).Distinct();

    /// <summary>Posts the settlement entries and returns the rows to write; the head's changes are in <paramref name="posting"/>.</summary>
    public static List<RowOp> Settle(LedgerPosting posting, Invoice invoice, IReadOnlyDictionary<string, Versioned<Service>> services,
        Catalog.BillingCatalog catalog, DateOnly today, DateTimeOffset now, string reference)
    {
        var rows = new List<RowOp>();
        switch (invoice.Kind)
        {
            case InvoiceKind.PlanChange when invoice.PlanChange is { } terms:
                rows.AddRange(PlanSwitch.SettleInvoice(posting, invoice, terms, services.GetValueOrDefault(Service.PlanServiceId), catalog, today, now, reference));
                break;
            case InvoiceKind.Renewal or InvoiceKind.Postpaid when invoice.Orders.Count > 0:
                foreach (var order in invoice.Orders)
                {
                    var found = services.GetValueOrDefault(order.ServiceId)
                        ?? throw BillingException.Conflict("service_missing", $"Invoice {invoice.Number} pays for a service that no longer exists.");
                    var (extended, lines) = ServiceRenewal.Extend(posting.Head, found.Value, catalog, today, order.Amount);
                    posting.Post(now, LedgerKind.Charge, -order.Amount,
                        posting.Head.Text(Texts.TextKeys.Ledger.ServicePaid, found.Value.Name, posting.Head.Date(extended.PaidUntil), invoice.Number),
                        lines, "invoice:" + invoice.Id, reference + "-" + found.Value.Id);
                    rows.Add(new RowOp(extended, RowWrite.Replace, found.ETag));
                }
                break;
            default:
                posting.Post(now, LedgerKind.Charge, -invoice.Amount, $"{invoice.Description} ({invoice.Number})",
                    [new BreakdownLine("invoice:" + invoice.Id, invoice.Description, 1, invoice.Amount, invoice.Amount)], "invoice:" + invoice.Id, reference + "-settled");
                break;
        }
        return rows;
    }
}
