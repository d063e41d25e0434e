using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Accounts;

/// <summary>
/// P2: the account search index, table <c>{prefix}search</c>. Partition <c>token</c>: one row per (token, account), RowKey
/// <c>{token}|{accountId}</c> (tokens hold no <c>|</c>), so the accounts whose tokens start with a query are one key range.
/// Each row also carries all of its account's tokens, so a search lists an account once, at its first matching token, and
/// pages by key without remembering what it showed. Partition <c>account</c>: RowKey = account id, the tokens it has now,
/// so a change writes only the difference. Writes are upserts and deletes of the rows' own keys: repeating one is harmless.
/// </summary>
public sealed class TableAccountDirectory(Storage.StorageClients clients) : IAccountDirectory
{
    public const string TokenPartition = "token";
    public const string AccountPartition = "account";
    private const char Separator = '|';

    public async Task IndexAsync(string accountId, IReadOnlyList<string> tokens, bool force, CancellationToken ct)
    {
        var stored = await clients.Search.GetEntityIfExistsAsync<TableEntity>(AccountPartition, accountId, cancellationToken: ct);
        var before = stored.HasValue ? JsonSerializer.Deserialize<List<string>>(stored.Value!.GetString("Tokens") ?? "[]") ?? [] : [];
        if (!force && before.Order(StringComparer.Ordinal).SequenceEqual(tokens.Order(StringComparer.Ordinal))) return;
        var all = JsonSerializer.Serialize(tokens);
        // New rows first, old ones next, the account's list last: a crash in between leaves the list old, so the next write redoes it.
        foreach (var chunk in tokens.Chunk(100))
            await clients.Search.SubmitTransactionAsync(chunk.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(TokenPartition, t + Separator + accountId) { ["AccountId"] = accountId, ["Tokens"] = all })), ct);
        foreach (var gone in before.Except(tokens))
        {
            try { await clients.Search.DeleteEntityAsync(TokenPartition, gone + Separator + accountId, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
        }
        await clients.Search.UpsertEntityAsync(new TableEntity(AccountPartition, accountId) { ["Tokens"] = all }, TableUpdateMode.Replace, ct);
    }

    public async Task<DirectoryPage> SearchAsync(string query, int max, string? after, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenPartition} and RowKey ge {query} and RowKey lt {RowKeys.PrefixEnd(query)}");
        if (after is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        var ids = new List<string>();
        string? last = null;
        await foreach (var e in clients.Search.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, max * 4 + 1), select: ["RowKey", "AccountId", "Tokens"], cancellationToken: ct))
        {
            var token = e.RowKey[..e.RowKey.LastIndexOf(Separator)];
            var tokens = JsonSerializer.Deserialize<List<string>>(e.GetString("Tokens") ?? "[]") ?? [];
            // Shown once: at its first token (in key order) that matches; a later one of the same account is skipped.
            if (tokens.Where(t => t.StartsWith(query, StringComparison.Ordinal)).MinBy(t => t + Separator, StringComparer.Ordinal) is { } first && first != token) continue;
            if (ids.Count == max) return new DirectoryPage(ids, last);
            ids.Add(e.GetString("AccountId"));
            last = e.RowKey;
        }
        return new DirectoryPage(ids, null);
    }

    public bool IsPosition(string position) => position.Length is > 2 and <= 200 && position.Contains(Separator)
        && Core.Validation.Ids.IsValid(position[(position.LastIndexOf(Separator) + 1)..]);
}
