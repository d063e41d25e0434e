using Billing.Core.Accounts;
using System.Text.Json.Nodes;
using Billing.Core.Notifications;

namespace Billing.Core.Deletion;

/// <summary>
/// What inactivity deletion keeps on the account head (E2, E3): the scheduled date, the reminders already sent for it,
/// and the day of deletion. Changed only by the methods here, each returning the notice it owes.
/// </summary>
public sealed record DeletionState
{
    /// <summary>How many times the account was scheduled for deletion: each schedule's notices are its own (E2: a cancelled
    /// candidate that qualifies again is scheduled again, with new notices, even on the same day).</summary>
    public int Round { get; init; }
    /// <summary>Scheduled deletion date (E2) while <c>deletion_scheduled</c>.</summary>
    public DateOnly? Date { get; init; }
    public DateOnly? DeletedOn { get; init; }
    /// <summary>Days-before of the reminders already emailed for <see cref="Date"/> (E2); the scheduling notice is sent with the date.</summary>
    public IReadOnlyList<int> RemindersSent { get; init; } = [];

    public (DeletionState, DeletionScheduled) Schedule(DateOnly date, AccountState state) =>
        (new DeletionState { Round = Round + 1, Date = date }, new DeletionScheduled(Round + 1, date, state));

    public (DeletionState, DeletionReminder)? Remind(DateOnly today, IEnumerable<int> reminderDaysBefore, AccountState state)
    {
        var daysLeft = Date!.Value.DayNumber - today.DayNumber;
        // The nearest reminder due and not yet sent; a missed earlier one is not sent late.
        var due = reminderDaysBefore.OrderBy(d => d).FirstOrDefault(d => daysLeft <= d);
        if (due == 0 || RemindersSent.Contains(due)) return null;
        return (this with { RemindersSent = [.. RemindersSent, due] }, new DeletionReminder(Round, Date.Value, due, daysLeft, state));
    }

    public (DeletionState, DeletionCancelled) Cancel(string reason, AccountState state) =>
        (new DeletionState { Round = Round }, new DeletionCancelled(Round, Date, reason, state));

    public (DeletionState, AccountDeleted) Deleted(DateOnly today, int restoreDays, AccountState state) =>
        (this with { DeletedOn = today }, new AccountDeleted(Round, today, today.AddDays(restoreDays), state));

    /// <summary>E3: personal data are erased; the deletion's dates stay with the money records.</summary>
    public (DeletionState, AccountPurged) Purged(DateOnly today) => (this, new AccountPurged(Round, today));

    public (DeletionState, AccountRestored) Restored(DateOnly today, string operatorId, AccountState state) =>
        (new DeletionState { Round = Round }, new AccountRestored(Round, today, operatorId, state));
}

/// <summary>E2: a candidate got its deletion date (email to the owner and a CRM event).</summary>
public sealed record DeletionScheduled(int Round, DateOnly Date, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionScheduled;
    public override string Key => $"deletion-{Number(Round)}-scheduled";
    public override NoticeAudience Email => NoticeAudience.Owner;
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(State), ["deletionDate"] = Day(Date), ["round"] = Round };
}

/// <summary>E2: a reminder <see cref="DaysBefore"/> days before the date (email only).</summary>
public sealed record DeletionReminder(int Round, DateOnly Date, int DaysBefore, int DaysLeft, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionReminder;
    public override string Key => $"deletion-{Number(Round)}-reminder-{Number(DaysBefore)}";
    public override NoticeAudience Email => NoticeAudience.Owner;
    public override bool Event => false;
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(State), ["deletionDate"] = Day(Date), ["daysLeft"] = DaysLeft };
}

/// <summary>E2: the scheduled deletion was cancelled (a login, a payment, the owner).</summary>
public sealed record DeletionCancelled(int Round, DateOnly? Date, string Reason, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionCancelled;
    public override string Key => $"deletion-{Number(Round)}-cancelled";
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(State), ["reason"] = Reason, ["deletionDate"] = Date is { } d ? Day(d) : null };
}

/// <summary>E3: the account is deleted; an operator may restore it until <see cref="RestorableUntil"/>.</summary>
public sealed record AccountDeleted(int Round, DateOnly On, DateOnly RestorableUntil, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.Deleted;
    public override string Key => $"deleted-{Number(Round)}";
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(State), ["deletedOn"] = Day(On), ["restorableUntil"] = Day(RestorableUntil) };
}

/// <summary>E3: personal data erased.</summary>
public sealed record AccountPurged(int Round, DateOnly On) : AccountNotice
{
    public override NoticeType Type => NoticeType.Purged;
    public override string Key => $"purged-{Number(Round)}";
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(AccountState.Purged), ["purgedOn"] = Day(On) };
}

/// <summary>E3: an operator restored a deleted account.</summary>
public sealed record AccountRestored(int Round, DateOnly On, string Operator, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionRestored;
    public override string Key => $"restored-{Number(Round)}";
    public override JsonObject Data() => new() { ["state"] = Json.Names.Of(State), ["operator"] = Operator, ["restoredOn"] = Day(On) };
}
