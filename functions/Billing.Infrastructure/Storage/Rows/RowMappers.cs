namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Every kind of row an account partition holds, by its domain type (ARCHITECTURE "Row catalog").</summary>
public static class RowMappers
{
    public static readonly IReadOnlyList<RowMapper> All =
    [
        new AccountRows(), new AccountCreationClaimRows(), new LedgerRows(), new RestrictionChangeRows(), new InvoiceRows(), new ServiceRows(),
        new SeatsDayRows(), new UsageDayRows(), new UsageEventRows(), new SeatReportsRows(), new LoginMarkRows(), new UsageCounterRows(), new ChargeMarkerRows(), new ProviderEventRows(), new PaymentRecordRows(), new IdempotencyRows(),
        new OutboxRows(), new CustomerRows(), new CustomerInvoiceRows(), new CustomerLedgerRows(), new CompanyDetailsRows(), new MessageTemplateRows(),
        new MailingRuleRows(), new MailingRunRows(), new MailingLineRows(), new MerchantConnectionRows(),
        new AuditRows(), new AdjustmentRows(),
    ];

    private static readonly Dictionary<Type, RowMapper> ByType = All.ToDictionary(m => m.RowType);

    public static RowMapper Of(Type type) =>
        ByType.TryGetValue(type, out var m) ? m : throw new InvalidOperationException($"{type.Name} is not a row kind of the account partition.");

    public static RowMapper<T> Of<T>() where T : class => (RowMapper<T>)Of(typeof(T));
}
