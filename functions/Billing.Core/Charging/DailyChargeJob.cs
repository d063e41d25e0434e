using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Usage;

namespace Billing.Core.Charging;

/// <summary>
/// Charges every finished local day (as of the run) since the last charged one (C2, C3): each day its own entry and a
/// deterministic marker row, several days of catch-up in one transaction, so reruns and concurrent runs charge nothing twice.
/// One read (the head with its satellites: the seats reported and the usage not yet charged) and one transaction per
/// account-day; a run visits only the accounts whose local day ended since the shard's last good run (<see cref="ChargeDue"/>).
/// </summary>
public sealed class DailyChargeJob(AccountUnitOfWork uow, ICatalogSource catalog, ChargeDue due) : ISelectiveAccountJob
{
    /// <summary>Hourly: each account's local day ends at a different UTC hour, and the job charges only finished days.</summary>
    public const string Cron = "0 5 * * * *";
    /// <summary>Bound on one run's catch-up, so a long-forgotten account cannot hold a shard forever.</summary>
    public const int MaxDaysPerRun = 400;
    /// <summary>Days in one transaction at most: an entry and a marker each, with the head, the seats row and a low-balance alert (A6).</summary>
    public const int MaxDaysPerCommit = (AccountCommit.MaxOperations - 2 - Runways.LowBalanceAlerts.MaxRows) / 2;
    /// <summary>Counters of earlier periods (late or free usage) settled in one transaction at most; the rest go with the next.</summary>
    public const int MaxEarlierCountersPerCommit = 32;

    public string Name => JobNames.DailyCharge;
    public string Schedule => Cron;

    public IAsyncEnumerable<string> AccountsAsync(int shard, JobContext job, CancellationToken ct) => due.AccountsAsync(Name, shard, job.AsOf, ct);

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var charged = 0;
        bool more;
        Account? seen = null;
        do
        {
            // Nearly always one day and one decision; a long catch-up takes a transaction's worth of days at a time.
            (var currency, var amounts, more) = await uow.RunOnHeadAsync(accountId, job.AsOf, (head, _) =>
            {
                seen = head.Row.Value;
                return ChargeDueDaysAsync(head, job.AsOf, MaxDaysPerRun - charged, ct);
            }, ct);
            foreach (var amount in amounts) Telemetry.BillingTelemetry.Charged(Name, currency, amount);
            charged += amounts.Count;
        } while (more && charged < MaxDaysPerRun);
        if (seen is not null) await due.VisitedAsync(seen, ct);
        return charged;
    }

    /// <summary>
    /// The days due as of <paramref name="asOf"/>, at most <paramref name="budget"/> and one transaction's worth, charged: the
    /// amounts in order, and whether days (or earlier counters) remain after them.
    /// </summary>
    private async Task<Decision<(string Currency, IReadOnlyList<long> Amounts, bool More)>> ChargeDueDaysAsync(AccountHead read, DateTimeOffset asOf, int budget,
        CancellationToken ct)
    {
        var head = read.Merged;
        var a = head.Value;
        var none = Decision<(string, IReadOnlyList<long>, bool)>.NoChange((a.Currency, [], false));
        if (a is not { State: AccountState.Active, BillingMode: BillingMode.Daily, ActivatedOn: { } activatedOn }) return none;
        var today = LocalCalendar.Today(asOf, a.TimeZone);
        var first = a.Charging.LastChargedDay?.AddDays(1) ?? activatedOn;
        if (first >= today) return none;
        var end = first.AddDays(Math.Min(Math.Min(today.DayNumber - first.DayNumber, MaxDaysPerCommit), budget));

        var cat = catalog.Current;
        // An account stored before the satellites may still have per-day rows for these days (read once, then never again).
        var dayRows = a.Charging.MayHaveDayRows(first) ? await ChargeInputs.ReadAsync(uow.Reader, cat, a.Id, first, end, ct) : ChargeInputs.None;
        var seats = read.Seats?.Value ?? new SeatReports(a.Charging.ReportedSeats, []);
        // Counters of periods before the first day: free usage from before activation (C5), or late usage a charge raced (C11).
        var earlier = read.Usage.Where(c => c.Value.Bucket < first).OrderBy(c => c.Value.Bucket).Take(MaxEarlierCountersPerCommit).ToList();
        var rows = earlier.Select(c => new RowOp(c.Value, RowWrite.Delete, c.ETag)).ToList();
        var late = earlier.Where(c => !UsageBuckets.IsFree(a, c.Value.Bucket)).Select(c => c.Value).ToList();
        var operations = 2 + Runways.LowBalanceAlerts.MaxRows + rows.Count;

        var posting = new LedgerPosting(a);
        var amounts = new List<long>();
        var charging = a.Charging;
        var day = first;
        for (; day < end; day = day.AddDays(1))
        {
            var counters = read.Usage.Where(c => c.Value.Bucket == day).ToList();
            var usage = UsageCounter.Charged([.. counters.Select(c => c.Value), .. day == first ? late : []], day)
                .Concat(dayRows.Usage.GetValueOrDefault(day) ?? []).ToList();
            var history = usage.GroupBy(u => u.Metric).Select(g => new UsageDay(day, g.Key, g.Sum(u => u.Quantity))).ToList();
            var dayOperations = 2 + counters.Count + history.Count;
            if (day > first && operations + dayOperations > AccountCommit.MaxOperations) break;
            operations += dayOperations;

            var reported = Highest(seats.For(day), dayRows.Seats.GetValueOrDefault(day));
            var computed = ChargePipeline.Day(a, cat, reported?.Seats ?? charging.KnownSeats, usage, charging.Carry);
            var period = ChargedPeriod.Day(day);
            var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total, a.Text(Texts.TextKeys.Ledger.DailyCharge, a.Date(day), a.Money(computed.Total)),
                computed.Lines, period.Reference, period.Key);
            rows.Add(new RowOp(new ChargeMarker(period, entry.Seq, computed.Total, asOf), RowWrite.Insert));
            rows.AddRange(counters.Select(c => new RowOp(c.Value, RowWrite.Delete, c.ETag)));
            rows.AddRange(history.Select(h => new RowOp(h, RowWrite.Upsert)));
            charging = charging.DayCharged(day, computed.NewCarry, reported?.Last ?? charging.KnownSeats, computed.UsageCost);
            amounts.Add(computed.Total);
        }
        // The seats row is written even unchanged: under its ETag (or as an insert) a report racing this charge is decided again.
        rows.Add(read.SeatsWrite(seats.ChargedThrough(day.AddDays(-1))));
        charging = charging with { InputsSince = charging.InputsSince ?? today.AddDays(1) };
        posting.Replace(posting.Head with { Charging = charging });
        // A6: the charge is what wears the runway down, so its crossing is alerted in this very commit.
        var alert = Runways.LowBalanceAlerts.Follow(posting.Head, cat, asOf);
        posting.Replace(alert.Head);
        var more = day < today || read.Usage.Count(c => c.Value.Bucket < first) > earlier.Count;
        return new(new AccountCommit(a.Id, posting.Head, head.ETag, [.. posting.Inserts, .. rows, .. alert.Rows]), (a.Currency, amounts, more));
    }

    private static SeatsDay? Highest(SeatsDay? reported, SeatsDay? dayRow) =>
        reported is null ? dayRow : dayRow is null || reported.Seats >= dayRow.Seats ? reported : dayRow with { Last = reported.Last };
}
