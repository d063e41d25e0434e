using System.Globalization;
using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// A movement of a customer's money (F4): a payment through a public link credited to the base account or a pass.
/// The customer row's balance and pass money are the sum of these.
/// </summary>
public sealed record CustomerLedgerEntry : IAccountRow
{
    public const string Prefix = "cledger-";
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => KeyOf(CustomerId, Seq);

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

    // Inverted sequence: newest first, like the tenant's own ledger.
    public static string KeyOf(string customerId, long seq) =>
        $"{Prefix}{customerId}-{(long.MaxValue - seq).ToString("D19", CultureInfo.InvariantCulture)}";

    public static string CustomerPrefix(string customerId) => $"{Prefix}{customerId}-";
}
