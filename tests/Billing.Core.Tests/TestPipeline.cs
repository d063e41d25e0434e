using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Core.Tests;

/// <summary>The charge pipeline and the unit of work as the unit tests use them, with the test catalog's plans.</summary>
internal static class TestPipeline
{
    public static ChargeComputation Day(Plan plan, int seats, IReadOnlyList<AddOn> addOns, IReadOnlyList<UsageQuantity> usage, BillingCatalog catalog,
        string currency, long carry) =>
        ChargePipeline.Compute(new ChargeBasis(currency, Language.En, new ChargeShare.Day(carry), catalog) { Plan = plan, Seats = seats, AddOns = addOns, Usage = usage });

    public static ChargeComputation Month(Plan plan, int seats, IReadOnlyList<AddOn> addOns, IReadOnlyList<UsageQuantity> usage, BillingCatalog catalog,
        string currency, DateOnly month, DateOnly activatedOn)
    {
        var account = new Account { Id = "acc_t", Name = "T", Currency = currency, TimeZone = "Europe/Kyiv", Country = "UA", PlanId = plan.Id, AddOns = addOns.Select(a => a.Id).ToList() };
        return ChargePipeline.Month(account, catalog with { Plans = [plan], AddOns = addOns }, seats, usage, month, activatedOn);
    }

    /// <summary>The unit of work over a store, with no outbox queue and no balance handlers.</summary>
    public static AccountUnitOfWork UnitOfWork(IAccountStore store) =>
        new(store, new NoEffects(), () => [], NullLogger<AccountUnitOfWork>.Instance);

    private sealed class NoEffects : ICommitEffects
    {
        public Task CommittedAsync(AccountCommit commit, CancellationToken ct) => Task.CompletedTask;
    }
}
