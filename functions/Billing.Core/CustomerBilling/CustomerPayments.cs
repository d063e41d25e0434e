using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F4: a verified provider payment for a customer invoice credits the customer's chosen account and marks the invoice
/// paid, in one transaction with the event record, so a redelivered event collides instead of crediting twice (B4).
/// A payment that cannot be applied (archived, already paid and not repeatable, wrong amount) is recorded and
/// flagged on the invoice for the tenant, never credited.
/// </summary>
public sealed class CustomerPayments(AccountTransactions tx, ILogger<CustomerPayments> log)
{
    public async Task<PaymentResult> ApplyAsync(ProviderEvent evt, DateTimeOffset now, CancellationToken ct)
    {
        var accountId = evt.AccountId ?? throw BillingException.Invalid("event_account_missing", "The event names no account.");
        var result = await tx.RunAsync(accountId, async head =>
        {
            var (open, seen) = await EventDecision.StartAsync(tx.Store, accountId, evt, now, 0, ct);
            if (open is null) return Decision<PaymentResult>.NoChange(seen!);
            var found = await tx.Store.FindRowAsync<CustomerInvoice>(accountId, CustomerInvoice.Prefix + evt.InvoiceId, ct);
            if (found is null) return open.RecordOnly(PaymentOutcome.UnknownInvoice, $"no customer invoice '{evt.InvoiceId}'");
            var inv = found.Value;
            if (open.NotASuccess() is { } notPaid) return notPaid;
            RowOp Flag(string issue) => new(inv with { PaymentIssue = issue }, RowWrite.Replace, found.ETag);
            if (open.AmountMismatch(inv.Number, inv.Amount, inv.Currency) is { } detail)
            {
                return open.RecordOnly(PaymentOutcome.AmountMismatch, detail, Flag($"amount mismatch: {detail} (event {evt.EventId}); not credited"));
            }
            if (inv.Status == CustomerInvoiceStatus.Archived)
                return open.RecordOnly(PaymentOutcome.InvoiceNotPayable, $"invoice {inv.Number} is archived", Flag($"payment {evt.EventId} for an archived invoice; not credited, refund it"));
            if (inv.Status == CustomerInvoiceStatus.Paid && !inv.Repeatable)
                return open.RecordOnly(PaymentOutcome.DuplicatePayment, $"invoice {inv.Number} was already paid", Flag($"second payment {evt.EventId} for a paid invoice; not credited, refund it"));

            var customer = await tx.Store.FindRowAsync<Customer>(accountId, Customer.Prefix + inv.CustomerId, ct);
            if (customer is null) return open.RecordOnly(PaymentOutcome.InvoiceNotPayable, $"customer {inv.CustomerId} no longer exists", Flag("the customer was removed; not credited"));
            var (credited, entry) = CustomerMoney.Post(customer.Value, inv.TargetAccount, inv.Amount, inv.Currency,
                $"Invoice {inv.Number} paid via {evt.Provider}", now, inv.Id, evt.EventId);
            var paidInvoice = inv with
            {
                Status = CustomerInvoiceStatus.Paid, PaidAt = now, PaymentCount = inv.PaymentCount + 1, PaidTotal = inv.PaidTotal + inv.Amount,
            };
            var notice = Outbox.Event(head.Value, $"cinvoice-paid-{inv.Id}-{inv.PaymentCount + 1}", "customer_invoice_paid", new Dictionary<string, string>
            {
                ["invoiceId"] = inv.Id, ["number"] = inv.Number, ["customerId"] = inv.CustomerId, ["target"] = inv.Target,
                ["amount"] = inv.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["payment"] = paidInvoice.PaymentCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, now);
            return new Decision<PaymentResult>(new AccountCommit(accountId, null, null,
            [
                new RowOp(credited, RowWrite.Replace, customer.ETag), new RowOp(entry, RowWrite.Insert),
                new RowOp(paidInvoice, RowWrite.Replace, found.ETag),
                new RowOp(open.Record with { Outcome = PaymentOutcome.Credited, LedgerSeq = entry.Seq }, RowWrite.Insert),
                new RowOp(notice, RowWrite.Insert),
            ]), new(PaymentOutcome.Credited, inv.Id, entry.BalanceAfter, null));
        }, ct);
        if (result.Outcome is PaymentOutcome.Credited or PaymentOutcome.AlreadyApplied or PaymentOutcome.Declined)
            log.LogInformation("Customer payment {Provider}/{EventId} for {AccountId} invoice {InvoiceId}: {Outcome}", evt.Provider, evt.EventId, accountId, evt.InvoiceId, result.Outcome);
        else
            log.LogWarning("Customer payment {Provider}/{EventId} for {AccountId} NOT credited: {Outcome} ({Detail})", evt.Provider, evt.EventId, accountId, result.Outcome, result.Detail);
        return result;
    }
}
