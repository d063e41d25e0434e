using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Restrictions;
using Billing.Core.Storage;
using Billing.Core.Time;
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
/// One size: seed N accounts in the head-and-satellites layout, then measure the daily charge through the real path (start →
/// shard messages on the queue → shard handlers) against the two-request floor issued directly with the same concurrency, and
/// the 23 hourly runs after it that find nothing due; usage ingestion against raw batch inserts; 200 writers on one account
/// over HTTP; the access check and the webhook path, each with its baseline. The phases live in ChargePhases.cs,
/// UsagePhases.cs and HotAccountPhase.cs.
/// </summary>
public sealed partial class BenchRun(string connectionString, int accounts, int workers, int perShard, int clients)
{
    public const string TimeZone = "Europe/Kyiv";

    /// <summary>
    /// 00:05 local (the hourly charge's first run of the accounts' local day) on the day after tomorrow, so that the 23 hourly
    /// runs after it (to 23:05) stay in the same local day and none is due. A date ahead of the wall clock, as the bench's
    /// clock: nothing the product compares with storage timestamps reads this clock (a shard's watermark is stamped by the
    /// storage service itself), and a run may be started at most <c>Jobs:MaxAsOfAheadDays</c> after it.
    /// </summary>
    private static readonly DateTimeOffset Now = FirstRunOfLocalDay(DateTime.UtcNow.Date.AddDays(2));
    /// <summary>The accounts' local yesterday at <see cref="Now"/>: the day the charge phase charges.</summary>
    private static readonly DateOnly Yesterday = LocalCalendar.Today(Now, TimeZone).AddDays(-1);

    private static DateTimeOffset FirstRunOfLocalDay(DateTime day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = DateTime.SpecifyKind(day.Date.AddMinutes(5), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>What the run found besides throughput: request counts per account-day, usage totals, HTTP statuses (into the BENCH line).</summary>
    public Dictionary<string, object> Checks { get; } = new();

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
            Console.WriteLine($"  as of {Now:u} ({TimeZone} {LocalCalendar.Today(Now, TimeZone):yyyy-MM-dd} 00:05), charging {Yesterday:yyyy-MM-dd}");
            results.Add(await Measure.PhaseAsync("seed", accounts * 2, counter, async () => { await SeedAsync(raw); await SeedAsync(real); }));
            results.AddRange(await ChargePhasesAsync(product, raw, real, counter, DateTimeOffset.UtcNow));
            results.AddRange(await UsagePhasesAsync(product, raw, real, counter));
            results.AddRange(await HotAccountPhase.RunAsync(this, "benchp" + run, real, counter));

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

    /// <summary>The settings every product host of the bench shares: storage under <paramref name="prefix"/>, catalog, jobs.</summary>
    internal Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Storage:ConnectionString"] = connectionString, ["Storage:Prefix"] = prefix,
        ["Payments:Sandbox:WebhookSecret"] = "bench-secret-0123456789", ["Telemetry:Console"] = "false",
        ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
        ["Jobs:ShardCount"] = "16", ["Jobs:ParallelismPerShard"] = perShard.ToString(),
        ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        ["Billing:HolidaysPath"] = Path.Combine(AppContext.BaseDirectory, "holidays"),
    };

    /// <summary>The bench's clock and request counter, registered before the product's own services (it adds them only if missing).</summary>
    internal static void AddBenchServices(IServiceCollection services, RequestCounter counter)
    {
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddSingleton(new TablePipelinePolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
    }

    /// <summary>The product's registrations over tables named by <paramref name="prefix"/>, every table request counted.</summary>
    private ServiceProvider Build(string prefix, RequestCounter counter)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Settings(prefix)).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        AddBenchServices(services, counter);
        services.AddBilling(config);
        return services.BuildServiceProvider();
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
    internal static string Id(int n) => $"acc_b{n:D9}";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
