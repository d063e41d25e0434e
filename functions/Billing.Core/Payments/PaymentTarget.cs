using Billing.Core.Accounts;
using Billing.Core.Storage;

namespace Billing.Core.Payments;

/// <summary>Why a payment that matches its invoice cannot be credited now, and what is written on the invoice for the operator.</summary>
public sealed record PaymentRefusal(PaymentOutcome Outcome, string Detail, string Flag);

/// <summary>What crediting a payment writes: the head (null when it does not change), the rows, and the ledger entry that holds the money.</summary>
public sealed record PaymentCredit(Account? Head, IReadOnlyList<RowOp> Rows, long LedgerSeq, long BalanceAfter)
{
    /// <summary>Credited, but not as issued (F11: to the base account): the event's record carries the flag for the operator.</summary>
    public PaymentFlagKind? Flag { get; init; }
}

/// <summary>The invoice a provider payment is for, loaded with everything its decision needs.</summary>
public interface IPayable
{
    string Number { get; }
    long Amount { get; }
    string Currency { get; }

    /// <summary>Null when the payment may be credited; otherwise why not (B4: recorded and flagged, never credited).</summary>
    PaymentRefusal? Refusal(ProviderEvent evt);

    /// <summary>The invoice with <paramref name="issue"/> written on it, for the operator or tenant to resolve.</summary>
    RowOp Flag(string issue);

    PaymentCredit Credit(ProviderEvent evt, Account head, DateTimeOffset now);

    /// <summary>The invoice as it records a declined attempt (null: nothing to record), so its next checkout can differ.</summary>
    RowOp? Declined(ProviderEvent evt, DateTimeOffset now) => null;
}

/// <summary>
/// One kind of invoice payments go to (ARCHITECTURE "Payments"): the tenant's own invoices (its balance), or a tenant's
/// invoices to its customers (the customer's money). The payment path is the same; what differs lives here.
/// </summary>
public interface IPaymentTarget
{
    bool Handles(string invoiceId);

    Task<IPayable?> LoadAsync(IAccountReader reader, Versioned<Account> head, string invoiceId, CancellationToken ct);

    /// <summary>Once a credit is committed: what the money now allows (B5 auto-pay, E2 recheck); nothing for customer payments.</summary>
    Task<PaymentResult> FollowUpAsync(PaymentResult credited, DateTimeOffset now, CancellationToken ct);
}
