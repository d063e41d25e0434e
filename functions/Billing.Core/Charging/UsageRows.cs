using Billing.Core.Storage;

namespace Billing.Core.Charging;

/// <summary>The highest seat count reported for one local day (C2), and the last one reported that day.</summary>
public sealed record SeatsDay(DateOnly Day, int Seats, int Last)
{
    public static RowRef<SeatsDay> Ref(DateOnly day) => new(day);
    /// <summary>The days in [from, until).</summary>
    public static RowSet<SeatsDay> Between(DateOnly from, DateOnly until) => new(From: from, Until: until);
}

/// <summary>
/// Usage of one metric charged with one local day (C2, A5): written by the day's charge from the counters it charged (late
/// usage included); an earlier release kept the running sum of the day's reports here.
/// </summary>
public sealed record UsageDay(DateOnly Day, string Metric, long Quantity)
{
    public static RowRef<UsageDay> Ref(DateOnly day, string metric) => new((day, metric));
    /// <summary>Every metric's usage on the days in [from, until).</summary>
    public static RowSet<UsageDay> Between(DateOnly from, DateOnly until) => new(From: from, Until: until);
}

/// <summary>The answer to a single usage report (a batch of one event whose id is the report's Idempotency-Key): the day it counts for.</summary>
public sealed record UsageReceipt(string IdempotencyKey, DateOnly Day, string Metric, long Quantity, DateTimeOffset At);

/// <summary>A charged day (C2) or postpaid month (C4).</summary>
public sealed record ChargedPeriod(DateOnly Start, bool Monthly)
{
    public static ChargedPeriod Day(DateOnly day) => new(day, false);
    public static ChargedPeriod Month(DateOnly firstOfMonth) => new(firstOfMonth, true);

    /// <summary>The idempotency key of the period's ledger entry: <c>charge-2026-11-02</c>, <c>postpaid-2026-10</c>.</summary>
    // Invariant: a key must not follow the host's culture (a Thai calendar would write another year).
    public string Key => Monthly ? FormattableString.Invariant($"postpaid-{Start:yyyy-MM}") : FormattableString.Invariant($"charge-{Start:yyyy-MM-dd}");

    /// <summary>What the entry's reference names: <c>charge:2026-11-02</c>, <c>charge:2026-10</c>.</summary>
    public string Reference => Monthly ? FormattableString.Invariant($"charge:{Start:yyyy-MM}") : FormattableString.Invariant($"charge:{Start:yyyy-MM-dd}");
}

/// <summary>A charged period: the deterministic row that makes a second charge of it collide (C3).</summary>
public sealed record ChargeMarker(ChargedPeriod Period, long LedgerSeq, long Amount, DateTimeOffset ChargedAt);
