using Billing.Core.Storage;

namespace Billing.Core.Payments;

public enum PaymentOutcome { Credited, AlreadyApplied, Declined, CheckoutClosed, AmountMismatch, DuplicatePayment, InvoiceNotPayable, UnknownInvoice, Ignored, Refunded, UnknownPayment }

/// <summary>
/// One provider event as applied to the account: its identity (provider, event id) makes a redelivered event
/// collide instead of crediting twice (B4). Outcomes other than Credited are the operator's to resolve.
/// </summary>
public sealed record ProviderEventRecord
{
    public static RowRef<ProviderEventRecord> Ref(string provider, string eventId) => new((provider, eventId));
    public static readonly RowSet<ProviderEventRecord> All = RowSet<ProviderEventRecord>.All;

    /// <summary>The idempotency key of what the event credits: <c>event-{provider}-{hash of the event id}</c>.</summary>
    public static string KeyOf(string provider, string eventId) => $"event-{provider}-{Validation.Ids.Hash(eventId)}";

    public required string Provider { get; init; }
    public required string EventId { get; init; }
    public required PaymentOutcome Outcome { get; init; }
    public string? InvoiceId { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Detail { get; init; }
    public long? LedgerSeq { get; init; }
    /// <summary>Set when the event was flagged for the operator (B4, F11); rows from before it existed are read by <see cref="FlagKind"/>.</summary>
    public PaymentFlagKind? Flag { get; init; }
    /// <summary>How an operator closed the flag (<see cref="FlaggedPayments"/>), when, by whom and why.</summary>
    public FlagResolution? Resolution { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public string? ResolutionNote { get; init; }

    /// <summary>
    /// The flag, also of a record stored before <see cref="Flag"/> was: its outcome says it (a refund's mismatch detail starts
    /// "refund of"; an unknown invoice counts when money came with it).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PaymentFlagKind? FlagKind => Flag ?? Outcome switch
    {
        PaymentOutcome.AmountMismatch => Detail?.StartsWith("refund of", StringComparison.Ordinal) == true ? PaymentFlagKind.RefundMismatch : PaymentFlagKind.AmountMismatch,
        PaymentOutcome.DuplicatePayment => PaymentFlagKind.DuplicatePayment,
        PaymentOutcome.InvoiceNotPayable => PaymentFlagKind.InvoiceNotPayable,
        PaymentOutcome.UnknownInvoice when Amount > 0 => PaymentFlagKind.UnknownInvoice,
        PaymentOutcome.UnknownPayment => PaymentFlagKind.UnknownPayment,
        _ => null,
    };

    /// <summary>A flag no operator has closed yet.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public bool IsOpenFlag => FlagKind is not null && Resolution is null;

    /// <summary>The record of an event before its outcome is known (the decision sets it).</summary>
    public static ProviderEventRecord Received(ProviderEvent evt, DateTimeOffset now) => new()
    {
        Provider = evt.Provider, EventId = evt.EventId, Outcome = PaymentOutcome.Ignored, InvoiceId = evt.InvoiceId,
        Amount = evt.Amount?.Minor ?? 0, Currency = evt.Amount?.Currency, ReceivedAt = now,
    };
}
