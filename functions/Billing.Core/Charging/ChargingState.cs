namespace Billing.Core.Charging;

/// <summary>
/// What charging keeps on the account head (C2–C5): the seats reported, the position of the daily and monthly charges,
/// and the thirtieths carried from day to day. Changed only by the methods here.
/// </summary>
public sealed record ChargingState
{
    /// <summary>Latest seat count the CRM reported; the fallback for a day with no report (C2).</summary>
    public int ReportedSeats { get; init; } = 1;
    /// <summary>The last seat count reported up to the last charged day: a day with no report is charged at it (C2).</summary>
    public int KnownSeats { get; init; }
    /// <summary>Thirtieths of a minor unit not yet charged: daily division never loses or invents money (C2).</summary>
    public long Carry { get; init; }
    public DateOnly? LastChargedDay { get; init; }
    /// <summary>First day of the last postpaid month charged (C4).</summary>
    public DateOnly? LastPostpaidMonth { get; init; }
    /// <summary>
    /// A6: the usage cost of each of the last charged days (at most <see cref="UsageWindowDays"/>, oldest first; a day
    /// without usage counts as 0). Kept on the head so the runway's average daily usage costs no read, not even in the
    /// access check.
    /// </summary>
    public IReadOnlyList<long> UsageCosts { get; init; } = [];
    /// <summary>
    /// The first day whose seats and usage are only in the satellites (<see cref="SeatReports"/>, counters). An account stored
    /// before them has none: its first charge since then reads the per-day rows of the days it charges too, and sets this to the
    /// day after, when no writer of those rows can be left running (ARCHITECTURE "The head and its satellites").
    /// </summary>
    public DateOnly? InputsSince { get; init; }

    /// <summary>Seats and usage of <paramref name="day"/> may also be in the per-day rows an earlier release wrote.</summary>
    public bool MayHaveDayRows(DateOnly day) => InputsSince is not { } since || day < since;

    /// <summary>A6: how many charged days the average daily usage looks back over (a month of the daily charge).</summary>
    public const int UsageWindowDays = 30;

    /// <summary>The seat count in use now, for prices quoted today (never below one seat).</summary>
    public int SeatsInUse => Math.Max(ReportedSeats, 1);

    public ChargingState SeatsReported(int seats) => this with { ReportedSeats = seats };

    /// <summary>C5: charging starts from the seats reported so far.</summary>
    public ChargingState Activated() => this with { KnownSeats = ReportedSeats };

    /// <summary>C2: <paramref name="day"/> is charged; its usage cost joins the window the runway averages (A6).</summary>
    public ChargingState DayCharged(DateOnly day, long carry, int knownSeats, long usageCost) => this with
    {
        LastChargedDay = day, Carry = carry, KnownSeats = knownSeats,
        UsageCosts = [.. UsageCosts.Skip(Math.Max(0, UsageCosts.Count + 1 - UsageWindowDays)), usageCost],
    };

    public ChargingState MonthCharged(DateOnly month, int knownSeats) => this with { LastPostpaidMonth = month, KnownSeats = knownSeats };

    /// <summary>The day a report made now counts for: today, or the first day not yet charged, so a report racing the charge is never lost.</summary>
    public DateOnly OpenDay(DateOnly today)
    {
        var firstOpen = LastChargedDay?.AddDays(1);
        return firstOpen > today ? firstOpen.Value : today;
    }
}
