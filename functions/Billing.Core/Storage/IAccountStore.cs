using Billing.Core.Accounts;

namespace Billing.Core.Storage;

/// <summary>A page of rows and the opaque token for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public enum FilterOp { Eq, Ge, Le }

/// <summary>A column condition of a paged query; values go through the SDK's parameterised filter (S3).</summary>
public sealed record RowFilter(string Column, FilterOp Op, object Value);

/// <summary>The account partition: head row, ledger and everything else keyed by account (port).</summary>
public interface IAccountStore
{
    Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct);

    /// <summary>Inserts the head row and the shard index entry; <see cref="DuplicateRowException"/> if the id exists.</summary>
    Task CreateAsync(Account account, CancellationToken ct);

    /// <summary>Commits atomically and returns the head's new ETag (or null when the head was not written).</summary>
    Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct);

    Task<Versioned<T>?> FindRowAsync<T>(string accountId, string rowKey, CancellationToken ct) where T : class, IAccountRow;

    /// <summary>Rows with fromKey &lt;= RowKey &lt; toKey, ascending, streamed page by page.</summary>
    IAsyncEnumerable<T> RangeAsync<T>(string accountId, string fromKey, string toKey, CancellationToken ct) where T : class, IAccountRow;

    Task<Page<Invoices.Invoice>> InvoicePageAsync(string accountId, Invoices.InvoiceStatus? status, Invoices.InvoiceKind? kind, int pageSize,
        string? continuationToken, CancellationToken ct);

    /// <summary>One page of the rows whose key starts with <paramref name="prefix"/> and that meet every filter.</summary>
    Task<Page<T>> PageAsync<T>(string accountId, string prefix, IReadOnlyList<RowFilter> filters, int pageSize, string? continuationToken,
        CancellationToken ct) where T : class, IAccountRow;

    Task<Page<Ledger.LedgerEntry>> LedgerPageAsync(string accountId, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? continuationToken, CancellationToken ct);
}
