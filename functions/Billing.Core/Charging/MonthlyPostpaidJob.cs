using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Charging;

/// <summary>
/// On the 1st (local), charges each finished month since the last one charged (C4), one entry per month with
/// a deterministic <c>postpaid-YYYY-MM</c> row; missed months are caught up in order.
/// </summary>
public sealed class MonthlyPostpaidJob(IAccountStore store, ICatalogSource catalog, Restrictions.RestrictionService restrictions) : IAccountJob
{
    public string Name => JobNames.MonthlyPostpaid;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        // Someone else charged or reported meanwhile: start again from what is stored now.
        var (charged, head) = await AccountTransactions.RetryOnConflictAsync(() => ChargeDueMonthsAsync(accountId, asOf, ct), ct);
        if (head is not null) await restrictions.ReevaluateIfChangedAsync(head, "charge", ct); // D5: at once on a balance change
        return charged;
    }

    /// <summary>How many periods were charged, and the head after the last (null when nothing was).</summary>
    private async Task<(int, Account?)> ChargeDueMonthsAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        var current = await store.FindAsync(accountId, ct);
        if (current is not { Value: { State: AccountState.Active, BillingMode: BillingMode.MonthlyPostpaid, ActivatedOn: not null } }) return (0, null);
        var head = current.Value;
        var activatedOn = head.ActivatedOn.Value;
        var etag = current.ETag;
        var thisMonth = LocalCalendar.FirstOfMonth(LocalCalendar.Today(asOf, head.TimeZone));
        var charged = 0;
        for (var month = head.LastPostpaidMonth?.AddMonths(1) ?? LocalCalendar.FirstOfMonth(activatedOn);
             month < thisMonth; month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            // The month's highest count; with no report at all, the last known one.
            var seats = head.KnownSeats;
            var known = head.KnownSeats;
            var any = false;
            await foreach (var row in store.RangeAsync<SeatsDay>(accountId, RowKeys.Seats(month), RowKeys.Seats(next), ct))
            {
                seats = any ? Math.Max(seats, row.Seats) : row.Seats;
                known = row.Last;
                any = true;
            }
            var usage = new List<UsageQuantity>();
            await foreach (var row in store.RangeAsync<UsageDay>(accountId, RowKeys.UsagePrefix + RowKeys.Day(month), RowKeys.UsagePrefix + RowKeys.Day(next), ct))
                usage.Add(new UsageQuantity(row.Metric, row.Quantity));

            var cat = catalog.Current;
            var computed = MonthlyPostpaidCalculator.Compute(cat.Plan(head.PlanId), seats, head.AddOns.Select(cat.AddOn), usage, cat,
                head.Currency, month, activatedOn);
            var key = RowKeys.MonthCharge(month.Year, month.Month);
            var posting = new LedgerPosting(head);
            var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total,
                $"Postpaid charge for {month:yyyy-MM}: {head.Money(computed.Total)}", computed.Lines, reference: "charge:" + key[9..], idempotencyKey: key);
            var updated = posting.Head with { LastPostpaidMonth = month, KnownSeats = known };
            var rows = posting.Inserts.Append(new RowOp(new ChargeMarker(key, entry.Seq, computed.Total, asOf), RowWrite.Insert)).ToList();
            etag = await store.CommitAsync(new AccountCommit(accountId, updated, etag, rows), ct) ?? throw new InvalidOperationException("Head ETag missing after commit.");
            Telemetry.BillingTelemetry.Charged(Name, head.Currency, computed.Total);
            head = updated;
            charged++;
        }
        return (charged, charged > 0 ? head : null);
    }
}
