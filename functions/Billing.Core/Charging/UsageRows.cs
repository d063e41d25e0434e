using Billing.Core.Storage;

namespace Billing.Core.Charging;

/// <summary>The highest seat count reported for one local day (C2), and the last one reported that day.</summary>
public sealed record SeatsDay(DateOnly Day, int Seats, int Last) : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.Seats(Day);
}

/// <summary>Usage of one metric on one local day: the sum of all reports for it.</summary>
public sealed record UsageDay(DateOnly Day, string Metric, long Quantity) : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.Usage(Day, Metric);
}

/// <summary>Marks a usage report as counted, so a repeated report with the same key counts once.</summary>
public sealed record UsageReceipt(string IdempotencyKey, DateOnly Day, string Metric, long Quantity, DateTimeOffset At) : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.UsageKey(IdempotencyKey);
}

/// <summary>A charged day or month: the deterministic row that makes a second charge collide (C3).</summary>
public sealed record ChargeMarker(string Key, long LedgerSeq, long Amount, DateTimeOffset ChargedAt) : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => Key;
}
