using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Invoices;
using Billing.Core.PlanChange;
using Billing.Core.Services;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Billing.Core.Tests;

/// <summary>C6, C7, C9 against the in-memory store, with the clock walked day by day.</summary>
public sealed class ServiceLifecycleRules
{
    private readonly InMemoryAccountStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero));
    private readonly ServiceManager _services;
    private readonly PlanChangeService _planChanges;

    public ServiceLifecycleRules()
    {
        var plan = new Plan("pro", "Pro", BillingMode.MonthlyPrepaid, 10, [new SeatTier(10, TestCatalog.Uah(150_000))]);
        var plus = new Plan("plus", "Plus", BillingMode.MonthlyPrepaid, 10, [new SeatTier(10, TestCatalog.Uah(240_000))]);
        var catalog = TestCatalog.Catalog() with { Plans = [plan, plus] };
        var source = Mock.Of<ICatalogSource>(c => c.Current == catalog);
        var tx = TestPipeline.UnitOfWork(_store);
        _services = new ServiceManager(tx, source, _clock);
        _planChanges = new PlanChangeService(tx, source, _clock);
    }

    private async Task<string> AccountWith(long balance)
    {
        var a = new Account
        {
            Id = "acc_u", Name = "U", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "pro", BillingMode = BillingMode.MonthlyPrepaid,
            State = AccountState.Active, Balance = balance,
        };
        await _store.CreateAsync(a, CancellationToken.None);
        return a.Id;
    }

    [Fact]
    public async Task C7_a_period_started_on_the_31st_renews_on_month_ends_through_february_from_the_balance()
    {
        var id = await AccountWith(150_000 * 4);
        var s = await _services.SubscribeAsync(id, "pro", autoRenew: true, CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 2, 28), s.PaidUntil); // Jan 31 + 1 month
        var seen = new List<DateOnly>();
        for (var day = 0; day < 100; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            await _services.RenewDueAsync(id, Service.PlanServiceId, _clock.GetUtcNow(), CancellationToken.None);
            var now = await _services.GetAsync(id, Service.PlanServiceId, CancellationToken.None);
            if (!seen.Contains(now.PaidUntil)) seen.Add(now.PaidUntil);
        }
        Assert.Equal([new(2026, 2, 28), new(2026, 3, 28), new(2026, 4, 28), new(2026, 5, 28)], seen);
        Assert.Equal(0, (await _store.FindAsync(id, CancellationToken.None))!.Value.Balance);
    }

    [Fact]
    public async Task C6_C7_without_money_one_renewal_invoice_is_issued_and_the_service_expires_after_the_grace_period()
    {
        var id = await AccountWith(0);
        var s = await _services.SubscribeAsync(id, "pro", autoRenew: true, CancellationToken.None);
        Assert.Equal(ServiceState.PaymentOverdue, s.State);
        var invoice = await _services.RenewalInvoiceAsync(id, s.Id, CancellationToken.None);
        Assert.Equal(invoice.Id, (await _services.RenewalInvoiceAsync(id, s.Id, CancellationToken.None)).Id);
        for (var day = 1; day <= 7; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            var step = await _services.RenewDueAsync(id, s.Id, _clock.GetUtcNow(), CancellationToken.None);
            Assert.Equal(day < 7 ? RenewalOutcome.AwaitingPayment : RenewalOutcome.Expired, step);
        }
        Assert.Equal(ServiceState.Expired, (await _services.GetAsync(id, s.Id, CancellationToken.None)).State);
    }

    [Fact]
    public async Task C9_the_credit_is_the_unused_days_of_the_paid_period_at_the_current_price()
    {
        var id = await AccountWith(150_000);
        await _services.SubscribeAsync(id, "pro", autoRenew: true, CancellationToken.None); // Jan 31 .. Feb 28: 28 days
        _clock.Advance(TimeSpan.FromDays(7)); // Feb 7: 21 unused days
        var q = await _planChanges.QuoteAsync(id, "plus", CancellationToken.None);
        Assert.Equal((21, 150_000L * 21 / 28, 240_000 - 150_000L * 21 / 28), (q.UnusedDays, q.Credit, q.Cost));
        Assert.Equal(q.Cost, q.Missing); // the balance was spent on the first month
    }
}
