using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Jobs;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;

namespace Billing.Core.Accounts;

/// <summary>Account lifecycle and the facts the CRM reports: seats, logins, usage (C1, C2, C5).</summary>
public sealed class AccountService(AccountUnitOfWork uow, ICatalogSource catalog, JobOptions jobs, Services.ServiceManager services,
    Deletion.DeletionService deletion, Usage.UsageIngestion usage, TimeProvider clock, Idempotency.IdempotencyOptions? idempotency = null)
{
    private readonly Idempotency.IdempotencyOptions _idempotency = idempotency ?? new();

    public const int MaxSeats = 100_000;
    public const long MaxUsageQuantity = Usage.UsageIngestion.MaxQuantity;

    /// <summary>
    /// Creates an account with a random id (never one derived from request data). With an Idempotency-Key the id is
    /// claimed first, so a retry, even after a crash between the two writes, names the same account.
    /// </summary>
    public async Task<Account> CreateAsync(CreateAccount request, string? idempotencyKey, CancellationToken ct)
    {
        var cat = catalog.Current;
        var plan = cat.Plans.FirstOrDefault(p => p.Id == request.PlanId);
        var mode = request.BillingMode ?? plan?.BillingMode ?? BillingMode.Daily;
        var addOns = request.AddOns ?? [];
        AccountValidation.Check(cat, request.Name, request.Currency, request.TimeZone, request.Country, request.PlanId, mode, addOns, request.OwnerEmail);
        var now = clock.GetUtcNow();
        var id = idempotencyKey is null ? Ids.New("acc") : await ClaimIdAsync(idempotencyKey, request, now, ct);
        var account = new Account
        {
            Id = id, Name = request.Name.Trim(), Currency = request.Currency, TimeZone = request.TimeZone, Country = request.Country,
            Language = request.Language, BillingMode = mode, PlanId = request.PlanId, AddOns = addOns, OwnerEmail = request.OwnerEmail,
            Shard = Shards.Of(id, jobs.ShardCount), CreatedAt = now, UnpaidInvoices = [],
            // A new account never had per-day seat or usage rows: its charges read the satellites alone.
            Charging = new ChargingState { InputsSince = DateOnly.MinValue },
        };
        try { await uow.CreateAsync(account, ct); }
        catch (DuplicateRowException) when (idempotencyKey is not null)
        {
            return (await uow.Reader.FindAsync(id, ct))!.Value;
        }
        return account;
    }

    private Task<string> ClaimIdAsync(string key, CreateAccount request, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Ids.Hash(System.Text.Json.JsonSerializer.Serialize(request));
        return uow.RunRowsAsync(AccountCreationClaim.Partition, async () =>
        {
            var claimed = await uow.Reader.GetAsync(AccountCreationClaim.Partition, AccountCreationClaim.Ref(key), ct);
            // B8: a claim past the retention is forgotten; the key then creates a new account.
            if (claimed is not null && !_idempotency.Expired(claimed.Value.At, now))
                return claimed.Value.RequestHash == hash ? Decision<string>.NoChange(claimed.Value.AccountId)
                    : throw BillingException.Refused("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
            var claim = new AccountCreationClaim(key, Ids.New("acc"), hash, now);
            var write = claimed is null ? new RowOp(claim, RowWrite.Insert) : new RowOp(claim, RowWrite.Replace, claimed.ETag);
            return new Decision<string>(AccountCommit.RowsOnly(AccountCreationClaim.Partition, write), claim.AccountId);
        }, ct);
    }

    public async Task<Account> GetAsync(string accountId, CancellationToken ct) =>
        (await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;

    /// <summary>
    /// Trial → active (C5): charging starts with today's local date; a monthly_prepaid account's plan becomes a
    /// service whose first period is paid from the balance or invoiced at once. Activating twice changes nothing.
    /// </summary>
    public async Task<Account> ActivateAsync(string accountId, CancellationToken ct)
    {
        var account = await ActivateHeadAsync(accountId, ct);
        if (account.BillingMode != BillingMode.MonthlyPrepaid) return account;
        await services.SubscribeAsync(accountId, account.PlanId, autoRenew: true, ct);
        return await GetAsync(accountId, ct);
    }

    private Task<Account> ActivateHeadAsync(string accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, head =>
        {
            var a = head.Value;
            if (a.State == AccountState.Active) return Decision<Account>.NoChange(a);
            if (a.State != AccountState.Trial)
                throw BillingException.Conflict("account_not_trial", $"Only a trial account can be activated; this one is {Json.Names.Of(a.State)}.");
            var active = a with { State = AccountState.Active, ActivatedOn = LocalCalendar.Today(now, a.TimeZone), Charging = a.Charging.Activated() };
            return new Decision<Account>(new AccountCommit(a.Id, active, head.ETag, []), active);
        }, ct);
    }

    public Task<Account> ChangeSettingsAsync(string accountId, AccountSettingsChange change, CancellationToken ct)
    {
        if (change.LowBalanceDays is { } threshold) AccountValidation.CheckLowBalanceDays(threshold);
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, head =>
        {
            var a = head.Value;
            var cat = catalog.Current;
            if (change.Currency is not null && change.Currency != a.Currency && (a.LedgerSeq > 0 || a.InvoiceSeq > 0))
                throw BillingException.Conflict("currency_locked", "The currency cannot change once the account has money records (A1).");
            var planChanges = change.PlanId is not null && change.PlanId != a.PlanId;
            if (planChanges && a.State != AccountState.Trial)
                throw BillingException.Conflict("plan_change_needs_quote", "An active account changes plan through a plan-change quote (C9).");
            var planId = change.PlanId ?? a.PlanId;
            var mode = change.BillingMode ?? (planChanges ? cat.Plan(planId).BillingMode : a.BillingMode);
            if (mode != a.BillingMode && a.State != AccountState.Trial)
                throw BillingException.Conflict("billing_mode_locked", "The billing mode can only change during the trial.");
            var next = a with
            {
                Name = change.Name?.Trim() ?? a.Name, Currency = change.Currency ?? a.Currency, TimeZone = change.TimeZone ?? a.TimeZone,
                Country = change.Country ?? a.Country, Language = change.Language ?? a.Language, BillingMode = mode, PlanId = planId,
                AddOns = change.AddOns ?? a.AddOns, OwnerEmail = change.OwnerEmail ?? a.OwnerEmail,
                MayWorkWithoutBalance = change.MayWorkWithoutBalance ?? a.MayWorkWithoutBalance,
                InvoicesFromExternalSystem = change.InvoicesFromExternalSystem ?? a.InvoicesFromExternalSystem,
                Restrictions = change.RestrictionPolicy is { } policy ? a.Restrictions.WithPolicy(policy) : a.Restrictions,
                AdminEmails = change.AdminEmails ?? a.AdminEmails,
                LowBalance = change.LowBalanceDays is { } days ? a.LowBalance.WithThreshold(days) : a.LowBalance,
            };
            AccountValidation.Check(cat, next.Name, next.Currency, next.TimeZone, next.Country, next.PlanId, next.BillingMode, next.AddOns, next.OwnerEmail);
            AccountValidation.CheckEmails(next.AdminEmails);
            if (next == a) return Decision<Account>.NoChange(a);
            // A6: add-ons move the runway and the threshold the line it is measured against: either may cross it here.
            if (next.AddOns.SequenceEqual(a.AddOns) && next.LowBalance == a.LowBalance)
                return new Decision<Account>(new AccountCommit(a.Id, next, head.ETag, []), next);
            var alert = Runways.LowBalanceAlerts.Follow(next, cat, now);
            return new Decision<Account>(new AccountCommit(a.Id, alert.Head, head.ETag, alert.Rows), alert.Head);
        }, ct);
    }

    /// <summary>
    /// Records the seats in use; a day keeps its highest count (C2). The day is today's local date, or the first day not yet
    /// charged, so a report racing the midnight charge is never lost. Only the seats satellite is written (the head's ETag is
    /// left alone) unless the report moves the runway across the low-balance line (A6), which the head records.
    /// </summary>
    public Task<SeatsDay> ReportSeatsAsync(string accountId, int seats, CancellationToken ct)
    {
        if (seats is < 0 or > MaxSeats) throw BillingException.Invalid("seats_out_of_range", $"Seats must be between 0 and {MaxSeats}.");
        var now = clock.GetUtcNow();
        return uow.RunOnHeadAsync(accountId, now, (head, _) =>
        {
            var a = head.Merged.Value;
            var plan = catalog.Current.Plan(a.PlanId);
            // The CRM offers a plan change instead (C1: the plan's maximum seats).
            if (seats > plan.MaxSeats)
                throw BillingException.Refused("seats_over_plan_max", a.Text(Texts.TextKeys.Plan.SeatsOverCurrentMax, plan.Name, plan.MaxSeats));
            var day = a.Charging.OpenDay(LocalCalendar.Today(now, a.TimeZone));
            var reports = (head.Seats?.Value ?? new SeatReports(a.Charging.ReportedSeats, [])).Reported(day, seats);
            var row = reports.For(day)!;
            var write = head.SeatsWrite(reports);
            // A6: other seats may be another tier, another daily charge: the runway may cross the threshold here.
            var next = a with { Charging = a.Charging.SeatsReported(seats) };
            var alert = next.Charging.SeatsInUse == a.Charging.SeatsInUse ? null : Runways.LowBalanceAlerts.Follow(next, catalog.Current, now);
            var commit = alert is { Changed: true } ? new AccountCommit(accountId, alert.Head, head.Merged.ETag, [write, .. alert.Rows])
                : AccountCommit.RowsOnly(accountId, write);
            return Task.FromResult(new Decision<SeatsDay>(commit, row));
        }, ct);
    }

    /// <summary>A login (E2), kept in its satellite; it ends a deletion candidacy at once.</summary>
    public async Task<Account> RecordLoginAsync(string accountId, DateTimeOffset? at, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var when = at ?? now;
        if (when > now.AddMinutes(5)) throw BillingException.Invalid("login_in_future", "A login cannot be in the future.");
        var account = await uow.RunOnHeadAsync(accountId, now, (head, _) =>
        {
            var a = head.Merged.Value;
            if (a.LastLoginAt >= when) return Task.FromResult(Decision<Account>.NoChange(a));
            return Task.FromResult(new Decision<Account>(AccountCommit.RowsOnly(accountId, head.LoginWrite(new LoginMark(when))), a with { LastLoginAt = when }));
        }, ct);
        if (account.State != AccountState.DeletionScheduled) return account;
        return await deletion.RecheckAsync(accountId, "login", now, ct) is null ? account : await GetAsync(accountId, ct);
    }

    /// <summary>A single usage report: a batch of one event whose id is the Idempotency-Key (C11); a repeat returns the first receipt.</summary>
    public async Task<UsageReceipt> ReportUsageAsync(string accountId, UsageReport report, string idempotencyKey, CancellationToken ct)
    {
        catalog.Current.Metric(report.Metric);
        if (report.Quantity is <= 0 or > MaxUsageQuantity)
            throw BillingException.Invalid("quantity_out_of_range", $"Quantity must be between 1 and {MaxUsageQuantity}.");
        var result = (await usage.IngestAsync(accountId, [new Usage.UsageEventInput(idempotencyKey, report.Metric, report.Quantity, null)], ct))[0];
        return result switch
        {
            { Event: { } e } => new UsageReceipt(idempotencyKey, e.Day, e.Metric, e.Quantity, e.ReceivedAt),
            { Reason: "event_id_reused" } => throw BillingException.Refused("idempotency_key_reused", "This Idempotency-Key was used for other usage."),
            _ => throw BillingException.Invalid(result.Reason ?? "usage_rejected", result.Detail ?? "The usage report was refused."),
        };
    }
}
