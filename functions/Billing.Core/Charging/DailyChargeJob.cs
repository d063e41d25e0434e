using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Charging;

/// <summary>
/// Charges every finished local day since the last charged one (C2, C3), each in its own transaction with a
/// deterministic <c>charge-YYYY-MM-DD</c> row, so reruns and concurrent runs charge nothing twice.
/// </summary>
public sealed class DailyChargeJob(IAccountStore store, ICatalogSource catalog, Restrictions.RestrictionService restrictions) : IAccountJob
{
    /// <summary>Bound on one run's catch-up, so a long-forgotten account cannot hold a shard forever.</summary>
    public const int MaxDaysPerRun = 400;

    public string Name => JobNames.DailyCharge;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        // Someone else charged or reported meanwhile: start again from what is stored now.
        var (charged, head) = await AccountTransactions.RetryOnConflictAsync(() => ChargeDueDaysAsync(accountId, asOf, ct), ct);
        if (head is not null) await restrictions.ReevaluateIfChangedAsync(head, "charge", ct); // D5: at once on a balance change
        return charged;
    }

    /// <summary>How many periods were charged, and the head after the last (null when nothing was).</summary>
    private async Task<(int, Account?)> ChargeDueDaysAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        var current = await store.FindAsync(accountId, ct);
        if (current is null || !IsCharged(current.Value)) return (0, null);
        var head = current.Value;
        var today = LocalCalendar.Today(asOf, head.TimeZone);
        var first = head.LastChargedDay?.AddDays(1) ?? head.ActivatedOn!.Value;
        if (first >= today) return (0, null);
        var end = first.AddDays(Math.Min(today.DayNumber - first.DayNumber, MaxDaysPerRun));

        var inputs = await ChargeInputs.ReadAsync(store, catalog.Current, accountId, first, end, ct);

        var etag = current.ETag;
        var charged = 0;
        for (var day = first; day < end; day = day.AddDays(1))
        {
            var reported = inputs.Seats.GetValueOrDefault(day);
            var (next, commit) = ChargeDay(head, day, reported?.Seats ?? head.KnownSeats, reported?.Last ?? head.KnownSeats,
                inputs.Usage.GetValueOrDefault(day) ?? [], asOf, etag);
            etag = await store.CommitAsync(commit, ct) ?? throw new InvalidOperationException("Head ETag missing after commit.");
            Telemetry.BillingTelemetry.Charged(Name, head.Currency, head.Balance - next.Balance);
            head = next;
            charged++;
        }
        return (charged, charged > 0 ? head : null);
    }

    private (Account Head, AccountCommit Commit) ChargeDay(Account head, DateOnly day, int seats, int knownAfter,
        IReadOnlyList<UsageQuantity> usage, DateTimeOffset asOf, string etag)
    {
        var cat = catalog.Current;
        var plan = cat.Plan(head.PlanId);
        var computed = DailyChargeCalculator.Compute(plan, seats, head.AddOns.Select(cat.AddOn), usage, cat, head.Currency, head.ChargeCarry);
        var posting = new LedgerPosting(head);
        var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total,
            $"Daily charge for {RowKeys.Day(day)}: {head.Money(computed.Total)}", computed.Lines,
            reference: "charge:" + RowKeys.Day(day), idempotencyKey: RowKeys.DayCharge(day));
        var next = posting.Head with { ChargeCarry = computed.NewCarry, LastChargedDay = day, KnownSeats = knownAfter };
        var rows = posting.Inserts.Append(new RowOp(new ChargeMarker(RowKeys.DayCharge(day), entry.Seq, computed.Total, asOf), RowWrite.Insert)).ToList();
        return (next, new AccountCommit(head.Id, next, etag, rows));
    }

    private static bool IsCharged(Account a) =>
        a.State == AccountState.Active && a.BillingMode == BillingMode.Daily && a.ActivatedOn is not null;
}
