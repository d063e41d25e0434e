using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Restrictions;

public sealed record Banners(long? AmountDue, string Currency, DateTimeOffset? PromiseUntil, DateOnly? DeletionDate);

/// <summary>D1's answer; <see cref="Runway"/> (A6) is absent when the balance never runs out or no daily charge applies.</summary>
public sealed record AccessAnswer(string AccountId, Role Role, AccessLevel Access, RestrictionLevel Level, string Reason, Banners Banners, Runways.Runway? Runway);

/// <summary>D1 access check (one read of the head with its satellites), D4 promised payment, D5 re-evaluation with a recorded change and one email per change.</summary>
public sealed class RestrictionService(AccountUnitOfWork uow, RestrictionOptions options, IHolidayCalendar holidays,
    Catalog.ICatalogSource catalog, TimeProvider clock, ILogger<RestrictionService> log) : IBalanceChangeHandler
{
    /// <summary>
    /// D5: at once on every balance change, decided from the head just committed: most changes leave the level where it
    /// was and cost nothing here. (A re-evaluation changes no balance, so this never recurses.)
    /// </summary>
    public async Task OnBalanceChangedAsync(Account head, DateTimeOffset at, CancellationToken ct)
    {
        if (head.State is AccountState.Deleted or AccountState.Purged) return;
        if (RestrictionRules.Level(head, at, options, holidays).Level == head.Restrictions.RecordedLevel) return;
        await ReevaluateAsync(head.Id, "balance_change", at, ct);
    }

    public async Task<AccessAnswer> AccessAsync(string accountId, Role role, CancellationToken ct)
    {
        var a = (await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;
        var now = clock.GetUtcNow();
        var level = RestrictionRules.Level(a, now, options, holidays);
        var banners = new Banners(a.Balance < 0 ? -a.Balance : null, a.Currency, a.Restrictions.PromiseUntil > now ? a.Restrictions.PromiseUntil : null,
            a.State == AccountState.DeletionScheduled ? a.Deletion.Date : null);
        var reason = a.State is AccountState.Deleted or AccountState.Purged ? $"the account is {Json.Names.Of(a.State)}" : level.Reason;
        // A6 from the same head and the in-memory catalog: the check stays one read (the head with its satellites).
        var runway = Runways.RunwayCalculator.Of(a, catalog.Current, now).Shown;
        return new AccessAnswer(a.Id, role, RestrictionRules.Access(a, level.Level, role), level.Level, reason, banners, runway);
    }

    /// <summary>
    /// Records a change of level as of <paramref name="at"/>, with an email to the admins and a CRM event. The email's
    /// id is the day and the level, so the same level is never emailed twice on one day.
    /// </summary>
    public Task<RestrictionLevel?> ReevaluateAsync(string accountId, string trigger, DateTimeOffset at, CancellationToken ct) =>
        uow.RunAsync(accountId, at, async head =>
        {
            var a = head.Value;
            var decision = RestrictionRules.Level(a, at, options, holidays);
            if (decision.Level == a.Restrictions.RecordedLevel || a.State is AccountState.Deleted or AccountState.Purged)
                return Decision<RestrictionLevel?>.NoChange(null);
            var (state, change, notice) = a.Restrictions.Record(decision, a.Balance, LocalCalendar.Today(at, a.TimeZone), at, trigger);
            var rows = new List<RowOp> { new(change, RowWrite.Insert) };
            foreach (var message in Outbox.Rows(a, notice, at))
                if (await uow.Reader.GetAsync(accountId, OutboxMessage.Ref(((OutboxMessage)message.Row).Id), ct) is null) rows.Add(message);
            log.LogInformation("Account {AccountId} restriction {From} → {To} ({Reason}; {Trigger})", accountId, a.Restrictions.RecordedLevel, decision.Level, decision.Reason, trigger);
            return new Decision<RestrictionLevel?>(new AccountCommit(accountId, a with { Restrictions = state }, head.ETag, rows), decision.Level);
        }, ct);

    /// <summary>
    /// D4: whether this person may take a promised payment now, by the rules <see cref="PromiseAsync"/> applies: an owner or
    /// admin, the account restricted, no promise in force and none in the last <see cref="RestrictionOptions.PromiseEveryDays"/>.
    /// The portal offers the promise only then.
    /// </summary>
    public bool MayPromise(Account a, Role role)
    {
        var now = clock.GetUtcNow();
        return role is Role.Owner or Role.Admin && !(a.Restrictions.PromiseUntil > now) && PromiseRefusal(a, now) is null;
    }

    /// <summary>Why a promise cannot start now (D4), or null when it can.</summary>
    private BillingException? PromiseRefusal(Account a, DateTimeOffset now)
    {
        if (RestrictionRules.Level(a, now, options, holidays).Level == RestrictionLevel.None)
            return BillingException.Conflict("not_restricted", a.Text(TextKeys.Problem.NotRestricted));
        if (a.Restrictions.LastPromiseAt is { } last && now - last < TimeSpan.FromDays(options.PromiseEveryDays))
            return BillingException.Conflict("promise_too_soon", a.Text(TextKeys.Problem.PromiseTooSoon, a.Date(LocalCalendar.Today(last, a.TimeZone)), options.PromiseEveryDays));
        return null;
    }

    /// <summary>D4: an owner or admin of a restricted account lifts the restrictions for a few days, once per 30 days.</summary>
    public async Task<Account> PromiseAsync(string accountId, Role role, string actingUserId, CancellationToken ct)
    {
        if (role is not (Role.Owner or Role.Admin))
            throw BillingException.Forbidden("promise_forbidden", new Says(TextKeys.Problem.PromiseForbidden));
        var now = clock.GetUtcNow();
        var account = await uow.RunAsync(accountId, now, head =>
        {
            var a = head.Value;
            var r = a.Restrictions;
            if (r.PromiseUntil > now) return Decision<Account>.NoChange(a);
            if (PromiseRefusal(a, now) is { } refused) throw refused;
            var (state, notice) = r.Promised(now, now.AddDays(options.PromiseDays), actingUserId, Math.Max(0, -a.Balance));
            var next = a with { Restrictions = state };
            log.LogInformation("Account {AccountId}: promised payment by {User} until {Until:o}", accountId, actingUserId, next.Restrictions.PromiseUntil);
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag, [.. Outbox.Rows(next, notice, now)]), next);
        }, ct);
        await ReevaluateAsync(accountId, "promised_payment", now, ct);
        return account;
    }
}
