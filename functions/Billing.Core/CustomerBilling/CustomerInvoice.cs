using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

public enum CalculationType { Manual, Forecast, Subscription }

public enum CustomerInvoiceStatus { AwaitingPayment, Paid, Archived }

/// <summary>What <see cref="CustomerInvoice.PaymentIssue"/> says when a payment was credited but not as issued (F11).</summary>
public static class PaymentIssues
{
    /// <summary>The invoice's pass was removed or moved to the base account after issue: the payment went to the base account.</summary>
    public const string TargetChanged = "target_changed";
}

/// <summary>One line of how an amount was reached, so a customer's question has an answer.</summary>
public sealed record AmountLine(string Description, long Amount);

/// <summary>
/// An invoice from a tenant to one of its customers (F2). Its public token is the only thing a payer needs
/// (F3); <see cref="Repeatable"/> invoices can be paid again, archived ones never.
/// </summary>
public sealed record CustomerInvoice
{
    public const string IdPrefix = "cinv";
    public static RowRef<CustomerInvoice> Ref(string id) => new(id);
    public static readonly RowSet<CustomerInvoice> All = RowSet<CustomerInvoice>.All;

    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string CustomerId { get; init; }
    public required string CustomerName { get; init; }
    public required CalculationType Calculation { get; init; }
    /// <summary><c>base</c> or the id of a pass with a separate account.</summary>
    public required string Target { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public IReadOnlyList<AmountLine> Lines { get; init; } = [];
    /// <summary>Subjects of the passes the invoice is for ({bill.amount_subjects_url}).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];
    /// <summary>Names of the passes the invoice is for, as they were at issue (the public page shows them, F3).</summary>
    public IReadOnlyList<string> PassNames { get; init; } = [];
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public required DateOnly PayableFrom { get; init; }
    /// <summary>Last local day a payment may start; null: "not set", no end.</summary>
    public DateOnly? PayableUntil { get; init; }
    public bool Repeatable { get; init; }
    public CustomerInvoiceStatus Status { get; init; } = CustomerInvoiceStatus.AwaitingPayment;
    public required string PublicToken { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    /// <summary>The mailing rule that issued it, if any (F8).</summary>
    public string? RuleId { get; init; }
    public int PaymentCount { get; init; }
    public long PaidTotal { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public string? PaymentIssue { get; init; }
    /// <summary>Checkout attempts the provider reported declined; each one makes the next "Go to payment" a new checkout.</summary>
    public int Declines { get; init; }
    public DateTimeOffset? LastDeclinedAt { get; init; }

    /// <summary>
    /// Which checkout "Go to payment" opens: a new one after each payment (repeatable invoices) and after each decline,
    /// so a payer is never sent back to a finished checkout.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] public int CheckoutAttempt => PaymentCount + Declines;

    /// <summary>The last checkout attempt was declined and nothing was paid since.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool LastAttemptDeclined => LastDeclinedAt is { } d && (PaidAt is null || d > PaidAt) && Status != CustomerInvoiceStatus.Archived;

    public static bool IsCustomerInvoiceId(string? id) => id is not null && id.StartsWith(IdPrefix + "_", StringComparison.Ordinal);

    [System.Text.Json.Serialization.JsonIgnore] public TargetAccount TargetAccount => TargetAccount.Parse(Target);
}
