using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Billing.Core.Audit;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Audit;

/// <summary>
/// P2: the global audit log, table <c>{prefix}audit</c>, one partition <c>all</c> (operators' actions are few: a partition's
/// throughput is far above them, and one partition keeps any time range one key range). RowKey = inverted ticks of the
/// entry's time and its id, so the partition lists newest first and storing an entry again upserts the same row. Rows are
/// only upserted with the same values: nothing here updates or deletes one.
/// </summary>
public sealed partial class TableAuditLog(Storage.StorageClients clients) : IAuditLog
{
    public const string Partition = "all";
    private static readonly AuditLogRows Rows = new();

    [GeneratedRegex("^[0-9]{19}_aud_[a-z2-7]{20}$")]
    private static partial Regex KeyPattern();

    public Task AppendAsync(AuditEntry entry, CancellationToken ct) =>
        clients.Audit.UpsertEntityAsync(Rows.ToEntity(Partition, entry), TableUpdateMode.Replace, ct);

    public async Task<AuditLogPage> ListAsync(AuditAction? action, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? after, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        // Newer is a smaller key: 'to' bounds the start of the range, 'from' its end (both inclusive, to the tick).
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {RowKeys.Inverted(t.UtcTicks)}");
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {RowKeys.Inverted(f.UtcTicks - 1)}");
        if (after is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        if (action is { } a) filter += " and " + TableClient.CreateQueryFilter($"Action eq {Core.Json.Names.Of(a)}");
        var items = new List<(string Key, AuditEntry Entry)>();
        await foreach (var e in clients.Audit.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: ct))
        {
            items.Add((e.RowKey, Rows.Read(e)));
            if (items.Count > pageSize) break;
        }
        if (items.Count <= pageSize) return new AuditLogPage([.. items.Select(x => x.Entry)], null);
        items.RemoveAt(pageSize);
        return new AuditLogPage([.. items.Select(x => x.Entry)], items[^1].Key);
    }

    public bool IsPosition(string position) => KeyPattern().IsMatch(position);
}

/// <summary>An entry of the global audit log: the columns of <see cref="AuditRows"/>, keyed <c>{inverted ticks}_{id}</c>.</summary>
public sealed class AuditLogRows : RowMapper<AuditEntry>
{
    public override string Key(AuditEntry row) => RowKeys.Inverted(row.At.UtcTicks) + "_" + row.Id;
    protected override void Write(AuditEntry row, Columns c) => AuditRows.WriteColumns(row, c);
    protected override AuditEntry Read(Columns c) => AuditRows.ReadColumns(c);
}
