using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Charging;

/// <summary>
/// On the 1st (local, as of the run), charges each finished month since the last one charged (C4): one entry per month
/// with a deterministic marker row; missed months are caught up in order, in one transaction.
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
            (var currency, var amounts, more) = await uow.RunAsync(accountId, job.AsOf, head => ChargeDueMonthsAsync(head, job.AsOf, ct), ct);
            foreach (var amount in amounts) Telemetry.BillingTelemetry.Charged(Name, currency, amount);
            charged += amounts.Count;
        } while (more);
        return charged;
    }

    /// <summary>The months due as of <paramref name="asOf"/>, a transaction's worth, charged; and whether months remain due.</summary>
    private async Task<Decision<(string, IReadOnlyList<long>, bool)>> ChargeDueMonthsAsync(Versioned<Account> head, DateTimeOffset asOf, CancellationToken ct)
    {
        var a = head.Value;
        var none = Decision<(string, IReadOnlyList<long>, bool)>.NoChange((a.Currency, [], false));
        if (a is not { State: AccountState.Active, BillingMode: BillingMode.MonthlyPostpaid, ActivatedOn: { } activatedOn }) return none;
        var thisMonth = LocalCalendar.FirstOfMonth(LocalCalendar.Today(asOf, a.TimeZone));
        var cat = catalog.Current;
        var posting = new LedgerPosting(a);
        var markers = new List<RowOp>();
        var amounts = new List<long>();
        var charging = a.Charging;
        for (var month = charging.LastPostpaidMonth?.AddMonths(1) ?? LocalCalendar.FirstOfMonth(activatedOn);
             month < thisMonth && amounts.Count < DailyChargeJob.MaxDaysPerCommit; month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            // The month's highest count; with no report at all, the last known one.
            var inputs = await ChargeInputs.ReadAsync(uow.Reader, cat, a.Id, month, next, ct);
            var seats = inputs.Seats.Count == 0 ? charging.KnownSeats : inputs.Seats.Values.Max(s => s.Seats);
            var known = inputs.Seats.Count == 0 ? charging.KnownSeats : inputs.Seats.MaxBy(s => s.Key).Value.Last;
            var computed = ChargePipeline.Month(a, cat, seats, inputs.Usage.Values.SelectMany(u => u).ToList(), month, activatedOn);
            var period = ChargedPeriod.Month(month);
            var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total, a.Text(Texts.TextKeys.Ledger.PostpaidCharge, Texts.Text.Month(a.Language, month), a.Money(computed.Total)),
                computed.Lines, period.Reference, period.Key);
            markers.Add(new RowOp(new ChargeMarker(period, entry.Seq, computed.Total, asOf), RowWrite.Insert));
            charging = charging.MonthCharged(month, known);
            amounts.Add(computed.Total);
        }
        if (amounts.Count == 0) return none;
        posting.Replace(posting.Head with { Charging = charging });
        return new(new AccountCommit(a.Id, posting.Head, head.ETag, [.. posting.Inserts, .. markers]), (a.Currency, amounts, charging.LastPostpaidMonth!.Value.AddMonths(1) < thisMonth));
    }
}
