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
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Integration.Tests;

/// <summary>
/// A seeded random simulation on Azurite: top-ups and redelivered webhooks, usage with repeated keys, seats, daily
/// charges run alone and concurrently, plan changes, injected storage faults. After every step the touched account
/// is checked: balance = sum of its ledger, one charge per day, one credit per provider event, no negative payment,
/// every unpaid invoice auto-pay may consider is on the head's list (C8).
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
    }

    [Fact]
    public async Task A2_B4_B8_C2_C3_C8_a_seeded_random_simulation_keeps_every_invariant_after_every_step()
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
                    Assert.True(m.ChargeDays.Add(e.Reference), $"seed {seed}, step {step} ({op}): {e.Reference} charged twice on {id}");
                if (e.Kind is LedgerKind.TopUp or LedgerKind.Bonus)
                    Assert.True(e.Amount > 0, $"seed {seed}, step {step} ({op}): a payment entry of {e.Amount}");
                if (e.Kind == LedgerKind.TopUp)
                    Assert.True(m.CreditedEvents.Add(e.IdempotencyKey!), $"seed {seed}, step {step} ({op}): event {e.IdempotencyKey} credited twice");
            }
            m.CheckedSeq = head.LedgerSeq;
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

        for (var step = 1; step <= operations; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var m = models[id];
            faults.Enabled = random.Next(10) == 0;
            var roll = random.Next(100);
            var op = roll switch
            {
                < 12 => "top_up", < 30 => "webhook", < 50 => "usage", < 62 => "seats", < 80 => "charge", < 86 => "concurrent_charges", < 90 => "plan_change", _ => "advance_day",
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
                            try { await accounts.ReportUsageAsync(id, new UsageReport("sms", 1 + key.Length % 5), key, ct); }
                            catch (BillingException e) when (e.Code == "idempotency_key_reused") { }
                        });
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
        Assert.True(counts.Count >= 8 && models.Values.Sum(m => m.ChargeDays.Count) > 0 && models.Values.Sum(m => m.CreditedEvents.Count) > 0 && unpaidSeen > 0,
            $"seed {seed}: the run exercised too little: {string.Join(", ", counts)}");
    }
}
