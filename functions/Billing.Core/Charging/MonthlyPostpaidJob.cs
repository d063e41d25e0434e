using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Usage;

namespace Billing.Core.Charging;

/// <summary>
/// On the 1st (local, as of the run), charges each finished month since the last one charged (C4): one entry per month
/// with a deterministic marker row; missed months are caught up in order, in one transaction. Usage reaches a postpaid
/// account's counters by month (<see cref="UsageBuckets"/>), so a month is at most a few counter rows.
/// </summary>
public sealed class MonthlyPostpaidJob(AccountUnitOfWork uow, ICatalogSource catalog) : IAccountJob
{
    /// <summary>Hourly too: the 1st begins at a different UTC hour in each time zone; months already charged are skipped.</summary>
    public const string Cron = "0 20 * * * *";

    public string Name => JobNames.MonthlyPostpaid;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var charged = 0;
        bool more;
        do
        {
            (var currency, var amounts, more) = await uow.RunOnHeadAsync(accountId, job.AsOf, (head, _) => ChargeDueMonthsAsync(head, job.AsOf, ct), ct);
            foreach (var amount in amounts) Telemetry.BillingTelemetry.Charged(Name, currency, amount);
            charged += amounts.Count;
        } while (more);
        return charged;
    }

    /// <summary>
    /// The months due as of <paramref name="asOf"/>, a transaction's worth, charged from the head's satellites (the month's
    /// seats and its uncharged usage, deleted in the same commit); and whether months remain due.
    /// </summary>
    private async Task<Decision<(string, IReadOnlyList<long>, bool)>> ChargeDueMonthsAsync(AccountHead read, DateTimeOffset asOf, CancellationToken ct)
    {
        var head = read.Merged;
        var a = head.Value;
        var none = Decision<(string, IReadOnlyList<long>, bool)>.NoChange((a.Currency, [], false));
        if (a is not { State: AccountState.Active, BillingMode: BillingMode.MonthlyPostpaid, ActivatedOn: { } activatedOn }) return none;
        var thisMonth = LocalCalendar.FirstOfMonth(LocalCalendar.Today(asOf, a.TimeZone));
        var cat = catalog.Current;
        var seatReports = read.Seats?.Value ?? new SeatReports(a.Charging.ReportedSeats, []);
        var posting = new LedgerPosting(a);
        var rows = new List<RowOp>();
        var amounts = new List<long>();
        var charging = a.Charging;
        var operations = 2;
        var month = charging.LastPostpaidMonth?.AddMonths(1) ?? LocalCalendar.FirstOfMonth(activatedOn);
        for (; month < thisMonth && amounts.Count < DailyChargeJob.MaxDaysPerCommit; month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            // Counters of this month, and of earlier ones (late, or before activation in another month: free, C5).
            var counters = read.Usage.Where(c => c.Value.Bucket < next).Take(DailyChargeJob.MaxEarlierCountersPerCommit).ToList();
            if (amounts.Count > 0 && operations + 2 + counters.Count > AccountCommit.MaxOperations) break;
            operations += 2 + counters.Count;
            var dayRows = charging.MayHaveDayRows(month) ? await ChargeInputs.ReadAsync(uow.Reader, cat, a.Id, month, next, ct) : ChargeInputs.None;
            var days = seatReports.Days.Where(d => d.Day < next).Concat(dayRows.Seats.Values).ToList();
            // The month's highest count; with no report at all, the last known one.
            var seats = days.Count == 0 ? charging.KnownSeats : days.Max(s => s.Seats);
            var known = days.Count == 0 ? charging.KnownSeats : days.MaxBy(s => s.Day)!.Last;
            var usage = UsageCounter.Charged(counters.Select(c => c.Value).Where(c => !UsageBuckets.IsFree(a, c.Bucket)), month)
                .Concat(dayRows.Usage.Values.SelectMany(u => u)).ToList();
            var computed = ChargePipeline.Month(a, cat, seats, usage, month, activatedOn);
            var period = ChargedPeriod.Month(month);
            var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total, a.Text(Texts.TextKeys.Ledger.PostpaidCharge, Texts.Text.Month(a.Language, month), a.Money(computed.Total)),
                computed.Lines, period.Reference, period.Key);
            rows.Add(new RowOp(new ChargeMarker(period, entry.Seq, computed.Total, asOf), RowWrite.Insert));
            rows.AddRange(counters.Select(c => new RowOp(c.Value, RowWrite.Delete, c.ETag)));
            read = read with { Usage = read.Usage.Except(counters).ToList() };
            seatReports = seatReports.ChargedThrough(next.AddDays(-1));
            charging = charging.MonthCharged(month, known);
            amounts.Add(computed.Total);
        }
        if (amounts.Count == 0) return none;
        rows.Add(read.SeatsWrite(seatReports));
        posting.Replace(posting.Head with { Charging = charging with { InputsSince = charging.InputsSince ?? LocalCalendar.Today(asOf, a.TimeZone).AddDays(1) } });
        return new(new AccountCommit(a.Id, posting.Head, head.ETag, [.. posting.Inserts, .. rows]), (a.Currency, amounts, month < thisMonth));
    }
}
