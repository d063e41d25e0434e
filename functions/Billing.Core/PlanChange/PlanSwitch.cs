using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
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
            posting.Post(now, LedgerKind.Credit, terms.Credit, $"Unused {terms.UnusedDays} days of {from.Name}",
                [new BreakdownLine("plan:" + from.Id, $"{terms.UnusedDays} unused days of the paid period", terms.UnusedDays, 0, terms.Credit) { Days = terms.UnusedDays }],
                reference, idempotencyKey + "-credit");
        if (terms.FullPrice > 0)
            posting.Post(now, LedgerKind.Charge, -terms.FullPrice, $"{to.Name}: one month from {RowKeys.Day(today)}",
                [new BreakdownLine("plan:" + to.Id, $"{to.Name}, one month", 1, terms.FullPrice, terms.FullPrice)], reference, idempotencyKey + "-charge");
        posting.Replace(posting.Head with { PlanId = to.Id, LastPlanChangeOn = today, PendingPlanChange = null });
        var changed = new RowOp(Notifications.Outbox.Event(posting.Head, $"plan-changed-{RowKeys.Day(today)}", "plan_changed",
            new Dictionary<string, string> { ["from"] = from.Id, ["to"] = to.Id, ["cost"] = (terms.FullPrice - terms.Credit).ToString(System.Globalization.CultureInfo.InvariantCulture) }, now),
            RowWrite.Insert);

        if (planService is null || terms.FullPrice == 0) return [changed];
        var s = planService.Value with
        {
            ItemId = to.Id, Name = to.Name, Price = terms.FullPrice, MaxSeats = to.MaxSeats, PaidFrom = today, PaidUntil = today.AddMonths(1),
            State = ServiceState.Active, ExpiredOn = null,
        };
        return [new RowOp(s, RowWrite.Replace, planService.ETag), changed];
    }
}
