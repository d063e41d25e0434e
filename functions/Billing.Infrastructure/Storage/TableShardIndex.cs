using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Billing.Core.Jobs;

namespace Billing.Infrastructure.Storage;

/// <summary>Shard index table: PK <c>shard-NNN</c>, RK account id. Jobs page through it instead of scanning accounts.</summary>
public sealed class TableShardIndex(StorageClients clients) : IShardIndex
{
    public static string PartitionOf(int shard) => "shard-" + shard.ToString("D3", CultureInfo.InvariantCulture);

    public Task AddAsync(int shard, string accountId, CancellationToken ct) =>
        clients.Shards.UpsertEntityAsync(new TableEntity(PartitionOf(shard), accountId), TableUpdateMode.Replace, ct);

    public async IAsyncEnumerable<string> AccountsAsync(int shard, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(shard)}");
        await foreach (var e in clients.Shards.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct))
            yield return e.RowKey;
    }
}
