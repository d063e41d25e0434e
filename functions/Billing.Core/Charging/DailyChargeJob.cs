using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Charging;

/// <summary>
/// Charges every finished local day (as of the run) since the last charged one (C2, C3): each day its own entry and a
/// deterministic marker row, several days of catch-up in one transaction, so reruns and concurrent runs charge nothing twice.
/// </summary>
public sealed class DailyChargeJob(AccountUnitOfWork uow, ICatalogSource catalog) : IAccountJob
{
    /// <summary>Hourly: each account's local day ends at a different UTC hour, and the job charges only finished days.</summary>
    public const string Cron = "0 5 * * * *";
    /// <summary>Bound on one run's catch-up, so a long-forgotten account cannot hold a shard forever.</summary>
    public const int MaxDaysPerRun = 400;
    /// <summary>Days in one transaction: an entry and a marker each, with the head and a low-balance alert (A6), stay within 100 operations.</summary>
    public const int MaxDaysPerCommit = (AccountCommit.MaxOperations - 1 - Runways.LowBalanceAlerts.MaxRows) / 2;

    public string Name => JobNames.DailyCharge;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var charged = 0;
        bool more;
        do
        {
            // Nearly always one day and one decision; a long catch-up takes a transaction's worth of days at a time.
            (var currency, var amounts, more) = await uow.RunAsync(accountId, job.AsOf, head => ChargeDueDaysAsync(head, job.AsOf, MaxDaysPerRun - charged, ct), ct);
            foreach (var amount in amounts) Telemetry.BillingTelemetry.Charged(Name, currency, amount);
            charged += amounts.Count;
        } while (more && charged < MaxDaysPerRun);
        return charged;
    }

    /// <summary>
    /// The days due as of <paramref name="asOf"/>, at most <paramref name="budget"/> and one transaction's worth, charged: the
    /// amounts in order, and whether days remain due after them.
    /// </summary>
    private async Task<Decision<(string Currency, IReadOnlyList<long> Amounts, bool More)>> ChargeDueDaysAsync(Versioned<Account> head, DateTimeOffset asOf, int budget, CancellationToken ct)
    {
        var a = head.Value;
        var none = Decision<(string, IReadOnlyList<long>, bool)>.NoChange((a.Currency, [], false));
        if (a is not { State: AccountState.Active, BillingMode: BillingMode.Daily, ActivatedOn: { } activatedOn }) return none;
        var today = LocalCalendar.Today(asOf, a.TimeZone);
        var first = a.Charging.LastChargedDay?.AddDays(1) ?? activatedOn;
        if (first >= today) return none;
        var end = first.AddDays(Math.Min(Math.Min(today.DayNumber - first.DayNumber, MaxDaysPerCommit), budget));

        var cat = catalog.Current;
        var inputs = await ChargeInputs.ReadAsync(uow.Reader, cat, a.Id, first, end, ct);
        var posting = new LedgerPosting(a);
        var markers = new List<RowOp>();
        var amounts = new List<long>();
        var charging = a.Charging;
        for (var day = first; day < end; day = day.AddDays(1))
        {
            var reported = inputs.Seats.GetValueOrDefault(day);
            var computed = ChargePipeline.Day(a, cat, reported?.Seats ?? charging.KnownSeats, inputs.Usage.GetValueOrDefault(day) ?? [], charging.Carry);
            var period = ChargedPeriod.Day(day);
            var entry = posting.Post(asOf, LedgerKind.Charge, -computed.Total, a.Text(Texts.TextKeys.Ledger.DailyCharge, a.Date(day), a.Money(computed.Total)),
                computed.Lines, period.Reference, period.Key);
            markers.Add(new RowOp(new ChargeMarker(period, entry.Seq, computed.Total, asOf), RowWrite.Insert));
            charging = charging.DayCharged(day, computed.NewCarry, reported?.Last ?? charging.KnownSeats, computed.UsageCost);
            amounts.Add(computed.Total);
        }
        posting.Replace(posting.Head with { Charging = charging });
        // A6: the charge is what wears the runway down, so its crossing is alerted in this very commit.
        var alert = Runways.LowBalanceAlerts.Follow(posting.Head, cat, asOf);
        posting.Replace(alert.Head);
        return new(new AccountCommit(a.Id, posting.Head, head.ETag, [.. posting.Inserts, .. markers, .. alert.Rows]), (a.Currency, amounts, end < today));
    }
}
