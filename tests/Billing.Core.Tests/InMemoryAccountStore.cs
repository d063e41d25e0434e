using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Storage;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Core.Tests;

/// <summary>
/// An <see cref="IAccountStore"/> for unit tests with the semantics that matter: ETags that change on every write,
/// Insert failing on an existing row, If-Match, and all-or-nothing commits. Rows go through the real row mappers
/// (keys and columns), so a unit test reads back exactly what Table Storage would give.
/// </summary>
internal sealed class InMemoryAccountStore : IAccountStore
{
    private readonly Dictionary<(string Pk, string Rk), (TableEntity Row, string ETag)> _rows = new();
    private readonly object _gate = new();
    private long _version;

    public int Commits { get; private set; }

    public async Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct) => (await ReadHeadAsync(accountId, ct))?.Merged;

    public Task<AccountHead?> ReadHeadAsync(string accountId, CancellationToken ct)
    {
        lock (_gate)
        {
            var rows = _rows.Where(r => r.Key.Pk == accountId && string.CompareOrdinal(r.Key.Rk, HeadRange.From) >= 0 && string.CompareOrdinal(r.Key.Rk, HeadRange.To) < 0)
                .ToDictionary(r => r.Key.Rk, r => r.Value);
            Versioned<T>? Of<T>(string key) where T : class => rows.TryGetValue(key, out var r) ? new Versioned<T>(RowMappers.Of<T>().Read(r.Row), r.ETag) : null;
            var head = Of<Account>(AccountRows.RowKey);
            return Task.FromResult(head is null ? null : new AccountHead(head, Of<Billing.Core.Charging.SeatReports>(SeatReportsRows.RowKey), Of<LoginMark>(LoginMarkRows.RowKey),
                rows.Keys.Where(k => k.StartsWith(UsageCounterRows.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                    .Select(k => Of<Billing.Core.Usage.UsageCounter>(k)!).ToList()));
        }
    }

    public Task CreateAsync(Account account, CancellationToken ct) =>
        CommitAsync(new AccountCommit(account.Id, null, null, [new RowOp(account, RowWrite.Insert)]), ct);

    public Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct)
    {
        lock (_gate)
        {
            var ops = new List<(TableEntity Row, RowWrite Write, string? ETag)>();
            if (commit.Head is not null)
                ops.Add((RowMappers.Of<Account>().ToEntity(commit.AccountId, commit.Head), commit.HeadETag is null ? RowWrite.Upsert : RowWrite.Replace, commit.HeadETag));
            ops.AddRange(commit.Rows.Select(r => (RowMappers.Of(r.Row.GetType()).ToEntity(commit.AccountId, r.Row), r.Write, r.ETag)));
            foreach (var (row, write, etag) in ops)
            {
                var exists = _rows.TryGetValue((commit.AccountId, row.RowKey), out var stored);
                if (write == RowWrite.Insert && exists) throw new DuplicateRowException(row.RowKey, commit.Rows.FirstOrDefault(r => RowMappers.Of(r.Row.GetType()).KeyOf(r.Row) == row.RowKey)?.Row);
                if (write is RowWrite.Replace or RowWrite.Delete && etag is not null && etag != "*" && (!exists || stored.ETag != etag))
                    throw new ConcurrencyException(row.RowKey);
            }
            string? headETag = null;
            foreach (var (row, write, _) in ops)
            {
                if (write == RowWrite.Delete) { _rows.Remove((commit.AccountId, row.RowKey)); continue; }
                var etag = $"W/\"{++_version}\"";
                _rows[(commit.AccountId, row.RowKey)] = (row, etag);
                if (row.RowKey == AccountRows.RowKey) headETag = etag;
            }
            Commits++;
            return Task.FromResult(headETag);
        }
    }

    public Task<Versioned<T>?> GetAsync<T>(string accountId, RowRef<T> row, CancellationToken ct) where T : class =>
        Find<T>(accountId, RowMappers.Of<T>().Key(row));

    private Task<Versioned<T>?> Find<T>(string accountId, string rowKey) where T : class
    {
        lock (_gate)
            return Task.FromResult(_rows.TryGetValue((accountId, rowKey), out var r) ? new Versioned<T>(RowMappers.Of<T>().Read(r.Row), r.ETag) : null);
    }

    public async IAsyncEnumerable<T> ListAsync<T>(string accountId, RowSet<T> rows, [EnumeratorCancellation] CancellationToken ct) where T : class
    {
        var mapper = RowMappers.Of<T>();
        var (from, to) = mapper.Range(rows);
        List<T> found;
        lock (_gate)
            found = _rows.Where(r => r.Key.Pk == accountId && string.CompareOrdinal(r.Key.Rk, from) >= 0 && string.CompareOrdinal(r.Key.Rk, to) < 0)
                .OrderBy(r => r.Key.Rk, StringComparer.Ordinal).Select(r => mapper.Read(r.Value.Row)).ToList();
        foreach (var row in found) { await Task.Yield(); yield return row; }
    }

    public Task<Page<T>> PageAsync<T>(string accountId, RowSet<T> rows, IReadOnlyList<RowFilter> filters, int pageSize, string? continuationToken,
        CancellationToken ct) where T : class =>
        throw new NotSupportedException("Paging is tested against Table Storage (integration tests).");
}
