using Billing.Core.Texts;
using Billing.Core.Notifications;
using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;

namespace Billing.Core.PlanChange;

/// <summary>A plan as the list shows it (C9): the current one marked, those the account cannot switch to with the reason why.</summary>
public sealed record PlanOption(string Id, string Name, BillingMode BillingMode, int MaxSeats, long MonthlyPrice, bool Current, bool Available,
    PlanUnavailable? Reason, string? ReasonText);

/// <summary>
/// C9 quote: the new plan's full price for a period minus the credit for the unused days of the paid period.
/// <see cref="Missing"/> &gt; 0 means an invoice for it, with the free balance held meanwhile.
/// </summary>
public sealed record PlanChangeQuote(string FromPlanId, string ToPlanId, long FullPrice, long Credit, int UnusedDays, long Cost,
    long Balance, long Missing, string Currency, string Explanation);

/// <summary>What a committed plan change did (C9): switched at once, or issued an invoice for the missing amount.</summary>
public enum PlanChangeOutcome { Changed, InvoiceIssued }

public sealed record PlanChangeResult(PlanChangeOutcome Outcome, PlanChangeQuote Quote, Invoice? Invoice, Account Account);

/// <summary>Plan list, quote and commit (C9). Prepaid plans are settled at once; daily and postpaid plans switch with no upfront cost.</summary>
public sealed class PlanChangeService(AccountUnitOfWork uow, ICatalogSource catalog, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanOption>> PlansAsync(string accountId, CancellationToken ct)
    {
        var a = (await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;
        var seats = a.Charging.SeatsInUse;
        var current = catalog.Current.Plan(a.PlanId);
        PlanOption Option(Plan p)
        {
            var reason = PlanAvailability.Check(a, current, p);
            return new PlanOption(p.Id, p.Name, p.BillingMode, p.MaxSeats, p.TierFor(seats).Tier.Monthly.For(a.Currency, p.Id), p.Id == a.PlanId,
                reason is null, reason, reason is { } r ? PlanAvailability.Explain(a, r, p) : null);
        }
        return catalog.Current.Plans.Select(Option).ToList();
    }

    public async Task<PlanChangeQuote> QuoteAsync(string accountId, string planId, CancellationToken ct)
    {
        var a = (await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;
        var service = await uow.Reader.GetAsync(accountId, Service.Ref(Service.PlanServiceId), ct);
        return Quote(a, service?.Value, planId, clock.GetUtcNow());
    }

    private PlanChangeQuote Quote(Account a, Service? planService, string planId, DateTimeOffset at)
    {
        var cat = catalog.Current;
        var from = cat.Plan(a.PlanId);
        var to = cat.Plan(Ids.Require(planId, "plan"));
        if (PlanAvailability.Check(a, from, to) is { } unavailable) throw PlanAvailability.Refusal(a, unavailable, to);
        var today = LocalCalendar.Today(at, a.TimeZone);
        if (from.BillingMode != BillingMode.MonthlyPrepaid || planService is null)
            return new PlanChangeQuote(from.Id, to.Id, 0, 0, 0, 0, a.Balance, 0, a.Currency,
                a.Text(Texts.TextKeys.Quote.SameMode, to.Name));

        var full = Charging.ChargePipeline.Period(a, cat, to.Id, today).Total;
        var unused = planService.State == ServiceState.Active ? Math.Max(0, planService.PaidUntil.DayNumber - today.DayNumber) : 0;
        var credit = unused == 0 ? 0 : (long)((Int128)planService.Price * Math.Min(unused, planService.PeriodDays) / planService.PeriodDays);
        var cost = full - credit;
        var missing = Math.Max(0, cost - Math.Max(a.Balance, 0));
        var money = (long m) => a.Money(m);
        return new PlanChangeQuote(from.Id, to.Id, full, credit, unused, cost, a.Balance, missing, a.Currency,
            a.Text(Texts.TextKeys.Quote.Prepaid, to.Name, money(full), unused, from.Name, money(credit), money(cost), money(a.Balance))
            + (missing > 0 ? a.Text(Texts.TextKeys.Quote.ToPayByInvoice, money(missing)) : ""));
    }

    /// <summary>Commits a change the caller saw quoted; a different cost now (409) asks for a new quote.</summary>
    public Task<PlanChangeResult> ConfirmAsync(string accountId, string planId, long? quotedCost, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var a = head.Value;
            var cat = catalog.Current;
            var today = LocalCalendar.Today(now, a.TimeZone);
            if (a.State is not (AccountState.Active or AccountState.Trial))
                throw BillingException.Conflict("account_not_active", a.Text(TextKeys.Problem.AccountNotActive));
            if (a.PlanChange.LastChangeOn == today)
                throw BillingException.Conflict("plan_changed_today", a.Text(TextKeys.Problem.PlanChangedToday));
            if (a.PlanChange.PendingInvoiceId is { } pending)
                throw BillingException.Conflict("plan_change_pending", a.Text(TextKeys.Problem.PlanChangePending, pending));
            var service = await uow.Reader.GetAsync(accountId, Service.Ref(Service.PlanServiceId), ct);
            var quote = Quote(a, service?.Value, planId, now);
            if (quotedCost is { } seen && seen != quote.Cost)
                throw BillingException.Conflict("quote_changed", a.Text(TextKeys.Problem.QuoteChanged, a.Money(quote.Cost)));

            var reference = FormattableString.Invariant($"planchange-{today:yyyy-MM-dd}");
            if (quote.Missing == 0)
            {
                var posting = new LedgerPosting(a);
                var terms = new PlanChangeTerms(quote.FromPlanId, quote.ToPlanId, quote.FullPrice, quote.Credit, quote.UnusedDays, 0);
                var rows = PlanSwitch.Apply(posting, terms, service, cat, today, now, reference, reference);
                var commit = new AccountCommit(accountId, posting.Head, head.ETag, [.. posting.Inserts, .. rows]);
                return new Decision<PlanChangeResult>(commit, new(PlanChangeOutcome.Changed, quote, null, posting.Head));
            }

            // Not enough: hold the free balance and invoice the rest; the plan switches when the invoice is paid.
            var hold = Math.Max(a.Balance, 0);
            var (numbered, number) = a.NextInvoiceNumber();
            var invoiceId = Ids.FromKey("inv", $"{accountId}/{reference}/{quote.ToPlanId}");
            var invoice = new Invoice
            {
                Id = invoiceId, AccountId = accountId, Number = number, Kind = InvoiceKind.PlanChange,
                Amount = quote.Missing, Currency = a.Currency, CreatedAt = now, DueDate = today.AddDays(cat.ServiceRules.InvoiceDueDays),
                Description = a.Text(Texts.TextKeys.Invoice.PlanChange, cat.Plan(quote.ToPlanId).Name, quote.Explanation),
                PlanChange = new PlanChangeTerms(quote.FromPlanId, quote.ToPlanId, quote.FullPrice, quote.Credit, quote.UnusedDays, hold),
            };
            var holding = new LedgerPosting(numbered);
            if (hold > 0)
                holding.Post(now, LedgerKind.Hold, -hold, holding.Head.Text(Texts.TextKeys.Ledger.Held, invoice.Number), reference: "invoice:" + invoiceId, idempotencyKey: reference + "-hold");
            holding.Replace(holding.Head with { PlanChange = holding.Head.PlanChange.Holding(invoiceId, hold) });
            var pendingCommit = new AccountCommit(accountId, holding.Head, head.ETag, [.. holding.Inserts, new RowOp(invoice, RowWrite.Insert), .. Outbox.Rows(holding.Head, new InvoiceIssued(invoice), now)]);
            return new Decision<PlanChangeResult>(pendingCommit, new(PlanChangeOutcome.InvoiceIssued, quote, invoice, holding.Head));
        }, ct);
    }
}
