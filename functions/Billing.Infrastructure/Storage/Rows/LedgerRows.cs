using Billing.Core.Ledger;
using Billing.Core.Restrictions;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Ledger entries: RowKey <c>ledger-{inverted seq}</c>, so a range read lists them newest first (A4).</summary>
public sealed class LedgerRows : RowMapper<LedgerEntry>
{
    private const string Prefix = "ledger-";

    public override string Key(LedgerEntry row) => Prefix + RowKeys.Inverted(row.Seq);
    public override string Key(RowRef<LedgerEntry> row) => Prefix + RowKeys.Inverted((long)row.Id);
    public override (string From, string To) Range(RowSet<LedgerEntry> rows) => Prefixed(Prefix);

    protected override void Write(LedgerEntry e, Columns c)
    {
        c.Long("Seq", e.Seq); c.Text("AccountId", e.AccountId); c.Time("Time", e.Time); c.Enum("Kind", e.Kind); c.Long("Amount", e.Amount);
        c.Text("Currency", e.Currency); c.Long("BalanceAfter", e.BalanceAfter); c.Text("Description", e.Description); c.Nested("Lines", e.Lines);
        c.Text("Reference", e.Reference); c.Text("IdempotencyKey", e.IdempotencyKey); c.Text("PaymentReference", e.PaymentReference);
    }

    protected override LedgerEntry Read(Columns c) => new()
    {
        Seq = c.Long("Seq"), AccountId = c.Text("AccountId"), Time = c.Time("Time"), Kind = c.Choice<LedgerKind>("Kind"), Amount = c.Long("Amount"),
        Currency = c.Text("Currency"), BalanceAfter = c.Long("BalanceAfter"), Description = c.Text("Description"),
        Lines = c.Json<List<BreakdownLine>>("Lines", []), Reference = c.TextOrNull("Reference"), IdempotencyKey = c.TextOrNull("IdempotencyKey"),
        PaymentReference = c.TextOrNull("PaymentReference"),
    };
}

/// <summary>Recorded restriction-level changes (D5): RowKey <c>restriction-{inverted seq}</c>, newest first.</summary>
public sealed class RestrictionChangeRows : RowMapper<RestrictionChange>
{
    private const string Prefix = "restriction-";

    public override string Key(RestrictionChange row) => Prefix + RowKeys.Inverted(row.Seq);
    public override (string From, string To) Range(RowSet<RestrictionChange> rows) => Prefixed(Prefix);

    protected override void Write(RestrictionChange x, Columns c)
    {
        c.Long("Seq", x.Seq); c.Time("At", x.At); c.Enum("From", x.From); c.Enum("To", x.To); c.Text("Reason", x.Reason); c.Text("Trigger", x.Trigger);
    }

    protected override RestrictionChange Read(Columns c) => new(c.Long("Seq"), c.Time("At"), c.Choice<RestrictionLevel>("From"), c.Choice<RestrictionLevel>("To"),
        c.Text("Reason"), c.Text("Trigger"));
}
