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
using Billing.Infrastructure.Storage;
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

    public async Task<List<PhaseResult>> RunAsync()
    {
        var counter = new RequestCounter();
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString, ["Storage:Prefix"] = prefix,
            ["Payments:Sandbox:WebhookSecret"] = "bench-secret-0123456789", ["Telemetry:Console"] = "false",
            ["Jobs:ShardCount"] = "16", ["Jobs:ParallelismPerShard"] = perShard.ToString(),
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
            ["Billing:HolidaysPath"] = Path.Combine(AppContext.BaseDirectory, "holidays"),
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddBilling(config);
        services.AddSingleton(new TablePipelinePolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
        await using var provider = services.BuildServiceProvider();
        var clients_ = provider.GetRequiredService<StorageClients>();
        await clients_.EnsureCreatedAsync(CancellationToken.None);
        var results = new List<PhaseResult>();
        try
        {
            var ids = Enumerable.Range(0, accounts).Select(i => $"acc_b{i:D9}").ToList();
            results.Add(await Measure.PhaseAsync("seed", accounts, counter, () => SeedAsync(clients_, ids)));
            results.Add(await Measure.PhaseAsync("charge.baseline", accounts, counter, () => BaselineChargeAsync(clients_)));
            results.Add(await Measure.PhaseAsync("charge.product", accounts, counter, () => ProductChargeAsync(provider, clients_)));

            var restrictions = provider.GetRequiredService<RestrictionService>();
            var calls = Math.Min(20_000, accounts * 4);
            results.Add(await Measure.LatencyAsync("access.baseline", calls, clients, counter, i =>
                clients_.Accounts.GetEntityAsync<TableEntity>(ids[i % ids.Count], RowKeys.Account)));
            results.Add(await Measure.LatencyAsync("access.product", calls, clients, counter, i =>
                restrictions.AccessAsync(ids[i % ids.Count], Role.Admin, CancellationToken.None)));

            var payments = Math.Min(2_000, accounts);
            var (raw, real) = await PrepareTopUpsAsync(provider, ids, payments);
            results.Add(await Measure.LatencyAsync("webhook.baseline", payments, clients, counter, i => RawPaymentAsync(clients_, raw[i])));
            var application = provider.GetRequiredService<PaymentApplication>();
            results.Add(await Measure.LatencyAsync("webhook.product", payments, clients, counter, i =>
                application.ApplyAsync(real[i], Now, CancellationToken.None)));
        }
        finally
        {
            foreach (var t in new[] { clients_.Accounts, clients_.Shards, clients_.JobRuns, clients_.Sandbox }) await t.DeleteAsync();
            await clients_.JobsQueue.DeleteIfExistsAsync();
            await clients_.JobsPoisonQueue.DeleteIfExistsAsync();
            await clients_.OutboxQueue.DeleteIfExistsAsync();
            await clients_.OutboxPoisonQueue.DeleteIfExistsAsync();
        }
        return results;
    }

    /// <summary>Accounts activated yesterday on Standard with 1–30 seats, a seat report and SMS usage for yesterday.</summary>
    private async Task SeedAsync(StorageClients c, List<string> ids) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = workers * perShard }, async (id, ct) =>
        {
            var n = int.Parse(id[5..]);
            var account = new Account
            {
                Id = id, Name = "Bench " + n, Currency = n % 5 == 0 ? "EUR" : "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = n % 3 == 0 ? "start" : "standard",
                AddOns = n % 4 == 0 ? ["telephony"] : [], State = AccountState.Active, ActivatedOn = Yesterday, CreatedAt = Now.AddDays(-30),
                Shard = Shards.Of(id, 16), ReportedSeats = 1 + n % 10, KnownSeats = 1 + n % 10,
                // Prepaid, as accounts on daily charging usually are: a charge leaves them out of debt.
                Balance = 5_000_000, LedgerSeq = 0,
            };
            await c.Shards.UpsertEntityAsync(new TableEntity(TableShardIndex.PartitionOf(account.Shard), id), TableUpdateMode.Replace, ct);
            await c.Accounts.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, TableRowSerializer.ToEntity(id, RowKeys.Account, account)),
                new(TableTransactionActionType.Add, TableRowSerializer.ToEntity(id, RowKeys.Seats(Yesterday), new SeatsDay(Yesterday, 1 + n % 10, 1 + n % 10))),
                new(TableTransactionActionType.Add, TableRowSerializer.ToEntity(id, RowKeys.Usage(Yesterday, "sms"), new UsageDay(Yesterday, "sms", n % 50))),
            ], ct);
        });

    /// <summary>What a charge needs from storage, issued directly: head, the day's seats and usage, one transaction.</summary>
    private async Task BaselineChargeAsync(StorageClients c) =>
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async shard =>
        {
            var accounts = c.Shards.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableShardIndex.PartitionOf(shard)}"), select: ["RowKey"]);
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = perShard }, async (e, ct) =>
            {
                var id = e.RowKey;
                var head = (await c.Accounts.GetEntityAsync<TableEntity>(id, RowKeys.Account, cancellationToken: ct)).Value;
                await foreach (var _ in c.Accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {RowKeys.Seats(Yesterday)} and RowKey lt {RowKeys.Seats(Yesterday.AddDays(1))}"), cancellationToken: ct)) { }
                await foreach (var _ in c.Accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {RowKeys.UsagePrefix + RowKeys.Day(Yesterday)} and RowKey lt {RowKeys.UsagePrefix + RowKeys.Day(Yesterday.AddDays(1))}"), cancellationToken: ct)) { }
                await c.Accounts.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, head, head.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(id, "baseline-ledger") { ["Amount"] = -3300L, ["Lines"] = new string('x', 400) }),
                    new(TableTransactionActionType.Add, new TableEntity(id, "baseline-marker") { ["Amount"] = 3300L }),
                ], ct);
            });
        }));

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

    private async Task<(List<(string Account, string Invoice, long Amount)> Raw, List<ProviderEvent> Real)> PrepareTopUpsAsync(IServiceProvider sp, List<string> ids, int count)
    {
        var topUps = sp.GetRequiredService<TopUpService>();
        var raw = new List<(string, string, long)>();
        var real = new List<ProviderEvent>();
        var gate = new object();
        await Parallel.ForEachAsync(Enumerable.Range(0, count * 2), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var id = ids[i % ids.Count];
            var created = await topUps.CreateAsync(id, new TopUpRequest(100_000, "bench", Role.Owner, null, "http://127.0.0.1"), $"bench-{i}", ct);
            lock (gate)
                if (i % 2 == 0) raw.Add((id, created.Invoice.Id, created.Invoice.Amount));
                else real.Add(new ProviderEvent("sandbox", $"evt_b{i}", ProviderEventType.PaymentSucceeded, id, created.Invoice.Id,
                    new Billing.Core.Money.Money(created.Invoice.Amount, created.Invoice.Currency), null));
        });
        return (raw.Take(count).ToList(), real.Take(count).ToList());
    }

    /// <summary>A webhook's storage work issued directly: event row and invoice read, one transaction (head, ledger, invoice, event).</summary>
    private static async Task RawPaymentAsync(StorageClients c, (string Account, string Invoice, long Amount) p)
    {
        var eventKey = "baseline-event-" + p.Invoice;
        await c.Accounts.GetEntityIfExistsAsync<TableEntity>(p.Account, eventKey);
        var invoice = (await c.Accounts.GetEntityAsync<TableEntity>(p.Account, RowKeys.Invoice(p.Invoice))).Value;
        for (var attempt = 0; ; attempt++)
        {
            var head = (await c.Accounts.GetEntityAsync<TableEntity>(p.Account, RowKeys.Account)).Value;
            try
            {
                await c.Accounts.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, head, head.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(p.Account, "baseline-credit-" + p.Invoice) { ["Amount"] = p.Amount }),
                    new(TableTransactionActionType.UpdateReplace, invoice, invoice.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(p.Account, eventKey)),
                ]);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < 12) { }
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
