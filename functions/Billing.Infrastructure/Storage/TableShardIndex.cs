using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Billing.Core.Jobs;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Storage;

/// <summary>An account's place in the shard index.</summary>
public sealed record ShardMember(int Shard, string AccountId);

/// <summary>Shard index table: PK <c>shard-NNN</c>, RK account id, no columns. Jobs page through it instead of scanning accounts.</summary>
public sealed class TableShardIndex(StorageClients clients) : IShardIndex
{
    private static readonly ShardMemberRows Rows = new();

    public static string PartitionOf(int shard) => "shard-" + shard.ToString("D3", CultureInfo.InvariantCulture);

    public Task AddAsync(int shard, string accountId, CancellationToken ct) =>
        clients.Shards.UpsertEntityAsync(Rows.ToEntity(PartitionOf(shard), new ShardMember(shard, accountId)), TableUpdateMode.Replace, ct);

    public async IAsyncEnumerable<string> AccountsAsync(int shard, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(shard)}");
        // Only the row key is fetched: it is the account id (ShardMemberRows).
        await foreach (var e in clients.Shards.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct))
            yield return e.RowKey;
    }
}

/// <summary>A shard index row: the key is all there is.</summary>
public sealed class ShardMemberRows : RowMapper<ShardMember>
{
    public override string Key(ShardMember row) => row.AccountId;

    protected override void Write(ShardMember row, Columns c) { }

    protected override ShardMember Read(Columns c) =>
        new(int.Parse(c.Entity.PartitionKey["shard-".Length..], CultureInfo.InvariantCulture), c.Entity.RowKey);
}
