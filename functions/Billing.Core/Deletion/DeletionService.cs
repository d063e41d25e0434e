using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Deletion;

/// <summary>
/// Inactivity deletion (E1–E3): candidates get a date and notices, a login, a payment or the owner cancels it, on the
/// date the account is deleted, an operator may restore it for a while, then personal data are purged. Money
/// records are never touched. Each step is one transaction with its email and CRM event in the outbox.
/// </summary>
public sealed class DeletionService(AccountTransactions tx, DeletionOptions options, TimeProvider clock, ILogger<DeletionService> log) : IAccountJob
{
    public string Name => JobNames.Deletion;

    public bool IsCandidate(Account a, DateTimeOffset now) =>
        a.State is AccountState.Active or AccountState.Trial or AccountState.DeletionScheduled
        && a.CreatedAt < now.AddDays(-options.CandidateAfterDays)
        && (a.LastLoginAt ?? a.CreatedAt) < now.AddDays(-options.InactiveDays)
        && a.Balance <= 0;

    /// <summary>The daily step for one account.</summary>
    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct) =>
        await tx.RunAsync(accountId, head => Step(head, "daily"), ct) is null ? 0 : 1;

    /// <summary>Called when a login or payment may have ended candidacy: cancels a scheduled deletion at once.</summary>
    public Task<string?> RecheckAsync(string accountId, string trigger, CancellationToken ct) =>
        tx.RunAsync(accountId, head => head.Value.State == AccountState.DeletionScheduled ? Step(head, trigger) : Decision<string?>.NoChange(null), ct);

    public Task<Account> CancelByOwnerAsync(string accountId, Role role, CancellationToken ct)
    {
        if (role != Role.Owner) throw BillingException.Forbidden("owner_only", "Only the owner can cancel the deletion (E2).");
        return tx.RunAsync(accountId, head =>
        {
            var a = head.Value;
            if (a.State != AccountState.DeletionScheduled) throw BillingException.Conflict("deletion_not_scheduled", "No deletion is scheduled.");
            // The owner's cancel counts as activity, so the account is not a candidate again tomorrow.
            var (next, rows) = Cancelled(a with { LastLoginAt = clock.GetUtcNow() }, "cancelled by the owner");
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag, rows), next);
        }, ct);
    }

    public Task<Account> RestoreAsync(string accountId, string operatorId, CancellationToken ct) =>
        tx.RunAsync(accountId, head =>
        {
            var a = head.Value;
            var now = clock.GetUtcNow();
            var today = LocalCalendar.Today(now, a.TimeZone);
            if (a.State != AccountState.Deleted) throw BillingException.Conflict("account_not_deleted", $"The account is {Json.Names.Of(a.State)}.");
            if (a.DeletedOn is { } deleted && today >= deleted.AddDays(options.RestoreDays))
                throw BillingException.Conflict("restore_window_over", $"It can be restored until {deleted.AddDays(options.RestoreDays):yyyy-MM-dd}.");
            var next = a with { State = a.ActivatedOn is null ? AccountState.Trial : AccountState.Active, DeletionDate = null, DeletedOn = null, DeletionNotices = [] };
            var data = Data(a, ("operator", operatorId));
            log.LogInformation("Account {AccountId} restored by {Operator}", accountId, operatorId);
            return new Decision<Account>(new AccountCommit(accountId, next, head.ETag,
                [new RowOp(Outbox.Event(a, $"restored-{RowKeys.Day(today)}", "deletion_restored", data, now), RowWrite.Insert)]), next);
        }, ct);

    private Decision<string?> Step(Versioned<Account> head, string trigger)
    {
        var a = head.Value;
        var now = clock.GetUtcNow();
        var today = LocalCalendar.Today(now, a.TimeZone);
        (Account Next, List<RowOp> Rows, string What)? step = a.State switch
        {
            AccountState.Active or AccountState.Trial when IsCandidate(a, now) => Schedule(a, today, now),
            AccountState.DeletionScheduled when !IsCandidate(a, now) => WithWhat(Cancelled(a, $"candidacy ended ({trigger})"), "cancelled"),
            AccountState.DeletionScheduled when today >= a.DeletionDate => Delete(a, today, now),
            AccountState.DeletionScheduled => Remind(a, today, now),
            AccountState.Deleted when a.DeletedOn is { } d && today >= d.AddDays(options.RestoreDays) => Purge(a, today, now),
            _ => null,
        };
        if (step is not { } s) return Decision<string?>.NoChange(null);
        log.LogInformation("Account {AccountId}: deletion step {Step} ({Trigger})", a.Id, s.What, trigger);
        return new Decision<string?>(new AccountCommit(a.Id, s.Next, head.ETag, s.Rows), s.What);
    }

    private static (Account, List<RowOp>, string) WithWhat((Account, List<RowOp>) x, string what) => (x.Item1, x.Item2, what);

    private (Account, List<RowOp>, string) Schedule(Account a, DateOnly today, DateTimeOffset now)
    {
        var date = today.AddDays(options.NoticeDays);
        var data = Data(a, ("deletionDate", RowKeys.Day(date)));
        var next = a with { State = AccountState.DeletionScheduled, DeletionDate = date, DeletionNotices = ["scheduled"] };
        var id = $"deletion-{RowKeys.Day(date)}";
        return (next, [
            new RowOp(Outbox.Email(a, id + "-scheduled", "deletion_scheduled", [a.OwnerEmail], data, now), RowWrite.Insert),
            new RowOp(Outbox.Event(a, id + "-scheduled", "deletion_scheduled", data, now), RowWrite.Insert)], "scheduled");
    }

    private (Account, List<RowOp>, string)? Remind(Account a, DateOnly today, DateTimeOffset now)
    {
        var daysLeft = a.DeletionDate!.Value.DayNumber - today.DayNumber;
        // The nearest reminder due and not yet sent; a missed earlier one is not sent late.
        var due = options.ReminderDaysBefore.OrderBy(d => d).FirstOrDefault(d => daysLeft <= d);
        var tag = due.ToString(CultureInfo.InvariantCulture);
        if (due == 0 || a.DeletionNotices.Contains(tag)) return null;
        var data = Data(a, ("deletionDate", RowKeys.Day(a.DeletionDate.Value)), ("daysLeft", daysLeft.ToString(CultureInfo.InvariantCulture)));
        var next = a with { DeletionNotices = [.. a.DeletionNotices, tag] };
        return (next, [new RowOp(Outbox.Email(a, $"deletion-{RowKeys.Day(a.DeletionDate.Value)}-reminder-{tag}", "deletion_reminder", [a.OwnerEmail], data, now), RowWrite.Insert)], "reminded_" + tag);
    }

    private (Account, List<RowOp>) Cancelled(Account a, string why)
    {
        var now = clock.GetUtcNow();
        var next = a with { State = a.ActivatedOn is null ? AccountState.Trial : AccountState.Active, DeletionDate = null, DeletionNotices = [] };
        var data = Data(a, ("reason", why), ("deletionDate", a.DeletionDate is { } d ? RowKeys.Day(d) : ""));
        return (next, [new RowOp(Outbox.Event(a, $"deletion-{data["deletionDate"]}-cancelled", "deletion_cancelled", data, now), RowWrite.Insert)]);
    }

    private (Account, List<RowOp>, string) Delete(Account a, DateOnly today, DateTimeOffset now)
    {
        var next = a with { State = AccountState.Deleted, DeletedOn = today };
        var data = Data(a, ("deletedOn", RowKeys.Day(today)), ("restorableUntil", RowKeys.Day(today.AddDays(options.RestoreDays))));
        return (next, [new RowOp(Outbox.Event(a, $"deleted-{RowKeys.Day(today)}", "deleted", data, now), RowWrite.Insert)], "deleted");
    }

    /// <summary>E3: personal data erased; the ledger, invoices and the account's money counters stay.</summary>
    private (Account, List<RowOp>, string) Purge(Account a, DateOnly today, DateTimeOffset now)
    {
        var next = a with { State = AccountState.Purged, Name = "purged account", OwnerEmail = null, AdminEmails = [] };
        return (next, [new RowOp(Outbox.Event(next, $"purged-{RowKeys.Day(today)}", "purged", Data(next, ("purgedOn", RowKeys.Day(today))), now), RowWrite.Insert)], "purged");
    }

    private static Dictionary<string, string> Data(Account a, params (string Key, string Value)[] values)
    {
        var d = new Dictionary<string, string> { ["state"] = Json.Names.Of(a.State) };
        foreach (var (k, v) in values) d[k] = v;
        return d;
    }
}
