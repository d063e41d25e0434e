using Billing.Core.Storage;

namespace Billing.Core.Adjustments;

/// <summary>What an operator asks (P2): a signed amount in the account's currency, why, and optionally a key naming the request.</summary>
public sealed record AdjustmentRequest(long Amount, string Currency, string Reason, string? IdempotencyKey = null);

/// <summary>
/// An operator's correction of the balance (A2: a correction is a new entry, never an edit), kept as a row named by its
/// idempotency key: inserted in the commit that posts its <c>adjustment</c> entry, so the same key never books twice, however
/// late the repeat (unlike an Idempotency-Key record, it is never swept).
/// </summary>
public sealed record Adjustment
{
    public static RowRef<Adjustment> Ref(string key) => new(key);
    public static readonly RowSet<Adjustment> All = RowSet<Adjustment>.All;

    public required string Id { get; init; }
    public required string Key { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public required long LedgerSeq { get; init; }
    public required long BalanceAfter { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>Who booked it (<see cref="Audit.OperatorActor.Display"/>); the audit entry has the key too.</summary>
    public required string By { get; init; }

    /// <summary>Whether a repeat with this key asks the same thing (else 422 idempotency_key_reused).</summary>
    public bool Matches(AdjustmentRequest r) => r.Amount == Amount && r.Currency == Currency && r.Reason == Reason;
}

/// <summary>The adjustment, and whether this request only found it (a repeat of the same key books nothing).</summary>
public sealed record AdjustmentResult(Adjustment Adjustment, bool Repeated);
