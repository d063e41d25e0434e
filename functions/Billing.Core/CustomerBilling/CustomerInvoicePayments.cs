using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>G2: the CRM learns a customer paid a tenant's invoice; one event per payment of the invoice.</summary>
public sealed record CustomerInvoicePaid(CustomerInvoice Invoice) : AccountNotice
{
    public override NoticeType Type => NoticeType.CustomerInvoicePaid;
    public override string Key => $"cinvoice-paid-{Invoice.Id}-{Invoice.PaymentCount}";
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["customerId"] = Invoice.CustomerId, ["target"] = Invoice.Target,
        ["amount"] = Invoice.Amount, ["currency"] = Invoice.Currency, ["payment"] = Invoice.PaymentCount,
    };
}

/// <summary>
/// F4: payments to a tenant's invoices to its customers credit the customer's chosen account (never the tenant's
/// balance). An archived invoice, a paid one that is not repeatable, or a removed customer is recorded and flagged on
/// the invoice for the tenant to refund, never credited.
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
            var (credited, entry) = CustomerMoney.Post(customer!.Value, Inv.TargetAccount, Inv.Amount, Inv.Currency,
                $"Invoice {Inv.Number} paid via {evt.Provider}", now, Inv.Id, evt.EventId);
            var paid = Inv with { Status = CustomerInvoiceStatus.Paid, PaidAt = now, PaymentCount = Inv.PaymentCount + 1, PaidTotal = Inv.PaidTotal + Inv.Amount };
            return new PaymentCredit(null,
            [
                new RowOp(credited, RowWrite.Replace, customer.ETag), new RowOp(entry, RowWrite.Insert), new RowOp(paid, RowWrite.Replace, invoice.ETag),
                new RowOp(Outbox.Event(head, new CustomerInvoicePaid(paid), now), RowWrite.Insert),
            ], entry.Seq, entry.BalanceAfter);
        }
    }
}
