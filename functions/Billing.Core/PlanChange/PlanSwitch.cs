using Billing.Core.Texts;
using Billing.Core.Charging;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Services;
using Billing.Core.Storage;

namespace Billing.Core.PlanChange;

/// <summary>Switches the plan (C9): credit for the unused days, the new plan's full period, the plan service renewed from today.</summary>
public static class PlanSwitch
{
    public static List<RowOp> Apply(LedgerPosting posting, PlanChangeTerms terms, Versioned<Service>? planService, Catalog.BillingCatalog catalog,
        DateOnly today, DateTimeOffset now, string reference, string idempotencyKey)
    {
        var from = catalog.Plan(terms.FromPlanId);
        var to = catalog.Plan(terms.ToPlanId);
        if (terms.Credit > 0)
            posting.Post(now, LedgerKind.Credit, terms.Credit, posting.Head.Text(TextKeys.Ledger.PlanCredit, terms.UnusedDays, from.Name),
                [new BreakdownLine("plan:" + from.Id, posting.Head.Text(TextKeys.Breakdown.UnusedDays, terms.UnusedDays), terms.UnusedDays, 0, terms.Credit) { Days = terms.UnusedDays }],
                reference, idempotencyKey + "-credit");
        if (terms.FullPrice > 0)
            posting.Post(now, LedgerKind.Charge, -terms.FullPrice, posting.Head.Text(TextKeys.Invoice.OneMonthFrom, to.Name, posting.Head.Date(today)),
                ChargePipeline.PeriodLines(posting.Head, catalog, to.Id, to.Name, today, terms.FullPrice), reference, idempotencyKey + "-charge");
        var (state, notice) = posting.Head.PlanChange.Changed(from, to, terms.FullPrice - terms.Credit, today);
        posting.Replace(posting.Head with { PlanId = to.Id, PlanChange = state });
        var changed = Outbox.Rows(posting.Head, notice, now).ToList();

        if (planService is null || terms.FullPrice == 0) return changed;
        var s = planService.Value with
        {
            ItemId = to.Id, Name = to.Name, Price = terms.FullPrice, MaxSeats = to.MaxSeats, PaidFrom = today, PaidUntil = today.AddMonths(1),
            State = ServiceState.Active, ExpiredOn = null,
        };
        return [new RowOp(s, RowWrite.Replace, planService.ETag), .. changed];
    }

    /// <summary>A plan-change invoice is paid: its hold is released into the change, then the plan switches.</summary>
    public static List<RowOp> SettleInvoice(LedgerPosting posting, Invoice invoice, PlanChangeTerms terms, Versioned<Service>? planService,
        Catalog.BillingCatalog catalog, DateOnly today, DateTimeOffset now, string reference)
    {
        ReleaseHold(posting, invoice, now, reference + "-release", TextKeys.Ledger.HoldSpent);
        return Apply(posting, terms, planService, catalog, today, now, "invoice:" + invoice.Id, reference);
    }

    /// <summary>The balance a plan-change invoice held goes back (a <c>release</c> entry), and the change no longer waits.</summary>
    /// <param name="why">The text of the release: <see cref="TextKeys.Ledger.HoldSpent"/> or <see cref="TextKeys.Ledger.HoldReleasedCancelled"/>.</param>
    public static void ReleaseHold(LedgerPosting posting, Invoice invoice, DateTimeOffset now, string idempotencyKey, string why)
    {
        var held = invoice.PlanChange?.Held ?? 0;
        if (held > 0)
            posting.Post(now, LedgerKind.Release, held, posting.Head.Text(why, invoice.Number),
                reference: "invoice:" + invoice.Id, idempotencyKey: idempotencyKey);
        posting.Replace(posting.Head with { PlanChange = posting.Head.PlanChange.Released(held) });
    }
}
