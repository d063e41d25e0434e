using System.Collections.Concurrent;
using Azure.Data.Tables;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Usage;
using Billing.Infrastructure.Storage;
using Billing.Infrastructure.Storage.Rows;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Bench;

/// <summary>
/// Usage ingestion (C11): batches of 100 events from 16 concurrent clients into one account and spread over 100 accounts,
/// through <see cref="UsageIngestion"/> against raw batch inserts of the same rows (events and counters, the same transactions,
/// no reads); a tenth of the batches sent again; then the daily charge of the next day for those accounts, whose charged
/// quantity must equal what was sent: none lost, none counted twice.
/// </summary>
public sealed partial class BenchRun
{
    private const int UsageBatches = 200;
    private const int UsageClients = 16;
    private const int UsageSpread = 100;
    /// <summary>Every tenth batch is sent again after the phase: each of its events must come back a duplicate.</summary>
    private const int ResendEvery = 10;

    /// <summary>The account the hot-account phase writes to over HTTP: after the usage accounts.</summary>
    internal string HotAccountId => Id(accounts + 2 + UsageSpread);

    internal Task SeedHotAccountAsync(StorageClients c) => SeedAccountAsync(c, accounts + 2 + UsageSpread, HotAccountId, 0, CancellationToken.None);

    /// <summary>Accounts of the usage phases, after the N charged ones: one for the single-account phase, then the spread ones.</summary>
    private string UsageAccount(bool spread, int batch) => Id(accounts + 1 + (spread ? 1 + batch % UsageSpread : 0));

    private async Task<List<PhaseResult>> UsagePhasesAsync(IServiceProvider product, StorageClients raw, StorageClients real, RequestCounter counter)
    {
        foreach (var c in new[] { raw, real })
            for (var i = 0; i <= UsageSpread; i++) await SeedAccountAsync(c, accounts + 1 + i, Id(accounts + 1 + i), 0, CancellationToken.None);
        var ingestion = product.GetRequiredService<UsageIngestion>();
        // What the product was sent and answered, per account, to check against what the charge counts.
        var sent = new ConcurrentDictionary<string, long>();
        var statuses = new ConcurrentDictionary<string, int>();
        var results = new List<PhaseResult>();
        foreach (var (spread, name) in new[] { (false, "one"), (true, "hundred") })
        {
            results.Add(await Measure.LatencyAsync($"usage.raw.{name}", UsageBatches, UsageClients, counter,
                b => RawBatchAsync(raw, UsageAccount(spread, b), Batch(name, b), b), UsageIngestion.MaxBatch));
            results.Add(await Measure.LatencyAsync($"usage.product.{name}", UsageBatches, UsageClients, counter, async b =>
            {
                var events = Batch(name, b);
                var answers = await ingestion.IngestAsync(UsageAccount(spread, b), events, CancellationToken.None);
                foreach (var a in answers) statuses.AddOrUpdate("first." + a.Status, 1, (_, n) => n + 1);
                sent.AddOrUpdate(UsageAccount(spread, b), events.Sum(e => e.Quantity!.Value), (_, q) => q + events.Sum(e => e.Quantity!.Value));
            }, UsageIngestion.MaxBatch));
        }
        var resent = Enumerable.Range(0, UsageBatches).Where(b => b % ResendEvery == 0).SelectMany(b => new[] { (false, "one", b), (true, "hundred", b) }).ToList();
        results.Add(await Measure.LatencyAsync("usage.product.resend", resent.Count, UsageClients, counter, async i =>
        {
            var (spread, name, b) = resent[i];
            foreach (var a in await ingestion.IngestAsync(UsageAccount(spread, b), Batch(name, b), CancellationToken.None))
                statuses.AddOrUpdate("again." + a.Status, 1, (_, n) => n + 1);
        }, UsageIngestion.MaxBatch));
        foreach (var (k, v) in statuses) Checks["usage." + k] = v;
        await CheckUsageChargedAsync(product, sent);
        return results;
    }

    /// <summary>A batch's events: ids unique per phase and batch, 1–5 SMS each, no time given (they occur now, in the accounts' today).</summary>
    private static List<UsageEventInput> Batch(string phase, int batch) =>
        Enumerable.Range(0, UsageIngestion.MaxBatch).Select(k => new UsageEventInput($"bench-{phase}-{batch:D5}-{k:D3}", "sms", 1 + (batch + k) % 5, null)).ToList();

    /// <summary>
    /// The product's writes for a batch with nothing to read first: the events as inserts and one counter row per transaction
    /// (a slot per client's batch, upserted since there is no ETag without a read), in transactions of at most 100 operations.
    /// </summary>
    private static async Task RawBatchAsync(StorageClients c, string account, List<UsageEventInput> events, int batch)
    {
        var today = LocalCalendar.Today(Now, TimeZone);
        // One bucket (today): each transaction holds its events and that bucket's counter.
        foreach (var chunk in events.Chunk(AccountCommit.MaxOperations - 1))
        {
            var counter = chunk.Aggregate(UsageCounter.Empty(today, batch % UsageCounter.Slots),
                (k, e) => k.Add(new UsageEvent(e.EventId!, e.Metric!, e.Quantity!.Value, Now, today, today, Now)));
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpsertReplace, RowMappers.Of<UsageCounter>().ToEntity(account, counter)),
                .. chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add,
                    RowMappers.Of<UsageEvent>().ToEntity(account, new UsageEvent(e.EventId!, e.Metric!, e.Quantity!.Value, Now, today, today, Now)))),
            ];
            await c.Accounts.SubmitTransactionAsync(actions);
        }
    }

    /// <summary>
    /// The daily charge as of the next day for every usage account (the job's own per-account step): the usage history of today
    /// must hold exactly what the product accepted, and no counter may be left.
    /// </summary>
    private async Task CheckUsageChargedAsync(IServiceProvider product, ConcurrentDictionary<string, long> sent)
    {
        var job = product.GetRequiredService<JobRunner>().Find(JobNames.DailyCharge);
        var store = product.GetRequiredService<IAccountStore>();
        var today = LocalCalendar.Today(Now, TimeZone);
        long total = 0, charged = 0, lost = 0, twice = 0, left = 0;
        for (var i = 0; i <= UsageSpread; i++)
        {
            var id = Id(accounts + 1 + i);
            await job.RunAsync(id, new JobContext(Now.AddDays(1), "bench-usage-check"), CancellationToken.None);
            var history = (await store.GetAsync(id, UsageDay.Ref(today, "sms"), CancellationToken.None))?.Value.Quantity ?? 0;
            var expected = sent.GetValueOrDefault(id);
            total += expected;
            charged += history;
            lost += Math.Max(0, expected - history);
            twice += Math.Max(0, history - expected);
            left += (await store.ReadHeadAsync(id, CancellationToken.None))!.Usage.Count;
        }
        Checks["usage.sentQuantity"] = total;
        Checks["usage.chargedQuantity"] = charged;
        Checks["usage.lostQuantity"] = lost;
        Checks["usage.doubleCountedQuantity"] = twice;
        Checks["usage.countersLeftAfterCharge"] = left;
        Console.WriteLine($"  usage check: sent {total}, charged {charged}: {lost} lost, {twice} counted twice, {left} counters left");
    }
}
