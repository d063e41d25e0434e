using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Restrictions;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Http;
using Billing.Http.Jobs;
using Billing.Core.Invoices;
using Billing.Infrastructure.Storage;
using Billing.Infrastructure.Storage.Rows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Bench;

/// <summary>
/// One size: seed N accounts, then measure the daily charge through the real path (start → shard messages on the
/// queue → shard handlers) against a raw-storage baseline doing the same reads and transactions with the same
/// concurrency and no product code; then the access check and the webhook path at 32 clients, each with its baseline.
/// </summary>
public sealed class BenchRun(string connectionString, int accounts, int workers, int perShard, int clients)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Yesterday = new(2026, 11, 22);

    /// <remarks>
    /// Baseline and product each get their own tables, seeded alike: an emulator's cost per request grows with the table,
    /// so neither may run against the rows the other wrote (the product, measured second, would otherwise lose).
    /// </remarks>
    public async Task<List<PhaseResult>> RunAsync()
    {
        var counter = new RequestCounter();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var baseline = Build("benchb" + run, counter);
        await using var product = Build("benchp" + run, counter);
        var raw = baseline.GetRequiredService<StorageClients>();
        var real = product.GetRequiredService<StorageClients>();
        var results = new List<PhaseResult>();
        try
        {
            await raw.EnsureCreatedAsync(CancellationToken.None);
            await real.EnsureCreatedAsync(CancellationToken.None);
            var metrics = product.GetRequiredService<Billing.Core.Catalog.ICatalogSource>().Current.UsageMetrics.Select(m => m.Id).ToList();
            results.Add(await Measure.PhaseAsync("seed", accounts * 2, counter, async () => { await SeedAsync(raw); await SeedAsync(real); }));
            results.Add(await Measure.PhaseAsync("charge.baseline", accounts, counter, () => BaselineChargeAsync(raw, metrics)));
            results.Add(await Measure.PhaseAsync("charge.product", accounts, counter, () => ProductChargeAsync(product, real)));

            var restrictions = product.GetRequiredService<RestrictionService>();
            // Long enough at every size that one phase is not decided by a few seconds of the emulator's noise.
            var calls = Math.Max(20_000, accounts * 2);
            results.Add(await Measure.LatencyAsync("access.baseline", calls, clients, counter, i =>
                raw.Accounts.GetEntityAsync<TableEntity>(Id(i % accounts), AccountRows.RowKey)));
            results.Add(await Measure.LatencyAsync("access.product", calls, clients, counter, i =>
                restrictions.AccessAsync(Id(i % accounts), Role.Admin, CancellationToken.None)));

            const int payments = 5_000;
            var rawTopUps = await CreateTopUpsAsync(baseline, payments);
            var realTopUps = await CreateTopUpsAsync(product, payments);
            results.Add(await Measure.LatencyAsync("webhook.baseline", payments, clients, counter, i => RawPaymentAsync(raw, rawTopUps[i])));
            var application = product.GetRequiredService<PaymentApplication>();
            results.Add(await Measure.LatencyAsync("webhook.product", payments, clients, counter, i =>
                application.ApplyAsync(new ProviderEvent("sandbox", $"evt_b{i}", ProviderEventType.PaymentSucceeded, realTopUps[i].Account,
                    realTopUps[i].Invoice, new Billing.Core.Money.Money(realTopUps[i].Amount, realTopUps[i].Currency), null), Now, CancellationToken.None)));
        }
        finally
        {
            foreach (var c in new[] { raw, real })
            {
                foreach (var t in new[] { c.Accounts, c.Shards, c.JobRuns, c.Sandbox, c.Links }) await t.DeleteAsync();
                foreach (var q in new[] { c.JobsQueue, c.JobsPoisonQueue, c.OutboxQueue, c.OutboxPoisonQueue }) await q.DeleteIfExistsAsync();
            }
        }
        return results;
    }

    /// <summary>The product's registrations over tables named by <paramref name="prefix"/>, every table request counted.</summary>
    private ServiceProvider Build(string prefix, RequestCounter counter)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString, ["Storage:Prefix"] = prefix,
            ["Payments:Sandbox:WebhookSecret"] = "bench-secret-0123456789", ["Telemetry:Console"] = "false",
            ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
            ["Jobs:ShardCount"] = "16", ["Jobs:ParallelismPerShard"] = perShard.ToString(),
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
            ["Billing:HolidaysPath"] = Path.Combine(AppContext.BaseDirectory, "holidays"),
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddBilling(config);
        services.AddSingleton(new TablePipelinePolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
        return services.BuildServiceProvider();
    }

    /// <summary>Accounts activated yesterday on Standard with 1–30 seats, a seat report and SMS usage for yesterday.</summary>
    private async Task SeedAsync(StorageClients c) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = workers * perShard }, async (n, ct) =>
        {
            var id = Id(n);
            var account = new Account
            {
                Id = id, Name = "Bench " + n, Currency = n % 5 == 0 ? "EUR" : "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = n % 3 == 0 ? "start" : "standard",
                AddOns = n % 4 == 0 ? ["telephony"] : [], State = AccountState.Active, ActivatedOn = Yesterday, CreatedAt = Now.AddDays(-30),
                Shard = Shards.Of(id, 16), Charging = new ChargingState { ReportedSeats = 1 + n % 10, KnownSeats = 1 + n % 10 },
                // Prepaid, as accounts on daily charging usually are: a charge leaves them out of debt.
                Balance = 5_000_000, LedgerSeq = 0, UnpaidInvoices = [],
            };
            await c.Shards.UpsertEntityAsync(new TableEntity(TableShardIndex.PartitionOf(account.Shard), id), TableUpdateMode.Replace, ct);
            // Upserts: the SDK may send a transaction again after the emulator committed it without answering in time.
            await c.Accounts.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpsertReplace, RowMappers.Of<Account>().ToEntity(id, account)),
                new(TableTransactionActionType.UpsertReplace, RowMappers.Of<SeatsDay>().ToEntity(id, new SeatsDay(Yesterday, 1 + n % 10, 1 + n % 10))),
                new(TableTransactionActionType.UpsertReplace, RowMappers.Of<UsageDay>().ToEntity(id, new UsageDay(Yesterday, "sms", n % 50))),
            ], ct);
        });

    /// <summary>What a charge needs from storage, issued directly: head, the day's seats and usage rows by key (at once), one transaction.</summary>
    /// <remarks>Shards run <c>workers</c> at a time, each with <c>per-shard</c> accounts at once: the product's concurrency.</remarks>
    private async Task BaselineChargeAsync(StorageClients c, List<string> metrics) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (shard, _) =>
        {
            var accounts = c.Shards.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableShardIndex.PartitionOf(shard)}"), select: ["RowKey"]);
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = perShard }, async (e, ct) =>
            {
                var id = e.RowKey;
                var head = (await c.Accounts.GetEntityAsync<TableEntity>(id, AccountRows.RowKey, cancellationToken: ct)).Value;
                await Task.WhenAll(metrics.Select(m => RowMappers.Of<UsageDay>().Key(UsageDay.Ref(Yesterday, m))).Append(RowMappers.Of<SeatsDay>().Key(SeatsDay.Ref(Yesterday)))
                    .Select(key => c.Accounts.GetEntityIfExistsAsync<TableEntity>(id, key, cancellationToken: ct)));
                try
                {
                    await c.Accounts.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.UpdateReplace, head, head.ETag),
                        new(TableTransactionActionType.Add, new TableEntity(id, "baseline-ledger") { ["Amount"] = -3300L, ["Lines"] = new string('x', 400) }),
                        new(TableTransactionActionType.Add, new TableEntity(id, "baseline-marker") { ["Amount"] = 3300L }),
                    ], ct);
                }
                catch (TableTransactionFailedException failed) when (failed.Status == 412)
                {
                    // The SDK retried a transaction whose first answer was lost after it committed: done, as the product's marker row says.
                    if (!(await c.Accounts.GetEntityIfExistsAsync<TableEntity>(id, "baseline-marker", cancellationToken: ct)).HasValue) throw;
                }
            });
        });

    /// <summary>The product: start the job (one message per shard) and let <paramref name="workers"/> queue consumers run the shards.</summary>
    private async Task ProductChargeAsync(IServiceProvider sp, StorageClients c)
    {
        var run = await sp.GetRequiredService<JobRunner>().StartAsync(JobNames.DailyCharge, Now, CancellationToken.None);
        var handler = sp.GetRequiredService<JobQueueHandler>();
        var log = sp.GetRequiredService<IJobRunLog>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (true)
            {
                var messages = (await c.JobsQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(10))).Value;
                if (messages.Length == 0) return;
                await handler.HandleAsync(messages[0].MessageText, messages[0].DequeueCount, CancellationToken.None);
                await c.JobsQueue.DeleteMessageAsync(messages[0].MessageId, messages[0].PopReceipt);
            }
        }));
        var status = await log.GetAsync(run.RunId, CancellationToken.None);
        if (status is not { Complete: true, Failed: 0 } || status.Done != accounts)
            throw new InvalidOperationException($"The run did not charge every account: {status}");
    }

    /// <summary><paramref name="count"/> awaiting top-up invoices, created by the product, over the accounts in turn.</summary>
    private async Task<List<(string Account, string Invoice, long Amount, string Currency)>> CreateTopUpsAsync(IServiceProvider sp, int count)
    {
        var topUps = sp.GetRequiredService<TopUpService>();
        var created = new (string, string, long, string)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var id = Id(i % accounts);
            var invoice = (await topUps.CreateAsync(id, new TopUpRequest(100_000, "bench", Role.Owner, null), $"bench-{i}", ct)).Invoice;
            created[i] = (id, invoice.Id, invoice.Amount, invoice.Currency);
        });
        return [.. created];
    }

    /// <summary>
    /// A webhook's storage work issued directly: event row and invoice read, one transaction (head, ledger, invoice, event,
    /// outbox row of the CRM's invoice_paid event), then that event's queue message.
    /// </summary>
    private static async Task RawPaymentAsync(StorageClients c, (string Account, string Invoice, long Amount, string Currency) p)
    {
        var eventKey = "baseline-event-" + p.Invoice;
        await c.Accounts.GetEntityIfExistsAsync<TableEntity>(p.Account, eventKey);
        var invoice = (await c.Accounts.GetEntityAsync<TableEntity>(p.Account, RowMappers.Of<Invoice>().Key(Invoice.Ref(p.Invoice)))).Value;
        for (var attempt = 0; ; attempt++)
        {
            var head = (await c.Accounts.GetEntityAsync<TableEntity>(p.Account, AccountRows.RowKey)).Value;
            try
            {
                await c.Accounts.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, head, head.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(p.Account, "baseline-credit-" + p.Invoice) { ["Amount"] = p.Amount }),
                    new(TableTransactionActionType.UpdateReplace, invoice, invoice.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(p.Account, eventKey)),
                    new(TableTransactionActionType.Add, new TableEntity(p.Account, "baseline-outbox-" + p.Invoice) { ["Body"] = new string('x', 300) }),
                ]);
                await c.OutboxQueue.SendMessageAsync("baseline-outbox-" + p.Invoice);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < 12) { }
        }
    }

    /// <summary>Account ids are computed from their index, so no phase holds a list of every account.</summary>
    private static string Id(int n) => $"acc_b{n:D9}";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
