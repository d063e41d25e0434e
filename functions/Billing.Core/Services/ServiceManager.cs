using Billing.Core.Texts;
using Billing.Core.Notifications;
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
public sealed class ServiceManager(AccountUnitOfWork uow, ICatalogSource catalog, TimeProvider clock)
{
    private IAccountReader Reader => uow.Reader;

    public async Task<IReadOnlyList<Service>> ListAsync(string accountId, CancellationToken ct)
    {
        _ = await Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return await Reader.ListAsync(accountId, Service.All, ct).ToListAsync(ct);
    }

    public async Task<Service> GetAsync(string accountId, string serviceId, CancellationToken ct) =>
        (await Reader.GetAsync(accountId, Service.Ref(Ids.Require(serviceId, "service")), ct) ?? throw BillingException.NotFound("service", serviceId)).Value;

    /// <summary>
    /// Subscribes a prepaid add-on, or (for a monthly_prepaid account) the plan. The first period is due at once: the
    /// renewal step pays it from the balance or invoices it.
    /// </summary>
    public async Task<Service> SubscribeAsync(string accountId, string itemId, bool autoRenew, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cat = catalog.Current;
        var isPlan = cat.Plans.Any(p => p.Id == itemId);
        var id = Service.IdFor(isPlan ? ServiceKind.Plan : ServiceKind.AddOn, itemId);
        await uow.RunAsync(accountId, now, async head =>
        {
            var a = head.Value;
            if (isPlan && (itemId != a.PlanId || a.BillingMode != BillingMode.MonthlyPrepaid))
                throw BillingException.Refused("plan_not_prepaid", "Only a monthly_prepaid account's own plan is a service; change plans through a plan change (C9).");
            if (!isPlan) cat.AddOn(Ids.Require(itemId, "add_on"));
            if (!isPlan && a.AddOns.Contains(itemId))
                throw BillingException.Conflict("add_on_billed_daily", $"{itemId} is already billed with the account's {Json.Names.Of(a.BillingMode)} charges.");
            if (a.State != AccountState.Active) throw BillingException.Conflict("account_not_active", a.Text(TextKeys.Problem.AccountNotActive));
            var existing = await Reader.GetAsync(accountId, Service.Ref(id), ct);
            if (existing is { Value.State: not ServiceState.Cancelled and not ServiceState.Expired })
                return Decision<bool>.NoChange(false);
            var today = LocalCalendar.Today(now, a.TimeZone);
            var service = new Service
            {
                Id = id, Kind = isPlan ? ServiceKind.Plan : ServiceKind.AddOn, ItemId = itemId, Name = isPlan ? cat.Plan(itemId).Name : cat.AddOn(itemId).Name,
                Price = Charging.ChargePipeline.Period(a, cat, itemId, today).Total, Currency = a.Currency,
                MaxSeats = isPlan ? cat.Plan(itemId).MaxSeats : null, PaidUntil = today, AutoRenew = autoRenew, CreatedAt = now,
            };
            var write = existing is null ? new RowOp(service, RowWrite.Insert) : new RowOp(service, RowWrite.Replace, existing.ETag);
            return new Decision<bool>(AccountCommit.RowsOnly(accountId, write), true);
        }, ct);
        await RenewDueAsync(accountId, id, now, ct);
        return await GetAsync(accountId, id, ct);
    }

    public Task<Service> SetAutoRenewAsync(string accountId, string serviceId, bool autoRenew, CancellationToken ct) =>
        Update(accountId, serviceId, s => s.State == ServiceState.Cancelled
            ? throw BillingException.Conflict("service_cancelled", new Says(TextKeys.Problem.ServiceCancelled))
            : s with { AutoRenew = autoRenew }, ct);

    public Task<Service> CancelAsync(string accountId, string serviceId, CancellationToken ct) =>
        Update(accountId, serviceId, s => s with { State = ServiceState.Cancelled, AutoRenew = false }, ct);

    private Task<Service> Update(string accountId, string serviceId, Func<Service, Service> change, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = await Reader.GetAsync(accountId, Service.Ref(Ids.Require(serviceId, "service")), ct)
                ?? throw BillingException.NotFound("service", serviceId);
            var next = change(found.Value);
            return next == found.Value ? Decision<Service>.NoChange(next)
                : new Decision<Service>(AccountCommit.RowsOnly(accountId, new RowOp(next, RowWrite.Replace, found.ETag)), next);
        }, ct);

    /// <summary>The service's unpaid renewal invoice, or a new one (C6): never two for the same period.</summary>
    public Task<Invoice> RenewalInvoiceAsync(string accountId, string serviceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var found = await Reader.GetAsync(accountId, Service.Ref(Ids.Require(serviceId, "service")), ct)
                ?? throw BillingException.NotFound("service", serviceId);
            if (found.Value.State == ServiceState.Cancelled) throw BillingException.Conflict("service_cancelled", head.Value.Text(TextKeys.Problem.ServiceCancelled));
            if (await UnpaidRenewalAsync(accountId, found.Value.Id, ct) is { } unpaid) return Decision<Invoice>.NoChange(unpaid.Value);
            var (invoice, next) = NewRenewalInvoice(head.Value, found.Value, now);
            return new Decision<Invoice>(new AccountCommit(accountId, next, head.ETag, [new RowOp(invoice, RowWrite.Insert), .. Outbox.Rows(next, new InvoiceIssued(invoice), now)]), invoice);
        }, ct);
    }

    private async Task<Versioned<Invoice>?> UnpaidRenewalAsync(string accountId, string serviceId, CancellationToken ct)
    {
        await foreach (var inv in Reader.ListAsync(accountId, Invoice.All, ct))
            if (inv.IsUnpaid && inv.Kind == InvoiceKind.Renewal && inv.Orders.Any(o => o.ServiceId == serviceId))
                return await Reader.GetAsync(accountId, Invoice.Ref(inv.Id), ct);
        return null;
    }

    private (Invoice Invoice, Account Head) NewRenewalInvoice(Account a, Service s, DateTimeOffset at)
    {
        var cat = catalog.Current;
        var today = LocalCalendar.Today(at, a.TimeZone);
        var price = ServiceRenewal.NextPrice(a, s, cat, today);
        var kind = today < s.PaidUntil ? OrderKind.Prolongation : OrderKind.Renewal;
        var (head, number) = a.NextInvoiceNumber();
        var due = (s.PaidUntil > today ? s.PaidUntil : today).AddDays(cat.ServiceRules.GracePeriodDays);
        var invoice = new Invoice
        {
            // Named by the service and the period it renews, so a race or a retry finds the same invoice.
            Id = Ids.FromKey("inv", FormattableString.Invariant($"{a.Id}/renewal/{s.Id}/{s.PaidUntil:yyyy-MM-dd}")), AccountId = a.Id, Number = number,
            Kind = InvoiceKind.Renewal, Amount = price, Currency = a.Currency, CreatedAt = at, DueDate = due,
            Description = a.Text(Texts.TextKeys.Invoice.OneMonthFrom, s.Name, a.Date(s.NextPeriodStart(today))),
            Orders = [new InvoiceOrder(s.Id, kind, price, at)],
        };
        return (invoice, head);
    }

    /// <summary>
    /// One service's daily step (C7), as of <paramref name="at"/>: a period that ends is renewed from the balance when
    /// auto-renew is on and it covers the price (its renewal invoice, if any, becomes paid_from_balance, as C8 allows);
    /// otherwise it is invoiced and the service becomes payment_overdue, then expired once the grace period is over.
    /// The two C8 account settings stop renewal from the balance as they stop auto-pay: such accounts pay by hand.
    /// </summary>
    public Task<RenewalOutcome> RenewDueAsync(string accountId, string serviceId, DateTimeOffset at, CancellationToken ct) =>
        uow.RunAsync(accountId, at, async head =>
        {
            var a = head.Value;
            var found = await Reader.GetAsync(accountId, Service.Ref(serviceId), ct);
            if (found is null || a.State != AccountState.Active) return Decision<RenewalOutcome>.NoChange(RenewalOutcome.Skipped);
            var s = found.Value;
            var cat = catalog.Current;
            var today = LocalCalendar.Today(at, a.TimeZone);
            if (s.State is ServiceState.Cancelled or ServiceState.Expired || s.PaidUntil > today) return Decision<RenewalOutcome>.NoChange(RenewalOutcome.NotDue);

            var unpaid = await UnpaidRenewalAsync(accountId, s.Id, ct);
            var reference = FormattableString.Invariant($"renew-{s.Id}-{s.PaidUntil:yyyy-MM-dd}");
            if (unpaid is not null)
            {
                // An issued renewal invoice is paid only as C8 allows (settings, balance, order, grace).
                var decision = AutoPayPolicy.Evaluate(a, unpaid.Value, new Dictionary<string, Service> { [s.Id] = s }, today, cat.ServiceRules.GracePeriodDays);
                if (decision.Allowed)
                {
                    var (paying, rows, _) = InvoicePayment.Build(a, unpaid, new Dictionary<string, Versioned<Service>> { [s.Id] = found }, cat, at, null, "auto-renew", reference);
                    return new Decision<RenewalOutcome>(new AccountCommit(accountId, paying.Head, head.ETag, [.. paying.Inserts, .. rows]), RenewalOutcome.RenewedInvoicePaid);
                }
            }
            else if (s.AutoRenew && !a.MayWorkWithoutBalance && !a.InvoicesFromExternalSystem && ServiceRenewal.NextPrice(a, s, cat, today) is var price
                     && a.Balance >= price)
            {
                var (renewed, lines) = ServiceRenewal.Extend(a, s, cat, today, price);
                var posting = new LedgerPosting(a);
                posting.Post(at, LedgerKind.Charge, -renewed.Price, a.Text(Texts.TextKeys.Ledger.ServiceRenewed, s.Name, a.Date(renewed.PaidUntil)), lines, "service:" + s.Id, reference);
                return new Decision<RenewalOutcome>(new AccountCommit(accountId, posting.Head, head.ETag, [.. posting.Inserts, new RowOp(renewed, RowWrite.Replace, found.ETag)]),
                    RenewalOutcome.Renewed);
            }

            if (today >= s.PaidUntil.AddDays(cat.ServiceRules.GracePeriodDays))
            {
                var expired = s with { State = ServiceState.Expired, ExpiredOn = today };
                return new Decision<RenewalOutcome>(AccountCommit.RowsOnly(accountId, new RowOp(expired, RowWrite.Replace, found.ETag)), RenewalOutcome.Expired);
            }
            if (s.State == ServiceState.PaymentOverdue && unpaid is not null) return Decision<RenewalOutcome>.NoChange(RenewalOutcome.AwaitingPayment);
            var ops = new List<RowOp> { new(s with { State = ServiceState.PaymentOverdue }, RowWrite.Replace, found.ETag) };
            var next = a;
            if (unpaid is null)
            {
                var (invoice, withNumber) = NewRenewalInvoice(a, s, at);
                ops.Add(new RowOp(invoice, RowWrite.Insert));
                ops.AddRange(Outbox.Rows(withNumber, new InvoiceIssued(invoice), at));
                next = withNumber;
            }
            return new Decision<RenewalOutcome>(new AccountCommit(accountId, next, head.ETag, ops), RenewalOutcome.Invoiced);
        }, ct);
}
