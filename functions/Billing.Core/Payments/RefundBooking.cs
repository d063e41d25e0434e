using Billing.Core.Accounts;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Texts;

namespace Billing.Core.Payments;

/// <summary>
/// Issue 15: a refund is booked when the provider confirms it, never before: money out of the balance, and the
/// prepayment bonus the payment earned reversed in proportion, in one transaction with the record of the confirmation
/// (a redelivered confirmation collides). More than was paid is booked all the same (the provider already returned
/// it) and logged by the caller from the outcome's detail.
/// </summary>
public static class RefundBooking
{
    public static (AccountCommit Commit, long BalanceAfter, string? Warning) Book(Versioned<Account> head, Versioned<PaymentRecord> payment,
        ProviderEvent evt, ProviderEventRecord record, DateTimeOffset now)
    {
        var p = payment.Value;
        var amount = evt.Amount!.Value.Minor;
        var eventKey = ProviderEventRecord.KeyOf(evt.Provider, evt.EventId);
        var posting = new LedgerPosting(head.Value);
        var h = head.Value;
        var entry = posting.Post(now, LedgerKind.Refund, -amount, h.Text(TextKeys.Ledger.Refund, p.InvoiceNumber, evt.Provider),
            [new BreakdownLine("refund", h.Text(TextKeys.Breakdown.Invoice, p.InvoiceNumber), 1, -amount, -amount)],
            "payment:" + p.Id, eventKey, evt.RefundId);
        var bonus = p.BonusToReverse(amount);
        if (bonus > 0)
            posting.Post(now, LedgerKind.Bonus, -bonus, h.Text(TextKeys.Ledger.BonusReversed, p.InvoiceNumber),
                [new BreakdownLine("bonus", h.Text(TextKeys.Breakdown.Invoice, p.InvoiceNumber), 1, -bonus, -bonus)], "payment:" + p.Id, eventKey + "-bonus");
        var after = p with { Refunded = p.Refunded + amount, BonusReversed = p.BonusReversed + bonus, Requested = Math.Max(0, p.Requested - amount) };
        var warning = after.Refunded > p.Amount ? $"refunds of payment {p.Id} now exceed it: {after.Refunded} of {p.Amount}" : null;
        var commit = new AccountCommit(h.Id, posting.Head, head.ETag,
        [
            .. posting.Inserts, new RowOp(after, RowWrite.Replace, payment.ETag),
            new RowOp(record with { Outcome = PaymentOutcome.Refunded, LedgerSeq = entry.Seq, Detail = warning }, RowWrite.Insert),
        ]);
        return (commit, posting.Head.Balance, warning);
    }
}
