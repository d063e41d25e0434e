using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// A movement of a customer's money (F4): a payment through a public link credited to the base account or a pass.
/// The customer row's balance and pass money are the sum of these.
/// </summary>
public sealed record CustomerLedgerEntry
{
    /// <summary>One customer's entries, newest first.</summary>
    public static RowSet<CustomerLedgerEntry> Of(string customerId) => new(Owner: customerId);

    public required string CustomerId { get; init; }
    public required long Seq { get; init; }
    public required string Target { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    /// <summary>The target account's money after this entry.</summary>
    public required long BalanceAfter { get; init; }
    public required string Description { get; init; }
    public string? InvoiceId { get; init; }
    public string? EventId { get; init; }
    public required DateTimeOffset Time { get; init; }
}
