namespace Billing.Core.Audit;

/// <summary>What an operator did (P2): one value per operator write, snake_case on the wire and in storage (<c>offline_payment</c>).</summary>
public enum AuditAction
{
    /// <summary>B6: a bank transfer recorded for the account.</summary>
    OfflinePayment,
    /// <summary>B7: an awaiting or overdue invoice completed from the balance.</summary>
    InvoiceCompletion,
    /// <summary>E3: a deleted account restored within its window.</summary>
    AccountRestore,
    /// <summary>B9: a refund asked of the provider that took the payment.</summary>
    Refund,
    /// <summary>A job run started by hand.</summary>
    JobStart,
    /// <summary>S1: an API key issued.</summary>
    ApiKeyCreate,
    /// <summary>S1: an API key revoked.</summary>
    ApiKeyRevoke,
    /// <summary>A2: a correction of the balance, with its reason.</summary>
    Adjustment,
    /// <summary>B4: a flagged payment resolved (credited to the balance, or dismissed with a note).</summary>
    FlaggedPaymentResolve,
    /// <summary>G2: one CRM event delivered again, under its own id.</summary>
    EventReplay,
    /// <summary>G2: the CRM events of a time range delivered again.</summary>
    EventRangeReplay,
    /// <summary>G1: an email (or a tenant's message to its customer) sent again.</summary>
    MessageResend,
}
