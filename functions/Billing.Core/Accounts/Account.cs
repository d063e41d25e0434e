namespace Billing.Core.Accounts;

/// <summary>
/// The account aggregate (the head row): identity, settings, state, the balance and the sequences every money movement
/// advances under If-Match. What each feature keeps between commands is a sub-record owned by that feature and
/// changed only through its methods: <see cref="Charging"/>, <see cref="PlanChange"/>, <see cref="Restrictions"/>,
/// <see cref="Deletion"/>, <see cref="LowBalance"/>, and the unpaid-invoice index.
/// </summary>
public sealed record Account
{
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
    /// <summary>Admins' email addresses: they receive restriction notices (D3, D5).</summary>
    public IReadOnlyList<string> AdminEmails { get; init; } = [];
    public int Shard { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateOnly? ActivatedOn { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    /// <summary>C8 setting: the account may keep working without balance (then nothing is auto-paid).</summary>
    public bool MayWorkWithoutBalance { get; init; }
    /// <summary>C8 setting: invoices come from an external system (then nothing is auto-paid).</summary>
    public bool InvoicesFromExternalSystem { get; init; }

    /// <summary>Sum of all ledger entries (A2), in minor units of <see cref="Currency"/>.</summary>
    public long Balance { get; init; }
    public long LedgerSeq { get; init; }
    public long InvoiceSeq { get; init; }
    /// <summary>Numbers of the invoices this tenant issued to its own customers (F2), a sequence of their own.</summary>
    public long CustomerInvoiceSeq { get; init; }

    public Charging.ChargingState Charging { get; init; } = new();
    public PlanChange.PlanChangeState PlanChange { get; init; } = new();
    public Restrictions.RestrictionState Restrictions { get; init; } = new();
    public Deletion.DeletionState Deletion { get; init; } = new();
    /// <summary>A6: the low-balance threshold and whether the current crossing was alerted.</summary>
    public Runways.LowBalanceState LowBalance { get; init; } = new();
    /// <summary>
    /// Ids of the unpaid invoices auto-pay may consider (C8, B5), kept by every commit that writes an invoice
    /// (<see cref="Invoices.UnpaidInvoiceIndex"/>); null for an account stored before the list existed.
    /// </summary>
    public IReadOnlyList<string>? UnpaidInvoices { get; init; }

    /// <summary>The one invoice-numbering routine (C10): per account, gapless, taken in the transaction that writes the invoice.</summary>
    public (Account Head, string Number) NextInvoiceNumber() => (this with { InvoiceSeq = InvoiceSeq + 1 }, $"INV-{InvoiceSeq + 1:D6}");

    /// <summary>The same for invoices this tenant issues to its own customers (F2).</summary>
    public (Account Head, string Number) NextCustomerInvoiceNumber() =>
        (this with { CustomerInvoiceSeq = CustomerInvoiceSeq + 1 }, $"C-{CustomerInvoiceSeq + 1:D6}");

    public string Money(long minor) => Core.Money.MoneyFormat.Format(minor, Currency, Language);

    /// <summary>A text of the catalog in the account's language (G1).</summary>
    public string Text(string key, params object?[] args) => Texts.Text.Get(Language, key, args);

    /// <summary>A day as the account's people write it.</summary>
    public string Date(DateOnly day) => Texts.Text.Date(Language, day);
}
