using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Usage;
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

/// <summary>
/// A usage event (C11): RowKey <c>usagekey-{hash of the event id}</c>, the key single usage reports had under their
/// Idempotency-Key, so a report stored before events existed collides with its repeat as an event and reads as one.
/// </summary>
public sealed class UsageEventRows : RowMapper<UsageEvent>
{
    private const string Prefix = "usagekey-";

    public override string Key(UsageEvent row) => Prefix + RowKeys.Hash(row.EventId);
    public override string Key(RowRef<UsageEvent> row) => Prefix + RowKeys.Hash((string)row.Id);
    public override (string From, string To) Range(RowSet<UsageEvent> rows) => Prefixed(Prefix);

    // The columns of the old receipts keep their names and meaning (IdempotencyKey = the id, Day = the day charged with, At = received).
    protected override void Write(UsageEvent x, Columns c)
    {
        c.Text("IdempotencyKey", x.EventId); c.Text("Metric", x.Metric); c.Long("Quantity", x.Quantity); c.Day("Day", x.Day); c.Time("At", x.ReceivedAt);
        c.Time("OccurredAt", x.OccurredAt); c.Day("OccurredOn", x.OccurredOn);
    }

    protected override UsageEvent Read(Columns c) => new(c.Text("IdempotencyKey"), c.Text("Metric"), c.Long("Quantity"),
        c.TimeOrNull("OccurredAt") ?? c.Time("At"), c.DayOrNull("OccurredOn") ?? c.Day("Day"), c.Day("Day"), c.Time("At"));
}

/// <summary>
/// The satellites of the head (ARCHITECTURE "The head and its satellites"): RowKeys <c>account.seats</c>, <c>account.login</c>,
/// <c>account.usage-{yyyy-MM-dd}-{slot}</c>. They sort right after the head's <c>account</c>, so one range read
/// [<c>account</c>, <c>account/</c>) returns the head with all of them.
/// </summary>
public static class HeadRange
{
    public const string Satellite = AccountRows.RowKey + ".";
    public const string From = AccountRows.RowKey;
    public static readonly string To = RowKeys.PrefixEnd(Satellite);
}

public sealed class SeatReportsRows : RowMapper<SeatReports>
{
    public const string RowKey = HeadRange.Satellite + "seats";

    public override string Key(SeatReports row) => RowKey;

    protected override void Write(SeatReports x, Columns c) { c.Int("Latest", x.Latest); c.Nested("Days", x.Days.Select(d => new[] { d.Day.DayNumber, d.Seats, d.Last })); }

    protected override SeatReports Read(Columns c) => new(c.Int("Latest"),
        c.Json<List<int[]>>("Days", []).Select(d => new SeatsDay(DateOnly.FromDayNumber(d[0]), d[1], d[2])).ToList());
}

public sealed class LoginMarkRows : RowMapper<LoginMark>
{
    public const string RowKey = HeadRange.Satellite + "login";

    public override string Key(LoginMark row) => RowKey;

    protected override void Write(LoginMark x, Columns c) => c.Time("At", x.At);
    protected override LoginMark Read(Columns c) => new(c.Time("At"));
}

public sealed class UsageCounterRows : RowMapper<UsageCounter>
{
    public const string Prefix = HeadRange.Satellite + "usage-";

    public override string Key(UsageCounter row) => KeyOf(row.Bucket, row.Slot);
    public override string Key(RowRef<UsageCounter> row) => row.Id is (DateOnly bucket, int slot) ? KeyOf(bucket, slot) : throw new ArgumentException("A usage counter is named by (bucket, slot).");

    private static string KeyOf(DateOnly bucket, int slot) => $"{Prefix}{Days.Format(bucket)}-{slot.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";

    protected override void Write(UsageCounter x, Columns c)
    {
        c.Day("Bucket", x.Bucket); c.Int("Slot", x.Slot); c.Nested("Quantities", x.Quantities);
        if (x.Late.Count > 0) c.Nested("Late", x.Late);
        c.Day("LateSince", x.LateSince);
    }

    protected override UsageCounter Read(Columns c) => new(c.Day("Bucket"), c.Int("Slot"), c.Json<Dictionary<string, long>>("Quantities", []),
        c.Json<Dictionary<string, long>>("Late", []), c.DayOrNull("LateSince"));
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
