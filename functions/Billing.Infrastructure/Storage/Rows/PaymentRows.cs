using Billing.Core.Idempotency;
using Billing.Core.Payments;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>A provider event as applied (B4): RowKey <c>event-{provider}-{hash of the event id}</c>, so a redelivery collides.</summary>
public sealed class ProviderEventRows : RowMapper<ProviderEventRecord>
{
    public override string Key(ProviderEventRecord row) => ProviderEventRecord.KeyOf(row.Provider, row.EventId);
    public override string Key(RowRef<ProviderEventRecord> row) =>
        row.Id is (string provider, string eventId) ? ProviderEventRecord.KeyOf(provider, eventId) : throw new ArgumentException("An event is named by (provider, event id).");
    /// <summary>Every kept event of the partition (the retention sweep, B10): the keys <see cref="ProviderEventRecord.KeyOf"/> makes.</summary>
    public override (string From, string To) Range(RowSet<ProviderEventRecord> rows) => Prefixed("event-");

    protected override void Write(ProviderEventRecord x, Columns c)
    {
        c.Text("Provider", x.Provider); c.Text("EventId", x.EventId); c.Enum("Outcome", x.Outcome); c.Text("InvoiceId", x.InvoiceId);
        c.Long("Amount", x.Amount); c.Text("Currency", x.Currency); c.Time("ReceivedAt", x.ReceivedAt); c.Text("Detail", x.Detail); c.Long("LedgerSeq", x.LedgerSeq);
        if (x.Flag is { } flag) c.Enum("Flag", flag);
        if (x.Resolution is { } resolution) c.Enum("Resolution", resolution);
        c.Time("ResolvedAt", x.ResolvedAt); c.Text("ResolvedBy", x.ResolvedBy); c.Text("ResolutionNote", x.ResolutionNote);
    }

    protected override ProviderEventRecord Read(Columns c) => new()
    {
        Provider = c.Text("Provider"), EventId = c.Text("EventId"), Outcome = c.Choice<PaymentOutcome>("Outcome"), InvoiceId = c.TextOrNull("InvoiceId"),
        Amount = c.Long("Amount"), Currency = c.TextOrNull("Currency"), ReceivedAt = c.Time("ReceivedAt"), Detail = c.TextOrNull("Detail"),
        LedgerSeq = c.LongOrNull("LedgerSeq"),
        Flag = c.TextOrNull("Flag") is null ? null : c.Choice<PaymentFlagKind>("Flag"),
        Resolution = c.TextOrNull("Resolution") is null ? null : c.Choice<FlagResolution>("Resolution"),
        ResolvedAt = c.TimeOrNull("ResolvedAt"), ResolvedBy = c.TextOrNull("ResolvedBy"), ResolutionNote = c.TextOrNull("ResolutionNote"),
    };
}

/// <summary>The first answer to an Idempotency-Key (B8), in the partition of its scope: RowKey <c>idem-{hash of the key}</c>.</summary>
public sealed class IdempotencyRows : RowMapper<IdempotencyRecord>
{
    private const string Prefix = "idem-";

    public override string Key(IdempotencyRecord row) => Prefix + RowKeys.Hash(row.Key);
    public override string Key(RowRef<IdempotencyRecord> row) => Prefix + RowKeys.Hash((string)row.Id);
    /// <summary>Every record of the partition (the retention sweep, B8).</summary>
    public override (string From, string To) Range(RowSet<IdempotencyRecord> rows) => Prefixed(Prefix);

    protected override void Write(IdempotencyRecord x, Columns c)
    {
        c.Text("Key", x.Key); c.Text("RequestHash", x.RequestHash); c.Enum("State", x.State); c.Int("StatusCode", x.StatusCode);
        c.Text("ResponseBody", x.ResponseBody); c.Time("CreatedAt", x.CreatedAt); c.Time("LeaseUntil", x.LeaseUntil);
    }

    protected override IdempotencyRecord Read(Columns c) => new()
    {
        Key = c.Text("Key"), RequestHash = c.Text("RequestHash"), State = c.Choice<IdempotencyState>("State"), StatusCode = c.Int("StatusCode"),
        ResponseBody = c.TextOrNull("ResponseBody"), CreatedAt = c.Time("CreatedAt"), LeaseUntil = c.Time("LeaseUntil"),
    };
}

/// <summary>A provider payment of an account invoice (issue 15, refunds): RowKey <c>payment-{id}</c>.</summary>
public sealed class PaymentRecordRows : RowMapper<PaymentRecord>
{
    private const string Prefix = "payment-";

    public override string Key(PaymentRecord row) => Prefix + row.Id;
    public override string Key(RowRef<PaymentRecord> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<PaymentRecord> rows) => Prefixed(Prefix);

    protected override void Write(PaymentRecord x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Provider", x.Provider); c.Text("ProviderPaymentId", x.ProviderPaymentId); c.Text("InvoiceId", x.InvoiceId);
        c.Text("InvoiceNumber", x.InvoiceNumber); c.Long("Amount", x.Amount); c.Text("Currency", x.Currency); c.Long("Bonus", x.Bonus); c.Time("PaidAt", x.PaidAt);
        c.Long("Refunded", x.Refunded); c.Long("BonusReversed", x.BonusReversed); c.Long("Requested", x.Requested); c.Int("Refunds", x.Refunds);
        c.Nested("RefundAmounts", x.RefundAmounts.Count > 0 ? x.RefundAmounts : null);
    }

    protected override PaymentRecord Read(Columns c) => new()
    {
        Id = c.Text("Id"), Provider = c.Text("Provider"), ProviderPaymentId = c.Text("ProviderPaymentId"), InvoiceId = c.Text("InvoiceId"),
        InvoiceNumber = c.Text("InvoiceNumber"), Amount = c.Long("Amount"), Currency = c.Text("Currency"), Bonus = c.Long("Bonus"), PaidAt = c.Time("PaidAt"),
        Refunded = c.Long("Refunded"), BonusReversed = c.Long("BonusReversed"), Requested = c.Long("Requested"), Refunds = c.Int("Refunds"),
        RefundAmounts = c.Json<List<long>>("RefundAmounts", []),
    };
}
