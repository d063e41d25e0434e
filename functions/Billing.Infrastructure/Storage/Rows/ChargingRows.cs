using Billing.Core.Charging;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>The day's seat high-water mark (C2): RowKey <c>seats-{yyyy-MM-dd}</c>.</summary>
public sealed class SeatsDayRows : RowMapper<SeatsDay>
{
    private const string Prefix = "seats-";

    public override string Key(SeatsDay row) => Prefix + Days.Format(row.Day);
    public override string Key(RowRef<SeatsDay> row) => Prefix + Days.Format((DateOnly)row.Id);
    public override (string From, string To) Range(RowSet<SeatsDay> rows) => (Prefix + Days.Format(rows.From!.Value), Prefix + Days.Format(rows.Until!.Value));

    protected override void Write(SeatsDay x, Columns c) { c.Day("Day", x.Day); c.Int("Seats", x.Seats); c.Int("Last", x.Last); }
    protected override SeatsDay Read(Columns c) => new(c.Day("Day"), c.Int("Seats"), c.Int("Last"));
}

/// <summary>A day's usage of one metric (C2): RowKey <c>usage-{yyyy-MM-dd}-{metric}</c>, so a day range holds every metric of those days.</summary>
public sealed class UsageDayRows : RowMapper<UsageDay>
{
    private const string Prefix = "usage-";

    public override string Key(UsageDay row) => $"{Prefix}{Days.Format(row.Day)}-{row.Metric}";
    public override string Key(RowRef<UsageDay> row) => row.Id is (DateOnly day, string metric) ? $"{Prefix}{Days.Format(day)}-{metric}" : throw new ArgumentException("A usage row is named by (day, metric).");
    public override (string From, string To) Range(RowSet<UsageDay> rows) => (Prefix + Days.Format(rows.From!.Value), Prefix + Days.Format(rows.Until!.Value));

    protected override void Write(UsageDay x, Columns c) { c.Day("Day", x.Day); c.Text("Metric", x.Metric); c.Long("Quantity", x.Quantity); }
    protected override UsageDay Read(Columns c) => new(c.Day("Day"), c.Text("Metric"), c.Long("Quantity"));
}

/// <summary>A usage report's Idempotency-Key, counted once: RowKey <c>usagekey-{hash of the key}</c>.</summary>
public sealed class UsageReceiptRows : RowMapper<UsageReceipt>
{
    private const string Prefix = "usagekey-";

    public override string Key(UsageReceipt row) => Prefix + RowKeys.Hash(row.IdempotencyKey);
    public override string Key(RowRef<UsageReceipt> row) => Prefix + RowKeys.Hash((string)row.Id);

    protected override void Write(UsageReceipt x, Columns c)
    {
        c.Text("IdempotencyKey", x.IdempotencyKey); c.Day("Day", x.Day); c.Text("Metric", x.Metric); c.Long("Quantity", x.Quantity); c.Time("At", x.At);
    }

    protected override UsageReceipt Read(Columns c) => new(c.Text("IdempotencyKey"), c.Day("Day"), c.Text("Metric"), c.Long("Quantity"), c.Time("At"));
}

/// <summary>A charged day or month (C3): RowKey <c>charge-{yyyy-MM-dd}</c> or <c>postpaid-{yyyy-MM}</c>, the period's own key; a second charge collides.</summary>
public sealed class ChargeMarkerRows : RowMapper<ChargeMarker>
{
    public override string Key(ChargeMarker row) => row.Period.Key;

    protected override void Write(ChargeMarker x, Columns c)
    {
        c.Text("Key", x.Period.Key); c.Long("LedgerSeq", x.LedgerSeq); c.Long("Amount", x.Amount); c.Time("ChargedAt", x.ChargedAt);
    }

    protected override ChargeMarker Read(Columns c)
    {
        var key = c.Text("Key");
        var period = key.StartsWith("postpaid-", StringComparison.Ordinal)
            ? ChargedPeriod.Month(Days.Parse(key["postpaid-".Length..] + "-01"))
            : ChargedPeriod.Day(Days.Parse(key["charge-".Length..]));
        return new ChargeMarker(period, c.Long("LedgerSeq"), c.Long("Amount"), c.Time("ChargedAt"));
    }
}
