using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;

namespace Billing.Core.Services;

/// <summary>
/// Services (C6) and their renewal (C7): subscribe, auto-renew on/off, cancel, the renewal invoice (one unpaid
/// at a time), and the daily step that renews from the balance, invoices, or expires after the grace period.
/// </summary>
public sealed class ServiceManager(AccountTransactions tx, ICatalogSource catalog, TimeProvider clock)
{
    public async Task<IReadOnlyList<Service>> ListAsync(string accountId, CancellationToken ct)
    {
        _ = await tx.Store.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var list = new List<Service>();
        await foreach (var s in tx.Store.ServicesAsync(accountId, ct)) list.Add(s);
        return list;
    }

    public async Task<Service> GetAsync(string accountId, string serviceId, CancellationToken ct) =>
        (await tx.Store.FindRowAsync<Service>(accountId, RowKeys.Service(Ids.Require(serviceId, "service")), ct) ?? throw BillingException.NotFound("service", serviceId)).Value;

    /// <summary>
    /// Subscribes a prepaid add-on, or (for a monthly_prepaid account) the plan. The first period is due at once: the
    /// renewal step pays it from the balance or invoices it.
    /// </summary>
    public async Task<Service> SubscribeAsync(string accountId, string itemId, bool autoRenew, CancellationToken ct)
    {
        await tx.RunAsync(accountId, async head =>
        {
            var a = head.Value;
            var cat = catalog.Current;
            var isPlan = cat.Plans.Any(p => p.Id == itemId);
            if (isPlan && (itemId != a.PlanId || a.BillingMode != BillingMode.MonthlyPrepaid))
                throw BillingException.Refused("plan_not_prepaid", "Only a monthly_prepaid account's own plan is a service; change plans through a plan change (C9).");
            if (!isPlan) cat.AddOn(Ids.Require(itemId, "add_on"));
            if (!isPlan && a.AddOns.Contains(itemId))
                throw BillingException.Conflict("add_on_billed_daily", $"{itemId} is already billed with the account's {Json.Names.Of(a.BillingMode)} charges.");
            if (a.State != AccountState.Active) throw BillingException.Conflict("account_not_active", "Services start once the account is active.");
            var kind = isPlan ? ServiceKind.Plan : ServiceKind.AddOn;
            var id = Service.IdFor(kind, itemId);
            var existing = await tx.Store.FindRowAsync<Service>(accountId, RowKeys.Service(id), ct);
            if (existing is { Value.State: not ServiceState.Cancelled and not ServiceState.Expired })
                return Decision<bool>.NoChange(false);
            var now = clock.GetUtcNow();
            var service = new Service
            {
                Id = id, Kind = kind, ItemId = itemId, Name = isPlan ? cat.Plan(itemId).Name : cat.AddOn(itemId).Name,
                Price = cat.MonthlyPrice(itemId, a.Currency, Math.Max(a.ReportedSeats, 1)), Currency = a.Currency,
                MaxSeats = isPlan ? cat.Plan(itemId).MaxSeats : null, PaidUntil = LocalCalendar.Today(now, a.TimeZone), AutoRenew = autoRenew, CreatedAt = now,
            };
            var write = existing is null ? new RowOp(service, RowWrite.Insert) : new RowOp(service, RowWrite.Replace, existing.ETag);
            return new Decision<bool>(new AccountCommit(accountId, null, null, [write]), true);
        }, ct);
        var id = Service.IdFor(catalog.Current.Plans.Any(p => p.Id == itemId) ? ServiceKind.Plan : ServiceKind.AddOn, itemId);
        await RenewDueAsync(accountId, id, ct);
        return await GetAsync(accountId, id, ct);
    }

    public Task<Service> SetAutoRenewAsync(string accountId, string serviceId, bool autoRenew, CancellationToken ct) =>
        Update(accountId, serviceId, s => s.State == ServiceState.Cancelled
            ? throw BillingException.Conflict("service_cancelled", "A cancelled service does not renew.")
            : s with { AutoRenew = autoRenew }, ct);

    public Task<Service> CancelAsync(string accountId, string serviceId, CancellationToken ct) =>
        Update(accountId, serviceId, s => s with { State = ServiceState.Cancelled, AutoRenew = false }, ct);

    private Task<Service> Update(string accountId, string serviceId, Func<Service, Service> change, CancellationToken ct) =>
        tx.RunAsync(accountId, async _ =>
        {
            var found = await tx.Store.FindRowAsync<Service>(accountId, RowKeys.Service(Ids.Require(serviceId, "service")), ct)
                ?? throw BillingException.NotFound("service", serviceId);
            var next = change(found.Value);
            return next == found.Value ? Decision<Service>.NoChange(next)
                : new Decision<Service>(new AccountCommit(accountId, null, null, [new RowOp(next, RowWrite.Replace, found.ETag)]), next);
        }, ct);

    /// <summary>The service's unpaid renewal invoice, or a new one (C6): never two for the same period.</summary>
    public Task<Invoice> RenewalInvoiceAsync(string accountId, string serviceId, CancellationToken ct) =>
        tx.RunAsync(accountId, async head =>
        {
            var found = await tx.Store.FindRowAsync<Service>(accountId, RowKeys.Service(Ids.Require(serviceId, "service")), ct)
                ?? throw BillingException.NotFound("service", serviceId);
            if (found.Value.State == ServiceState.Cancelled) throw BillingException.Conflict("service_cancelled", "A cancelled service has no renewal.");
            if (await UnpaidRenewalAsync(accountId, found.Value.Id, ct) is { } unpaid) return Decision<Invoice>.NoChange(unpaid.Value);
            var (invoice, next) = NewRenewalInvoice(head.Value, found.Value);
            return new Decision<Invoice>(new AccountCommit(accountId, next, head.ETag, [new RowOp(invoice, RowWrite.Insert)]), invoice);
        }, ct);

    private async Task<Versioned<Invoice>?> UnpaidRenewalAsync(string accountId, string serviceId, CancellationToken ct)
    {
        await foreach (var inv in tx.Store.InvoicesAsync(accountId, ct))
            if (inv.IsUnpaid && inv.Kind == InvoiceKind.Renewal && inv.Orders.Any(o => o.ServiceId == serviceId))
                return await tx.Store.FindRowAsync<Invoice>(accountId, inv.RowKey, ct);
        return null;
    }

    private (Invoice Invoice, Account Head) NewRenewalInvoice(Account a, Service s)
    {
        var cat = catalog.Current;
        var now = clock.GetUtcNow();
        var today = LocalCalendar.Today(now, a.TimeZone);
        var price = ServicePricing.NextPrice(s, a, cat);
        var kind = today < s.PaidUntil ? OrderKind.Prolongation : OrderKind.Renewal;
        var seq = a.InvoiceSeq + 1;
        var due = (s.PaidUntil > today ? s.PaidUntil : today).AddDays(cat.ServiceRules.GracePeriodDays);
        var invoice = new Invoice
        {
            // Named by the service and the period it renews, so a race or a retry finds the same invoice.
            Id = Ids.FromKey("inv", $"{a.Id}/renewal/{s.Id}/{RowKeys.Day(s.PaidUntil)}"), AccountId = a.Id, Number = Invoice.FormatNumber(seq),
            Kind = InvoiceKind.Renewal, Amount = price, Currency = a.Currency, CreatedAt = now, DueDate = due,
            Description = $"{s.Name}: one month from {RowKeys.Day(s.NextPeriodStart(today))}",
            Orders = [new InvoiceOrder(s.Id, kind, price, now)],
        };
        return (invoice, a with { InvoiceSeq = seq });
    }

    /// <summary>
    /// One service's daily step (C7): a period that ends is renewed from the balance when auto-renew is on and it
    /// covers the price (its renewal invoice, if any, becomes paid_from_balance, as C8 allows); otherwise it is
    /// invoiced and the service becomes payment_overdue, then expired once the grace period is over. The two C8
    /// account settings stop renewal from the balance as they stop auto-pay: such accounts pay by hand.
    /// </summary>
    public Task<string> RenewDueAsync(string accountId, string serviceId, CancellationToken ct) =>
        tx.RunAsync(accountId, async head =>
        {
            var a = head.Value;
            var found = await tx.Store.FindRowAsync<Service>(accountId, RowKeys.Service(serviceId), ct);
            if (found is null || a.State != AccountState.Active) return Decision<string>.NoChange("skipped");
            var s = found.Value;
            var cat = catalog.Current;
            var now = clock.GetUtcNow();
            var today = LocalCalendar.Today(now, a.TimeZone);
            if (s.State is ServiceState.Cancelled or ServiceState.Expired || s.PaidUntil > today) return Decision<string>.NoChange("not_due");

            var unpaid = await UnpaidRenewalAsync(accountId, s.Id, ct);
            var price = unpaid?.Value.Amount ?? ServicePricing.NextPrice(s, a, cat);
            if (unpaid is not null)
            {
                // An issued renewal invoice is paid only as C8 allows (settings, balance, order, grace).
                var decision = AutoPayPolicy.Evaluate(a, unpaid.Value, new Dictionary<string, Service> { [s.Id] = s }, today, cat.ServiceRules.GracePeriodDays);
                if (decision.Allowed)
                {
                    var (paying, rows, _) = InvoicePayment.Build(a, unpaid, new Dictionary<string, Versioned<Service>> { [s.Id] = found }, cat, now, null, "auto-renew", $"renew-{s.Id}-{RowKeys.Day(s.PaidUntil)}");
                    return new Decision<string>(new AccountCommit(accountId, paying.Head, head.ETag, [.. paying.Inserts, .. rows]), "renewed_invoice_paid");
                }
            }
            else if (s.AutoRenew && !a.MayWorkWithoutBalance && !a.InvoicesFromExternalSystem && a.Balance >= price)
            {
                var renewed = s.Extended(today, price);
                var posting = new LedgerPosting(a);
                posting.Post(now, LedgerKind.Charge, -price, $"{s.Name}: renewed until {RowKeys.Day(renewed.PaidUntil)}",
                    [new BreakdownLine("service:" + s.ItemId, $"{s.Name}, one month from {RowKeys.Day(renewed.PaidFrom!.Value)}", 1, price, price)],
                    "service:" + s.Id, $"renew-{s.Id}-{RowKeys.Day(s.PaidUntil)}");
                return new Decision<string>(new AccountCommit(accountId, posting.Head, head.ETag, [.. posting.Inserts, new RowOp(renewed, RowWrite.Replace, found.ETag)]), "renewed");
            }

            if (today >= s.PaidUntil.AddDays(cat.ServiceRules.GracePeriodDays))
            {
                var expired = s with { State = ServiceState.Expired, ExpiredOn = today };
                return new Decision<string>(new AccountCommit(accountId, null, null, [new RowOp(expired, RowWrite.Replace, found.ETag)]), "expired");
            }
            if (s.State == ServiceState.PaymentOverdue && unpaid is not null) return Decision<string>.NoChange("awaiting_payment");
            var overdue = s with { State = ServiceState.PaymentOverdue };
            var ops = new List<RowOp> { new(overdue, RowWrite.Replace, found.ETag) };
            var next = a;
            if (unpaid is null)
            {
                var (invoice, withSeq) = NewRenewalInvoice(a, s);
                ops.Add(new RowOp(invoice, RowWrite.Insert));
                next = withSeq;
            }
            return new Decision<string>(new AccountCommit(accountId, next, head.ETag, ops), "invoiced");
        }, ct);
}
