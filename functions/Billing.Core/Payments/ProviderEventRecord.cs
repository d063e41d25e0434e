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

    /// <summary>The record of an event before its outcome is known (the decision sets it).</summary>
    public static ProviderEventRecord Received(ProviderEvent evt, DateTimeOffset now) => new()
    {
        Provider = evt.Provider, EventId = evt.EventId, Outcome = PaymentOutcome.Ignored, InvoiceId = evt.InvoiceId,
        Amount = evt.Amount?.Minor ?? 0, Currency = evt.Amount?.Currency, ReceivedAt = now,
    };
}
