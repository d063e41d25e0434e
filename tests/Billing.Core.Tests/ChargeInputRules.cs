using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Storage;

namespace Billing.Core.Tests;

/// <summary>C2/C3: the one-day read by key finds exactly what the catch-up's range read finds for that day.</summary>
public sealed class ChargeInputRules
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    [Fact]
    public async Task C2_the_one_day_read_by_key_sees_the_same_seats_and_usage_of_every_metric_as_the_range_read()
    {
        var catalog = TestCatalog.Catalog() with
        {
            UsageMetrics = [new UsageMetric("sms", "SMS", "SMS", TestCatalog.Uah(150)), new UsageMetric("calls", "Calls", "min", TestCatalog.Uah(60))],
        };
        var store = new InMemoryAccountStore();
        await store.CommitAsync(new AccountCommit("acc_x", null, null,
        [
            new RowOp(new SeatsDay(Day, 7, 4), RowWrite.Insert), new RowOp(new SeatsDay(Day.AddDays(1), 9, 9), RowWrite.Insert),
            new RowOp(new UsageDay(Day, "sms", 12), RowWrite.Insert), new RowOp(new UsageDay(Day, "calls", 30), RowWrite.Insert),
            new RowOp(new UsageDay(Day.AddDays(1), "sms", 5), RowWrite.Insert),
        ]), CancellationToken.None);

        var one = await ChargeInputs.ReadAsync(store, catalog, "acc_x", Day, Day.AddDays(1), CancellationToken.None);
        var range = await ChargeInputs.ReadAsync(store, catalog, "acc_x", Day, Day.AddDays(2), CancellationToken.None);

        Assert.Equal(new SeatsDay(Day, 7, 4), one.Seats[Day]);
        Assert.Equal(range.Seats[Day], one.Seats[Day]);
        Assert.Equal([Day], one.Seats.Keys);
        Assert.Equal([new UsageQuantity("calls", 30), new UsageQuantity("sms", 12)], one.Usage[Day].OrderBy(u => u.Metric));
        Assert.Equal(range.Usage[Day].OrderBy(u => u.Metric), one.Usage[Day].OrderBy(u => u.Metric));
        Assert.Equal(2, range.Seats.Count);
    }

    [Fact]
    public async Task C2_a_day_without_reports_reads_no_seats_and_no_usage()
    {
        var one = await ChargeInputs.ReadAsync(new InMemoryAccountStore(), TestCatalog.Catalog(), "acc_x", Day, Day.AddDays(1), CancellationToken.None);
        Assert.Empty(one.Seats);
        Assert.Empty(one.Usage);
    }
}
