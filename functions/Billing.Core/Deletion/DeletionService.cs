using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Deletion;

/// <summary>What one deletion step did for an account (E1–E3).</summary>
public enum DeletionStep { Scheduled, Reminded, Cancelled, Deleted, Purged }

/// <summary>
/// Inactivity deletion (E1–E3): candidates get a date and notices, a login, a payment or the owner cancels it, on the
/// date the account is deleted, an operator may restore it for a while, then personal data are purged. Money
/// records are never touched. Each step is one transaction with its email and CRM event in the outbox.
/// </summary>
public sealed class DeletionService(AccountUnitOfWork uow, DeletionOptions options, TimeProvider clock, ILogger<DeletionService> log)
{
    public bool IsCandidate(Account a, DateTimeOffset at) =>
        a.State is AccountState.Active or AccountState.Trial or AccountState.DeletionScheduled
        && a.CreatedAt < at.AddDays(-options.CandidateAfterDays)
        && (a.LastLoginAt ?? a.CreatedAt) < at.AddDays(-options.InactiveDays)
        && a.Balance <= 0;

    /// <summary>The daily step for one account, as of <paramref name="at"/>.</summary>
    public Task<DeletionStep?> StepAsync(string accountId, string trigger, DateTimeOffset at, CancellationToken ct) =>
        uow.RunAsync(accountId, at, async head =>
        {
            // E3: a tenant's own payment provider keys are its data too: read only when the purge is due.
            var keys = PurgeDue(head.Value, at) ? await uow.Reader.GetAsync(accountId, Payments.Merchants.MerchantConnection.Ref, ct) : null;
            return Step(head, trigger, at, keys);
        }, ct);

    /// <summary>Called when a login or payment may have ended candidacy: cancels a scheduled deletion at once.</summary>
    public Task<DeletionStep?> RecheckAsync(string accountId, string trigger, DateTimeOffset at, CancellationToken ct) =>
        uow.RunAsync(accountId, at, head => head.Value.State == AccountState.DeletionScheduled ? Step(head, trigger, at) : Decision<DeletionStep?>.NoChange(null), ct);

    public Task<Account> CancelByOwnerAsync(string accountId, Role role, CancellationToken ct)
    {
        if (role != Role.Owner) throw BillingException.Forbidden("owner_only", new Says(TextKeys.Problem.OwnerOnly));
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, head =>
        {
            var a = head.Value;
            if (a.State != AccountState.DeletionScheduled) throw BillingException.Conflict("deletion_not_scheduled", a.Text(TextKeys.Problem.DeletionNotScheduled));
            // The owner's cancel counts as activity, so the account is not a candidate again tomorrow.
            var (next, rows) = Cancelled(a with { LastLoginAt = now }, "cancelled by the owner", now);
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag, rows), next);
        }, ct);
    }

    /// <summary>E3, P2: an operator restores a deleted account within its window; the audit entry commits with the restore.</summary>
    public Task<Account> RestoreAsync(string accountId, Audit.OperatorAct act, CancellationToken ct)
    {
        var operatorId = act.Actor.Display;
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, head =>
        {
            var a = head.Value;
            var today = LocalCalendar.Today(now, a.TimeZone);
            if (a.State != AccountState.Deleted) throw BillingException.Conflict("account_not_deleted", $"The account is {Json.Names.Of(a.State)}.");
            if (a.Deletion.DeletedOn is { } deleted && today >= deleted.AddDays(options.RestoreDays))
                throw BillingException.Conflict("restore_window_over", a.Text(TextKeys.Problem.RestoreWindowOver, a.Date(deleted.AddDays(options.RestoreDays))));
            var (state, notice) = a.Deletion.Restored(today, operatorId, a.State);
            // E2: a restore counts as activity, so the next run does not find the account a candidate again.
            var next = a with { State = a.ActivatedOn is null ? AccountState.Trial : AccountState.Active, Deletion = state, LastLoginAt = now };
            log.LogInformation("Account {AccountId} restored by {Operator}", accountId, operatorId);
            var audit = Audit.AuditEntry.New(act, Audit.AuditAction.AccountRestore, now, accountId, accountId,
                new System.Text.Json.Nodes.JsonObject { ["state"] = Json.Names.Of(a.State), ["deletedOn"] = a.Deletion.DeletedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new System.Text.Json.Nodes.JsonObject { ["state"] = Json.Names.Of(next.State) });
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag, [.. Outbox.Rows(a, notice, now), Audit.AuditTrail.Row(audit)]), next);
        }, ct);
    }

    private Decision<DeletionStep?> Step(Versioned<Account> head, string trigger, DateTimeOffset at,
        Versioned<Payments.Merchants.MerchantConnection>? providerKeys = null)
    {
        var a = head.Value;
        var today = LocalCalendar.Today(at, a.TimeZone);
        (Account Next, List<RowOp> Rows, DeletionStep Step)? step = a.State switch
        {
            AccountState.Active or AccountState.Trial when IsCandidate(a, at) => Schedule(a, today, at),
            AccountState.DeletionScheduled when !IsCandidate(a, at) => WithStep(Cancelled(a, $"candidacy ended ({trigger})", at), DeletionStep.Cancelled),
            AccountState.DeletionScheduled when today >= a.Deletion.Date => Delete(a, today, at),
            AccountState.DeletionScheduled => Remind(a, today, at),
            AccountState.Deleted when PurgeDue(a, at) => Purge(a, today, at, providerKeys),
            _ => null,
        };
        if (step is not { } s) return Decision<DeletionStep?>.NoChange(null);
        log.LogInformation("Account {AccountId}: deletion step {Step} ({Trigger})", a.Id, s.Step, trigger);
        return new Decision<DeletionStep?>(new AccountCommit(a.Id, s.Next, head.ETag, s.Rows), s.Step);
    }

    private bool PurgeDue(Account a, DateTimeOffset at) =>
        a.State == AccountState.Deleted && a.Deletion.DeletedOn is { } d && LocalCalendar.Today(at, a.TimeZone) >= d.AddDays(options.RestoreDays);

    private static (Account, List<RowOp>, DeletionStep) WithStep((Account, List<RowOp>) x, DeletionStep step) => (x.Item1, x.Item2, step);

    private (Account, List<RowOp>, DeletionStep) Schedule(Account a, DateOnly today, DateTimeOffset at)
    {
        var (state, notice) = a.Deletion.Schedule(today.AddDays(options.NoticeDays), a.State);
        var next = a with { State = AccountState.DeletionScheduled, Deletion = state };
        return (next, [.. Outbox.Rows(a, notice, at)], DeletionStep.Scheduled);
    }

    private (Account, List<RowOp>, DeletionStep)? Remind(Account a, DateOnly today, DateTimeOffset at)
    {
        if (a.Deletion.Remind(today, options.ReminderDaysBefore, a.State) is not { } reminder) return null;
        var (state, notice) = reminder;
        return (a with { Deletion = state }, [.. Outbox.Rows(a, notice, at)], DeletionStep.Reminded);
    }

    private static (Account, List<RowOp>) Cancelled(Account a, string why, DateTimeOffset at)
    {
        var (state, notice) = a.Deletion.Cancel(why, a.State);
        var next = a with { State = a.ActivatedOn is null ? AccountState.Trial : AccountState.Active, Deletion = state };
        return (next, [.. Outbox.Rows(a, notice, at)]);
    }

    private (Account, List<RowOp>, DeletionStep) Delete(Account a, DateOnly today, DateTimeOffset at)
    {
        var (state, notice) = a.Deletion.Deleted(today, options.RestoreDays, a.State);
        return (a with { State = AccountState.Deleted, Deletion = state }, [.. Outbox.Rows(a, notice, at)], DeletionStep.Deleted);
    }

    /// <summary>E3: personal data erased (and a tenant's own payment provider keys); the ledger, invoices and the account's money counters stay.</summary>
    private static (Account, List<RowOp>, DeletionStep) Purge(Account a, DateOnly today, DateTimeOffset at,
        Versioned<Payments.Merchants.MerchantConnection>? providerKeys)
    {
        var (state, notice) = a.Deletion.Purged(today);
        var next = a with { State = AccountState.Purged, Name = "purged account", OwnerEmail = null, AdminEmails = [], Deletion = state };
        List<RowOp> rows = [.. Outbox.Rows(next, notice, at)];
        if (providerKeys is not null) rows.Add(new RowOp(providerKeys.Value, RowWrite.Delete, providerKeys.ETag));
        return (next, rows, DeletionStep.Purged);
    }
}
