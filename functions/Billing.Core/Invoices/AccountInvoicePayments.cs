using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Services;
using Billing.Core.Storage;

namespace Billing.Core.Invoices;

/// <summary>
/// Payments to the account's own invoices (B4, B5): a top-up credits the balance and its bonus; money for a renewal or
/// plan change arrives and is spent on it at once. Afterwards, what the money now allows: auto-pay (B5) and the end of a
/// deletion candidacy (E2).
/// </summary>
public sealed class AccountInvoicePayments(CreditFollowUp followUp, ICatalogSource catalog) : IPaymentTarget
{
    public bool Handles(string invoiceId) => !CustomerBilling.CustomerInvoice.IsCustomerInvoiceId(invoiceId);

    public async Task<IPayable?> LoadAsync(IAccountReader reader, Versioned<Account> head, string invoiceId, CancellationToken ct)
    {
        var invoice = await reader.GetAsync(head.Value.Id, Invoice.Ref(invoiceId), ct);
        if (invoice is null) return null;
        var services = invoice.Value.Kind == InvoiceKind.TopUp ? []
            : await InvoicePayment.LoadServicesAsync(reader, head.Value.Id, InvoiceSettlement.ServiceIds(invoice.Value), ct);
        return new Payable(invoice, services, catalog.Current);
    }

    public async Task<PaymentResult> FollowUpAsync(PaymentResult credited, DateTimeOffset now, CancellationToken ct)
    {
        // B5: only invoices whose auto-pay moment has come are paid; the others the balance covers are offered.
        return credited with { FollowUp = await followUp.AfterCreditAsync(credited.HeadAfter!, now, "payment", ct) };
    }

    private sealed class Payable(Versioned<Invoice> invoice, IReadOnlyDictionary<string, Versioned<Service>> services, BillingCatalog catalog) : IPayable
    {
        private Invoice Inv => invoice.Value;
        public string Number => Inv.Number;
        public long Amount => Inv.Amount;
        public string Currency => Inv.Currency;

        public PaymentRefusal? Refusal(ProviderEvent evt) => Inv.Status switch
        {
            InvoiceStatus.Paid or InvoiceStatus.PaidFromBalance => new(PaymentOutcome.DuplicatePayment, $"invoice {Inv.Number} was already paid",
                $"second payment {evt.EventId} for a paid invoice; not credited"),
            _ when !Inv.IsUnpaid => new(PaymentOutcome.InvoiceNotPayable, $"invoice {Inv.Number} is {Inv.Status}",
                $"payment {evt.EventId} for a {Inv.Status} invoice; not credited"),
            _ => null,
        };

        public RowOp Flag(string issue) => new(Inv with { PaymentIssue = issue }, RowWrite.Replace, invoice.ETag);

        private static string? PaymentIdOf(ProviderEvent evt) => evt.PaymentId is { } id ? PaymentRecord.IdOf(evt.Provider, id) : null;

        /// <summary>A provider's payment is kept so that an operator can refund it and the provider's confirmation finds it.</summary>
        private IEnumerable<RowOp> Recorded(ProviderEvent evt, long bonus, DateTimeOffset now) => evt.PaymentId is not { } providerPaymentId ? [] :
        [
            new RowOp(new PaymentRecord
            {
                Id = PaymentIdOf(evt)!, Provider = evt.Provider, ProviderPaymentId = providerPaymentId, InvoiceId = Inv.Id, InvoiceNumber = Inv.Number,
                Amount = Inv.Amount, Currency = Inv.Currency, Bonus = bonus, PaidAt = now,
            }, RowWrite.Insert),
        ];

        /// <summary>
        /// The invoice's current checkout ended unpaid: the next "pay" opens attempt n+1 at the provider (a declined
        /// checkout may not take another payment). The end of an older attempt changes nothing.
        /// </summary>
        public RowOp? Declined(ProviderEvent evt, DateTimeOffset now) =>
            Inv.IsUnpaid && Inv.CheckoutId is { } current && current == evt.CheckoutId
                ? new RowOp(Inv with { CheckoutId = null, CheckoutUrl = null, CheckoutAttempt = Inv.CheckoutAttempt + 1 }, RowWrite.Replace, invoice.ETag)
                : null;

        public PaymentCredit Credit(ProviderEvent evt, Account head, DateTimeOffset now)
        {
            var eventKey = ProviderEventRecord.KeyOf(evt.Provider, evt.EventId);
            var paidBy = $"{evt.Provider}:{evt.EventId}";
            if (Inv.Kind != InvoiceKind.TopUp)
            {
                // Money for a renewal or plan change arrives and is spent on it at once: both entries explain the invoice.
                var (paying, rows, _) = InvoicePayment.Build(head, invoice, services, catalog, now, new ExternalPayment(evt.Provider, evt.EventId), paidBy, eventKey);
                return new PaymentCredit(paying.Head, [.. paying.Inserts, .. rows, .. Recorded(evt, 0, now)], paying.Entries[0].Seq, paying.Head.Balance);
            }
            var posting = new LedgerPosting(head);
            var description = evt.Provider == TopUps.TopUpService.OfflineProvider
                ? head.Text(TextKeys.Ledger.BankTransfer, evt.EventId, Inv.Number) : head.Text(TextKeys.Ledger.TopUp, Inv.Number, evt.Provider);
            var entry = posting.Post(now, LedgerKind.TopUp, Inv.Amount, description,
                [new BreakdownLine("top_up", head.Text(TextKeys.Breakdown.Invoice, Inv.Number), 1, Inv.Amount, Inv.Amount)], "invoice:" + Inv.Id, eventKey, evt.EventId);
            if (Inv.Bonus > 0)
                posting.Post(now, LedgerKind.Bonus, Inv.Bonus, head.Text(TextKeys.Ledger.Bonus, Inv.BonusPercent, Inv.Number),
                    [new BreakdownLine("bonus", head.Text(TextKeys.Breakdown.BonusOf, Inv.BonusPercent, head.Money(Inv.Amount)), 1, Inv.Bonus, Inv.Bonus)],
                    "invoice:" + Inv.Id, eventKey + "-bonus");
            var paid = Inv with { Status = InvoiceStatus.Paid, PaidAt = now, PaidBy = paidBy, Provider = evt.Provider, PaymentId = PaymentIdOf(evt) };
            return new PaymentCredit(posting.Head,
                [.. posting.Inserts, new RowOp(paid, RowWrite.Replace, invoice.ETag), .. Recorded(evt, Inv.Bonus, now), .. InvoicePayment.PaidNotices(posting.Head, paid, now),
                    .. Outbox.Rows(posting.Head, new PaymentReceived(paid, Inv.Bonus, posting.Head.Balance, evt.Provider), now)], entry.Seq, posting.Head.Balance);
        }
    }
}
