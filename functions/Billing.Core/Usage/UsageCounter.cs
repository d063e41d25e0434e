using Billing.Core.Charging;
using Billing.Core.Storage;

namespace Billing.Core.Usage;

/// <summary>
/// Usage not yet charged (C11), beside the head: the sums of the events of one <see cref="Bucket"/> (the day, for a postpaid
/// account the month, they are charged with) in one of <see cref="Slots"/> rows, so concurrent batches into one account
/// rarely touch the same row. Every batch inserts its events and adds their sums here in ONE transaction; the charge reads
/// the counters with the head and deletes those it charged in ITS transaction, under their ETags. So a counter exists exactly
/// while its usage is uncharged: a batch that raced the charge either loses (412, decided again onto the next open day) or
/// leaves a counter of a charged day behind, which the next charge finds and charges as late. Never lost, never twice.
/// </summary>
public sealed record UsageCounter(DateOnly Bucket, int Slot, IReadOnlyDictionary<string, long> Quantities, IReadOnlyDictionary<string, long> Late,
    DateOnly? LateSince)
{
    /// <summary>
    /// Rows per bucket: concurrent writers into one account meet on one row now and then, not on every write (the bench's 16
    /// clients met often on 16 slots). A charge deletes at most this many counters per day, well within its 100 operations.
    /// </summary>
    public const int Slots = 48;

    public static UsageCounter Empty(DateOnly bucket, int slot) => new(bucket, slot, new Dictionary<string, long>(), new Dictionary<string, long>(), null);

    public UsageCounter Add(UsageEvent e) => this with
    {
        Quantities = Plus(Quantities, e.Metric, e.Quantity),
        Late = e.Late ? Plus(Late, e.Metric, e.Quantity) : Late,
        LateSince = !e.Late ? LateSince : LateSince is { } since && since <= e.OccurredOn ? since : e.OccurredOn,
    };

    /// <summary>
    /// What a charge for <paramref name="period"/> (its first day) counts of these counters: per metric, the quantity on time and
    /// the quantity late with the earliest day it occurred (a counter of an earlier bucket is late as a whole).
    /// </summary>
    public static IReadOnlyList<UsageQuantity> Charged(IEnumerable<UsageCounter> counters, DateOnly period)
    {
        var onTime = new Dictionary<string, long>();
        var late = new Dictionary<string, (long Quantity, DateOnly Since)>();
        foreach (var c in counters)
            foreach (var (metric, quantity) in c.Quantities)
            {
                var lateQuantity = c.Bucket < period ? quantity : c.Late.GetValueOrDefault(metric);
                var since = c.Bucket < period ? Min(c.LateSince, c.Bucket) : c.LateSince ?? c.Bucket;
                if (quantity - lateQuantity > 0) onTime[metric] = checked(onTime.GetValueOrDefault(metric) + quantity - lateQuantity);
                if (lateQuantity > 0)
                    late[metric] = late.TryGetValue(metric, out var l) ? (checked(l.Quantity + lateQuantity), Min(l.Since, since)) : (lateQuantity, since);
            }
        return [.. onTime.Select(u => new UsageQuantity(u.Key, u.Value)), .. late.Select(u => new UsageQuantity(u.Key, u.Value.Quantity, u.Value.Since))];
    }

    private static DateOnly Min(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;

    private static Dictionary<string, long> Plus(IReadOnlyDictionary<string, long> sums, string metric, long quantity)
    {
        var next = new Dictionary<string, long>(sums, StringComparer.Ordinal);
        next[metric] = checked(next.GetValueOrDefault(metric) + quantity);
        return next;
    }

    public static RowRef<UsageCounter> Ref(DateOnly bucket, int slot) => new((bucket, slot));
}
