using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments;

public sealed record PaymentResult(PaymentOutcome Outcome, string? InvoiceId, long Balance, string? Detail)
{
    /// <summary>B5: after a top-up, invoices the balance paid automatically, and those it covers but that need the payer's word.</summary>
    public AutoPayReport? FollowUp { get; init; }
    /// <summary>The head as the crediting commit stored it: the follow-ups read nothing they can learn from it.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Accounts.Account? HeadAfter { get; init; }
}

/// <summary>
/// Applies a verified payment to an invoice and the balance in one transaction: invoice paid, top-up and bonus
/// entries, event record (B4, B5, B6). A mismatch is recorded and flagged on the invoice, never credited.
/// </summary>
public sealed class PaymentApplication(AccountTransactions tx, InvoiceService invoices, Catalog.ICatalogSource catalog,
    Deletion.DeletionService deletion, ILogger<PaymentApplication> log)
{
    public async Task<PaymentResult> ApplyAsync(ProviderEvent evt, DateTimeOffset now, CancellationToken ct)
    {
        var accountId = evt.AccountId ?? throw BillingException.Invalid("event_account_missing", "The event names no account.");
        var result = await tx.RunAsync(accountId, async head =>
        {
            var eventKey = RowKeys.ProviderEvent(evt.Provider, evt.EventId);
            var (open, seen) = await EventDecision.StartAsync(tx.Store, accountId, evt, now, head.Value.Balance, ct);
            if (open is null) return Decision<PaymentResult>.NoChange(seen!);
            var invoice = evt.InvoiceId is null ? null : await tx.Store.FindRowAsync<Invoice>(accountId, RowKeys.Invoice(evt.InvoiceId), ct);
            if (invoice is null) return open.RecordOnly(PaymentOutcome.UnknownInvoice, $"no invoice '{evt.InvoiceId}'");
            var inv = invoice.Value;
            if (open.NotASuccess() is { } notPaid) return notPaid;

            RowOp Flag(string issue) => new(inv with { PaymentIssue = issue }, RowWrite.Replace, invoice.ETag);
            if (open.AmountMismatch(inv.Number, inv.Amount, inv.Currency) is { } detail)
            {
                return open.RecordOnly(PaymentOutcome.AmountMismatch, detail, Flag($"amount mismatch: {detail} (event {evt.EventId}); not credited"));
            }
            if (inv.Status is InvoiceStatus.Paid or InvoiceStatus.PaidFromBalance)
                return open.RecordOnly(PaymentOutcome.DuplicatePayment, $"invoice {inv.Number} was already paid",
                    Flag($"second payment {evt.EventId} for a paid invoice; not credited"));
            if (!inv.IsUnpaid)
                return open.RecordOnly(PaymentOutcome.InvoiceNotPayable, $"invoice {inv.Number} is {inv.Status}",
                    Flag($"payment {evt.EventId} for a {inv.Status} invoice; not credited"));

            if (inv.Kind != InvoiceKind.TopUp)
            {
                // Money for a renewal or plan change arrives and is spent on it at once: both entries explain the invoice.
                var services = await InvoicePayment.LoadServicesAsync(tx.Store, accountId, InvoiceSettlement.ServiceIds(inv), ct);
                var (paying, settleRows, _) = InvoicePayment.Build(head.Value, invoice, services, catalog.Current, now, evt.Provider,
                    $"{evt.Provider}:{evt.EventId}", eventKey);
                var recorded = new RowOp(open.Record with { Outcome = PaymentOutcome.Credited, LedgerSeq = paying.Entries[0].Seq }, RowWrite.Insert);
                return Credited(new AccountCommit(accountId, paying.Head, head.ETag, [.. paying.Inserts, .. settleRows, recorded]), inv.Id);
            }

            var posting = new LedgerPosting(head.Value);
            var entry = posting.Post(now, LedgerKind.TopUp, inv.Amount, $"Top-up {inv.Number} paid via {evt.Provider}",
                [new BreakdownLine("top_up", $"Invoice {inv.Number}", 1, inv.Amount, inv.Amount)], "invoice:" + inv.Id, eventKey);
            if (inv.Bonus > 0)
                posting.Post(now, LedgerKind.Bonus, inv.Bonus, $"Prepayment bonus {inv.BonusPercent} % on {inv.Number}",
                    [new BreakdownLine("bonus", $"{inv.BonusPercent} % of {head.Value.Money(inv.Amount)}", 1, inv.Bonus, inv.Bonus)],
                    "invoice:" + inv.Id, eventKey + "-bonus");
            var paidInvoice = inv with { Status = InvoiceStatus.Paid, PaidAt = now, PaidBy = $"{evt.Provider}:{evt.EventId}", Provider = evt.Provider };
            var rows = posting.Inserts
                .Append(new RowOp(paidInvoice, RowWrite.Replace, invoice.ETag))
                .Append(new RowOp(open.Record with { Outcome = PaymentOutcome.Credited, LedgerSeq = entry.Seq }, RowWrite.Insert))
                .Append(new RowOp(InvoicePayment.PaidEvent(posting.Head, paidInvoice, now), RowWrite.Insert)).ToList();
            return Credited(new AccountCommit(accountId, posting.Head, head.ETag, rows), inv.Id);
        }, ct);

        if (result.Outcome == PaymentOutcome.Credited)
        {
            // B5: pay what the money now covers (restrictions follow the balance by themselves, D5); end a deletion candidacy (E2).
            result = result with { FollowUp = await invoices.AutoPayAsync(accountId, dueOnly: false, ct, result.HeadAfter) };
            if (result.HeadAfter?.State == Accounts.AccountState.DeletionScheduled) await deletion.RecheckAsync(accountId, "payment", ct);
        }
        Telemetry.BillingTelemetry.Payments.Add(1, new System.Diagnostics.TagList { { "provider", evt.Provider }, { "outcome", Json.Names.Of(result.Outcome) } });
        if (result.Outcome is PaymentOutcome.Credited or PaymentOutcome.AlreadyApplied or PaymentOutcome.Declined)
            log.LogInformation("Payment event {Provider}/{EventId} for {AccountId}: {Outcome}", evt.Provider, evt.EventId, accountId, result.Outcome);
        else
            log.LogWarning("Payment event {Provider}/{EventId} for {AccountId} NOT credited: {Outcome} ({Detail})", evt.Provider, evt.EventId, accountId, result.Outcome, result.Detail);
        return result;
    }

    private static Decision<PaymentResult> Credited(AccountCommit commit, string invoiceId) =>
        new(commit, new(PaymentOutcome.Credited, invoiceId, commit.Head!.Balance, null) { HeadAfter = commit.Head });
}
