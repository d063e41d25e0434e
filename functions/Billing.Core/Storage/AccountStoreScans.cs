namespace Billing.Core.Storage;

/// <summary>Whole-kind scans of one account's partition (a partition holds one account, so these stay small).</summary>
public static class AccountStoreScans
{
    public static IAsyncEnumerable<Invoices.Invoice> InvoicesAsync(this IAccountStore store, string accountId, CancellationToken ct) =>
        store.RangeAsync<Invoices.Invoice>(accountId, RowKeys.InvoicePrefix, RowKeys.PrefixEnd(RowKeys.InvoicePrefix), ct);

    public static IAsyncEnumerable<Services.Service> ServicesAsync(this IAccountStore store, string accountId, CancellationToken ct) =>
        store.RangeAsync<Services.Service>(accountId, RowKeys.ServicePrefix, RowKeys.PrefixEnd(RowKeys.ServicePrefix), ct);
}
