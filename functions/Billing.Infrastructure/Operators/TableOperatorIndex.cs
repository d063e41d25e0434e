using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Operators;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Operators;

/// <summary>
/// P2: the operators' pointers, table <c>{prefix}opsindex</c>. CRM events: PK <c>event-{yyyyMMdd}</c> (UTC day recorded), RowKey
/// <c>{inverted ticks}_{accountId}_{outbox id}</c>, so a day lists newest first and a range is a few day partitions. Open flags:
/// PK <c>flag</c> (few: each waits for an operator), RowKey <c>{inverted ticks}_{accountId}_{provider}_{hash of event id}</c>.
/// Only keys and the row's identity are kept; state is read from the account's row.
/// </summary>
public sealed partial class TableOperatorIndex(Storage.StorageClients clients) : IOperatorIndex
{
    public const string FlagPartition = "flag";
    private static readonly EventPointerRows Events = new();
    private static readonly FlagPointerRows Flags = new();

    [GeneratedRegex("^[0-9]{8}/[0-9]{19}_[a-z0-9_]{1,64}_event-[a-z0-9_-]{1,200}$")]
    private static partial Regex EventPosition();

    [GeneratedRegex("^[0-9]{19}_[a-z0-9_]{1,64}_[a-z0-9_]{1,32}_[0-9a-f]{40}$")]
    private static partial Regex FlagPosition();

    public static string DayPartition(DateTimeOffset at) => "event-" + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public Task PutEventsAsync(IReadOnlyList<EventPointer> events, CancellationToken ct) =>
        UpsertAsync(events.Select(e => Events.ToEntity(DayPartition(e.CreatedAt), e)), ct);

    public async Task<PointerPage<EventPointer>> EventsAsync(DateTimeOffset from, DateTimeOffset to, int max, string? after, CancellationToken ct)
    {
        var items = new List<EventPointer>();
        string? last = null;
        var (afterDay, afterKey) = after is null ? (null, null) : (after[..8], after[9..]);
        // Days newest first; inside a day, keys ascend newest first (to, inclusive, is the smallest key; from, inclusive, is
        // below the key of the tick before it). A position names its day and key.
        for (var day = to.UtcDateTime.Date; day >= from.UtcDateTime.Date && items.Count <= max; day = day.AddDays(-1))
        {
            var dayKey = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (afterDay is not null && string.CompareOrdinal(dayKey, afterDay) > 0) continue;
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {"event-" + dayKey} and RowKey ge {RowKeys.Inverted(to.UtcTicks)} and RowKey lt {RowKeys.Inverted(from.UtcTicks - 1)}");
            if (afterDay == dayKey) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {afterKey}");
            await foreach (var e in clients.OpsIndex.QueryAsync<TableEntity>(filter, maxPerPage: max + 1, cancellationToken: ct))
            {
                if (items.Count == max) return new PointerPage<EventPointer>(items, last);
                items.Add(Events.Read(e));
                last = dayKey + "/" + e.RowKey;
            }
        }
        return new PointerPage<EventPointer>(items, null);
    }

    public bool IsEventPosition(string position) => EventPosition().IsMatch(position);

    public Task PutFlagsAsync(IReadOnlyList<FlagPointer> flags, CancellationToken ct) => UpsertAsync(flags.Select(f => Flags.ToEntity(FlagPartition, f)), ct);

    public async Task<PointerPage<FlagPointer>> FlagsAsync(int max, string? after, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FlagPartition}");
        if (after is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        var items = new List<(string Key, FlagPointer Flag)>();
        await foreach (var e in clients.OpsIndex.QueryAsync<TableEntity>(filter, maxPerPage: max + 1, cancellationToken: ct))
        {
            items.Add((e.RowKey, Flags.Read(e)));
            if (items.Count > max) break;
        }
        if (items.Count <= max) return new PointerPage<FlagPointer>([.. items.Select(x => x.Flag)], null);
        items.RemoveAt(max);
        return new PointerPage<FlagPointer>([.. items.Select(x => x.Flag)], items[^1].Key);
    }

    public bool IsFlagPosition(string position) => FlagPosition().IsMatch(position);

    public async Task RemoveFlagAsync(FlagPointer flag, CancellationToken ct)
    {
        try { await clients.OpsIndex.DeleteEntityAsync(FlagPartition, Flags.Key(flag), ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Upserts, a batch per partition (at most 100 each); the same pointer again is the same row.</summary>
    private async Task UpsertAsync(IEnumerable<TableEntity> entities, CancellationToken ct)
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey))
            foreach (var chunk in partition.DistinctBy(e => e.RowKey).Chunk(100))
                if (chunk.Length == 1) await clients.OpsIndex.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, ct);
                else await clients.OpsIndex.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
    }
}

/// <summary>A CRM event's pointer: where its outbox row is.</summary>
public sealed class EventPointerRows : RowMapper<EventPointer>
{
    public override string Key(EventPointer row) => $"{RowKeys.Inverted(row.CreatedAt.UtcTicks)}_{row.AccountId}_{row.OutboxId}";

    protected override void Write(EventPointer row, Columns c)
    {
        c.Text("AccountId", row.AccountId); c.Text("OutboxId", row.OutboxId); c.Time("CreatedAt", row.CreatedAt);
    }

    protected override EventPointer Read(Columns c) => new(c.Text("AccountId"), c.Text("OutboxId"), c.Time("CreatedAt"));
}

/// <summary>An open flag's pointer: where its provider event record is.</summary>
public sealed class FlagPointerRows : RowMapper<FlagPointer>
{
    public override string Key(FlagPointer row) =>
        $"{RowKeys.Inverted(row.ReceivedAt.UtcTicks)}_{row.AccountId}_{row.Provider}_{RowKeys.Hash(row.EventId)}";

    protected override void Write(FlagPointer row, Columns c)
    {
        c.Text("AccountId", row.AccountId); c.Text("Provider", row.Provider); c.Text("EventId", row.EventId); c.Time("ReceivedAt", row.ReceivedAt);
    }

    protected override FlagPointer Read(Columns c) => new(c.Text("AccountId"), c.Text("Provider"), c.Text("EventId"), c.Time("ReceivedAt"));
}
