using Billing.Core.Accounts;

namespace Billing.Core.Storage;

/// <summary>A page of rows and the opaque token for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public enum FilterOp { Eq, Ge, Le, Lt, Ne }

/// <summary>A condition on a field of a paged query (named as the domain record names it); values go through the SDK's parameterised filter (S3).</summary>
public sealed record RowFilter(string Field, FilterOp Op, object Value);

/// <summary>
/// Reads of the account partition (port): the head, one row by identity, a set of rows streamed, a page of rows.
/// Ledger entries, restriction changes and customer ledger entries come newest first; other kinds in identity order.
/// </summary>
public interface IAccountReader
{
    /// <summary>The account as the rules see it (<see cref="AccountHead.Merged"/>): one request, the head with its satellites.</summary>
    Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct);

    /// <summary>The head row and its satellites in one range read (ARCHITECTURE "The head and its satellites").</summary>
    Task<AccountHead?> ReadHeadAsync(string accountId, CancellationToken ct);

    Task<Versioned<T>?> GetAsync<T>(string accountId, RowRef<T> row, CancellationToken ct) where T : class;

    IAsyncEnumerable<T> ListAsync<T>(string accountId, RowSet<T> rows, CancellationToken ct) where T : class;

    Task<Page<T>> PageAsync<T>(string accountId, RowSet<T> rows, IReadOnlyList<RowFilter> filters, int pageSize, string? continuationToken,
        CancellationToken ct) where T : class;
}

/// <summary>The account partition with its writes. Only the unit of work commits (<see cref="AccountUnitOfWork"/>).</summary>
public interface IAccountStore : IAccountReader
{
    /// <summary>Inserts the head row and the shard index entry; <see cref="DuplicateRowException"/> if the id exists.</summary>
    Task CreateAsync(Account account, CancellationToken ct);

    /// <summary>Commits atomically and returns the head's new ETag (or null when the head was not written).</summary>
    Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct);
}
