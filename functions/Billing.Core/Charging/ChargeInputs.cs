using Billing.Core.Catalog;
using Billing.Core.Storage;

namespace Billing.Core.Charging;

/// <summary>
/// The per-day seat and usage rows of the days a charge covers (C2, C4), keyed by day, as an earlier release wrote them: read
/// only for an account whose head says they may exist (<see cref="ChargingState.MayHaveDayRows"/>).
/// </summary>
public sealed record ChargeInputs(IReadOnlyDictionary<DateOnly, SeatsDay> Seats, IReadOnlyDictionary<DateOnly, List<UsageQuantity>> Usage)
{
    public static readonly ChargeInputs None = new(new Dictionary<DateOnly, SeatsDay>(), new Dictionary<DateOnly, List<UsageQuantity>>());

    /// <summary>
    /// One day (the hourly run, nearly always) is read by identity, all rows at once: point reads are Table Storage's
    /// cheapest lookup and need no round trip after another. Several days read two ranges. Usage rows exist only for
    /// catalog metrics (a report of another metric is refused), so reading each catalog metric's row finds them all;
    /// a metric that has been reported must therefore stay in the catalog.
    /// </summary>
    public static async Task<ChargeInputs> ReadAsync(IAccountReader reader, BillingCatalog catalog, string accountId, DateOnly first, DateOnly end,
        CancellationToken ct)
    {
        var seats = new Dictionary<DateOnly, SeatsDay>();
        var usage = new Dictionary<DateOnly, List<UsageQuantity>>();
        void AddUsage(UsageDay row) => (usage.TryGetValue(row.Day, out var list) ? list : usage[row.Day] = []).Add(new UsageQuantity(row.Metric, row.Quantity));

        if (end.DayNumber - first.DayNumber == 1)
        {
            var seatsRow = reader.GetAsync(accountId, SeatsDay.Ref(first), ct);
            var usageRows = catalog.UsageMetrics.Select(m => reader.GetAsync(accountId, UsageDay.Ref(first, m.Id), ct)).ToList();
            if (await seatsRow is { } s) seats[first] = s.Value;
            foreach (var row in await Task.WhenAll(usageRows))
                if (row is not null) AddUsage(row.Value);
            return new ChargeInputs(seats, usage);
        }
        await foreach (var row in reader.ListAsync(accountId, SeatsDay.Between(first, end), ct))
            seats[row.Day] = row;
        await foreach (var row in reader.ListAsync(accountId, UsageDay.Between(first, end), ct))
            AddUsage(row);
        return new ChargeInputs(seats, usage);
    }
}
