using Billing.Core.Storage;

namespace Billing.Core.Invoices;

public enum InvoiceKind { TopUp, Renewal, PlanChange, Postpaid }

/// <summary>Why a service appears on an invoice (C8): a renewal of an ending period, or a prolongation bought ahead.</summary>
public enum OrderKind { Renewal, Prolongation }

/// <summary>One service an invoice pays for; an invoice with several is a combined invoice.</summary>
public sealed record InvoiceOrder(string ServiceId, OrderKind Kind, long Amount, DateTimeOffset CreatedAt);

public enum InvoiceStatus { AwaitingPayment, Overdue, Paid, PaidFromBalance, Cancelled, Archived }

/// <summary>A request to pay, addressed to the account (C10). Number is per account, gapless.</summary>
public sealed record Invoice
{
    public static RowRef<Invoice> Ref(string id) => new(id);
    public static readonly RowSet<Invoice> All = RowSet<Invoice>.All;

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
    /// <summary>Checkouts that ended without payment (declined, closed): the next one is attempt n at the provider.</summary>
    public int CheckoutAttempt { get; init; }
    /// <summary>The payment that paid it through a provider (<see cref="Payments.PaymentRecord"/>): what an operator refunds.</summary>
    public string? PaymentId { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public string? PaidBy { get; init; }
    /// <summary>A payment that arrived but could not be applied (B4): for the operator to resolve.</summary>
    public string? PaymentIssue { get; init; }
    /// <summary>Services this invoice pays for (renewal and prolongation orders).</summary>
    public IReadOnlyList<InvoiceOrder> Orders { get; init; } = [];
    /// <summary>Prepaid (pays a period ahead) or postpaid (pays what was used).</summary>
    public bool Prepaid { get; init; } = true;
    /// <summary>Issued by an external ERP (B7): never auto-paid or completed by hand; the ERP completes it through the API.</summary>
    public bool ExternalErp { get; init; }
    /// <summary>Plan change paid by this invoice (C9): the plan, the held balance, the credit and the full price.</summary>
    public PlanChangeTerms? PlanChange { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    /// <summary>Who set an amount other than the services' price (only an operator may, and it is recorded).</summary>
    public string? AmountSetBy { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public bool IsUnpaid => Status is InvoiceStatus.AwaitingPayment or InvoiceStatus.Overdue;

    /// <summary>An invoice number as <see cref="Accounts.Account.NextInvoiceNumber"/> writes it: <c>INV-000042</c>.</summary>
    public static bool IsNumber(string s) =>
        s.Length is >= 10 and <= 24 && s.StartsWith("INV-", StringComparison.Ordinal) && s[4..].All(char.IsAsciiDigit);

    /// <summary>Numbers in issue order: a longer number is later ("INV-1000000" after "INV-999999").</summary>
    public static int CompareNumbers(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    public static readonly IComparer<string> NumberOrder = Comparer<string>.Create(CompareNumbers);

    /// <summary>C8: an invoice expires the day after its due date.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public DateOnly? ExpiresOn => DueDate?.AddDays(1);
}

/// <summary>What a plan-change invoice settles when it is paid (C9).</summary>
public sealed record PlanChangeTerms(string FromPlanId, string ToPlanId, long FullPrice, long Credit, int UnusedDays, long Held)
{
    public long Cost => FullPrice - Credit;
}
