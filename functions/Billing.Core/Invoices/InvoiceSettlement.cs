using Billing.Core.Accounts;
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
                SettlePlanChange(posting, invoice, terms, services, catalog, today, now, reference, rows);
                break;
            case InvoiceKind.Renewal or InvoiceKind.Postpaid when invoice.Orders.Count > 0:
                foreach (var order in invoice.Orders)
                {
                    var found = services.GetValueOrDefault(order.ServiceId)
                        ?? throw BillingException.Conflict("service_missing", $"Invoice {invoice.Number} pays for a service that no longer exists.");
                    var s = found.Value;
                    var extended = s.Extended(today, order.Amount);
                    posting.Post(now, LedgerKind.Charge, -order.Amount, $"{s.Name}: {order.Kind.ToString().ToLowerInvariant()} until {RowKeys.Day(extended.PaidUntil)} ({invoice.Number})",
                        [new BreakdownLine("service:" + s.ItemId, $"{s.Name}, one month from {RowKeys.Day(extended.PaidFrom!.Value)}", 1, order.Amount, order.Amount)],
                        "invoice:" + invoice.Id, reference + "-" + s.Id);
                    rows.Add(new RowOp(extended, RowWrite.Replace, found.ETag));
                }
                break;
            default:
                posting.Post(now, LedgerKind.Charge, -invoice.Amount, $"{invoice.Description} ({invoice.Number})",
                    [new BreakdownLine("invoice:" + invoice.Id, invoice.Description, 1, invoice.Amount, invoice.Amount)], "invoice:" + invoice.Id, reference);
                break;
        }
        return rows;
    }

    private static void SettlePlanChange(LedgerPosting posting, Invoice invoice, PlanChangeTerms terms, IReadOnlyDictionary<string, Versioned<Service>> services,
        Catalog.BillingCatalog catalog, DateOnly today, DateTimeOffset now, string reference, List<RowOp> rows)
    {
        if (terms.Held > 0)
        {
            posting.Post(now, LedgerKind.Release, terms.Held, $"Hold for {invoice.Number} released into the plan change", reference: "invoice:" + invoice.Id, idempotencyKey: reference + "-release");
            posting.Replace(posting.Head with { Held = posting.Head.Held - terms.Held });
        }
        var change = PlanSwitch.Apply(posting, terms, services.GetValueOrDefault(Service.PlanServiceId), catalog, today, now, "invoice:" + invoice.Id, reference);
        rows.AddRange(change);
    }
}
