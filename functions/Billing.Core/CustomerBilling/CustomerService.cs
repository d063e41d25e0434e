using Billing.Core.Storage;
using Billing.Core.Validation;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// What the CRM sends for a customer (F1). Money is never set by an update: it opens with the customer and then moves
/// only by entries (payments, adjustments), so <see cref="Pass.MoneyLeft"/> of an existing pass is kept.
/// </summary>
public sealed record CustomerProfile(string Name, CustomerType Type, string Status, string? Mobile, string? Email, string? TelegramId,
    IReadOnlyList<Pass> Passes);

/// <summary>F1: a tenant's customers, their passes and the lessons the CRM reports.</summary>
public sealed class CustomerService(AccountUnitOfWork uow, TimeProvider clock, Money.MoneyOptions? money = null)
{
    private readonly Money.MoneyOptions _money = money ?? new();

    public const int LessonHistoryDays = 60;

    public Task<Customer> CreateAsync(string accountId, CustomerProfile profile, long openingBalance, string? idempotencyKey, CancellationToken ct)
    {
        var id = idempotencyKey is null ? Ids.New("cus") : Ids.FromKey("cus", accountId + "/customer/" + idempotencyKey);
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var existing = await uow.Reader.GetAsync(accountId, Customer.Ref(id), ct);
            if (existing is not null) return Decision<Customer>.NoChange(existing.Value);
            var customer = Apply(new Customer { Id = id, Name = profile.Name, CreatedAt = now }, profile with { Passes = [] }, now);
            var rows = new List<RowOp>();
            // Opening money is posted as entries, so the ledger explains every balance from the first day.
            CustomerValidation.Check(customer with { Balance = openingBalance, Passes = profile.Passes }, _money.MaxAmountMinor);
            customer = customer with { Passes = profile.Passes.Select(p => p with { MoneyLeft = 0 }).ToList() };
            foreach (var (target, amount) in Openings(profile, openingBalance))
            {
                (customer, var entry) = CustomerMoney.Post(customer, target, amount, head.Value.Currency, "Opening balance reported by the CRM", now);
                rows.Add(new RowOp(entry, RowWrite.Insert));
            }
            CustomerValidation.Check(customer, _money.MaxAmountMinor);
            return new Decision<Customer>(AccountCommit.RowsOnly(accountId, [new RowOp(customer, RowWrite.Insert), .. rows]), customer);
        }, ct);
    }

    public async Task<Versioned<Customer>> GetAsync(string accountId, string customerId, CancellationToken ct) =>
        await uow.Reader.GetAsync(accountId, Customer.Ref(Ids.Require(customerId, "customer")), ct)
        ?? throw BillingException.NotFound("customer", customerId);

    public Task<Page<Customer>> ListAsync(string accountId, int pageSize, string? token, CancellationToken ct) =>
        uow.Reader.PageAsync(accountId, Customer.All, [], pageSize, token, ct);

    /// <summary>Replaces the profile and passes; money stays as its entries left it, and lessons of passes still there stay.</summary>
    public Task<Customer> UpdateAsync(string accountId, string customerId, CustomerProfile profile, CancellationToken ct) =>
        Change(accountId, customerId, (c, _) =>
        {
            var removed = c.Passes.Where(p => p.MoneyLeft != 0 && profile.Passes.All(x => x.Id != p.Id)).Select(p => p.Name).ToList();
            if (removed.Count > 0)
                throw BillingException.Refused("pass_holds_money", $"Passes with money on them cannot be removed: {string.Join(", ", removed)}.");
            var passes = profile.Passes.Select(p => p with { MoneyLeft = c.FindPass(p.Id)?.MoneyLeft ?? 0 }).ToList();
            return Apply(c, profile with { Passes = passes }, clock.GetUtcNow());
        }, ct);

    /// <summary>The CRM spends or corrects a customer's money (a lesson paid from the balance, a refund): one entry.</summary>
    public async Task<CustomerLedgerEntry> AdjustAsync(string accountId, string customerId, TargetAccount target, long amount, string description,
        CancellationToken ct)
    {
        _money.Require(amount, "amount", Money.AmountSign.NonZero);
        Validation.PlainText.Require(description, "description");
        var now = clock.GetUtcNow();
        return await uow.RunAsync(accountId, now, async head =>
        {
            var found = await GetAsync(accountId, customerId, ct);
            var (next, entry) = CustomerMoney.Post(found.Value, target, amount, head.Value.Currency, description, now);
            return new Decision<CustomerLedgerEntry>(AccountCommit.RowsOnly(accountId, new RowOp(next, RowWrite.Replace, found.ETag), new RowOp(entry, RowWrite.Insert)), entry);
        }, ct);
    }

    private static IEnumerable<(TargetAccount, long)> Openings(CustomerProfile p, long openingBalance) =>
        p.Passes.Where(x => x.SeparateAccount && x.MoneyLeft != 0).Select(x => (new TargetAccount(x.Id), x.MoneyLeft))
            .Prepend((TargetAccount.Base, openingBalance)).Where(o => o.Item2 != 0);

    /// <summary>
    /// The CRM reports lessons planned and attended; a report for a pass and date replaces the earlier one.
    /// Lessons older than <see cref="LessonHistoryDays"/> days are dropped: no rule looks further back than 30.
    /// </summary>
    public Task<Customer> ReportLessonsAsync(string accountId, string customerId, IReadOnlyList<Lesson> lessons, CancellationToken ct) =>
        Change(accountId, customerId, (c, head) =>
        {
            var today = Time.LocalCalendar.Today(clock.GetUtcNow(), head.TimeZone);
            var reported = lessons.Select(l => (l.Date, l.PassId)).ToHashSet();
            var kept = c.Lessons.Where(l => !reported.Contains((l.Date, l.PassId)) && l.Date >= today.AddDays(-LessonHistoryDays));
            return c with { Lessons = kept.Concat(lessons).OrderBy(l => l.Date).ThenBy(l => l.PassId).ToList(), UpdatedAt = clock.GetUtcNow() };
        }, ct);

    public IAsyncEnumerable<CustomerLedgerEntry> LedgerAsync(string accountId, string customerId, CancellationToken ct) =>
        uow.Reader.ListAsync(accountId, CustomerLedgerEntry.Of(Ids.Require(customerId, "customer")), ct);

    private Task<Customer> Change(string accountId, string customerId, Func<Customer, Accounts.Account, Customer> change, CancellationToken ct) =>
        uow.RunAsync(accountId, clock.GetUtcNow(), async head =>
        {
            var found = await GetAsync(accountId, customerId, ct);
            var next = change(found.Value, head.Value);
            CustomerValidation.Check(next, _money.MaxAmountMinor);
            return new Decision<Customer>(AccountCommit.RowsOnly(accountId, new RowOp(next, RowWrite.Replace, found.ETag)), next);
        }, ct);

    private static Customer Apply(Customer c, CustomerProfile p, DateTimeOffset now) => c with
    {
        Name = p.Name, Type = p.Type, Status = p.Status, Mobile = p.Mobile, Email = p.Email, TelegramId = p.TelegramId,
        Passes = p.Passes, UpdatedAt = now,
        Lessons = c.Lessons.Where(l => p.Passes.Any(x => x.Id == l.PassId)).ToList(),
    };
}
