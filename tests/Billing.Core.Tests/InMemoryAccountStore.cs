using System.Runtime.CompilerServices;
using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Storage;

namespace Billing.Core.Tests;

/// <summary>
/// An <see cref="IAccountStore"/> for unit tests with the semantics that matter: ETags that change on every write,
/// Insert failing on an existing row, If-Match, and all-or-nothing commits.
/// </summary>
internal sealed class InMemoryAccountStore : IAccountStore
{
    private readonly Dictionary<(string Pk, string Rk), (object Row, string ETag)> _rows = new();
    private readonly object _gate = new();
    private long _version;

    public int Commits { get; private set; }

    public Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct) => FindRowAsync<Account>(accountId, RowKeys.Account, ct);

    public Task CreateAsync(Account account, CancellationToken ct) =>
        CommitAsync(new AccountCommit(account.Id, null, null, [new RowOp(account, RowWrite.Insert)]), ct);

    public Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct)
    {
        lock (_gate)
        {
            var ops = new List<(string Rk, object Row, RowWrite Write, string? ETag)>();
            if (commit.Head is not null) ops.Add((RowKeys.Account, commit.Head, commit.HeadETag is null ? RowWrite.Upsert : RowWrite.Replace, commit.HeadETag));
            ops.AddRange(commit.Rows.Select(r => (r.Row.RowKey, (object)r.Row, r.Write, r.ETag)));
            foreach (var (rk, _, write, etag) in ops)
            {
                var exists = _rows.TryGetValue((commit.AccountId, rk), out var stored);
                if (write == RowWrite.Insert && exists) throw new DuplicateRowException(rk);
                if (write is RowWrite.Replace or RowWrite.Delete && etag is not null && etag != "*" && (!exists || stored.ETag != etag))
                    throw new ConcurrencyException(rk);
            }
            string? headETag = null;
            foreach (var (rk, row, write, _) in ops)
            {
                if (write == RowWrite.Delete) { _rows.Remove((commit.AccountId, rk)); continue; }
                var etag = $"W/\"{++_version}\"";
                _rows[(commit.AccountId, rk)] = (row, etag);
                if (rk == RowKeys.Account) headETag = etag;
            }
            Commits++;
            return Task.FromResult(headETag);
        }
    }

    public Task<Versioned<T>?> FindRowAsync<T>(string accountId, string rowKey, CancellationToken ct) where T : class, IAccountRow
    {
        lock (_gate)
            return Task.FromResult(_rows.TryGetValue((accountId, rowKey), out var r) ? new Versioned<T>((T)r.Row, r.ETag) : null);
    }

    public async IAsyncEnumerable<T> RangeAsync<T>(string accountId, string fromKey, string toKey, [EnumeratorCancellation] CancellationToken ct) where T : class, IAccountRow
    {
        List<T> rows;
        lock (_gate)
            rows = _rows.Where(r => r.Key.Pk == accountId && string.CompareOrdinal(r.Key.Rk, fromKey) >= 0 && string.CompareOrdinal(r.Key.Rk, toKey) < 0)
                .OrderBy(r => r.Key.Rk, StringComparer.Ordinal).Select(r => (T)r.Value.Row).ToList();
        foreach (var row in rows) { await Task.Yield(); yield return row; }
    }

    public Task<Page<Invoice>> InvoicePageAsync(string accountId, InvoiceStatus? status, InvoiceKind? kind, int pageSize, string? continuationToken, CancellationToken ct) =>
        throw new NotSupportedException("Paging is tested against Table Storage (integration tests).");

    public Task<Page<T>> PageAsync<T>(string accountId, string prefix, IReadOnlyList<RowFilter> filters, int pageSize, string? continuationToken,
        CancellationToken ct) where T : class, IAccountRow =>
        throw new NotSupportedException("Paging is tested against Table Storage (integration tests).");

    public Task<Page<LedgerEntry>> LedgerPageAsync(string accountId, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? continuationToken, CancellationToken ct) =>
        throw new NotSupportedException("Paging is tested against Table Storage (integration tests).");
}
