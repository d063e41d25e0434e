using Billing.Core.Storage;

namespace Billing.Core.Ledger;

public enum LedgerKind { TopUp, Bonus, Charge, Refund, Credit, Adjustment, InvoicePayment, Hold, Release }

/// <summary>One line of a charge's explanation: what, how many, at what unit price, for how much (A3, A4).</summary>
public sealed record BreakdownLine(string Item, string Description, long Quantity, long UnitPrice, long Amount)
{
    public string? Tier { get; init; }
    public int? Seats { get; init; }
    public int? Days { get; init; }
}

/// <summary>An append-only ledger entry (A2, A3). Amount is signed: charges are negative.</summary>
public sealed record LedgerEntry
{
    public static readonly RowSet<LedgerEntry> All = RowSet<LedgerEntry>.All;
    public static RowRef<LedgerEntry> Ref(long seq) => new(seq);

    public required long Seq { get; init; }
    public string Id => $"{AccountId}-{Seq}";
    public required string AccountId { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required LedgerKind Kind { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required long BalanceAfter { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<BreakdownLine> Lines { get; init; } = [];
    /// <summary>What it came from: "invoice:inv_x", "charge:2026-11-23", "usage:…".</summary>
    public string? Reference { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>For money from outside: the bank's or the provider's reference of the payment (B6: the transfer's reference).</summary>
    public string? PaymentReference { get; init; }
}
