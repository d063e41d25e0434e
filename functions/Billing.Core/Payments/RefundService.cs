using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments;

public sealed record RefundAccepted(string PaymentId, string RefundId, long Amount, string Currency, string Status);

/// <summary>
/// Issue 15: an operator returns a provider payment in full or in part through the provider that took it. The amount is
/// reserved on the payment first (so two refunds cannot together exceed it), then asked of the provider; the ledger moves
/// only when the provider confirms (<see cref="RefundBooking"/>). A provider that refuses releases the reservation.
/// </summary>
public sealed class RefundService(AccountUnitOfWork uow, PaymentProviders providers, Audit.AuditTrail audit, TimeProvider clock, ILogger<RefundService> log)
{
    public IAsyncEnumerable<PaymentRecord> ListAsync(string accountId, CancellationToken ct) => uow.Reader.ListAsync(accountId, PaymentRecord.All, ct);

    /// <summary>
    /// P2: the refund's audit entry is written right after the provider took it: the reservation, the provider's call and
    /// (on a refusal) the release are not one commit, and a refused refund is no change to record.
    /// </summary>
    public async Task<RefundAccepted> StartAsync(string accountId, string paymentId, long amount, Audit.OperatorAct act, CancellationToken ct)
    {
        var reason = act.Reason ?? "";
        var operatorId = act.Actor.Display;
        if (amount <= 0) throw BillingException.Invalid("amount_invalid", "A refund's amount must be positive.");
        var reserved = await uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, PaymentRecord.Ref(paymentId), ct) ?? throw BillingException.NotFound("payment", paymentId);
            var p = found.Value;
            if (amount > p.Refundable)
                throw BillingException.Refused("refund_exceeds_payment",
                    $"Payment {paymentId} was {p.Amount} {p.Currency}; {p.Refunded} refunded and {p.Requested} asked: at most {p.Refundable} can still be refunded.");
            if (providers.Find(p.Provider) is { NamesRefundsByAmount: true } && p.RefundAmounts.Contains(amount))
                throw BillingException.Refused("refund_indistinguishable",
                    $"{p.Provider} names refunds by payment and amount: a second refund of {amount} {p.Currency} of payment {paymentId} could not be told from the first. Refund another amount.");
            var next = p with { Requested = p.Requested + amount, Refunds = p.Refunds + 1, RefundAmounts = [.. p.RefundAmounts, amount] };
            return new Decision<PaymentRecord>(AccountCommit.RowsOnly(accountId, new RowOp(next, RowWrite.Replace, found.ETag)), next);
        }, ct);
        var provider = providers.Find(reserved.Provider);
        try
        {
            if (provider is null) throw new ProviderCallException(reserved.Provider, "this deployment no longer has the provider that took the payment");
            // The key names this refund of the payment: a retried call is the same refund at the provider.
            var started = await provider.RefundAsync(new RefundRequest(reserved.ProviderPaymentId, new Money.Money(amount, reserved.Currency), reason,
                $"{paymentId}-refund-{reserved.Refunds}"), null, ct);
            log.LogInformation("Refund {RefundId} of {Amount} {Currency} asked of {Provider} for payment {PaymentId} of {AccountId} by {Operator}: {Reason}",
                started.RefundId, amount, reserved.Currency, reserved.Provider, paymentId, accountId, operatorId, reason);
            await audit.RecordAsync(Audit.AuditEntry.New(act, Audit.AuditAction.Refund, clock.GetUtcNow(), accountId, paymentId,
                new System.Text.Json.Nodes.JsonObject { ["refunded"] = reserved.Refunded, ["requested"] = reserved.Requested - amount },
                new System.Text.Json.Nodes.JsonObject
                {
                    ["refunded"] = reserved.Refunded, ["requested"] = reserved.Requested, ["amount"] = amount, ["currency"] = reserved.Currency,
                    ["refundId"] = started.RefundId, ["provider"] = reserved.Provider,
                }), ct);
            return new RefundAccepted(paymentId, started.RefundId, amount, reserved.Currency, "requested");
        }
        catch (ProviderCallException e)
        {
            await ReleaseAsync(accountId, paymentId, amount, ct);
            log.LogWarning("Refund of {Amount} for payment {PaymentId} of {AccountId} refused by {Provider}: {Error}", amount, paymentId, accountId, reserved.Provider, e.Message);
            throw BillingException.Refused("provider_refused", "The provider refused the refund: " + e.Message);
        }
    }

    private Task<bool> ReleaseAsync(string accountId, string paymentId, long amount, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = (await uow.Reader.GetAsync(accountId, PaymentRecord.Ref(paymentId), ct))!;
            var asked = found.Value.RefundAmounts.ToList();
            asked.Remove(amount);
            var next = found.Value with { Requested = Math.Max(0, found.Value.Requested - amount), RefundAmounts = asked };
            return new Decision<bool>(AccountCommit.RowsOnly(accountId, new RowOp(next, RowWrite.Replace, found.ETag)), true);
        }, ct);
}
