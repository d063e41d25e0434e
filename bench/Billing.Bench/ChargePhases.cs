using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Usage;
using Billing.Http.Jobs;
using Billing.Infrastructure.Storage;
using Billing.Infrastructure.Storage.Rows;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Bench;

/// <summary>
/// The daily charge at steady state: the accounts in the head-and-satellites layout, charged through the real path, against
/// the floor of two requests per account (one range read, one transaction) issued directly; then the 23 hourly runs of the
/// rest of the local day, which must find nothing due.
/// </summary>
public sealed partial class BenchRun
{
    /// <summary>Hourly runs after the charge run within the same local day: with it, one account-day of the job.</summary>
    private const int IdleRuns = 23;
    /// <summary>Charged accounts whose partition is read back after the run (evenly spread over the ids).</summary>
    private const int LedgerSample = 25;

    private async Task<List<PhaseResult>> ChargePhasesAsync(IServiceProvider product, StorageClients raw, StorageClients real, RequestCounter counter,
        DateTimeOffset seededAt)
    {
        var results = new List<PhaseResult> { await Measure.PhaseAsync("charge.floor", accounts, counter, () => FloorChargeAsync(raw)) };
        // The charge visits again every index entry written less than ChargeDue.ClockSkew before its scan (a new account must
        // not be missed); at steady state entries are days old. At 10,000 accounts the floor phase alone takes longer than
        // that; at small sizes wait, so the idle runs measure the steady state and not the seed.
        var settled = seededAt + ChargeDue.ClockSkew + TimeSpan.FromSeconds(5) - DateTimeOffset.UtcNow;
        if (settled > TimeSpan.Zero) await Task.Delay(settled);
        results.Add(await Measure.PhaseAsync("charge.product", accounts, counter, () => ProductChargeAsync(product, real)));
        await CheckChargedAsync(real);
        var visited = 0;
        results.Add(await Measure.PhaseAsync("charge.idle", IdleRuns, counter, async () =>
        {
            for (var hour = 1; hour <= IdleRuns; hour++)
            {
                var status = await RunJobAsync(product, real, Now.AddHours(hour));
                // A second charge of the day would be a double charge: that fails the run, whatever the throughput.
                if (status is not { Complete: true, Failed: 0, Done: 0 })
                    throw new InvalidOperationException($"The run as of {Now.AddHours(hour):u} charged or failed: {status}");
                visited += status.Accounts;
            }
        }));
        Checks["idleRunsVisitedAccounts"] = visited;
        // One account-day of the job: the run that charges it and the runs of the rest of its local day that skip it.
        var charge = results.Single(r => r.Name == "charge.product");
        var idle = results.Single(r => r.Name == "charge.idle");
        results.Add(new PhaseResult("charge.account-day", accounts, charge.Seconds + idle.Seconds, charge.Requests + idle.Requests,
            Math.Max(charge.PeakManagedMb, idle.PeakManagedMb), Math.Max(charge.PeakWorkingSetMb, idle.PeakWorkingSetMb),
            (charge.CpuMsPerItem * charge.Items + idle.CpuMsPerItem * idle.Items) / accounts));
        return results;
    }

    /// <summary>
    /// Accounts activated yesterday (Standard or Start, 1–10 seats reported), in the layout the product reads in one range
    /// query: the head (inputs kept in satellites since ever, so no per-day rows are looked for), the seats satellite with
    /// yesterday's report, a usage counter for yesterday (n % 50 SMS, none when 0), and a shard-index entry with the time zone.
    /// </summary>
    private async Task SeedAsync(StorageClients c)
    {
        var index = new TableShardIndex(c);
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = workers * perShard }, async (n, ct) =>
        {
            var id = Id(n);
            await index.NoteAsync(Shards.Of(id, 16), id, TimeZone, ct);
            await SeedAccountAsync(c, n, id, n % 50, ct);
        });
    }

    /// <summary>One account's head and satellites, upserted: the SDK may send a transaction again after the emulator committed it without answering in time.</summary>
    private static Task SeedAccountAsync(StorageClients c, int n, string id, long sms, CancellationToken ct)
    {
        var seats = 1 + n % 10;
        var account = new Account
        {
            Id = id, Name = "Bench " + n, Currency = n % 5 == 0 ? "EUR" : "UAH", TimeZone = TimeZone, Country = "UA", PlanId = n % 3 == 0 ? "start" : "standard",
            AddOns = n % 4 == 0 ? ["telephony"] : [], State = AccountState.Active, ActivatedOn = Yesterday, CreatedAt = Now.AddDays(-30),
            Shard = Shards.Of(id, 16),
            Charging = new ChargingState { ReportedSeats = seats, KnownSeats = seats, InputsSince = DateOnly.MinValue },
            // Prepaid, as accounts on daily charging usually are: a charge leaves them out of debt.
            Balance = 5_000_000, LedgerSeq = 0, UnpaidInvoices = [],
        };
        List<TableTransactionAction> rows =
        [
            new(TableTransactionActionType.UpsertReplace, RowMappers.Of<Account>().ToEntity(id, account)),
            new(TableTransactionActionType.UpsertReplace, RowMappers.Of<SeatReports>().ToEntity(id, new SeatReports(seats, [new SeatsDay(Yesterday, seats, seats)]))),
        ];
        if (sms > 0)
            rows.Add(new(TableTransactionActionType.UpsertReplace, RowMappers.Of<UsageCounter>().ToEntity(id,
                new UsageCounter(Yesterday, 0, new Dictionary<string, long> { ["sms"] = sms }, new Dictionary<string, long>(), null))));
        return c.Accounts.SubmitTransactionAsync(rows, ct);
    }

    /// <summary>
    /// The floor of a day's charge, issued directly: one range read of the head and its satellites, then one transaction with
    /// the rows the product writes (head under If-Match, ledger entry, marker, seats satellite under If-Match, the counter
    /// deleted under If-Match, the day's usage history row). Shards run <c>workers</c> at a time, each with <c>per-shard</c>
    /// accounts at once: the product's concurrency.
    /// </summary>
    private async Task FloorChargeAsync(StorageClients c) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (shard, _) =>
        {
            var ids = c.Shards.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableShardIndex.PartitionOf(shard)}"), maxPerPage: 1000,
                select: ["RowKey", "TimeZone"]);
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = perShard }, async (e, ct) =>
            {
                var id = e.RowKey;
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {HeadRange.From} and RowKey lt {HeadRange.To}");
                TableEntity? head = null, seats = null;
                var counters = new List<TableEntity>();
                await foreach (var row in c.Accounts.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
                {
                    if (row.RowKey == AccountRows.RowKey) head = row;
                    else if (row.RowKey == SeatReportsRows.RowKey) seats = row;
                    else if (row.RowKey.StartsWith(UsageCounterRows.Prefix, StringComparison.Ordinal)) counters.Add(row);
                }
                if (head is null || seats is null) throw new InvalidOperationException($"{id}: the seed wrote no head or seats row");
                var marker = ChargedPeriod.Day(Yesterday).Key;
                List<TableTransactionAction> actions =
                [
                    new(TableTransactionActionType.UpdateReplace, head, head.ETag),
                    new(TableTransactionActionType.Add, new TableEntity(id, "ledger-floor") { ["Amount"] = -3300L, ["Lines"] = new string('x', 400) }),
                    new(TableTransactionActionType.Add, new TableEntity(id, marker) { ["Amount"] = 3300L }),
                    new(TableTransactionActionType.UpdateReplace, new TableEntity(id, SeatReportsRows.RowKey) { ["Latest"] = seats["Latest"], ["Days"] = "[]" }, seats.ETag),
                    .. counters.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, k, k.ETag)),
                ];
                if (counters.Count > 0)
                    actions.Add(new(TableTransactionActionType.UpsertReplace, RowMappers.Of<UsageDay>().ToEntity(id, new UsageDay(Yesterday, "sms", 1))));
                try { await c.Accounts.SubmitTransactionAsync(actions, ct); }
                catch (TableTransactionFailedException failed) when (failed.Status is 412 or 404)
                {
                    // The SDK retried a transaction whose first answer was lost after it committed: done, as the product's marker row says.
                    if (!(await c.Accounts.GetEntityIfExistsAsync<TableEntity>(id, marker, cancellationToken: ct)).HasValue) throw;
                }
            });
        });

    /// <summary>The product: start the job (one message per shard) and let <c>workers</c> queue consumers run the shards; every account charged.</summary>
    private async Task ProductChargeAsync(IServiceProvider sp, StorageClients c)
    {
        var status = await RunJobAsync(sp, c, Now);
        if (status is not { Complete: true, Failed: 0 } || status.Done != accounts || status.Accounts != accounts)
            throw new InvalidOperationException($"The run did not charge every account once: {status}");
    }

    private async Task<JobRunStatus?> RunJobAsync(IServiceProvider sp, StorageClients c, DateTimeOffset asOf)
    {
        var run = await sp.GetRequiredService<JobRunner>().StartAsync(JobNames.DailyCharge, asOf, CancellationToken.None);
        var handler = sp.GetRequiredService<JobQueueHandler>();
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
        return await sp.GetRequiredService<IJobRunLog>().GetAsync(run.RunId, CancellationToken.None);
    }

    /// <summary>
    /// A sample of charged accounts read back whole: one ledger entry and yesterday's marker, no usage counter left, the seats
    /// satellite emptied, the head charged through yesterday and still reading its inputs from the satellites only.
    /// </summary>
    private async Task CheckChargedAsync(StorageClients c)
    {
        var problems = new List<string>();
        foreach (var n in Enumerable.Range(0, LedgerSample).Select(i => (int)((long)i * accounts / LedgerSample)).Distinct())
        {
            var id = Id(n);
            var rows = await c.Accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToListAsync();
            var ledger = rows.Count(r => r.RowKey.StartsWith("ledger-", StringComparison.Ordinal));
            var markers = rows.Count(r => r.RowKey == ChargedPeriod.Day(Yesterday).Key);
            var counters = rows.Count(r => r.RowKey.StartsWith(UsageCounterRows.Prefix, StringComparison.Ordinal));
            var head = RowMappers.Of<Account>().Read(rows.Single(r => r.RowKey == AccountRows.RowKey));
            var seats = RowMappers.Of<SeatReports>().Read(rows.Single(r => r.RowKey == SeatReportsRows.RowKey));
            var usage = rows.Where(r => r.RowKey.StartsWith("usage-", StringComparison.Ordinal)).Select(RowMappers.Of<UsageDay>().Read).Sum(u => u.Quantity);
            if (ledger != 1 || markers != 1 || counters != 0 || seats.Days.Count != 0 || head.Charging.LastChargedDay != Yesterday
                || head.Charging.InputsSince != DateOnly.MinValue || usage != n % 50)
                problems.Add($"{id}: {ledger} ledger entries, {markers} markers, {counters} counters left, {seats.Days.Count} seat days left, " +
                    $"charged through {head.Charging.LastChargedDay}, inputs since {head.Charging.InputsSince}, usage history {usage} (sent {n % 50})");
        }
        Checks["chargeSampleProblems"] = problems.Count;
        if (problems.Count > 0) throw new InvalidOperationException("Charged accounts read back wrong:\n" + string.Join("\n", problems));
        Console.WriteLine($"  charge check: {LedgerSample} sampled accounts charged once, counters deleted, usage in history");
    }
}
