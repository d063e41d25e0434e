using Billing.Core.Accounts;
using Billing.Core.Time;

namespace Billing.Core.Restrictions;

public enum RestrictionLevel { None, Reminder, PaymentOnly, Blocked }

public enum RestrictionPolicy { DayOfMonth, Immediate }

/// <summary>What one person gets (D1).</summary>
public enum AccessLevel { Full, Reminder, PaymentOnly, None }

/// <summary>Thresholds and windows of D2–D4, all configurable.</summary>
public sealed class RestrictionOptions
{
    public const string Section = "Restrictions";

    [System.ComponentModel.DataAnnotations.Range(1, 31)]
    public int ReminderFromDay { get; set; } = 4;
    [System.ComponentModel.DataAnnotations.Range(1, 31)]
    public int PaymentOnlyFromDay { get; set; } = 7;
    [System.ComponentModel.DataAnnotations.Range(1, 31)]
    public int BlockedFromDay { get; set; } = 10;
    [System.ComponentModel.DataAnnotations.Range(1, 30)]
    public int PromiseDays { get; set; } = 3;
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int PromiseEveryDays { get; set; } = 30;

    /// <summary>The cross-field rule of D2: the days climb, reminder before payment-only before blocked.</summary>
    public string? Problem() => ReminderFromDay < PaymentOnlyFromDay && PaymentOnlyFromDay < BlockedFromDay ? null
        : $"Restrictions: ReminderFromDay ({ReminderFromDay}) < PaymentOnlyFromDay ({PaymentOnlyFromDay}) < BlockedFromDay ({BlockedFromDay}) must hold.";
}

/// <summary>Public holidays per country (D3): configuration, not code.</summary>
public interface IHolidayCalendar
{
    bool IsHoliday(string country, DateOnly day);
}

public sealed record LevelDecision(RestrictionLevel Level, string Reason);

/// <summary>The level an account is at now, computed from its head alone: the access check is one read.</summary>
public static class RestrictionRules
{
    public static LevelDecision Level(Account a, DateTimeOffset now, RestrictionOptions o, IHolidayCalendar holidays)
    {
        if (a.Balance >= 0) return new(RestrictionLevel.None, "the balance is not negative");
        var r = a.Restrictions;
        if (r.PromiseUntil > now) return new(RestrictionLevel.None, $"promised payment until {r.PromiseUntil:yyyy-MM-dd HH:mm} UTC");
        var today = LocalCalendar.Today(now, a.TimeZone);
        if (r.Policy == RestrictionPolicy.Immediate)
        {
            var start = FirstWorkingDay(r.NegativeSince ?? today, a.Country, holidays);
            return today >= start
                ? new(RestrictionLevel.Blocked, $"debt since {r.NegativeSince:yyyy-MM-dd}; immediate policy, blocked from {start:yyyy-MM-dd}")
                : new(RestrictionLevel.Reminder, $"debt since {r.NegativeSince:yyyy-MM-dd}; the block starts on the next working day, {start:yyyy-MM-dd}");
        }
        var day = today.Day;
        var level = day >= o.BlockedFromDay ? RestrictionLevel.Blocked
            : day >= o.PaymentOnlyFromDay ? RestrictionLevel.PaymentOnly
            : day >= o.ReminderFromDay ? RestrictionLevel.Reminder
            : RestrictionLevel.None;
        return new(level, $"negative balance on day {day} of the month");
    }

    /// <summary>The first day on or after <paramref name="day"/> that is neither a weekend nor a public holiday.</summary>
    public static DateOnly FirstWorkingDay(DateOnly day, string country, IHolidayCalendar holidays)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.IsHoliday(country, day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>D1: what a role gets at a level. Under the immediate policy the owner keeps the payment page.</summary>
    public static AccessLevel Access(Account a, RestrictionLevel level, Role role)
    {
        if (a.State is AccountState.Deleted or AccountState.Purged) return AccessLevel.None;
        return level switch
        {
            RestrictionLevel.None => AccessLevel.Full,
            RestrictionLevel.Reminder => role == Role.Employee ? AccessLevel.Full : AccessLevel.Reminder,
            RestrictionLevel.PaymentOnly => role == Role.Employee ? AccessLevel.Full : AccessLevel.PaymentOnly,
            _ => a.Restrictions.Policy == RestrictionPolicy.Immediate && role == Role.Owner ? AccessLevel.PaymentOnly : AccessLevel.None,
        };
    }
}
