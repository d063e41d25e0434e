using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Restrictions;

public sealed record Banners(long? AmountDue, string Currency, DateTimeOffset? PromiseUntil, DateOnly? DeletionDate);

public sealed record AccessAnswer(string AccountId, Role Role, AccessLevel Access, RestrictionLevel Level, string Reason, Banners Banners);

/// <summary>D1 access check (one point read), D4 promised payment, D5 re-evaluation with a recorded change and one email per change.</summary>
public sealed class RestrictionService(AccountTransactions tx, RestrictionOptions options, IHolidayCalendar holidays,
    TimeProvider clock, ILogger<RestrictionService> log) : IBalanceChangeHandler
{
    /// <summary>D5: at once on every balance change. (Its own transactions carry no handler, so this never recurses.)</summary>
    public Task OnBalanceChangedAsync(Account head, CancellationToken ct) => ReevaluateIfChangedAsync(head, "balance_change", ct);

    /// <summary>
    /// Decides from a head just written whether the level moved; only then reads and commits. Most balance changes
    /// leave the level where it was, and cost nothing here.
    /// </summary>
    public async Task ReevaluateIfChangedAsync(Account head, string trigger, CancellationToken ct)
    {
        if (head.State is AccountState.Deleted or AccountState.Purged) return;
        if (RestrictionRules.Level(head, clock.GetUtcNow(), options, holidays).Level == head.RecordedLevel) return;
        await ReevaluateAsync(head.Id, trigger, ct);
    }

    public async Task<AccessAnswer> AccessAsync(string accountId, Role role, CancellationToken ct)
    {
        var a = (await tx.Store.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value;
        var now = clock.GetUtcNow();
        var level = RestrictionRules.Level(a, now, options, holidays);
        var banners = new Banners(a.Balance < 0 ? -a.Balance : null, a.Currency, a.PromiseUntil > now ? a.PromiseUntil : null,
            a.State == AccountState.DeletionScheduled ? a.DeletionDate : null);
        var reason = a.State is AccountState.Deleted or AccountState.Purged ? $"the account is {Json.Names.Of(a.State)}" : level.Reason;
        return new AccessAnswer(a.Id, role, RestrictionRules.Access(a, level.Level, role), level.Level, reason, banners);
    }

    /// <summary>
    /// Records a change of level since the last evaluation, with an email to the admins and a CRM event. The email's
    /// id is the day and the level, so the same level is never emailed twice on one day.
    /// </summary>
    public async Task<RestrictionLevel?> ReevaluateAsync(string accountId, string trigger, CancellationToken ct)
    {
        return await tx.RunAsync(accountId, async head =>
        {
            var a = head.Value;
            var now = clock.GetUtcNow();
            var decision = RestrictionRules.Level(a, now, options, holidays);
            if (decision.Level == a.RecordedLevel || a.State is AccountState.Deleted or AccountState.Purged)
                return Decision<RestrictionLevel?>.NoChange(null);
            var today = LocalCalendar.Today(now, a.TimeZone);
            var key = $"restriction-{RowKeys.Day(today)}-{Json.Names.Of(decision.Level)}";
            var data = new Dictionary<string, string>
            {
                ["from"] = Json.Names.Of(a.RecordedLevel), ["to"] = Json.Names.Of(decision.Level), ["reason"] = decision.Reason,
                ["amountDue"] = Math.Max(0, -a.Balance).ToString(CultureInfo.InvariantCulture), ["date"] = RowKeys.Day(today),
            };
            var rows = new List<RowOp> { new(new RestrictionChange(a.RestrictionChanges + 1, now, a.RecordedLevel, decision.Level, decision.Reason, trigger), RowWrite.Insert) };
            foreach (var message in new[]
            {
                Outbox.Email(a, key, "restriction_changed", [a.OwnerEmail, .. a.AdminEmails], data, now),
                Outbox.Event(a, key, "restriction_changed", data, now),
            })
                if (await tx.Store.FindRowAsync<OutboxMessage>(accountId, message.RowKey, ct) is null && (message.Channel == OutboxChannel.Event || message.To.Count > 0))
                    rows.Add(new RowOp(message, RowWrite.Insert));
            var commit = new AccountCommit(accountId, a with { RecordedLevel = decision.Level, RestrictionChanges = a.RestrictionChanges + 1 }, head.ETag, rows);
            log.LogInformation("Account {AccountId} restriction {From} → {To} ({Reason}; {Trigger})", accountId, a.RecordedLevel, decision.Level, decision.Reason, trigger);
            return new Decision<RestrictionLevel?>(commit, decision.Level);
        }, ct);
    }

    /// <summary>D4: an owner or admin of a restricted account lifts the restrictions for a few days, once per 30 days.</summary>
    public async Task<Account> PromiseAsync(string accountId, Role role, string actingUserId, CancellationToken ct)
    {
        if (role is not (Role.Owner or Role.Admin))
            throw BillingException.Forbidden("promise_forbidden", "Only an owner or an admin may take a promised payment (D4).");
        var account = await tx.RunAsync(accountId, head =>
        {
            var a = head.Value;
            var now = clock.GetUtcNow();
            if (a.PromiseUntil > now) return Decision<Account>.NoChange(a);
            if (RestrictionRules.Level(a, now, options, holidays).Level == RestrictionLevel.None)
                throw BillingException.Conflict("not_restricted", "The account has no restrictions to lift.");
            if (a.LastPromiseAt is { } last && now - last < TimeSpan.FromDays(options.PromiseEveryDays))
                throw BillingException.Conflict("promise_too_soon", $"A promised payment was taken on {last:yyyy-MM-dd}; one per {options.PromiseEveryDays} days (D4).");
            var next = a with { PromiseUntil = now.AddDays(options.PromiseDays), LastPromiseAt = now };
            log.LogInformation("Account {AccountId}: promised payment by {User} until {Until:o}", accountId, actingUserId, next.PromiseUntil);
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag, []), next);
        }, ct);
        await ReevaluateAsync(accountId, "promised_payment", ct);
        return account;
    }
}
