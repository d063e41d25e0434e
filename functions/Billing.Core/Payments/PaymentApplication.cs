using Billing.Core.Invoices;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments;

public sealed record PaymentResult(PaymentOutcome Outcome, string? InvoiceId, long Balance, string? Detail)
{
    /// <summary>B5: after a payment to the account, invoices the balance paid automatically, and those it covers but that need the payer's word.</summary>
    public AutoPayReport? FollowUp { get; init; }
    /// <summary>B5: unpaid invoices the balance now covers, that the admin may pay from it ("you can pay invoice N from your balance").</summary>
    public IReadOnlyList<PayableInvoice> PayableFromBalance => FollowUp?.PayableFromBalance ?? [];
    /// <summary>The head as the crediting commit stored it: the follow-ups read nothing they can learn from it.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Accounts.Account? HeadAfter { get; init; }
}

/// <summary>
/// The one payment path (B4, B5, B6, F4): a verified provider payment is applied to its invoice in one transaction
/// with the record of the event, so a redelivered event collides instead of crediting twice. A payment for a missing
/// invoice, a declined one, one whose amount or currency differs, or one the invoice can no longer take is recorded
/// and flagged, never credited. Which money it credits (the tenant's balance or its customer's) is the target's part.
/// </summary>
public sealed class PaymentApplication(AccountUnitOfWork uow, IEnumerable<IPaymentTarget> targets, ILogger<PaymentApplication> log,
    Money.MoneyOptions? money = null)
{
    private readonly Money.MoneyOptions _money = money ?? new();

    public async Task<PaymentResult> ApplyAsync(ProviderEvent evt, DateTimeOffset now, CancellationToken ct)
    {
        var accountId = evt.AccountId ?? throw BillingException.Invalid("event_account_missing", "The event names no account.");
        ProviderEventCheck.Require(evt, _money);
        var target = targets.First(t => t.Handles(evt.InvoiceId ?? ""));
        var result = await uow.RunOnHeadAsync(accountId, now, async (read, conflict) =>
        {
            var head = read.Merged;
            // The record of the event is inserted with the credit, so a repeat collides: it is looked for only after a collision
            // (or any lost race), not before every first delivery — one read fewer per payment, exactly once all the same.
            var seen = conflict is null ? null : await uow.Reader.GetAsync(accountId, ProviderEventRecord.Ref(evt.Provider, evt.EventId), ct);
            if (seen is not null)
                return Decision<PaymentResult>.NoChange(new(PaymentOutcome.AlreadyApplied, seen.Value.InvoiceId, head.Value.Balance, $"first outcome: {seen.Value.Outcome}"));
            var record = ProviderEventRecord.Received(evt, now);
            Decision<PaymentResult> RecordOnly(PaymentOutcome outcome, string detail, params RowOp[] more) =>
                new(AccountCommit.RowsOnly(accountId, [new RowOp(record with { Outcome = outcome, Detail = detail, Flag = FlagOf(outcome, evt) }, RowWrite.Insert), .. more]),
                    new(outcome, evt.InvoiceId, head.Value.Balance, detail));

            if (evt.Type == ProviderEventType.Refunded)
            {
                var payment = evt.PaymentId is { } pid ? await uow.Reader.GetAsync(accountId, PaymentRecord.Ref(PaymentRecord.IdOf(evt.Provider, pid)), ct) : null;
                if (payment is null) return RecordOnly(PaymentOutcome.UnknownPayment, $"no payment '{evt.PaymentId}' of this account to refund");
                if (evt.Amount is not { Minor: > 0 } back || back.Currency != payment.Value.Currency)
                    return RecordOnly(PaymentOutcome.AmountMismatch, $"refund of {evt.Amount?.ToString() ?? "nothing"} for a payment in {payment.Value.Currency}");
                var (booked, balance, warning) = RefundBooking.Book(head, payment, evt, record, now);
                return new Decision<PaymentResult>(booked, new(PaymentOutcome.Refunded, payment.Value.InvoiceId, balance, warning));
            }

            var payable = evt.InvoiceId is null ? null : await target.LoadAsync(uow.Reader, head, evt.InvoiceId, ct);
            if (payable is null) return RecordOnly(PaymentOutcome.UnknownInvoice, $"no invoice '{evt.InvoiceId}'");
            if (evt.Type is ProviderEventType.PaymentFailed or ProviderEventType.CheckoutClosed)
            {
                var (outcome, detail) = evt.Type == ProviderEventType.PaymentFailed
                    ? (PaymentOutcome.Declined, "the payer's payment was declined") : (PaymentOutcome.CheckoutClosed, "the checkout closed unpaid");
                return RecordOnly(outcome, detail, payable.Declined(evt, now) is { } ended ? [ended] : []);
            }
            if (evt.Type != ProviderEventType.PaymentSucceeded) return RecordOnly(PaymentOutcome.Ignored, "event type not handled");
            if (evt.Amount is not { } paid || paid.Minor != payable.Amount || paid.Currency != payable.Currency)
            {
                var detail = $"paid {evt.Amount?.ToString() ?? "nothing"} for invoice {payable.Number} of {new Money.Money(payable.Amount, payable.Currency)}";
                return RecordOnly(PaymentOutcome.AmountMismatch, detail, payable.Flag($"amount mismatch: {detail} (event {evt.EventId}); not credited"));
            }
            if (payable.Refusal(evt) is { } refusal) return RecordOnly(refusal.Outcome, refusal.Detail, payable.Flag(refusal.Flag));

            var credit = payable.Credit(evt, head.Value, now);
            var commit = new AccountCommit(accountId, credit.Head, credit.Head is null ? null : head.ETag,
                [.. credit.Rows, new RowOp(record with { Outcome = PaymentOutcome.Credited, LedgerSeq = credit.LedgerSeq, Flag = credit.Flag }, RowWrite.Insert)]);
            return new Decision<PaymentResult>(commit, new(PaymentOutcome.Credited, evt.InvoiceId, credit.BalanceAfter, null) { HeadAfter = commit.Head });
        }, ct);

        if (result.Outcome == PaymentOutcome.Credited) result = await target.FollowUpAsync(result, now, ct);
        Telemetry.BillingTelemetry.Payments.Add(1, new System.Diagnostics.TagList { { "provider", evt.Provider }, { "outcome", Json.Names.Of(result.Outcome) } });
        if (result.Outcome is PaymentOutcome.Credited or PaymentOutcome.AlreadyApplied or PaymentOutcome.Declined or PaymentOutcome.CheckoutClosed
            or PaymentOutcome.Refunded && result.Detail is null)
            log.LogInformation("Payment event {Provider}/{EventId} for {AccountId} invoice {InvoiceId}: {Outcome}", evt.Provider, evt.EventId, accountId, evt.InvoiceId, result.Outcome);
        else
            log.LogWarning("Payment event {Provider}/{EventId} for {AccountId} invoice {InvoiceId} NOT credited: {Outcome} ({Detail})",
                evt.Provider, evt.EventId, accountId, evt.InvoiceId, result.Outcome, result.Detail);
        return result;
    }

    /// <summary>
    /// B4: what an operator must look at. Money that arrived and was not credited, or a refund that names nothing of ours; a
    /// declined, closed or ignored event is no flag, nor an unknown invoice's event that brought no money.
    /// </summary>
    private static PaymentFlagKind? FlagOf(PaymentOutcome outcome, ProviderEvent evt) => outcome switch
    {
        PaymentOutcome.AmountMismatch => evt.Type == ProviderEventType.Refunded ? PaymentFlagKind.RefundMismatch : PaymentFlagKind.AmountMismatch,
        PaymentOutcome.DuplicatePayment => PaymentFlagKind.DuplicatePayment,
        PaymentOutcome.InvoiceNotPayable => PaymentFlagKind.InvoiceNotPayable,
        PaymentOutcome.UnknownInvoice when evt.Type == ProviderEventType.PaymentSucceeded => PaymentFlagKind.UnknownInvoice,
        PaymentOutcome.UnknownPayment => PaymentFlagKind.UnknownPayment,
        _ => null,
    };
}
