using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Billing.Core.Jobs;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Storage;

/// <summary>An account's place in the shard index, with its time zone (null in entries written before it was kept).</summary>
public sealed record ShardMember(int Shard, string AccountId, string? TimeZone = null);

/// <summary>
/// Shard index table: PK <c>shard-NNN</c>, RK account id, column TimeZone. Jobs page through it instead of scanning accounts;
/// the daily charge decides from the page alone which accounts' days ended (ChargeDue).
/// </summary>
public sealed class TableShardIndex(StorageClients clients) : IShardIndex
{
    private static readonly ShardMemberRows Rows = new();

    public static string PartitionOf(int shard) => "shard-" + shard.ToString("D3", CultureInfo.InvariantCulture);

    public Task NoteAsync(int shard, string accountId, string timeZone, CancellationToken ct) =>
        clients.Shards.UpsertEntityAsync(Rows.ToEntity(PartitionOf(shard), new ShardMember(shard, accountId, timeZone)), TableUpdateMode.Replace, ct);

    public async IAsyncEnumerable<ShardEntry> EntriesAsync(int shard, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(shard)}");
        await foreach (var e in clients.Shards.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "TimeZone", "Timestamp"], cancellationToken: ct))
            yield return new ShardEntry(e.RowKey, e.GetString("TimeZone"), e.Timestamp);
    }

    public async IAsyncEnumerable<string> AccountsAsync(int shard, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(shard)}");
        // Only the row key is fetched: it is the account id (ShardMemberRows).
        await foreach (var e in clients.Shards.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct))
            yield return e.RowKey;
    }
}

/// <summary>A shard index row: the account id is its key; the time zone its one column.</summary>
public sealed class ShardMemberRows : RowMapper<ShardMember>
{
    public override string Key(ShardMember row) => row.AccountId;

    protected override void Write(ShardMember row, Columns c) => c.Text("TimeZone", row.TimeZone);

    protected override ShardMember Read(Columns c) =>
        new(int.Parse(c.Entity.PartitionKey["shard-".Length..], CultureInfo.InvariantCulture), c.Entity.RowKey, c.TextOrNull("TimeZone"));
}
