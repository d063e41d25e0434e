using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Usage;

/// <summary>One event of a batch as sent (C11); what is missing or wrong is refused for that event alone.</summary>
public sealed record UsageEventInput(string? EventId, string? Metric, long? Quantity, DateTimeOffset? OccurredAt);

public enum UsageEventStatus { Accepted, Duplicate, Rejected }

/// <summary>
/// What became of one event: accepted (stored and counted once), a duplicate (an event of that id was stored before, with
/// the same payload: counted then, not now), or rejected with a reason code. <see cref="Event"/> is the stored event.
/// </summary>
public sealed record UsageEventResult(string? EventId, UsageEventStatus Status, UsageEvent? Event = null, string? Reason = null, string? Detail = null)
{
    public static UsageEventResult Reject(string? eventId, string reason, string detail) => new(eventId, UsageEventStatus.Rejected, null, reason, detail);
}

/// <summary>
/// C11: usage arrives in batches of up to <see cref="MaxBatch"/> events, each with the CRM's id. One read (the head and its
/// satellites), then per transaction (≤ 100 operations) the new events as inserts with keys from their ids and one counter
/// row per period they fall in: the head row is not written (only carried unchanged, for its ETag, in the minutes around the
/// end of a period), so usage does not contend with money. A repeated id collides with its stored event and counts once.
/// </summary>
public sealed class UsageIngestion(AccountUnitOfWork uow, ICatalogSource catalog, TimeProvider clock)
{
    public const int MaxBatch = 100;
    public const long MaxQuantity = 1_000_000_000;
    /// <summary>How far ahead of our clock an event may say it occurred (the CRM's clock may run a little fast).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
    /// <summary>How long before its period ends a batch serializes with the charge (longer than a request may take to commit).</summary>
    public static readonly TimeSpan ClosingWindow = TimeSpan.FromMinutes(15);

    public async Task<IReadOnlyList<UsageEventResult>> IngestAsync(string accountId, IReadOnlyList<UsageEventInput> events, CancellationToken ct)
    {
        if (events.Count == 0) throw BillingException.Invalid("usage_batch_empty", "A usage batch needs at least one event.");
        if (events.Count > MaxBatch) throw BillingException.Invalid("usage_batch_too_large", $"A usage batch holds at most {MaxBatch} events; this one has {events.Count}.");
        var now = clock.GetUtcNow();
        var results = new UsageEventResult?[events.Count];
        var pending = new List<Pending>();
        var firstOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (Check(e, now) is { } refused) { results[i] = refused; continue; }
            var item = new Pending(i, e.EventId!, e.Metric!, e.Quantity!.Value, e.OccurredAt ?? now, e.OccurredAt is not null);
            if (firstOfId.TryGetValue(item.Id, out var first))
            {
                // The same id twice in one batch: the second is the first's repeat, or a different event under a taken id.
                var f = pending.First(p => p.Index == first);
                results[i] = f.Metric == item.Metric && f.Quantity == item.Quantity && f.At == item.At ? new UsageEventResult(item.Id, UsageEventStatus.Duplicate)
                    : UsageEventResult.Reject(item.Id, "event_id_reused", "Another event of this batch has this id with another payload.");
                continue;
            }
            firstOfId[item.Id] = i;
            pending.Add(item);
        }
        AccountHead? read = null;
        var slot = Random.Shared.Next(UsageCounter.Slots);
        while (pending.Count > 0)
        {
            // A batch larger than one transaction goes on from the same read with the next slot (the one just written has a new ETag).
            var (done, taken) = await uow.RunOnHeadAsync(accountId, now, (head, conflict) =>
            {
                read = head;
                if (conflict is not null) slot = Random.Shared.Next(UsageCounter.Slots);
                return StoreAsync(head, pending, now, conflict, slot, ct);
            }, ct, read);
            foreach (var r in done) results[r.Index] = r.Result;
            pending = pending.Skip(taken).ToList();
            slot = (slot + 1) % UsageCounter.Slots;
        }
        // A repeat inside the batch shares its first's fate: counted (a duplicate, with the period it was counted in) or refused alike.
        for (var i = 0; i < results.Length; i++)
            if (results[i] is { Status: UsageEventStatus.Duplicate, Event: null } d && firstOfId.TryGetValue(d.EventId!, out var f) && f != i)
                results[i] = results[f] is { Status: UsageEventStatus.Rejected } refused ? refused : d with { Event = results[f]?.Event };
        return results.Select(r => r!).ToList();
    }

    private sealed record Pending(int Index, string Id, string Metric, long Quantity, DateTimeOffset At, bool AtGiven);

    private UsageEventResult? Check(UsageEventInput e, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(e.EventId)) return UsageEventResult.Reject(e.EventId, "event_id_required", "Each event needs an eventId.");
        if (e.EventId.Length > UsageEvent.MaxIdLength || e.EventId.Any(char.IsControl))
            return UsageEventResult.Reject(e.EventId[..Math.Min(e.EventId.Length, UsageEvent.MaxIdLength)], "event_id_invalid",
                $"An eventId is 1 to {UsageEvent.MaxIdLength} characters without control characters.");
        if (string.IsNullOrEmpty(e.Metric) || !catalog.Current.UsageMetrics.Any(m => m.Id == e.Metric))
            return UsageEventResult.Reject(e.EventId, "unknown_metric", "The metric is not in the catalog.");
        if (e.Quantity is not (> 0 and <= MaxQuantity))
            return UsageEventResult.Reject(e.EventId, "quantity_out_of_range", $"Quantity must be between 1 and {MaxQuantity}.");
        if (e.OccurredAt > now + FutureTolerance)
            return UsageEventResult.Reject(e.EventId, "occurred_in_future", "An event cannot have occurred in the future.");
        return null;
    }

    /// <summary>
    /// One transaction's worth of the pending events: inserted with a counter per period they fall in. After a collision on
    /// an event, the stored events of this chunk are read to tell repeats (counted before) from reused ids; after a lost race
    /// on a counter, the next slot is tried.
    /// </summary>
    private async Task<Decision<(List<(int Index, UsageEventResult Result)>, int Taken)>> StoreAsync(AccountHead head,
        List<Pending> pending, DateTimeOffset now, Exception? conflict, int slot, CancellationToken ct)
    {
        var a = head.Merged.Value;
        var results = new List<(int, UsageEventResult)>();
        var chunk = new List<(int Index, UsageEvent Event, bool AtGiven)>();
        var buckets = new HashSet<DateOnly>();
        var taken = 0;
        foreach (var p in pending)
        {
            var occurredOn = LocalCalendar.Today(p.At, a.TimeZone);
            var e = new UsageEvent(p.Id, p.Metric, p.Quantity, p.At, occurredOn, UsageBuckets.For(a, occurredOn), now);
            var opsAfter = chunk.Count + 1 + buckets.Count + (buckets.Contains(e.Day) ? 0 : 1);
            // One operation is kept for the head, which goes along when a period is closing (below).
            if (opsAfter > AccountCommit.MaxOperations - 1) break;
            chunk.Add((p.Index, e, p.AtGiven));
            buckets.Add(e.Day);
            taken++;
        }
        if (conflict is DuplicateRowException { FailedRow: UsageEvent })
        {
            var stored = await Task.WhenAll(chunk.Select(c => uow.Reader.GetAsync(head.Row.Value.Id, UsageEvent.Ref(c.Event.EventId), ct)));
            var fresh = new List<(int, UsageEvent, bool)>();
            for (var i = 0; i < chunk.Count; i++)
            {
                if (stored[i]?.Value is not { } s) { fresh.Add(chunk[i]); continue; }
                var (index, e, atGiven) = chunk[i];
                results.Add((index, s.SameAs(e.Metric, e.Quantity, atGiven ? e.OccurredAt : null) ? new UsageEventResult(e.EventId, UsageEventStatus.Duplicate, s)
                    : UsageEventResult.Reject(e.EventId, "event_id_reused", "An event with this id was stored before with another payload.")));
            }
            chunk = fresh;
        }
        if (chunk.Count == 0) return Decision<(List<(int, UsageEventResult)>, int)>.NoChange((results, taken));

        // Concurrent batches land on random slots, and a lost race draws again (IngestAsync): they rarely meet on one row.
        var rows = new List<RowOp>(chunk.Count + buckets.Count);
        foreach (var group in chunk.GroupBy(c => c.Event.Day))
        {
            var stored = head.Usage.FirstOrDefault(c => c.Value.Bucket == group.Key && c.Value.Slot == slot);
            var counter = group.Aggregate(stored?.Value ?? UsageCounter.Empty(group.Key, slot), (c, e) => c.Add(e.Event));
            rows.Add(stored is null ? new RowOp(counter, RowWrite.Insert) : new RowOp(counter, RowWrite.Replace, stored.ETag));
        }
        rows.AddRange(chunk.Select(c => new RowOp(c.Event, RowWrite.Insert)));
        results.AddRange(chunk.Select(c => (c.Index, new UsageEventResult(c.Event.EventId, UsageEventStatus.Accepted, c.Event))));
        // A period that has ended, or ends before this commit may land, can be charged meanwhile: then the head goes along under
        // its ETag (unchanged), so the batch and that charge serialize and each event is counted by the charge its row names.
        // Any other time, usage leaves the head alone; a charge run ahead of time can still leave a counter behind, which the next
        // charge counts as late.
        var closing = buckets.Any(b => UsageBuckets.EndOf(a, b) - ClosingWindow <= now);
        return new(closing ? new AccountCommit(a.Id, head.Row.Value, head.Row.ETag, [.. rows]) : AccountCommit.RowsOnly(a.Id, [.. rows]), (results, taken));
    }
}
