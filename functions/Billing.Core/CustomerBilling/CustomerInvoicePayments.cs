using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.Texts;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// G2: the CRM learns a customer paid a tenant's invoice; one event per payment of the invoice, naming the account the
/// money went to (the invoice's target, or <c>base</c> when that target had changed, F11).
/// </summary>
public sealed record CustomerInvoicePaid(CustomerInvoice Invoice, TargetAccount CreditedTo) : AccountNotice
{
    public override NoticeType Type => NoticeType.CustomerInvoicePaid;
    public override string Key => $"cinvoice-paid-{Invoice.Id}-{Invoice.PaymentCount}";
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["customerId"] = Invoice.CustomerId, ["target"] = Invoice.Target,
        ["amount"] = Invoice.Amount, ["currency"] = Invoice.Currency, ["payment"] = Invoice.PaymentCount, ["creditedTo"] = CreditedTo.Key,
    };
}

/// <summary>
/// F4: payments to a tenant's invoices to its customers credit the customer's chosen account (never the tenant's
/// balance). An archived invoice, a paid one that is not repeatable, or a removed customer is recorded and flagged on
/// the invoice for the tenant to refund, never credited. A payment is never lost (F11): when the invoice's pass was removed
/// or moved to the base account after issue, the money goes to the base account and the invoice says so
/// (<see cref="PaymentIssues.TargetChanged"/>). A declined attempt is noted on the invoice, so the next checkout is a new one.
/// </summary>
public sealed class CustomerInvoicePayments : IPaymentTarget
{
    public bool Handles(string invoiceId) => CustomerInvoice.IsCustomerInvoiceId(invoiceId);

    public async Task<IPayable?> LoadAsync(IAccountReader reader, Versioned<Account> head, string invoiceId, CancellationToken ct)
    {
        var found = await reader.GetAsync(head.Value.Id, CustomerInvoice.Ref(invoiceId), ct);
        if (found is null) return null;
        return new Payable(found, await reader.GetAsync(head.Value.Id, Customer.Ref(found.Value.CustomerId), ct));
    }

    public Task<PaymentResult> FollowUpAsync(PaymentResult credited, DateTimeOffset now, CancellationToken ct) => Task.FromResult(credited);

    private sealed class Payable(Versioned<CustomerInvoice> invoice, Versioned<Customer>? customer) : IPayable
    {
        private CustomerInvoice Inv => invoice.Value;
        public string Number => Inv.Number;
        public long Amount => Inv.Amount;
        public string Currency => Inv.Currency;

        public PaymentRefusal? Refusal(ProviderEvent evt) =>
            Inv.Status == CustomerInvoiceStatus.Archived
                ? new(PaymentOutcome.InvoiceNotPayable, $"invoice {Inv.Number} is archived", $"payment {evt.EventId} for an archived invoice; not credited, refund it")
            : Inv.Status == CustomerInvoiceStatus.Paid && !Inv.Repeatable
                ? new(PaymentOutcome.DuplicatePayment, $"invoice {Inv.Number} was already paid", $"second payment {evt.EventId} for a paid invoice; not credited, refund it")
            : customer is null
                ? new(PaymentOutcome.InvoiceNotPayable, $"customer {Inv.CustomerId} no longer exists", "the customer was removed; not credited")
            : null;

        public RowOp Flag(string issue) => new(Inv with { PaymentIssue = issue }, RowWrite.Replace, invoice.ETag);

        public PaymentCredit Credit(ProviderEvent evt, Account head, DateTimeOffset now)
        {
            var c = customer!.Value;
            var target = Inv.TargetAccount;
            // The pass may have been removed or moved to the base account while the payer was at the provider: the money still lands.
            var changed = !target.IsBase && c.FindPass(target.PassId!) is not { SeparateAccount: true };
            var description = changed
                ? Text.Get(head.Language, TextKeys.Customer.InvoicePaidToBase, Inv.Number, evt.Provider, c.FindPass(target.PassId!)?.Name ?? Inv.PassNames.FirstOrDefault() ?? target.PassId)
                : Text.Get(head.Language, TextKeys.Customer.InvoicePaid, Inv.Number, evt.Provider);
            var creditedTo = changed ? TargetAccount.Base : target;
            var (credited, entry) = CustomerMoney.Post(c, creditedTo, Inv.Amount, Inv.Currency, description, now, Inv.Id, evt.EventId);
            var paid = Inv with
            {
                Status = CustomerInvoiceStatus.Paid, PaidAt = now, PaymentCount = Inv.PaymentCount + 1, PaidTotal = Inv.PaidTotal + Inv.Amount,
                PaymentIssue = changed ? PaymentIssues.TargetChanged : Inv.PaymentIssue,
            };
            return new PaymentCredit(null,
            [
                new RowOp(credited, RowWrite.Replace, customer.ETag), new RowOp(entry, RowWrite.Insert), new RowOp(paid, RowWrite.Replace, invoice.ETag),
                new RowOp(Outbox.Event(head, new CustomerInvoicePaid(paid, creditedTo), now), RowWrite.Insert),
            ], entry.Seq, entry.BalanceAfter) { Flag = changed ? PaymentFlagKind.TargetChanged : null };
        }

        public RowOp? Declined(ProviderEvent evt, DateTimeOffset now) =>
            Inv.Status == CustomerInvoiceStatus.Archived ? null
            : new RowOp(Inv with { Declines = Inv.Declines + 1, LastDeclinedAt = now }, RowWrite.Replace, invoice.ETag);
    }
}
