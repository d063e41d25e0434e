using System.Text.Json.Nodes;
using Billing.Core.Audit;
using Billing.Core.Operators;
using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>One CRM event's delivery (G2) as operators see it.</summary>
public sealed record EventDelivery(string EventId, string AccountId, NoticeType Type, DeliveryStatus Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static EventDelivery Of(string accountId, OutboxMessage m) =>
        new(m.EventId(accountId), accountId, m.Type, Redelivery.StatusOf(m.Status), m.Attempts, m.LastError, m.CreatedAt, m.SentAt);
}

/// <summary>Which deliveries to list: one account or all, a time range of when the events were recorded, a status.</summary>
public sealed record EventQuery(string? AccountId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, DeliveryStatus? Status = null);

/// <summary>What a range replay queued again: how many, and those left to a delivery already under way.</summary>
public sealed record ReplayReport(int Count, int InFlight, IReadOnlyList<string> EventIds);

/// <summary>
/// G2, P2: the CRM's event deliveries, from the outbox rows of the accounts. Listing one account reads its partition (every
/// event it ever recorded); listing all follows the time-ordered pointers (<see cref="IOperatorIndex"/>), a range of at most
/// <see cref="MaxDays"/> days. A replay queues the same row again, so the CRM receives the same event id and can tell it.
/// </summary>
public sealed class EventDeliveries(AccountUnitOfWork uow, IOperatorIndex index, Outbox outbox, AuditTrail audit, TimeProvider clock)
{
    /// <summary>A range replay queues at most this many events; a wider range is refused, so nothing is queued half.</summary>
    public const int MaxReplay = 1000;
    /// <summary>How far one listing or replay of every account may reach back (the pointers are per day).</summary>
    public const int MaxDays = 31;
    /// <summary>The default range of a listing: the last week.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);
    private const int MaxScan = 1000;

    public async Task<Page<EventDelivery>> ListAsync(EventQuery q, int pageSize, string? token, CancellationToken ct)
    {
        var (from, to) = Range(q.From, q.To, wide: q.AccountId is not null);
        var list = FormattableString.Invariant($"events/{q.AccountId ?? "*"}/{from.UtcTicks}/{to.UtcTicks}/{(q.Status is { } st ? Json.Names.Of(st) : "*")}");
        var position = PageTokens.Decode(AuditTrail.OperatorScope, list, token);
        if (q.AccountId is { } accountId)
        {
            if (position is not null && !IsRowPosition(position)) throw PageTokens.Invalid();
            var rows = await EventsOfAsync(accountId, from, to, q.Status, ct);
            var ordered = rows.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Where(m => position is null || string.CompareOrdinal(RowPosition(m), position) > 0).Take(pageSize + 1).ToList();
            var more = ordered.Count > pageSize;
            var shown = ordered.Take(pageSize).ToList();
            return new Page<EventDelivery>(shown.Select(m => EventDelivery.Of(accountId, m)).ToList(),
                more ? PageTokens.Encode(AuditTrail.OperatorScope, list, RowPosition(shown[^1])) : null);
        }
        if (position is not null && !index.IsEventPosition(position)) throw PageTokens.Invalid();
        var items = new List<EventDelivery>();
        var scanned = 0;
        do
        {
            var page = await index.EventsAsync(from, to, pageSize - items.Count, position, ct);
            var found = await Task.WhenAll(page.Items.Select(p => uow.Reader.GetAsync(p.AccountId, OutboxMessage.Ref(p.OutboxId), ct)));
            items.AddRange(page.Items.Zip(found).Where(x => x.Second is not null && (q.Status is null || Redelivery.StatusOf(x.Second.Value.Status) == q.Status))
                .Select(x => EventDelivery.Of(x.First.AccountId, x.Second!.Value)));
            scanned += page.Items.Count;
            position = page.NextPosition;
        } while (position is not null && items.Count < pageSize && scanned < MaxScan);
        return new Page<EventDelivery>(items, position is null ? null : PageTokens.Encode(AuditTrail.OperatorScope, list, position));
    }

    /// <summary>Queues one event again under its own id (<c>{accountId}.{outbox id}</c>); the audit entry is in the same commit.</summary>
    public async Task<EventDelivery> ReplayAsync(string eventId, OperatorAct act, CancellationToken ct)
    {
        var (accountId, outboxId) = ParseEventId(eventId) ?? throw NotFound(eventId);
        var now = clock.GetUtcNow();
        var done = await Redelivery.RequeueAsync(uow, accountId, outboxId, m => m.Channel == OutboxChannel.Event,
            m => AuditEntry.New(act, AuditAction.EventReplay, now, accountId, eventId, Redelivery.Snapshot(m), Redelivery.Snapshot(Redelivery.Requeued(m))), now, ct)
            ?? throw NotFound(eventId);
        await outbox.DispatchAsync([new OutboxItem(accountId, outboxId)], ct);
        return EventDelivery.Of(accountId, done.After);
    }

    /// <summary>
    /// Queues again every event recorded in [from, to], of one account or of all (then at most <see cref="MaxDays"/> days); more
    /// than <see cref="MaxReplay"/> is refused (422 <c>replay_too_large</c>) before anything is queued. Each row is its own
    /// commit (they are in many partitions), so the one audit entry for the range is written right after.
    /// </summary>
    public async Task<ReplayReport> ReplayRangeAsync(string? accountId, DateTimeOffset from, DateTimeOffset to, OperatorAct act, CancellationToken ct)
    {
        var (f, t) = Range(from, to, wide: accountId is not null);
        List<(string Account, string Outbox)> targets;
        if (accountId is not null)
            targets = [.. (await EventsOfAsync(accountId, f, t, null, ct)).Select(m => (accountId, m.Id))];
        else
        {
            targets = [];
            string? position = null;
            do
            {
                var page = await index.EventsAsync(f, t, MaxReplay + 1 - targets.Count, position, ct);
                targets.AddRange(page.Items.Select(p => (p.AccountId, p.OutboxId)));
                position = page.NextPosition;
            } while (position is not null && targets.Count <= MaxReplay);
        }
        if (targets.Count > MaxReplay)
            throw BillingException.Refused("replay_too_large", $"More than {MaxReplay} events were recorded in that range; replay a narrower one.");
        var now = clock.GetUtcNow();
        var queued = new System.Collections.Concurrent.ConcurrentBag<(string Account, string Outbox)>();
        var inFlight = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (x, token) =>
        {
            try
            {
                if (await Redelivery.RequeueAsync(uow, x.Account, x.Outbox, m => m.Channel == OutboxChannel.Event, null, now, token) is not null) queued.Add(x);
            }
            catch (BillingException e) when (e.Code == "delivery_in_progress") { Interlocked.Increment(ref inFlight); }
        });
        var items = queued.OrderBy(x => x.Account, StringComparer.Ordinal).ThenBy(x => x.Outbox, StringComparer.Ordinal).ToList();
        await outbox.DispatchAsync([.. items.Select(x => new OutboxItem(x.Account, x.Outbox))], ct);
        await audit.RecordAsync(AuditEntry.New(act, AuditAction.EventRangeReplay, now, accountId, null, null,
            new JsonObject { ["from"] = f.ToString("o"), ["to"] = t.ToString("o"), ["count"] = items.Count, ["inFlight"] = inFlight }), ct);
        return new ReplayReport(items.Count, inFlight, [.. items.Select(x => $"{x.Account}.{x.Outbox}")]);
    }

    /// <summary><c>{accountId}.{outbox id of an event}</c>, or null (then 404).</summary>
    public static (string AccountId, string OutboxId)? ParseEventId(string? eventId)
    {
        var dot = eventId?.IndexOf('.') ?? -1;
        if (dot <= 0 || eventId!.Length > 300) return null;
        var (account, row) = (eventId[..dot], eventId[(dot + 1)..]);
        return Validation.Ids.IsValid(account) && row.StartsWith("event-", StringComparison.Ordinal) && row.Length <= 200
            && row.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-') ? (account, row) : null;
    }

    private async Task<List<OutboxMessage>> EventsOfAsync(string accountId, DateTimeOffset from, DateTimeOffset to, DeliveryStatus? status, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        List<RowFilter> filters =
        [
            new(nameof(OutboxMessage.Channel), FilterOp.Eq, OutboxChannel.Event),
            new(nameof(OutboxMessage.CreatedAt), FilterOp.Ge, from), new(nameof(OutboxMessage.CreatedAt), FilterOp.Le, to),
            .. status is { } s ? Redelivery.Filters(s) : Enumerable.Empty<RowFilter>(),
        ];
        return await uow.Reader.AllAsync(accountId, OutboxMessage.All, filters, ct);
    }

    /// <summary>
    /// [from, to]: an open end is now, or a week before <c>to</c>; across every account (not <paramref name="wide"/>) at most
    /// <see cref="MaxDays"/> days, since each day is a partition of pointers. One account may be read over any range.
    /// </summary>
    private (DateTimeOffset From, DateTimeOffset To) Range(DateTimeOffset? from, DateTimeOffset? to, bool wide)
    {
        var t = to ?? clock.GetUtcNow();
        var f = from ?? (wide ? DateTimeOffset.UnixEpoch : t - DefaultRange);
        if (f > t) throw BillingException.Invalid("range_invalid", "'from' must not be after 'to'.");
        if (!wide && t - f > TimeSpan.FromDays(MaxDays))
            throw BillingException.Invalid("range_too_long", $"Across every account a range spans at most {MaxDays} days; name an account or narrow it.");
        return (f, t);
    }

    private static string RowPosition(OutboxMessage m) => FormattableString.Invariant($"{long.MaxValue - m.CreatedAt.UtcTicks:D19}_{m.Id}");

    private static bool IsRowPosition(string p) => p.Length > 20 && p[..19].All(char.IsAsciiDigit) && p[19] == '_';

    private static BillingException NotFound(string eventId) => BillingException.NotFound("event", eventId.Length > 64 ? eventId[..64] : eventId);
}
