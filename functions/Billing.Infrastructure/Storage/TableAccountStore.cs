using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Usage;
using Billing.Core.Json;
using Billing.Core.Storage;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Storage;

/// <summary>
/// The account partition on Table Storage. Each <see cref="AccountCommit"/> is one entity group transaction;
/// 412 and 409 become <see cref="ConcurrencyException"/> and <see cref="DuplicateRowException"/>. Row keys and
/// columns are the row mappers' (Storage/Rows), so nothing outside this folder knows the layout.
/// </summary>
public sealed class TableAccountStore(StorageClients clients, TableShardIndex shards) : IAccountStore
{
    // Table Storage refuses a transaction of 4 MiB or more; keep a margin for the multipart envelope.
    private const int MaxTransactionBytes = 3_500_000;

    private TableClient Table => clients.Accounts;

    public async Task<Versioned<Account>?> FindAsync(string accountId, CancellationToken ct) => (await ReadHeadAsync(accountId, ct))?.Merged;


    public async Task<AccountHead?> ReadHeadAsync(string accountId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {HeadRange.From} and RowKey lt {HeadRange.To}");
        Versioned<Account>? head = null;
        Versioned<SeatReports>? seats = null;
        Versioned<LoginMark>? login = null;
        var usage = new List<Versioned<UsageCounter>>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            var etag = e.ETag.ToString();
            switch (e.RowKey)
            {
                case AccountRows.RowKey: head = new(RowMappers.Of<Account>().Read(e), etag); break;
                case SeatReportsRows.RowKey: seats = new(RowMappers.Of<SeatReports>().Read(e), etag); break;
                case LoginMarkRows.RowKey: login = new(RowMappers.Of<LoginMark>().Read(e), etag); break;
                case var k when k.StartsWith(UsageCounterRows.Prefix, StringComparison.Ordinal): usage.Add(new(RowMappers.Of<UsageCounter>().Read(e), etag)); break;
            }
        }
        return head is null ? null : new AccountHead(head, seats, login, usage);
    }

    public async Task CreateAsync(Account account, CancellationToken ct)
    {
        // Index first: an index entry without a head is skipped by the jobs, a head without one would never be billed.
        await shards.NoteAsync(account.Shard, account.Id, account.TimeZone, ct);
        try { await Table.AddEntityAsync(RowMappers.Of<Account>().ToEntity(account.Id, account), ct); }
        catch (RequestFailedException e) when (e.Status == 409) { throw new DuplicateRowException(AccountRows.RowKey); }
    }

    public Task<Versioned<T>?> GetAsync<T>(string accountId, RowRef<T> row, CancellationToken ct) where T : class =>
        FindByKeyAsync<T>(accountId, RowMappers.Of<T>().Key(row), ct);

    private async Task<Versioned<T>?> FindByKeyAsync<T>(string accountId, string rowKey, CancellationToken ct) where T : class
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, rowKey, cancellationToken: ct);
        return response.HasValue ? new Versioned<T>(RowMappers.Of<T>().Read(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async IAsyncEnumerable<T> ListAsync<T>(string accountId, RowSet<T> rows, [EnumeratorCancellation] CancellationToken ct) where T : class
    {
        var mapper = RowMappers.Of<T>();
        var (from, to) = mapper.Range(rows);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            yield return mapper.Read(entity);
    }

    public async Task<Core.Storage.Page<T>> PageAsync<T>(string accountId, RowSet<T> rows, IReadOnlyList<RowFilter> filters, int pageSize,
        string? continuationToken, CancellationToken ct) where T : class
    {
        var mapper = RowMappers.Of<T>();
        var (from, to) = mapper.Range(rows);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {from} and RowKey lt {to}");
        foreach (var f in filters) filter += " and " + Condition(f);
        // The service may answer a filtered query with short or empty pages: keep asking until the page is full or the range ends.
        var items = new List<T>(pageSize);
        // The list a token pages: the rows' range and the filters, so a token of one list does not page another.
        var list = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(filter)))[..16];
        var token = PageTokens.Decode(accountId, list, continuationToken);
        if (token is not null && !InRange(token, accountId, from, to)) throw PageTokens.Invalid();
        do
        {
            Azure.Page<TableEntity> page;
            try
            {
                page = await Table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize - items.Count, cancellationToken: ct)
                    .AsPages(token, pageSize - items.Count).FirstAsync(ct);
            }
            catch (Exception e) when (token is not null && e is RequestFailedException { Status: 400 } or ArgumentException or FormatException)
            {
                throw PageTokens.Invalid();
            }
            items.AddRange(page.Values.Select(mapper.Read));
            token = page.ContinuationToken;
        } while (token is not null && items.Count < pageSize);
        return new Core.Storage.Page<T>(items, token is null ? null : PageTokens.Encode(accountId, list, token));
    }

    /// <summary>
    /// The SDK's token is "{base64 next partition key} {base64 next row key}": one that names another partition or a row
    /// outside the list's key range was never given out for this list (an altered position would page from nowhere, A4).
    /// </summary>
    private static bool InRange(string token, string accountId, string from, string to) =>
        token.Split(' ') is [var partition, var row] && Base64Text(partition) == accountId
        && Base64Text(row) is { } key && string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0;

    private static string? Base64Text(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var n) ? Encoding.UTF8.GetString(bytes, 0, n) : null;
    }

    private static string Condition(RowFilter f)
    {
        var value = f.Value switch
        {
            Enum e => Names.Policy.ConvertName(e.ToString()),
            DateOnly d => Days.Format(d),
            DateTimeOffset t => t.ToUniversalTime(),
            var v => v,
        };
        // The column is a field name from our code (mappers store fields under their own names), never input; the value is always a parameter.
        var op = f.Op switch { FilterOp.Eq => "eq", FilterOp.Ge => "ge", FilterOp.Lt => "lt", FilterOp.Ne => "ne", _ => "le" };
        return $"{f.Field} {op} {TableClient.CreateQueryFilter($"{value}")}";
    }

    public async Task<string?> CommitAsync(AccountCommit commit, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>(commit.OperationCount);
        if (commit.Head is { } head)
        {
            if (head.Id != commit.AccountId) throw new InvalidOperationException("The head belongs to another account.");
            var entity = RowMappers.Of<Account>().ToEntity(commit.AccountId, head);
            actions.Add(commit.HeadETag is null
                ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(commit.HeadETag)));
        }
        foreach (var op in commit.Rows)
        {
            var entity = RowMappers.Of(op.Row.GetType()).ToEntity(commit.AccountId, op.Row);
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
            // The domain row behind the failed action: the head comes first when the commit has one.
            var index = (e.FailedTransactionActionIndex ?? -1) - (commit.Head is null ? 0 : 1);
            throw Translate(e.Status, failed, e, index >= 0 && index < commit.Rows.Count ? commit.Rows[index].Row : null);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw Translate(e.Status, actions[0].Entity.RowKey, e, commit.Head is null && commit.Rows.Count == 1 ? commit.Rows[0].Row : null);
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

    private static Exception Translate(int status, string rowKey, Exception inner, object? row = null) => status switch
    {
        412 => new ConcurrencyException($"Row '{rowKey}' changed since it was read."),
        409 => new DuplicateRowException(rowKey, row),
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

}
