using Billing.Core.Jobs;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Money;
using Billing.Core.Payments;
using Billing.Core.PlanChange;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.Usage;
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Integration.Tests;

/// <summary>
/// A seeded random simulation on Azurite: top-ups and redelivered webhooks, usage with repeated keys, seats, daily
/// charges run alone and concurrently, plan changes, injected storage faults. After every step the touched account
/// is checked: balance = sum of its ledger, one charge per day, one credit per provider event, no negative payment,
/// every unpaid invoice auto-pay may consider is on the head's list (C8). Usage also comes in batches (C11) with repeated ids,
/// reused ids and late events: on the daily accounts no event is accepted twice, the charges never count more than was
/// accepted, and once every due day is charged they count exactly what was accepted.
/// The seed is printed on failure; BILLING_SIM_SEED and BILLING_SIM_OPS reproduce or lengthen a run.
/// </summary>
public sealed class SimulationTests
{
    private sealed class Model
    {
        public long CheckedSeq;
        public long LedgerSum;
        public readonly HashSet<string> ChargeDays = [];
        public readonly HashSet<string> CreditedEvents = [];
        public readonly List<(string EventId, string InvoiceId, long Amount)> Payable = [];
        /// <summary>C11: usage events stored (accepted, or found stored as a duplicate), by id: what the charges must count once.</summary>
        public readonly Dictionary<string, (long Quantity, DateTimeOffset? At)> Counted = [];
        /// <summary>The usage quantity the checked charge entries counted (on-time and late lines).</summary>
        public long ChargedUsage;
    }

    [Fact]
    public async Task A2_B4_B8_C2_C3_C8_C11_a_seeded_random_simulation_keeps_every_invariant_after_every_step()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BILLING_SIM_SEED"), out var s) ? s : 20261123;
        var operations = int.TryParse(Environment.GetEnvironmentVariable("BILLING_SIM_OPS"), out var n) ? n : 10_000;
        var random = new Random(seed);
        var faults = new FaultInjectionPolicy(seed, rate: 0.03);
        await using var app = await BillingApp.StartAsync(new BillingApp { Faults = faults });
        var accounts = app.Service<AccountService>();
        var topUps = app.Service<TopUpService>();
        var payments = app.Service<PaymentApplication>();
        var planChanges = app.Service<PlanChangeService>();
        var daily = app.Services.GetServices<Billing.Core.Jobs.IAccountJob>().OfType<DailyChargeJob>().Single();
        var store = app.Service<IAccountStore>();
        var ingestion = app.Service<UsageIngestion>();
        var ct = CancellationToken.None;

        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var a = await accounts.CreateAsync(new CreateAccount($"Sim {i}", "UAH", i % 2 == 0 ? "Europe/Kyiv" : "America/New_York", "UA", Language.En,
                // Every fourth is prepaid (Pro): its plan is a service, invoiced when the balance is short, auto-paid by a top-up.
                i % 4 == 3 ? "pro" : i % 3 == 0 ? "start" : "standard", null, i % 4 == 0 ? ["telephony"] : [], null), $"sim-{seed}-{i}", ct);
            await accounts.ActivateAsync(a.Id, ct);
            ids.Add(a.Id);
        }
        var models = ids.ToDictionary(id => id, _ => new Model());
        // Accounts that stay in daily mode (Pro is paid ahead and may move): their usage is charged day by day (C2, C11).
        var dailyAccounts = ids.Where((_, i) => i % 4 != 3).ToHashSet();
        var simStart = app.Clock.GetUtcNow();
        var counts = new Dictionary<string, int>();
        var unpaidSeen = 0;

        async Task Check(string id, int step, string op)
        {
            var was = faults.Enabled;
            faults.Enabled = false;
            var m = models[id];
            var head = (await store.FindAsync(id, ct))!.Value;
            for (var seq = m.CheckedSeq + 1; seq <= head.LedgerSeq; seq++)
            {
                var e = (await store.GetAsync(id, LedgerEntry.Ref(seq), ct))?.Value;
                Assert.True(e is not null, $"seed {seed}, step {step} ({op}): ledger entry {seq} of {id} missing");
                m.LedgerSum += e!.Amount;
                Assert.True(e.BalanceAfter == m.LedgerSum, $"seed {seed}, step {step} ({op}): entry {seq} balanceAfter {e.BalanceAfter} ≠ running sum {m.LedgerSum}");
                if (e.Kind == LedgerKind.Charge && e.Reference!.StartsWith("charge:"))
                {
                    Assert.True(m.ChargeDays.Add(e.Reference), $"seed {seed}, step {step} ({op}): {e.Reference} charged twice on {id}");
                    m.ChargedUsage += e.Lines.Where(l => l.Item.StartsWith("usage:", StringComparison.Ordinal)).Sum(l => l.Quantity);
                }
                if (e.Kind is LedgerKind.TopUp or LedgerKind.Bonus)
                    Assert.True(e.Amount > 0, $"seed {seed}, step {step} ({op}): a payment entry of {e.Amount}");
                if (e.Kind == LedgerKind.TopUp)
                    Assert.True(m.CreditedEvents.Add(e.IdempotencyKey!), $"seed {seed}, step {step} ({op}): event {e.IdempotencyKey} credited twice");
            }
            m.CheckedSeq = head.LedgerSeq;
            if (dailyAccounts.Contains(id))
                Assert.True(m.ChargedUsage <= m.Counted.Values.Sum(c => c.Quantity),
                    $"seed {seed}, step {step} ({op}): the charges counted {m.ChargedUsage} units of usage on {id}, only {m.Counted.Values.Sum(c => c.Quantity)} were accepted");
            Assert.True(head.Balance == m.LedgerSum, $"seed {seed}, step {step} ({op}): balance {head.Balance} ≠ ledger {m.LedgerSum} on {id}");
            var unpaid = new List<string>();
            await foreach (var inv in store.ListAsync(id, Invoice.All, ct))
                if (UnpaidInvoiceIndex.Tracks(inv)) unpaid.Add(inv.Id);
            unpaidSeen += unpaid.Count;
            Assert.True(unpaid.Order().SequenceEqual(head.UnpaidInvoices!.Order()),
                $"seed {seed}, step {step} ({op}): the head lists [{string.Join(", ", head.UnpaidInvoices!)}] as unpaid on {id}, the invoices are [{string.Join(", ", unpaid)}]");
            faults.Enabled = was;
        }

        // Storage faults surface as exceptions once the SDK's retries are spent; a caller (provider, queue, CRM) tries again.
        async Task Retry(Func<Task> op)
        {
            for (var attempt = 1; ; attempt++)
            {
                try { await op(); return; }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException && e is not BillingException { Kind: not ErrorKind.Busy } && attempt < 20) { }
            }
        }

        // C11: a random batch of new events, repeats of earlier ones (same payload: duplicates; another: refused), repeats inside
        // the batch, and events of earlier days (late when their day is charged); sent until an answer comes (a CRM retries).
        async Task UsageBatch(string id, Model m, int step)
        {
            var now = app.Clock.GetUtcNow();
            var batch = new List<UsageEventInput>();
            var fresh = new List<UsageEventInput>();
            var size = random.Next(1, 25);
            var earlier = m.Counted.Where(c => c.Value.At is not null).Select(c => c.Key).ToList();
            for (var k = 0; k < size; k++)
            {
                var roll = random.Next(10);
                if (roll < 2 && earlier.Count > 0)
                {
                    var old = earlier[random.Next(earlier.Count)];
                    var (q, at) = m.Counted[old];
                    batch.Add(new UsageEventInput(old, "sms", random.Next(5) == 0 ? q + 1 : q, at));
                }
                else if (roll < 3 && fresh.Count > 0) batch.Add(fresh[random.Next(fresh.Count)]);
                else
                {
                    var back = TimeSpan.FromMinutes(random.Next(0, roll < 6 ? 60 : 72 * 60));
                    var at = now - back < simStart ? simStart : now - back;
                    fresh.Add(new UsageEventInput($"b-{step}-{k}", "sms", random.Next(1, 50), at));
                    batch.Add(fresh[^1]);
                }
            }
            IReadOnlyList<UsageEventResult> results = [];
            await Retry(async () => results = await ingestion.IngestAsync(id, batch, ct));
            var firstInBatch = new Dictionary<string, UsageEventInput>();
            for (var k = 0; k < batch.Count; k++)
            {
                var sent = batch[k];
                var r = results[k];
                var where = $"seed {seed}, step {step} (usage_batch): event {sent.EventId} on {id}";
                var known = m.Counted.TryGetValue(sent.EventId!, out var stored);
                var sameAsFirst = !firstInBatch.TryGetValue(sent.EventId!, out var first) || first == sent;
                switch (r.Status)
                {
                    case UsageEventStatus.Accepted:
                        Assert.True(!known, $"{where}: accepted again, it was counted before");
                        Assert.True(r.Event is { } e && e.Quantity == sent.Quantity && e.Day >= e.OccurredOn, $"{where}: accepted as {r.Event}");
                        m.Counted.Add(sent.EventId!, (sent.Quantity!.Value, sent.OccurredAt));
                        break;
                    case UsageEventStatus.Duplicate:
                        // Counted before, or stored by an attempt whose answer was lost (an injected fault): the same payload either way.
                        Assert.True(!known || (stored.Quantity == sent.Quantity && stored.At == sent.OccurredAt), $"{where}: a duplicate of another payload");
                        Assert.True(sameAsFirst, $"{where}: a duplicate of another payload in its batch");
                        if (!known) m.Counted.Add(sent.EventId!, (sent.Quantity!.Value, sent.OccurredAt));
                        break;
                    case UsageEventStatus.Rejected:
                        Assert.True(r.Reason == "event_id_reused", $"{where}: rejected {r.Reason} {r.Detail}");
                        Assert.True((known && (stored.Quantity != sent.Quantity || stored.At != sent.OccurredAt)) || !sameAsFirst,
                            $"{where}: refused as reused, but it is the same payload as the stored one");
                        break;
                }
                firstInBatch.TryAdd(sent.EventId!, sent);
            }
        }

        for (var step = 1; step <= operations; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var m = models[id];
            faults.Enabled = random.Next(10) == 0;
            var roll = random.Next(100);
            var op = roll switch
            {
                < 12 => "top_up", < 30 => "webhook", < 42 => "usage", < 50 => "usage_batch", < 62 => "seats", < 80 => "charge", < 86 => "concurrent_charges", < 90 => "plan_change", _ => "advance_day",
            };
            counts[op] = counts.GetValueOrDefault(op) + 1;
            try
            {
                switch (op)
                {
                    case "top_up":
                        var amount = random.NextInt64(10_000, 2_000_000);
                        await Retry(async () =>
                        {
                            var created = await topUps.CreateAsync(id, new TopUpRequest(amount, "u", Role.Owner, null), $"sim-{step}", ct);
                            if (!m.Payable.Any(p => p.InvoiceId == created.Invoice.Id)) m.Payable.Add(($"evt_{step}", created.Invoice.Id, amount));
                        });
                        break;
                    case "webhook" when m.Payable.Count > 0:
                        var pay = m.Payable[random.Next(m.Payable.Count)];
                        var evt = new ProviderEvent("sandbox", pay.EventId, ProviderEventType.PaymentSucceeded, id, pay.InvoiceId, new Money(pay.Amount, "UAH"), null);
                        var copies = random.Next(1, 4); // redelivered, sometimes concurrently
                        await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => Retry(() => payments.ApplyAsync(evt, app.Clock.GetUtcNow(), ct))));
                        break;
                    case "usage":
                        var key = $"u-{random.Next(step)}"; // keys repeat: a repeat counts once or is refused
                        await Retry(async () =>
                        {
                            try
                            {
                                var receipt = await accounts.ReportUsageAsync(id, new UsageReport("sms", 1 + key.Length % 5), key, ct);
                                m.Counted.TryAdd(key, (receipt.Quantity, null));
                            }
                            catch (BillingException e) when (e.Code == "idempotency_key_reused") { }
                        });
                        break;
                    case "usage_batch" when dailyAccounts.Contains(id):
                        await UsageBatch(id, m, step);
                        break;
                    case "seats":
                        await Retry(() => accounts.ReportSeatsAsync(id, random.Next(1, 30), ct));
                        break;
                    case "charge":
                        await Retry(() => daily.RunAsync(id, new JobContext(app.Clock.GetUtcNow(), "sim"), ct));
                        break;
                    case "concurrent_charges":
                        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Retry(() => daily.RunAsync(id, new JobContext(app.Clock.GetUtcNow(), "sim"), ct))));
                        break;
                    case "plan_change":
                        var current = (await store.FindAsync(id, ct))!.Value.PlanId;
                        try { await Retry(() => planChanges.ConfirmAsync(id, current == "start" ? "standard" : "start", 0, ct)); }
                        catch (BillingException e) when (e.Code is "plan_changed_today") { }
                        break;
                    case "advance_day":
                        app.Clock.Advance(TimeSpan.FromHours(random.Next(6, 30)));
                        break;
                }
            }
            catch (BillingException e) when (e.Kind is Billing.Core.ErrorKind.Refused or Billing.Core.ErrorKind.Conflict) { }
            await Check(id, step, op);
        }
        faults.Enabled = false;
        foreach (var id in ids) await app.AssertLedgerConsistentAsync(id);
        // C11: once every due day is charged (twice over: a counter a charge raced is charged with the next day), the daily
        // accounts' charges counted exactly the usage accepted, each stored event once.
        for (var round = 0; round < 2; round++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            foreach (var id in dailyAccounts)
            {
                await daily.RunAsync(id, new JobContext(app.Clock.GetUtcNow(), "sim-final"), ct);
                await Check(id, operations + 1 + round, "final_charge");
            }
        }
        foreach (var id in dailyAccounts)
        {
            var m = models[id];
            var storedEvents = new Dictionary<string, long>();
            await foreach (var e in store.ListAsync(id, UsageEvent.All, ct))
                Assert.True(storedEvents.TryAdd(e.EventId, e.Quantity), $"seed {seed}: event {e.EventId} stored twice on {id}");
            Assert.True(storedEvents.Count == m.Counted.Count && storedEvents.All(e => m.Counted.TryGetValue(e.Key, out var c) && c.Quantity == e.Value),
                $"seed {seed}: {id} stores {storedEvents.Count} events, {m.Counted.Count} were accepted");
            Assert.True(m.ChargedUsage == m.Counted.Values.Sum(c => c.Quantity),
                $"seed {seed}: the charges of {id} counted {m.ChargedUsage} units of usage, {m.Counted.Values.Sum(c => c.Quantity)} were accepted");
        }
        Assert.True(counts.Count >= 9 && counts.GetValueOrDefault("usage_batch") > 0 && dailyAccounts.Sum(id => models[id].Counted.Count) > 0 && models.Values.Sum(m => m.ChargeDays.Count) > 0 && models.Values.Sum(m => m.CreditedEvents.Count) > 0 && unpaidSeen > 0,
            $"seed {seed}: the run exercised too little: {string.Join(", ", counts)}");
    }
}
