using Billing.Core.Storage;

namespace Billing.Core.Payments;

public enum PaymentOutcome { Credited, AlreadyApplied, Declined, AmountMismatch, DuplicatePayment, InvoiceNotPayable, UnknownInvoice, Ignored }

/// <summary>
/// One provider event as applied to the account: its deterministic row key makes a redelivered event
/// collide instead of crediting twice (B4). Outcomes other than Credited are the operator's to resolve.
/// </summary>
public sealed record ProviderEventRecord : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.ProviderEvent(Provider, EventId);

    public required string Provider { get; init; }
    public required string EventId { get; init; }
    public required PaymentOutcome Outcome { get; init; }
    public string? InvoiceId { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Detail { get; init; }
    public long? LedgerSeq { get; init; }
}
