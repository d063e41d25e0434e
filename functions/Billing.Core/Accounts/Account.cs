using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>
/// The account head row: settings plus the counters every money movement advances under If-Match
/// (balance, ledger sequence, invoice sequence, charging position).
/// </summary>
public sealed record Account : IAccountRow
{
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => RowKeys.Account;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public AccountState State { get; init; } = AccountState.Trial;
    public required string Currency { get; init; }
    public required string TimeZone { get; init; }
    public required string Country { get; init; }
    public Language Language { get; init; } = Language.En;
    public BillingMode BillingMode { get; init; }
    public required string PlanId { get; init; }
    public IReadOnlyList<string> AddOns { get; init; } = [];
    public string? OwnerEmail { get; init; }
    public int Shard { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateOnly? ActivatedOn { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }

    /// <summary>Sum of all ledger entries (A2), in minor units of <see cref="Currency"/>.</summary>
    public long Balance { get; init; }
    public long LedgerSeq { get; init; }
    public long InvoiceSeq { get; init; }
    /// <summary>Numbers of the invoices this tenant issued to its own customers (F2), a sequence of their own.</summary>
    public long CustomerInvoiceSeq { get; init; }

    /// <summary>Latest seat count the CRM reported; the fallback for a day with no report (C2).</summary>
    public int ReportedSeats { get; init; } = 1;
    /// <summary>Thirtieths of a minor unit not yet charged: daily division never loses or invents money (C2).</summary>
    public long ChargeCarry { get; init; }
    public DateOnly? LastChargedDay { get; init; }
    /// <summary>The last seat count reported up to the last charged day: a day with no report is charged at it (C2).</summary>
    public int KnownSeats { get; init; }
    /// <summary>Balance set aside by a hold (C9); not part of <see cref="Balance"/> until released or spent.</summary>
    public long Held { get; init; }
    /// <summary>C8 setting: the account may keep working without balance (then nothing is auto-paid).</summary>
    public bool MayWorkWithoutBalance { get; init; }
    /// <summary>C8 setting: invoices come from an external system (then nothing is auto-paid).</summary>
    public bool InvoicesFromExternalSystem { get; init; }
    /// <summary>Local date of the last plan change: at most one per day (C9).</summary>
    public DateOnly? LastPlanChangeOn { get; init; }
    /// <summary>The unpaid invoice of a plan change waiting for money (C9); no other change starts meanwhile.</summary>
    public string? PendingPlanChange { get; init; }
    /// <summary>Restriction policy while in debt (D2 day_of_month, D3 immediate).</summary>
    public Restrictions.RestrictionPolicy RestrictionPolicy { get; init; }
    /// <summary>Local date the balance went negative (D3); null while it is not.</summary>
    public DateOnly? NegativeSince { get; init; }
    /// <summary>End of the promised payment in force (D4).</summary>
    public DateTimeOffset? PromiseUntil { get; init; }
    public DateTimeOffset? LastPromiseAt { get; init; }
    /// <summary>The level last recorded by re-evaluation (D5): a change from it is recorded and emailed once.</summary>
    public Restrictions.RestrictionLevel RecordedLevel { get; init; }
    /// <summary>How many level changes were recorded: the sequence of their rows.</summary>
    public long RestrictionChanges { get; init; }
    /// <summary>Admins' email addresses: they receive restriction notices (D3, D5).</summary>
    public IReadOnlyList<string> AdminEmails { get; init; } = [];
    /// <summary>Scheduled deletion date (E2) while <c>deletion_scheduled</c>.</summary>
    public DateOnly? DeletionDate { get; init; }
    public DateOnly? DeletedOn { get; init; }
    /// <summary>Deletion notices already emailed for the scheduled date (E2): "scheduled", "3", "1".</summary>
    public IReadOnlyList<string> DeletionNotices { get; init; } = [];
    /// <summary>
    /// Ids of the unpaid invoices auto-pay may consider (C8, B5), kept by every commit that writes an invoice; null for an
    /// account stored before the list existed (auto-pay then lists its invoices once and stores the list).
    /// </summary>
    public IReadOnlyList<string>? UnpaidInvoices { get; init; }
    /// <summary>First day of the last postpaid month charged (C4).</summary>
    public DateOnly? LastPostpaidMonth { get; init; }

    public string Money(long minor) => $"{new Money.Money(minor, Currency)}";
}
