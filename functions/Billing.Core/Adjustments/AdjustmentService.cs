using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Audit;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Money;
using Billing.Core.Storage;
using Billing.Core.Texts;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Adjustments;

/// <summary>
/// P2, A2: an operator corrects an account's balance with a reason. One unit of work posts the <c>adjustment</c> entry (the
/// reason is its description), inserts the <see cref="Adjustment"/> row named by the key and the audit entry. Rules:
/// <list type="bullet">
/// <item>the amount is non-zero and within <c>Money:MaxAmountMinor</c> either way, in the account's currency; a sum that would
///   overflow is refused before anything is written;</item>
/// <item>a negative adjustment takes back at most what the balance holds: it may bring the balance to zero, never below. Debt
///   comes only from charges and invoices, which explain themselves; a hand-made debt would restrict the account (D2, D3)
///   for a number no charge explains, so money owed beyond the balance is invoiced instead;</item>
/// <item>a deleted or purged account takes none (restore it first, E3);</item>
/// <item>the same key books once: a repeat asking the same answers the first adjustment, one asking otherwise is refused.</item>
/// </list>
/// Afterwards a balance change has its consequences like any other: restrictions follow (the balance handler, D5) and, when
/// money was added, auto-pay and the end of a deletion candidacy run as after a payment (<see cref="CreditFollowUp"/>).
/// </summary>
public sealed class AdjustmentService(AccountUnitOfWork uow, CreditFollowUp followUp, MoneyOptions money, TimeProvider clock, ILogger<AdjustmentService> log)
{
    public async Task<AdjustmentResult> AdjustAsync(string accountId, AdjustmentRequest request, OperatorAct act, CancellationToken ct)
    {
        money.Require(request.Amount, "amount", AmountSign.NonZero);
        if (!Currency.TryGet(request.Currency, out _)) throw BillingException.Invalid("currency_unknown", $"Unknown currency '{request.Currency}'.");
        var reason = OperatorAct.CheckReason(request.Reason)
            ?? throw BillingException.Invalid("field_missing", "'reason' is required.", new Dictionary<string, string[]> { ["reason"] = ["Required."] });
        var key = request.IdempotencyKey ?? Ids.New("adjkey");
        Idempotency.IdempotencyService.ValidateKey(key);
        var asked = request with { Reason = reason, IdempotencyKey = key };
        var now = clock.GetUtcNow();

        var result = await uow.RunAsync(accountId, now, async head =>
        {
            var a = head.Value;
            if (await uow.Reader.GetAsync(accountId, Adjustment.Ref(key), ct) is { } earlier)
                return earlier.Value.Matches(asked) ? Decision<(AdjustmentResult, Account?)>.NoChange((new(earlier.Value, true), null))
                    : throw BillingException.Refused("idempotency_key_reused", "This idempotency key was used for another adjustment.");
            if (a.State is AccountState.Deleted or AccountState.Purged)
                throw BillingException.Conflict("account_deleted", a.Text(TextKeys.Operator.AdjustmentAccountDeleted, a.Text(TextKeys.State.Of(Json.Names.Of(a.State)))));
            if (asked.Currency != a.Currency)
                throw BillingException.Invalid("currency_mismatch", $"The account is billed in {a.Currency}, not {asked.Currency} (A1).");
            if (asked.Amount < 0 && checked(a.Balance + asked.Amount) < 0)
                throw BillingException.Refused("adjustment_below_zero", a.Text(TextKeys.Operator.AdjustmentBelowZero, a.Money(-asked.Amount), a.Money(a.Balance)));

            var id = Ids.FromKey("adj", accountId + "/" + key);
            var posting = new LedgerPosting(a);
            var entry = posting.Post(now, LedgerKind.Adjustment, asked.Amount, a.Text(TextKeys.Operator.AdjustmentEntry, reason),
                [new BreakdownLine("adjustment", reason, 1, asked.Amount, asked.Amount)], "adjustment:" + id, "adjustment/" + Ids.Hash(key));
            var adjustment = new Adjustment
            {
                Id = id, Key = key, Amount = asked.Amount, Currency = a.Currency, Reason = reason, LedgerSeq = entry.Seq, BalanceAfter = entry.BalanceAfter,
                At = now, By = act.Actor.Display,
            };
            var audit = AuditEntry.New(act with { Reason = reason, IdempotencyKey = key }, AuditAction.Adjustment, now, accountId, id,
                new JsonObject { ["balance"] = a.Balance },
                new JsonObject { ["balance"] = entry.BalanceAfter, ["amount"] = asked.Amount, ["currency"] = a.Currency, ["ledgerSeq"] = entry.Seq });
            return new Decision<(AdjustmentResult, Account?)>(
                new AccountCommit(accountId, posting.Head, head.ETag, [.. posting.Inserts, new RowOp(adjustment, RowWrite.Insert), AuditTrail.Row(audit)]),
                (new AdjustmentResult(adjustment, false), posting.Head));
        }, ct);

        var (done, after) = result;
        if (done.Repeated) return done;
        log.LogInformation("Adjustment {Id} of {Amount} {Currency} on {AccountId} by {Who}: {Reason}", done.Adjustment.Id, done.Adjustment.Amount,
            done.Adjustment.Currency, accountId, act.Actor.Display, reason);
        if (done.Adjustment.Amount > 0)
        {
            // The adjustment stands whatever auto-pay meets; the service job pays what is due on its next run.
            try { await followUp.AfterCreditAsync(after!, now, "adjustment", ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Auto-pay after adjustment {Id} of {AccountId} failed; the service job catches up", done.Adjustment.Id, accountId);
            }
        }
        return done;
    }

    /// <summary>An account's adjustments, newest first (the ledger holds them too, as <c>adjustment</c> entries).</summary>
    public async Task<IReadOnlyList<Adjustment>> ListAsync(string accountId, CancellationToken ct) =>
        (await uow.Reader.ListAsync(accountId, Adjustment.All, ct).ToListAsync(ct)).OrderByDescending(x => x.LedgerSeq).ToList();
}
