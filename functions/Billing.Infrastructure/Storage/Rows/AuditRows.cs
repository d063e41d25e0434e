using System.Text.Json.Nodes;
using Billing.Core.Adjustments;
using Billing.Core.Audit;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>
/// An operator's audit entry in its account's partition (P2): RowKey <c>audit-{inverted ticks}-{id}</c>, so a range read
/// lists an account's entries newest first. The global log (<see cref="Audit.TableAuditLog"/>) keeps the same columns.
/// </summary>
public sealed class AuditRows : RowMapper<AuditEntry>
{
    private const string Prefix = "audit-";

    public override string Key(AuditEntry row) => Prefix + RowKeys.Inverted(row.At.UtcTicks) + "-" + row.Id;
    public override (string From, string To) Range(RowSet<AuditEntry> rows) => Prefixed(Prefix);

    protected override void Write(AuditEntry x, Columns c) => WriteColumns(x, c);
    protected override AuditEntry Read(Columns c) => ReadColumns(c);

    /// <summary>The columns of an entry, wherever it is stored (an account's partition, the global log).</summary>
    public static void WriteColumns(AuditEntry x, Columns c)
    {
        c.Text("Id", x.Id); c.Time("At", x.At); c.Enum("Action", x.Action); c.Text("KeyId", x.Who.KeyId); c.Text("KeyName", x.Who.KeyName);
        c.Text("Operator", x.Who.Name); c.Text("AccountId", x.AccountId); c.Text("Target", x.Target); c.Text("Reason", x.Reason);
        c.Text("Before", x.Before?.ToJsonString()); c.Text("After", x.After?.ToJsonString()); c.Text("IdempotencyKey", x.IdempotencyKey);
    }

    public static AuditEntry ReadColumns(Columns c) => new()
    {
        Id = c.Text("Id"), At = c.Time("At"), Action = c.Choice<AuditAction>("Action"),
        Who = new OperatorActor(c.Text("KeyId"), c.Text("KeyName"), c.TextOrNull("Operator")), AccountId = c.TextOrNull("AccountId"),
        Target = c.TextOrNull("Target"), Reason = c.TextOrNull("Reason"), Before = Snapshot(c.TextOrNull("Before")), After = Snapshot(c.TextOrNull("After")),
        IdempotencyKey = c.TextOrNull("IdempotencyKey"),
    };

    private static JsonObject? Snapshot(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}

/// <summary>An operator's adjustment (P2, A2): RowKey <c>adjustment-{hash of its key}</c>, so the same key collides instead of booking twice.</summary>
public sealed class AdjustmentRows : RowMapper<Adjustment>
{
    private const string Prefix = "adjustment-";

    public override string Key(Adjustment row) => Prefix + RowKeys.Hash(row.Key);
    public override string Key(RowRef<Adjustment> row) => Prefix + RowKeys.Hash((string)row.Id);
    public override (string From, string To) Range(RowSet<Adjustment> rows) => Prefixed(Prefix);

    protected override void Write(Adjustment x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Key", x.Key); c.Long("Amount", x.Amount); c.Text("Currency", x.Currency); c.Text("Reason", x.Reason);
        c.Long("LedgerSeq", x.LedgerSeq); c.Long("BalanceAfter", x.BalanceAfter); c.Time("At", x.At); c.Text("By", x.By);
    }

    protected override Adjustment Read(Columns c) => new()
    {
        Id = c.Text("Id"), Key = c.Text("Key"), Amount = c.Long("Amount"), Currency = c.Text("Currency"), Reason = c.Text("Reason"),
        LedgerSeq = c.Long("LedgerSeq"), BalanceAfter = c.Long("BalanceAfter"), At = c.Time("At"), By = c.Text("By"),
    };
}
