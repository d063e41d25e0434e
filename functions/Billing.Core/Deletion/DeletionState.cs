using Billing.Core.Accounts;
using Billing.Core.Notifications;

namespace Billing.Core.Deletion;

/// <summary>
/// What inactivity deletion keeps on the account head (E2, E3): the scheduled date, the reminders already sent for it,
/// and the day of deletion. Changed only by the methods here, each returning the notice it owes.
/// </summary>
public sealed record DeletionState
{
    /// <summary>Scheduled deletion date (E2) while <c>deletion_scheduled</c>.</summary>
    public DateOnly? Date { get; init; }
    public DateOnly? DeletedOn { get; init; }
    /// <summary>Days-before of the reminders already emailed for <see cref="Date"/> (E2); the scheduling notice is sent with the date.</summary>
    public IReadOnlyList<int> RemindersSent { get; init; } = [];

    public (DeletionState, DeletionScheduled) Schedule(DateOnly date, AccountState state) =>
        (new DeletionState { Date = date }, new DeletionScheduled(date, state));

    public (DeletionState, DeletionReminder)? Remind(DateOnly today, IEnumerable<int> reminderDaysBefore, AccountState state)
    {
        var daysLeft = Date!.Value.DayNumber - today.DayNumber;
        // The nearest reminder due and not yet sent; a missed earlier one is not sent late.
        var due = reminderDaysBefore.OrderBy(d => d).FirstOrDefault(d => daysLeft <= d);
        if (due == 0 || RemindersSent.Contains(due)) return null;
        return (this with { RemindersSent = [.. RemindersSent, due] }, new DeletionReminder(Date.Value, due, daysLeft, state));
    }

    public (DeletionState, DeletionCancelled) Cancel(string reason, AccountState state) => (new DeletionState(), new DeletionCancelled(Date, reason, state));

    public (DeletionState, AccountDeleted) Deleted(DateOnly today, int restoreDays, AccountState state) =>
        (this with { DeletedOn = today }, new AccountDeleted(today, today.AddDays(restoreDays), state));

    /// <summary>E3: personal data are erased; the deletion's dates stay with the money records.</summary>
    public (DeletionState, AccountPurged) Purged(DateOnly today) => (this, new AccountPurged(today));

    public (DeletionState, AccountRestored) Restored(DateOnly today, string operatorId, AccountState state) =>
        (new DeletionState(), new AccountRestored(today, operatorId, state));
}

/// <summary>E2: a candidate got its deletion date (email to the owner and a CRM event).</summary>
public sealed record DeletionScheduled(DateOnly Date, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionScheduled;
    public override string Key => $"deletion-{Day(Date)}-scheduled";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string> { ["state"] = Json.Names.Of(State), ["deletionDate"] = Day(Date) };
}

/// <summary>E2: a reminder <see cref="DaysBefore"/> days before the date.</summary>
public sealed record DeletionReminder(DateOnly Date, int DaysBefore, int DaysLeft, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionReminder;
    public override string Key => $"deletion-{Day(Date)}-reminder-{Number(DaysBefore)}";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string>
    {
        ["state"] = Json.Names.Of(State), ["deletionDate"] = Day(Date), ["daysLeft"] = Number(DaysLeft),
    };
}

/// <summary>E2: the scheduled deletion was cancelled (a login, a payment, the owner).</summary>
public sealed record DeletionCancelled(DateOnly? Date, string Reason, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionCancelled;
    public override string Key => $"deletion-{(Date is { } d ? Day(d) : "")}-cancelled";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string>
    {
        ["state"] = Json.Names.Of(State), ["reason"] = Reason, ["deletionDate"] = Date is { } d ? Day(d) : "",
    };
}

/// <summary>E3: the account is deleted; an operator may restore it until <see cref="RestorableUntil"/>.</summary>
public sealed record AccountDeleted(DateOnly On, DateOnly RestorableUntil, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.Deleted;
    public override string Key => $"deleted-{Day(On)}";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string>
    {
        ["state"] = Json.Names.Of(State), ["deletedOn"] = Day(On), ["restorableUntil"] = Day(RestorableUntil),
    };
}

/// <summary>E3: personal data erased.</summary>
public sealed record AccountPurged(DateOnly On) : AccountNotice
{
    public override NoticeType Type => NoticeType.Purged;
    public override string Key => $"purged-{Day(On)}";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string> { ["state"] = Json.Names.Of(AccountState.Purged), ["purgedOn"] = Day(On) };
}

/// <summary>E3: an operator restored a deleted account.</summary>
public sealed record AccountRestored(DateOnly On, string Operator, AccountState State) : AccountNotice
{
    public override NoticeType Type => NoticeType.DeletionRestored;
    public override string Key => $"restored-{Day(On)}";
    public override IReadOnlyDictionary<string, string> Data() => new Dictionary<string, string> { ["state"] = Json.Names.Of(State), ["operator"] = Operator };
}
