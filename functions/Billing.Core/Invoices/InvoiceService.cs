using Billing.Core.Texts;
using Billing.Core.Notifications;
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

/// <summary>
/// An invoice issued by another system (an ERP) or an operator: postpaid or prepaid, for services or not. An order's
/// amount is its service's price for the next period unless <see cref="MaySetAmount"/> (operators only), and then the
/// invoice records <see cref="IssuedBy"/> as who set it.
/// </summary>
public sealed record ExternalInvoiceRequest(InvoiceKind Kind, long Amount, string Description, DateOnly DueDate, bool Prepaid, bool ExternalErp,
    IReadOnlyList<OrderRequest> Orders, string IssuedBy = "erp", bool MaySetAmount = false);

/// <summary>Invoices to the account (C10, B7, C8): list, cancel, pay from the balance, complete from the ERP, auto-pay.</summary>
public sealed class InvoiceService(AccountUnitOfWork uow, ICatalogSource catalog, TimeProvider clock, ILogger<InvoiceService> log)
{
    private IAccountReader Reader => uow.Reader;

    /// <summary>
    /// C10: newest first by number, paged by the number of the last invoice shown, so invoices issued meanwhile never
    /// shift a page. (Rows are keyed by id for point reads; an account's invoices are few enough to order in memory.)
    /// </summary>
    public async Task<Page<Invoice>> ListAsync(string accountId, InvoiceStatus? status, InvoiceKind? kind, int pageSize, string? token, CancellationToken ct)
    {
        var after = PageTokens.Decode(accountId, "invoices", token);
        if (after is not null && !Invoice.IsNumber(after)) throw PageTokens.Invalid();
        var matching = await Reader.ListAsync(accountId, Invoice.All, ct)
            .Where(i => (status is null || i.Status == status) && (kind is null || i.Kind == kind)
                && (after is null || Invoice.CompareNumbers(i.Number, after) < 0))
            .ToListAsync(ct);
        var page = matching.OrderByDescending(i => i.Number, Invoice.NumberOrder).Take(pageSize + 1).ToList();
        return page.Count > pageSize
            ? new Page<Invoice>(page[..pageSize], PageTokens.Encode(accountId, "invoices", page[pageSize - 1].Number))
            : new Page<Invoice>(page, null);
    }

    public async Task<Versioned<Invoice>> GetAsync(string accountId, string invoiceId, CancellationToken ct) =>
        await Reader.GetAsync(accountId, Invoice.Ref(Ids.Require(invoiceId, "invoice")), ct)
        ?? throw BillingException.NotFound("invoice", invoiceId);

    /// <summary>Cancels an unpaid invoice (C10); a plan change's hold goes back to the balance (C9).</summary>
    public Task<Invoice> CancelAsync(string accountId, string invoiceId, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (inv.Status == InvoiceStatus.Cancelled) return Decision<Invoice>.NoChange(inv);
            if (!inv.IsUnpaid) throw BillingException.Conflict("invoice_not_cancellable", head.Value.Text(TextKeys.Problem.InvoiceNotCancellable, inv.Number));
            if (inv.ExternalErp) throw BillingException.Refused("erp_invoice", head.Value.Text(TextKeys.Problem.ErpInvoice, inv.Number));
            var posting = new LedgerPosting(head.Value);
            if (inv.Kind == InvoiceKind.PlanChange) PlanChange.PlanSwitch.ReleaseHold(posting, inv, now, $"cancel-{inv.Id}-release", Texts.TextKeys.Ledger.HoldReleasedCancelled);
            var cancelled = inv with { Status = InvoiceStatus.Cancelled, CancelledAt = now, PaidBy = null };
            var rows = posting.Inserts.Append(new RowOp(cancelled, RowWrite.Replace, found.ETag)).ToList();
            log.LogInformation("Invoice {Number} of {AccountId} cancelled by {Actor}", inv.Number, accountId, actor);
            return new Decision<Invoice>(new AccountCommit(accountId, posting.Head, head.ETag, rows), cancelled);
        }, ct);
    }

    /// <summary>
    /// Pays an awaiting or overdue invoice from the balance (C10 for the payer; B7 for an operator). Never a top-up
    /// invoice, never an ERP invoice.
    /// </summary>
    public Task<Invoice> PayFromBalanceAsync(string accountId, string invoiceId, string paidBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (AlreadyPaidFromBalance(head.Value, inv, paidBy)) return Decision<Invoice>.NoChange(inv);
            return Pay(head, found, await InvoicePayment.LoadServicesAsync(Reader, accountId, InvoiceSettlement.ServiceIds(inv), ct), null, paidBy, now);
        }, ct);
    }

    /// <summary>
    /// Whether this payer already paid the invoice from the balance (a repeat changes nothing); a top-up or ERP invoice is
    /// never paid from the balance, by anyone.
    /// </summary>
    private static bool AlreadyPaidFromBalance(Account a, Invoice inv, string paidBy)
    {
        if (inv.Status == InvoiceStatus.PaidFromBalance && inv.PaidBy == paidBy) return true;
        if (inv.Kind == InvoiceKind.TopUp) throw BillingException.Refused("top_up_not_payable_from_balance", a.Text(TextKeys.Problem.TopUpNotPayableFromBalance));
        if (inv.ExternalErp) throw BillingException.Refused("erp_invoice", a.Text(TextKeys.Problem.ErpInvoice, inv.Number));
        return false;
    }

    /// <summary>
    /// B7, P2: an operator completes an awaiting or overdue invoice from the balance, under the payer's rules. One unit of
    /// work: the payment and its audit entry commit together (AuditTrail). A repeat finds it completed by the same operator,
    /// changes nothing and records nothing.
    /// </summary>
    public Task<Invoice> CompleteByOperatorAsync(string accountId, string invoiceId, Audit.OperatorAct act, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var paidBy = "operator:" + act.Actor.Display;
        return uow.RunAsync(accountId, now, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (AlreadyPaidFromBalance(head.Value, inv, paidBy)) return Decision<Invoice>.NoChange(inv);
            var (posting, rows, paid) = InvoicePayment.Build(head.Value, found,
                await InvoicePayment.LoadServicesAsync(Reader, accountId, InvoiceSettlement.ServiceIds(inv), ct), catalog.Current, now, null, paidBy, $"pay-{inv.Id}");
            var audit = Audit.AuditEntry.New(act, Audit.AuditAction.InvoiceCompletion, now, accountId, inv.Id,
                new System.Text.Json.Nodes.JsonObject { ["status"] = Json.Names.Of(inv.Status), ["balance"] = head.Value.Balance },
                new System.Text.Json.Nodes.JsonObject { ["status"] = Json.Names.Of(paid.Status), ["balance"] = posting.Head.Balance, ["number"] = inv.Number, ["amount"] = inv.Amount });
            return new Decision<Invoice>(new AccountCommit(accountId, posting.Head, head.ETag, [.. posting.Inserts, .. rows, Audit.AuditTrail.Row(audit)]), paid);
        }, ct);
    }

    /// <summary>The ERP confirms its invoice was paid (B7): the only way such an invoice completes.</summary>
    public Task<Invoice> CompleteExternalAsync(string accountId, string invoiceId, string reference, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var found = await GetAsync(accountId, invoiceId, ct);
            var inv = found.Value;
            if (!inv.ExternalErp) throw BillingException.Refused("not_erp_invoice", $"Invoice {inv.Number} was not issued by the ERP.");
            if (inv.Status == InvoiceStatus.Paid && inv.PaidBy == "erp:" + reference) return Decision<Invoice>.NoChange(inv);
            return Pay(head, found, await InvoicePayment.LoadServicesAsync(Reader, accountId, InvoiceSettlement.ServiceIds(inv), ct), new ExternalPayment(ExternalPayment.Erp, reference), "erp:" + reference, now);
        }, ct);
    }

    private Decision<Invoice> Pay(Versioned<Account> head, Versioned<Invoice> invoice, IReadOnlyDictionary<string, Versioned<Service>> services,
        ExternalPayment? external, string paidBy, DateTimeOffset at)
    {
        var (posting, rows, paid) = InvoicePayment.Build(head.Value, invoice, services, catalog.Current, at, external, paidBy, $"pay-{invoice.Value.Id}");
        return new Decision<Invoice>(new AccountCommit(head.Value.Id, posting.Head, head.ETag, [.. posting.Inserts, .. rows]), paid);
    }

    public Task<Invoice> CreateExternalAsync(string accountId, ExternalInvoiceRequest request, string? idempotencyKey, CancellationToken ct)
    {
        if (request.Amount <= 0) throw BillingException.Invalid("amount_not_positive", "The amount must be a positive number of minor units.");
        if (request.Kind is InvoiceKind.TopUp or InvoiceKind.PlanChange)
            throw BillingException.Invalid("kind_invalid", "Only renewal and postpaid invoices are issued this way.");
        var invoiceId = idempotencyKey is null ? Ids.New("inv") : Ids.FromKey("inv", accountId + "/external/" + idempotencyKey);
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            if (await Reader.GetAsync(accountId, Invoice.Ref(invoiceId), ct) is { } existing) return Decision<Invoice>.NoChange(existing.Value);
            var a = head.Value;
            var services = await InvoicePayment.LoadServicesAsync(Reader, accountId, request.Orders.Select(o => o.ServiceId), ct);
            var missing = request.Orders.FirstOrDefault(o => !services.ContainsKey(o.ServiceId));
            if (missing is not null) throw BillingException.NotFound("service", missing.ServiceId);
            var today = LocalCalendar.Today(now, a.TimeZone);
            var prices = request.Orders.ToDictionary(o => o.ServiceId, o => ServiceRenewal.NextPrice(a, services[o.ServiceId].Value, catalog.Current, today));
            var priced = prices.Values.Sum();
            var amountSetBy = request.Orders.Count == 0 || priced == request.Amount ? null
                : request.MaySetAmount ? request.IssuedBy
                : throw BillingException.Refused("amount_not_service_price",
                    $"An invoice for services costs their price for the next period ({a.Money(priced)}); only an operator may issue another amount.");
            var orders = request.Orders.Select(o => new InvoiceOrder(o.ServiceId, o.Kind, request.Orders.Count == 1 ? request.Amount : prices[o.ServiceId], now)).ToList();
            if (orders.Count > 1 && orders.Sum(o => o.Amount) != request.Amount)
                throw BillingException.Invalid("amount_mismatch", "A combined invoice's amount must equal the sum of its services' prices.");
            var (next, number) = a.NextInvoiceNumber();
            var invoice = new Invoice
            {
                Id = invoiceId, AccountId = accountId, Number = number, Kind = request.Kind, Amount = request.Amount,
                Currency = a.Currency, Description = request.Description, CreatedAt = now, DueDate = request.DueDate, CreatedBy = request.IssuedBy,
                Prepaid = request.Prepaid, ExternalErp = request.ExternalErp, Orders = orders, AmountSetBy = amountSetBy,
            };
            if (amountSetBy is not null)
                log.LogWarning("Invoice {Number} of {AccountId} issued for {Amount} by {IssuedBy}, not the services' price {Price}", number, accountId,
                    request.Amount, amountSetBy, priced);
            return new Decision<Invoice>(new AccountCommit(accountId, next, head.ETag, [new RowOp(invoice, RowWrite.Insert), .. Outbox.Rows(next, new InvoiceIssued(invoice), now)]), invoice);
        }, ct);
    }

    /// <summary>
    /// Pays, from the balance, the unpaid invoices C8 allows as of <paramref name="at"/> and whose moment has come (at or
    /// past their due date): the daily job, and after a payment (B5). The rest the balance covers are offered.
    /// </summary>
    /// <param name="head">The head just committed, when the caller has it: its unpaid list then costs no read.</param>
    public async Task<AutoPayReport> AutoPayAsync(string accountId, DateTimeOffset at, CancellationToken ct, Account? head = null)
    {
        var lines = new List<AutoPayLine>();
        foreach (var id in await UnpaidIdsAsync(accountId, head, at, ct))
            lines.Add(await uow.RunAsync(accountId, at, h => AutoPayOneAsync(h, id, at, ct), ct));
        var paid = lines.Where(l => l.Outcome == AutoPayOutcome.Paid).Select(l => l.Number).ToList();
        if (paid.Count > 0) log.LogInformation("Auto-paid {Invoices} for {AccountId}", string.Join(", ", paid), accountId);
        return new AutoPayReport(lines.Where(l => l.Outcome is not (AutoPayOutcome.Gone or AutoPayOutcome.NotDue)).ToList());
    }

    private async Task<Decision<AutoPayLine>> AutoPayOneAsync(Versioned<Account> head, string id, DateTimeOffset at, CancellationToken ct)
    {
        var found = await Reader.GetAsync(head.Value.Id, Invoice.Ref(id), ct);
        if (found is null || !UnpaidInvoiceIndex.Tracks(found.Value)) return Decision<AutoPayLine>.NoChange(new(id, "", AutoPayOutcome.Gone, ""));
        var inv = found.Value;
        var today = LocalCalendar.Today(at, head.Value.TimeZone);
        var services = await InvoicePayment.LoadServicesAsync(Reader, head.Value.Id, InvoiceSettlement.ServiceIds(inv), ct);
        // C8: auto-pay waits for the invoice's moment; until then an invoice the balance covers is offered (B5).
        if (AutoPayPolicy.Moment(inv, services.ToDictionary(s => s.Key, s => s.Value.Value)) is { } moment && moment > today)
            return Decision<AutoPayLine>.NoChange(new(id, inv.Number,
                AutoPayPolicy.PayableFromBalance(head.Value, inv) ? AutoPayOutcome.Offered : AutoPayOutcome.NotDue,
                FormattableString.Invariant($"auto-pay waits for {moment:yyyy-MM-dd}"), inv.Amount));
        var decision = AutoPayPolicy.Evaluate(head.Value, inv, services.ToDictionary(s => s.Key, s => s.Value.Value), today,
            catalog.Current.ServiceRules.GracePeriodDays);
        if (!decision.Allowed)
        {
            var offer = AutoPayPolicy.PayableFromBalance(head.Value, inv);
            return Decision<AutoPayLine>.NoChange(new(id, inv.Number, offer ? AutoPayOutcome.Offered : AutoPayOutcome.Skipped, decision.Reason, inv.Amount));
        }
        var pay = Pay(head, found, services, null, "auto-pay", at);
        return new Decision<AutoPayLine>(pay.Commit, new(id, inv.Number, AutoPayOutcome.Paid, decision.Reason, inv.Amount));
    }

    /// <summary>
    /// The ids of the unpaid invoices auto-pay may consider, in number order: the head's list, which gains each id as
    /// its invoice is created. An account stored before the list existed lists its invoices once and stores the list
    /// (If-Match: if the head moved meanwhile, a later run stores it). Each id is read again, in its transaction,
    /// before anything is done with it.
    /// </summary>
    private async Task<IReadOnlyList<string>> UnpaidIdsAsync(string accountId, Account? known, DateTimeOffset at, CancellationToken ct)
    {
        if (known?.UnpaidInvoices is { } listed) return listed;
        return await uow.RunAsync(accountId, at, async head =>
        {
            if (head.Value.UnpaidInvoices is { } ids) return Decision<IReadOnlyList<string>>.NoChange(ids);
            List<string> found = [.. (await Reader.ListAsync(accountId, Invoice.All, ct).Where(UnpaidInvoiceIndex.Tracks).ToListAsync(ct))
                .OrderBy(i => i.Number, StringComparer.Ordinal).Select(i => i.Id)];
            log.LogInformation("Indexing {Count} unpaid invoices on the head of {AccountId}", found.Count, accountId);
            return new Decision<IReadOnlyList<string>>(new AccountCommit(accountId, head.Value with { UnpaidInvoices = found }, head.ETag, []), found);
        }, ct);
    }

    /// <summary>Awaiting invoices past their due date as of <paramref name="at"/> become overdue (C10).</summary>
    public async Task<int> MarkOverdueAsync(string accountId, DateTimeOffset at, CancellationToken ct)
    {
        var head = (await Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;
        var today = LocalCalendar.Today(at, head.TimeZone);
        bool PastDue(Versioned<Invoice>? r) => r is { Value: { Status: InvoiceStatus.AwaitingPayment, DueDate: { } due } } && due < today;
        // Every invoice with a due date is one auto-pay may consider (top-ups have none), so the head's list holds them all.
        var unpaid = await Task.WhenAll((await UnpaidIdsAsync(accountId, head, at, ct)).Select(id => Reader.GetAsync(accountId, Invoice.Ref(id), ct)));
        var marked = 0;
        foreach (var id in unpaid.Where(PastDue).Select(r => r!.Value.Id))
        {
            var changed = await uow.RunRowsAsync(accountId, async () =>
            {
                var found = await Reader.GetAsync(accountId, Invoice.Ref(id), ct);
                return PastDue(found)
                    ? new Decision<bool>(AccountCommit.RowsOnly(accountId, new RowOp(found!.Value with { Status = InvoiceStatus.Overdue }, RowWrite.Replace, found.ETag)), true)
                    : Decision<bool>.NoChange(false);
            }, ct);
            if (changed) marked++;
        }
        return marked;
    }
}
