using Billing.Core.Storage;

namespace Billing.Core.Invoices;

public enum InvoiceKind { TopUp, Renewal, PlanChange }

public enum InvoiceStatus { AwaitingPayment, Overdue, Paid, PaidFromBalance, Cancelled, Archived }

/// <summary>A request to pay, addressed to the account (C10). Number is per account, gapless.</summary>
public sealed record Invoice : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.Invoice(Id);

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Number { get; init; }
    public required InvoiceKind Kind { get; init; }
    public InvoiceStatus Status { get; init; } = InvoiceStatus.AwaitingPayment;
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    /// <summary>Prepayment bonus promised by the quote (B3), credited as its own entry on payment.</summary>
    public long Bonus { get; init; }
    public int BonusPercent { get; init; }
    public required string Description { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? CreatedBy { get; init; }
    public string? Provider { get; init; }
    public string? CheckoutId { get; init; }
    public string? CheckoutUrl { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public string? PaidBy { get; init; }
    /// <summary>A payment that arrived but could not be applied (B4): for the operator to resolve.</summary>
    public string? PaymentIssue { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public bool IsUnpaid => Status is InvoiceStatus.AwaitingPayment or InvoiceStatus.Overdue;

    public static string FormatNumber(long seq) => $"INV-{seq:D6}";
}
