using Billing.Core.Storage;

namespace Billing.Core.Payments;

/// <summary>
/// A payment a provider took for one of the account's invoices (issue 15, refunds): what was paid, the bonus it earned,
/// and how much of it went back. Its id is derived from the provider's payment id, so a provider's refund confirmation
/// finds it without an index. <see cref="Requested"/> is asked of the provider and not yet confirmed: a new refund may
/// take only what neither covers.
/// </summary>
public sealed record PaymentRecord
{
    public static RowRef<PaymentRecord> Ref(string id) => new(id);
    public static readonly RowSet<PaymentRecord> All = RowSet<PaymentRecord>.All;

    public static string IdOf(string provider, string providerPaymentId) => Validation.Ids.FromKey("pay", provider + "/" + providerPaymentId);

    public required string Id { get; init; }
    public required string Provider { get; init; }
    public required string ProviderPaymentId { get; init; }
    public required string InvoiceId { get; init; }
    public required string InvoiceNumber { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    /// <summary>The prepayment bonus the payment earned (B3): reversed in proportion to what is refunded.</summary>
    public long Bonus { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
    public long Refunded { get; init; }
    public long BonusReversed { get; init; }
    public long Requested { get; init; }
    public int Refunds { get; init; }
    /// <summary>The amount of each refund asked (a provider that names refunds by amount cannot take two alike).</summary>
    public IReadOnlyList<long> RefundAmounts { get; init; } = [];

    public long Refundable => Amount - Refunded - Requested;

    /// <summary>The bonus still to reverse once <paramref name="more"/> is refunded: cumulative, so rounding never drifts past the bonus.</summary>
    public long BonusToReverse(long more) =>
        Amount == 0 ? 0 : Math.Min(Bonus, (long)((Int128)Bonus * Math.Min(Amount, Refunded + more) / Amount)) - BonusReversed;
}
