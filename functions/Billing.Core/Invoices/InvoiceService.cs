using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Ledger;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Invoices;

public sealed record OrderRequest(string ServiceId, OrderKind Kind);

/// <summary>An invoice issued by another system (an ERP) or an operator: postpaid or prepaid, for services or not.</summary>
public sealed record ExternalInvoiceRequest(InvoiceKind Kind, long Amount, string Description, DateOnly DueDate, bool Prepaid, bool ExternalErp,
    IReadOnlyList<OrderRequest> Orders);

public sealed record AutoPayReport(IReadOnlyList<string> Paid, IReadOnlyList<string> Offered, IReadOnlyList<string> Skipped);

/// <summary>Invoices to the account (C10, B7, C8): list, cancel, pay from the balance, complete from the ERP, auto-pay.</summary>
public sealed class InvoiceService(AccountTransactions tx, ICatalogSource catalog, TimeProvider clock, ILogger<InvoiceService> log)
{
    public Task<Page<Invoice>> ListAsync(string accountId, InvoiceStatus? status, InvoiceKind? kind, int pageSize, string? token, CancellationToken ct) =>
        tx.Store.InvoicePageAsync(accountId, status, kind, pageSize, token, ct);

    public async Task<Versioned<Invoice>> GetAsync(string accountId, string invoiceId, CancellationToken ct) =>
        await tx.Store.FindRowAsync<Invoice>(accountId, RowKeys.Invoice(Ids.Require(invoiceId, "invoice")), ct)
        ?? throw BillingException.NotFound("invoice", invoiceId);

    /// <summary>Cancels an unpaid invoice (C10); a plan change's hold goes back to the balance (C9).</summary>
    public Task<Invoice> CancelAsync(string accountId, string invoiceId, string actor, CancellationToken ct) =>
        tx.RunAsync(accountId, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (inv.Status == InvoiceStatus.Cancelled) return Decision<Invoice>.NoChange(inv);
            if (!inv.IsUnpaid) throw BillingException.Conflict("invoice_not_cancellable", $"Invoice {inv.Number} is {Json.Names.Of(inv.Status)} and cannot be cancelled.");
            if (inv.ExternalErp) throw BillingException.Refused("erp_invoice", $"Invoice {inv.Number} is managed by the external ERP.");
            var now = clock.GetUtcNow();
            var posting = new LedgerPosting(head.Value);
            if (inv.PlanChange is { Held: > 0 } terms)
                posting.Post(now, LedgerKind.Release, terms.Held, $"Hold for {inv.Number} released: plan change cancelled", reference: "invoice:" + inv.Id, idempotencyKey: $"cancel-{inv.Id}-release");
            if (inv.Kind == InvoiceKind.PlanChange)
                posting.Replace(posting.Head with { Held = posting.Head.Held - (inv.PlanChange?.Held ?? 0), PendingPlanChange = null });
            var cancelled = inv with { Status = InvoiceStatus.Cancelled, CancelledAt = now, PaidBy = null, PaymentIssue = inv.PaymentIssue };
            var rows = posting.Inserts.Append(new RowOp(cancelled, RowWrite.Replace, found.ETag)).ToList();
            log.LogInformation("Invoice {Number} of {AccountId} cancelled by {Actor}", inv.Number, accountId, actor);
            return new Decision<Invoice>(new AccountCommit(accountId, posting.Head, head.ETag, rows), cancelled);
        }, ct);

    /// <summary>
    /// Pays an awaiting or overdue invoice from the balance (C10 for the payer; B7 for an operator). Never a top-up
    /// invoice, never an ERP invoice.
    /// </summary>
    public Task<Invoice> PayFromBalanceAsync(string accountId, string invoiceId, string paidBy, CancellationToken ct) =>
        tx.RunAsync(accountId, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (inv.Status == InvoiceStatus.PaidFromBalance && inv.PaidBy == paidBy) return Decision<Invoice>.NoChange(inv);
            if (inv.Kind == InvoiceKind.TopUp) throw BillingException.Refused("top_up_not_payable_from_balance", "A top-up invoice brings money in; it cannot be paid from the balance (B7).");
            if (inv.ExternalErp) throw BillingException.Refused("erp_invoice", $"Invoice {inv.Number} is completed by the external ERP only (B7).");
            return Pay(head, found, await InvoicePayment.LoadServicesAsync(tx.Store, accountId, InvoiceSettlement.ServiceIds(inv), ct), null, paidBy);
        }, ct);

    /// <summary>The ERP confirms its invoice was paid (B7): the only way such an invoice completes.</summary>
    public Task<Invoice> CompleteExternalAsync(string accountId, string invoiceId, string reference, CancellationToken ct) =>
        tx.RunAsync(accountId, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (!inv.ExternalErp) throw BillingException.Refused("not_erp_invoice", $"Invoice {inv.Number} was not issued by the ERP.");
            if (inv.Status == InvoiceStatus.Paid && inv.PaidBy == "erp:" + reference) return Decision<Invoice>.NoChange(inv);
            return Pay(head, found, await InvoicePayment.LoadServicesAsync(tx.Store, accountId, InvoiceSettlement.ServiceIds(inv), ct), "erp", "erp:" + reference);
        }, ct);

    private Decision<Invoice> Pay(Versioned<Account> head, Versioned<Invoice> invoice, IReadOnlyDictionary<string, Versioned<Service>> services,
        string? externalSource, string paidBy)
    {
        var (posting, rows, paid) = InvoicePayment.Build(head.Value, invoice, services, catalog.Current, clock.GetUtcNow(), externalSource, paidBy,
            $"pay-{invoice.Value.Id}");
        return new Decision<Invoice>(new AccountCommit(head.Value.Id, posting.Head, head.ETag, [.. posting.Inserts, .. rows]), paid);
    }

    public Task<Invoice> CreateExternalAsync(string accountId, ExternalInvoiceRequest request, string? idempotencyKey, CancellationToken ct)
    {
        if (request.Amount <= 0) throw BillingException.Invalid("amount_not_positive", "The amount must be a positive number of minor units.");
        if (request.Kind is InvoiceKind.TopUp or InvoiceKind.PlanChange)
            throw BillingException.Invalid("kind_invalid", "Only renewal and postpaid invoices are issued this way.");
        var invoiceId = idempotencyKey is null ? Ids.New("inv") : Ids.FromKey("inv", accountId + "/external/" + idempotencyKey);
        return tx.RunAsync(accountId, async head =>
        {
            if (await tx.Store.FindRowAsync<Invoice>(accountId, RowKeys.Invoice(invoiceId), ct) is { } existing) return Decision<Invoice>.NoChange(existing.Value);
            var services = await InvoicePayment.LoadServicesAsync(tx.Store, accountId, request.Orders.Select(o => o.ServiceId), ct);
            var missing = request.Orders.FirstOrDefault(o => !services.ContainsKey(o.ServiceId));
            if (missing is not null) throw BillingException.NotFound("service", missing.ServiceId);
            var now = clock.GetUtcNow();
            var orders = request.Orders.Select(o => new InvoiceOrder(o.ServiceId, o.Kind,
                request.Orders.Count == 1 ? request.Amount : services[o.ServiceId].Value.Price, now)).ToList();
            if (orders.Count > 1 && orders.Sum(o => o.Amount) != request.Amount)
                throw BillingException.Invalid("amount_mismatch", "A combined invoice's amount must equal the sum of its services' prices.");
            var seq = head.Value.InvoiceSeq + 1;
            var invoice = new Invoice
            {
                Id = invoiceId, AccountId = accountId, Number = Invoice.FormatNumber(seq), Kind = request.Kind, Amount = request.Amount,
                Currency = head.Value.Currency, Description = request.Description, CreatedAt = now, DueDate = request.DueDate,
                Prepaid = request.Prepaid, ExternalErp = request.ExternalErp, Orders = orders,
            };
            return new Decision<Invoice>(new AccountCommit(accountId, head.Value with { InvoiceSeq = seq }, head.ETag, [new RowOp(invoice, RowWrite.Insert)]), invoice);
        }, ct);
    }

    /// <summary>
    /// Pays, from the balance, the unpaid invoices C8 allows; <paramref name="dueOnly"/> restricts it to invoices at or
    /// past their due date (the job), otherwise any the balance covers (after a top-up, B5). The rest the balance
    /// covers are offered.
    /// </summary>
    /// <param name="head">The head just committed, when the caller has it: its unpaid list then costs no read.</param>
    public async Task<AutoPayReport> AutoPayAsync(string accountId, bool dueOnly, CancellationToken ct, Account? head = null)
    {
        var paid = new List<string>();
        var offered = new List<string>();
        var skipped = new List<string>();
        foreach (var id in await UnpaidIdsAsync(accountId, head, ct))
        {
            var (result, number, reason) = await tx.RunAsync(accountId, async head =>
            {
                var found = await tx.Store.FindRowAsync<Invoice>(accountId, RowKeys.Invoice(id), ct);
                if (found is null || !UnpaidInvoiceIndex.Tracks(found.Value)) return Decision<(string, string, string)>.NoChange(("gone", "", ""));
                var number = found.Value.Number;
                var today = LocalCalendar.Today(clock.GetUtcNow(), head.Value.TimeZone);
                if (dueOnly && found.Value.DueDate is { } due && due > today) return Decision<(string, string, string)>.NoChange(("not_due", number, ""));
                var services = await InvoicePayment.LoadServicesAsync(tx.Store, accountId, InvoiceSettlement.ServiceIds(found.Value), ct);
                var decision = AutoPayPolicy.Evaluate(head.Value, found.Value, services.ToDictionary(s => s.Key, s => s.Value.Value), today,
                    catalog.Current.ServiceRules.GracePeriodDays);
                if (!decision.Allowed)
                {
                    var offer = !found.Value.ExternalErp && head.Value.Balance >= found.Value.Amount;
                    return Decision<(string, string, string)>.NoChange((offer ? "offered" : "skipped", number, decision.Reason));
                }
                var pay = Pay(head, found, services, null, "auto-pay");
                return new Decision<(string, string, string)>(pay.Commit, ("paid", number, decision.Reason));
            }, ct);
            switch (result)
            {
                case "paid": paid.Add(number); break;
                case "offered": offered.Add($"{number}: {reason}"); break;
                case "skipped": skipped.Add($"{number}: {reason}"); break;
            }
        }
        if (paid.Count > 0) log.LogInformation("Auto-paid {Invoices} for {AccountId}", string.Join(", ", paid), accountId);
        return new AutoPayReport(paid, offered, skipped);
    }

    /// <summary>
    /// The ids of the unpaid invoices auto-pay may consider, in number order: the head's list, which gains each id as
    /// its invoice is created. An account stored before the list existed lists its invoices once and stores the list
    /// (If-Match: if the head moved meanwhile, a later run stores it). Each id is read again, in its transaction,
    /// before anything is done with it.
    /// </summary>
    private async Task<IReadOnlyList<string>> UnpaidIdsAsync(string accountId, Account? known, CancellationToken ct)
    {
        if (known?.UnpaidInvoices is { } listed) return listed;
        var head = await tx.Store.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return head.Value.UnpaidInvoices ?? await IndexUnpaidAsync(head, ct);
    }

    private async Task<IReadOnlyList<string>> IndexUnpaidAsync(Versioned<Account> head, CancellationToken ct)
    {
        var found = new List<Invoice>();
        await foreach (var inv in tx.Store.InvoicesAsync(head.Value.Id, ct))
            if (UnpaidInvoiceIndex.Tracks(inv)) found.Add(inv);
        List<string> ids = [.. found.OrderBy(i => i.Number, StringComparer.Ordinal).Select(i => i.Id)];
        try
        {
            await tx.Store.CommitAsync(new AccountCommit(head.Value.Id, head.Value with { UnpaidInvoices = ids }, head.ETag, []), ct);
            log.LogInformation("Indexed {Count} unpaid invoices on the head of {AccountId}", ids.Count, head.Value.Id);
        }
        catch (ConcurrencyException)
        {
            // The head moved since it was read (perhaps a new invoice): the list would be stale, so it waits for a later run.
        }
        return ids;
    }

    /// <summary>Awaiting invoices past their due date become overdue (C10).</summary>
    public async Task<int> MarkOverdueAsync(string accountId, CancellationToken ct)
    {
        var marked = 0;
        // Every invoice with a due date is one auto-pay may consider (top-ups have none), so the head's list holds them all.
        var unpaid = await Task.WhenAll((await UnpaidIdsAsync(accountId, null, ct))
            .Select(id => tx.Store.FindRowAsync<Invoice>(accountId, RowKeys.Invoice(id), ct)));
        var awaiting = unpaid.Where(r => r is { Value: { Status: InvoiceStatus.AwaitingPayment, DueDate: not null } }).Select(r => r!.Value.Id);
        foreach (var id in awaiting)
        {
            var changed = await tx.RunAsync(accountId, async head =>
            {
                var found = await GetAsync(accountId, id, ct);
                var today = LocalCalendar.Today(clock.GetUtcNow(), head.Value.TimeZone);
                if (found.Value.Status != InvoiceStatus.AwaitingPayment || found.Value.DueDate >= today) return Decision<bool>.NoChange(false);
                return new Decision<bool>(new AccountCommit(accountId, null, null,
                    [new RowOp(found.Value with { Status = InvoiceStatus.Overdue }, RowWrite.Replace, found.ETag)]), true);
            }, ct);
            if (changed) marked++;
        }
        return marked;
    }
}
