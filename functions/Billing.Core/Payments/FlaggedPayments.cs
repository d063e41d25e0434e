using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Audit;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Operators;
using Billing.Core.Storage;
using Billing.Core.Texts;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments;

/// <summary>A resolved flag, and the balance after it (changed only when the money was credited).</summary>
public sealed record FlagResolved(FlaggedPayment Flag, long Balance, long? LedgerSeq);

/// <summary>
/// B4, F11, P2: payments flagged for the operator. A flag lives on its provider event's record, in the account's partition
/// (<see cref="ProviderEventRecord.Flag"/>), so it is committed with the payment that raised it; the console's list of every
/// account's open flags follows pointers (<see cref="IOperatorIndex"/>) and reads each record, whose state decides. Resolving
/// is one unit of work: the record's resolution, the money when it is credited to the balance, and the audit entry.
/// </summary>
public sealed class FlaggedPayments(AccountUnitOfWork uow, IOperatorIndex index, CreditFollowUp followUp, TimeProvider clock, ILogger<FlaggedPayments> log)
{
    /// <summary>Pointers a page looks at at most (resolved flags whose pointer removal failed are skipped, not shown).</summary>
    public const int MaxScan = 1000;

    /// <summary>Flags a balance credit can close: money for the tenant's own invoice that arrived and was not credited.</summary>
    public static readonly IReadOnlySet<PaymentFlagKind> Creditable = new HashSet<PaymentFlagKind>
        { PaymentFlagKind.AmountMismatch, PaymentFlagKind.DuplicatePayment, PaymentFlagKind.InvoiceNotPayable, PaymentFlagKind.UnknownInvoice };

    /// <summary>Open flags of every account, newest first.</summary>
    public async Task<Page<FlaggedPayment>> ListOpenAsync(int pageSize, string? token, CancellationToken ct)
    {
        const string list = "flags/open";
        var position = PageTokens.Decode(AuditTrail.OperatorScope, list, token);
        if (position is not null && !index.IsFlagPosition(position)) throw PageTokens.Invalid();
        var items = new List<FlaggedPayment>();
        var scanned = 0;
        do
        {
            var page = await index.FlagsAsync(pageSize - items.Count, position, ct);
            var records = await Task.WhenAll(page.Items.Select(p => uow.Reader.GetAsync(p.AccountId, ProviderEventRecord.Ref(p.Provider, p.EventId), ct)));
            items.AddRange(page.Items.Zip(records).Where(x => x.Second?.Value.IsOpenFlag == true).Select(x => FlaggedPayment.Of(x.First.AccountId, x.Second!.Value)!));
            scanned += page.Items.Count;
            position = page.NextPosition;
        } while (position is not null && items.Count < pageSize && scanned < MaxScan);
        return new Page<FlaggedPayment>(items, position is null ? null : PageTokens.Encode(AuditTrail.OperatorScope, list, position));
    }

    /// <summary>One account's flags, open and resolved, newest first: its partition, so every flag is there (also those from before the console).</summary>
    public async Task<IReadOnlyList<FlaggedPayment>> ListAsync(string accountId, bool openOnly, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return (await uow.Reader.ListAsync(accountId, ProviderEventRecord.All, ct)
                .Where(r => r.FlagKind is not null && (!openOnly || r.Resolution is null)).ToListAsync(ct))
            .Select(r => FlaggedPayment.Of(accountId, r)!).OrderByDescending(f => f.ReceivedAt).ToList();
    }

    public async Task<FlaggedPayment> GetAsync(string flagId, CancellationToken ct) =>
        FlaggedPayment.Of(FlaggedPayment.Parse(flagId)!.Value.AccountId, (await FindAsync(flagId, ct)).Value)!;

    /// <summary>
    /// Closes an open flag. <see cref="FlagResolution.CreditedToBalance"/> posts the money that arrived as a <c>top_up</c> entry
    /// (its reference is the provider's event), for flags of the tenant's own invoices in its currency; anything else is 422
    /// <c>flag_not_creditable</c>. <see cref="FlagResolution.Dismissed"/> changes no money. A note (why) is required. A flag
    /// already closed the same way answers as it stands; closed another way, 409.
    /// </summary>
    public async Task<FlagResolved> ResolveAsync(string flagId, FlagResolution resolution, string? note, OperatorAct act, CancellationToken ct)
    {
        var why = OperatorAct.CheckReason(note, "note")
            ?? throw BillingException.Invalid("field_missing", "'note' is required: say why the flag is closed.", new Dictionary<string, string[]> { ["note"] = ["Required."] });
        var target = await FindAsync(flagId, ct);
        var accountId = FlaggedPayment.Parse(flagId)!.Value.AccountId;
        var now = clock.GetUtcNow();
        var (resolved, after, changed) = await uow.RunAsync(accountId, now, async head =>
        {
            var found = await uow.Reader.GetAsync(accountId, ProviderEventRecord.Ref(target.Value.Provider, target.Value.EventId), ct)
                ?? throw BillingException.NotFound("flagged_payment", flagId);
            var r = found.Value;
            var a = head.Value;
            var kind = r.FlagKind ?? throw BillingException.NotFound("flagged_payment", flagId);
            if (r.Resolution is { } done)
                return done == resolution
                    ? Decision<(FlagResolved, Account?, bool)>.NoChange((new(FlaggedPayment.Of(accountId, r)!, a.Balance, null), null, false))
                    : throw BillingException.Conflict("flag_already_resolved", $"The flag was already closed as {Json.Names.Of(done)}.");
            var rows = new List<RowOp>();
            LedgerPosting? posting = null;
            if (resolution == FlagResolution.CreditedToBalance)
            {
                var refusal = !Creditable.Contains(kind) ? Json.Names.Of(kind)
                    : CustomerBilling.CustomerInvoice.IsCustomerInvoiceId(r.InvoiceId) ? "a customer's payment belongs to the customer"
                    : r.Amount <= 0 ? "no money came with it"
                    : r.Currency != a.Currency ? $"paid in {r.Currency}, the account is billed in {a.Currency}"
                    : null;
                if (refusal is not null) throw BillingException.Refused("flag_not_creditable", a.Text(TextKeys.Operator.FlagNotCreditable, refusal));
                posting = new LedgerPosting(a);
                var key = ProviderEventRecord.KeyOf(r.Provider, r.EventId);
                posting.Post(now, LedgerKind.TopUp, r.Amount, a.Text(TextKeys.Operator.FlagCredited, r.EventId, r.Provider, why),
                    [new Ledger.BreakdownLine("flagged_payment", a.Text(TextKeys.Operator.FlagCredited, r.EventId, r.Provider, why), 1, r.Amount, r.Amount)],
                    r.InvoiceId is null ? null : "invoice:" + r.InvoiceId, key + "-resolved", r.EventId);
                rows.AddRange(posting.Inserts);
            }
            var seq = posting?.Entries[0].Seq;
            var closed = r with { Resolution = resolution, ResolvedAt = now, ResolvedBy = act.Actor.Display, ResolutionNote = why, LedgerSeq = seq ?? r.LedgerSeq };
            rows.Add(new RowOp(closed, RowWrite.Replace, found.ETag));
            var balance = posting?.Head.Balance ?? a.Balance;
            rows.Add(AuditTrail.Row(AuditEntry.New(act with { Reason = why }, AuditAction.FlaggedPaymentResolve, now, accountId, flagId,
                new JsonObject { ["flag"] = Json.Names.Of(kind), ["status"] = "open", ["balance"] = a.Balance },
                new JsonObject { ["resolution"] = Json.Names.Of(resolution), ["balance"] = balance, ["ledgerSeq"] = seq })));
            var commit = new AccountCommit(accountId, posting?.Head, posting is null ? null : head.ETag, rows);
            return new Decision<(FlagResolved, Account?, bool)>(commit, (new FlagResolved(FlaggedPayment.Of(accountId, closed)!, balance, seq), posting?.Head, true));
        }, ct);

        if (!changed) return resolved;
        log.LogInformation("Flag {FlagId} of {AccountId} closed as {Resolution} by {Who}: {Note}", flagId, accountId, resolution, act.Actor.Display, why);
        try { await index.RemoveFlagAsync(new FlagPointer(accountId, target.Value.Provider, target.Value.EventId, target.Value.ReceivedAt), ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The list reads each flag's record and skips closed ones: a pointer left behind is only a little more reading.
            log.LogWarning(e, "Pointer of closed flag {FlagId} not removed", flagId);
        }
        if (after is not null)
        {
            try { await followUp.AfterCreditAsync(after, now, "payment", ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Auto-pay after crediting flag {FlagId} of {AccountId} failed; the service job catches up", flagId, accountId);
            }
        }
        return resolved;
    }

    /// <summary>The record a flag id names: the account's provider events of that provider, matched by the event id's hash.</summary>
    private async Task<Versioned<ProviderEventRecord>> FindAsync(string flagId, CancellationToken ct)
    {
        if (FlaggedPayment.Parse(flagId) is not { } id) throw BillingException.NotFound("flagged_payment", flagId.Length > 64 ? flagId[..64] : flagId);
        _ = await uow.Reader.FindAsync(id.AccountId, ct) ?? throw BillingException.NotFound("flagged_payment", flagId);
        var record = await uow.Reader.ListAsync(id.AccountId, ProviderEventRecord.All, ct)
            .FirstOrDefaultAsync(r => r.Provider == id.Provider && Validation.Ids.Hash(r.EventId) == id.EventHash && r.FlagKind is not null, ct)
            ?? throw BillingException.NotFound("flagged_payment", flagId);
        return await uow.Reader.GetAsync(id.AccountId, ProviderEventRecord.Ref(record.Provider, record.EventId), ct)
            ?? throw BillingException.NotFound("flagged_payment", flagId);
    }
}
