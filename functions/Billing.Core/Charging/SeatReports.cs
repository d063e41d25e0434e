namespace Billing.Core.Charging;

/// <summary>
/// The seats the CRM reported (C2), beside the head: the latest count, and each day not yet charged with its highest
/// and its last count. A report rewrites only this row; the daily charge reads it with the head, charges the days it
/// holds and removes them in the same transaction, under this row's ETag, so a report racing the charge is decided
/// again (and lands on the next open day) instead of being lost.
/// </summary>
public sealed record SeatReports(int Latest, IReadOnlyList<SeatsDay> Days)
{
    /// <summary>How many open days the row keeps at most: a charge that stopped for a year must not grow it past one entity.</summary>
    public const int MaxDays = 400;

    public SeatsDay? For(DateOnly day) => Days.FirstOrDefault(d => d.Day == day);

    /// <summary>A report of <paramref name="seats"/> counted for <paramref name="day"/>: the day keeps its highest count.</summary>
    public SeatReports Reported(DateOnly day, int seats)
    {
        var stored = For(day);
        var kept = Days.Where(d => d.Day != day).Append(new SeatsDay(day, Math.Max(seats, stored?.Seats ?? 0), seats)).OrderBy(d => d.Day).ToList();
        return new SeatReports(seats, kept.Count > MaxDays ? kept[^MaxDays..] : kept);
    }

    /// <summary>The days up to <paramref name="through"/> were charged: they leave the row.</summary>
    public SeatReports ChargedThrough(DateOnly through) => this with { Days = Days.Where(d => d.Day > through).ToList() };
}
