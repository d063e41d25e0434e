using Billing.Core.Accounts;
using Billing.Core.Storage;

namespace Billing.Core.Invoices;

/// <summary>
/// Keeps <see cref="Account.UnpaidInvoices"/> equal to the account's unpaid invoices that auto-pay may consider (C8,
/// B5): every commit that writes an invoice together with the head updates the list from the invoice's new state,
/// so a payment or the daily job reads the few candidates by identity instead of listing every invoice ever issued.
/// An invoice becomes unpaid only when it is created, which always writes the head (the invoice number), and leaves
/// that state only by payment or cancellation, which write the head too (balance, hold); should a stale id ever
/// remain, auto-pay reads the invoice again before paying and skips it.
/// </summary>
public static class UnpaidInvoiceIndex
{
    public static bool Tracks(Invoice invoice) => invoice.IsUnpaid && invoice.Kind != InvoiceKind.TopUp;

    /// <summary>The head as it must be stored after <paramref name="rows"/>; a head of an account never indexed (null list) stays so.</summary>
    public static Account? Track(Account? head, IReadOnlyList<RowOp> rows)
    {
        if (head?.UnpaidInvoices is not { } ids) return head;
        List<string>? next = null;
        foreach (var op in rows)
        {
            if (op.Row is not Invoice invoice) continue;
            var keep = op.Write != RowWrite.Delete && Tracks(invoice);
            var listed = (next ?? ids).Contains(invoice.Id);
            if (keep == listed) continue;
            next ??= [.. ids];
            if (keep) next.Add(invoice.Id); else next.Remove(invoice.Id);
        }
        return next is null ? head : head with { UnpaidInvoices = next };
    }
}
