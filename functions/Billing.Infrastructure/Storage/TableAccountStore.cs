using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Json;
using Billing.Core.Ledger;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage;

/// <summary>
/// The account partition on Table Storage. Each <see cref="AccountCommit"/> is one entity group transaction;
/// 412 and 409 become <see cref="ConcurrencyException"/> and <see cref="DuplicateRowException"/>.
/// </summary>
public sealed class TableAccountStore(StorageClients clients, TableShardIndex shards) : IAccountStore
{
    // Table Storage refuses a transaction of 4 MiB or more; keep a margin for the multipart envelope.
    private const int MaxTransactionBytes = 3_500_000;

    private TableClient Table => clients.Accounts;

    public async Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct) =>
        await FindRowAsync<Account>(accountId, RowKeys.Account, ct);

    public async Task CreateAsync(Account account, CancellationToken ct)
    {
        // Index first: an index entry without a head is skipped by the jobs, a head without one would never be billed.
        await shards.AddAsync(account.Shard, account.Id, ct);
        try { await Table.AddEntityAsync(TableRowSerializer.ToEntity(account.Id, RowKeys.Account, account), ct); }
        catch (RequestFailedException e) when (e.Status == 409) { throw new DuplicateRowException(RowKeys.Account); }
    }

    public async Task<Versioned<T>?> FindRowAsync<T>(string accountId, string rowKey, CancellationToken ct) where T : class, IAccountRow
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, rowKey, cancellationToken: ct);
        return response.HasValue ? new Versioned<T>(TableRowSerializer.FromEntity<T>(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async IAsyncEnumerable<T> RangeAsync<T>(string accountId, string fromKey, string toKey, [EnumeratorCancellation] CancellationToken ct)
        where T : class, IAccountRow
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {fromKey} and RowKey lt {toKey}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            yield return TableRowSerializer.FromEntity<T>(entity);
    }

    public Task<Core.Storage.Page<LedgerEntry>> LedgerPageAsync(string accountId, DateTimeOffset? from, DateTimeOffset? to, int pageSize,
        string? continuationToken, CancellationToken ct)
    {
        var filter = PrefixFilter(accountId, RowKeys.LedgerPrefix);
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"Time ge {f.ToUniversalTime()}");
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"Time lt {t.ToUniversalTime()}");
        return PageAsync<LedgerEntry>(filter, pageSize, continuationToken, ct);
    }

    public Task<Core.Storage.Page<Invoice>> InvoicePageAsync(string accountId, InvoiceStatus? status, InvoiceKind? kind, int pageSize,
        string? continuationToken, CancellationToken ct)
    {
        var filter = PrefixFilter(accountId, RowKeys.InvoicePrefix);
        if (status is { } st) filter += " and " + TableClient.CreateQueryFilter($"Status eq {Names.Of(st)}");
        if (kind is { } k) filter += " and " + TableClient.CreateQueryFilter($"Kind eq {Names.Of(k)}");
        return PageAsync<Invoice>(filter, pageSize, continuationToken, ct);
    }

    public Task<Core.Storage.Page<T>> PageAsync<T>(string accountId, string prefix, IReadOnlyList<RowFilter> filters, int pageSize,
        string? continuationToken, CancellationToken ct) where T : class, IAccountRow
    {
        var filter = PrefixFilter(accountId, prefix);
        foreach (var f in filters) filter += " and " + Condition(f);
        return PageAsync<T>(filter, pageSize, continuationToken, ct);
    }

    private static string Condition(RowFilter f)
    {
        var value = f.Value switch
        {
            Enum e => Names.Policy.ConvertName(e.ToString()),
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToUniversalTime(),
            var v => v,
        };
        // The column name comes from our code, never from input; the value is always a parameter.
        var op = f.Op switch { FilterOp.Eq => "eq", FilterOp.Ge => "ge", _ => "le" };
        return $"{f.Column} {op} {TableClient.CreateQueryFilter($"{value}")}";
    }

    private static string PrefixFilter(string accountId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {RowKeys.PrefixEnd(prefix)}");

    private async Task<Core.Storage.Page<T>> PageAsync<T>(string filter, int pageSize, string? continuationToken, CancellationToken ct)
    {
        // The service may answer a filtered query with short or empty pages: keep asking until the page is full or the range ends.
        var items = new List<T>(pageSize);
        var token = DecodeToken(continuationToken);
        do
        {
            var page = await Table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize - items.Count, cancellationToken: ct)
                .AsPages(token, pageSize - items.Count).FirstAsync(ct);
            items.AddRange(page.Values.Select(TableRowSerializer.FromEntity<T>));
            token = page.ContinuationToken;
        } while (token is not null && items.Count < pageSize);
        return new Core.Storage.Page<T>(items, token is null ? null : EncodeToken(token));
    }

    public async Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>(commit.OperationCount);
        if (commit.Head is { } head)
        {
            if (head.Id != commit.AccountId) throw new InvalidOperationException("The head belongs to another account.");
            var entity = TableRowSerializer.ToEntity(commit.AccountId, RowKeys.Account, head);
            actions.Add(commit.HeadETag is null
                ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(commit.HeadETag)));
        }
        foreach (var op in commit.Rows)
        {
            var entity = TableRowSerializer.ToEntity(commit.AccountId, op.Row.RowKey, op.Row);
            var etag = op.ETag is null ? ETag.All : new ETag(op.ETag);
            actions.Add(op.Write switch
            {
                RowWrite.Insert => new TableTransactionAction(TableTransactionActionType.Add, entity),
                RowWrite.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag),
                RowWrite.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
                RowWrite.Delete => new TableTransactionAction(TableTransactionActionType.Delete, entity, etag),
                _ => throw new ArgumentOutOfRangeException(nameof(commit)),
            });
        }
        CheckLimits(commit, actions);
        if (actions.Count == 0) return null;

        try
        {
            if (actions.Count == 1) return await SubmitSingleAsync(actions[0], commit.Head is not null, ct);
            var response = await Table.SubmitTransactionAsync(actions, ct);
            return commit.Head is null ? null : response.Value[0].Headers.ETag?.ToString();
        }
        catch (TableTransactionFailedException e)
        {
            var failed = e.FailedTransactionActionIndex is int i && i < actions.Count ? actions[i].Entity.RowKey : "?";
            throw Translate(e.Status, failed, e);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw Translate(e.Status, actions[0].Entity.RowKey, e);
        }
    }

    private async Task<string?> SubmitSingleAsync(TableTransactionAction action, bool isHead, CancellationToken ct)
    {
        var entity = (ITableEntity)action.Entity;
        Response response;
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add: response = await Table.AddEntityAsync(entity, ct); break;
            case TableTransactionActionType.UpdateReplace: response = await Table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Replace, ct); break;
            case TableTransactionActionType.UpsertReplace: response = await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct); break;
            case TableTransactionActionType.Delete:
                try { response = await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, action.ETag, ct); }
                catch (RequestFailedException e) when (e.Status == 404) { return null; }
                break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
        return isHead ? response.Headers.ETag?.ToString() : null;
    }

    private static Exception Translate(int status, string rowKey, Exception inner) => status switch
    {
        412 => new ConcurrencyException($"Row '{rowKey}' changed since it was read."),
        409 => new DuplicateRowException(rowKey),
        404 => new ConcurrencyException($"Row '{rowKey}' was removed since it was read."),
        _ => inner,
    };

    private static void CheckLimits(AccountCommit commit, List<TableTransactionAction> actions)
    {
        if (actions.Count > AccountCommit.MaxOperations)
            throw new InvalidOperationException($"A transaction holds at most {AccountCommit.MaxOperations} operations; this one has {actions.Count}.");
        if (actions.Any(a => a.Entity.PartitionKey != commit.AccountId))
            throw new InvalidOperationException("A transaction must stay within one partition.");
        var bytes = actions.Sum(a => ((TableEntity)a.Entity).Sum(kv => 64 + Encoding.UTF8.GetByteCount(kv.Key) + (kv.Value is string s ? Encoding.UTF8.GetByteCount(s) : 16)));
        if (bytes > MaxTransactionBytes)
            throw new InvalidOperationException($"A transaction must stay under 4 MiB; this one is about {bytes} bytes.");
    }

    private static string EncodeToken(string token) => Convert.ToBase64String(Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            return Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
        }
        catch (FormatException) { throw BillingException.Invalid("continuation_token_invalid", "The continuation token is not one this API gave."); }
    }
}
