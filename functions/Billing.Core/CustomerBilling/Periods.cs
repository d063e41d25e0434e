namespace Billing.Core.CustomerBilling;

public enum PeriodUnit { Day, Week, Month }

public enum PeriodType { Current, Next }

/// <summary>Payment window presets of a mailing rule (F8); the window starts on the day the invoice is issued.</summary>
public enum DuePreset { Unlimited, Days3, Days5, Days6, Week1, Week2, EndOfThisMonth, EndOfNextMonth }

public readonly record struct Period(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>Calendar periods and payment windows in the tenant's local dates.</summary>
public static class Periods
{
    /// <summary>
    /// <c>current</c>: the calendar day, week (Monday to Sunday) or month containing <paramref name="today"/>.
    /// <c>next</c>: from the start of that current period to the end of the one after it, as the help page puts it
    /// (a monthly pass from 1.09: current = 1.09–30.09, next = 1.09–31.10), so a forecast counts the lessons of both.
    /// </summary>
    public static Period Of(DateOnly today, PeriodUnit unit, PeriodType type)
    {
        var current = unit switch
        {
            PeriodUnit.Day => new Period(today, today),
            PeriodUnit.Week => WeekOf(today),
            _ => new Period(new DateOnly(today.Year, today.Month, 1), LastOfMonth(today)),
        };
        if (type == PeriodType.Current) return current;
        var following = current.End.AddDays(1);
        return new Period(current.Start, unit switch
        {
            PeriodUnit.Day => following,
            PeriodUnit.Week => WeekOf(following).End,
            _ => LastOfMonth(following),
        });
    }

    /// <summary>A forecast period starting on the issue day (F2): a day, a week or a month long.</summary>
    public static Period StartingOn(DateOnly start, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => new Period(start, start),
        PeriodUnit.Week => new Period(start, start.AddDays(6)),
        _ => new Period(start, start.AddMonths(1).AddDays(-1)),
    };

    /// <summary>The last local day a payment may start, or null for an unlimited window.</summary>
    public static DateOnly? PayableUntil(DuePreset preset, DateOnly issued) => preset switch
    {
        DuePreset.Unlimited => null,
        DuePreset.Days3 => issued.AddDays(3),
        DuePreset.Days5 => issued.AddDays(5),
        DuePreset.Days6 => issued.AddDays(6),
        DuePreset.Week1 => issued.AddDays(7),
        DuePreset.Week2 => issued.AddDays(14),
        DuePreset.EndOfThisMonth => LastOfMonth(issued),
        DuePreset.EndOfNextMonth => LastOfMonth(new DateOnly(issued.Year, issued.Month, 1).AddMonths(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    public static DateOnly LastOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));

    private static Period WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new Period(monday, monday.AddDays(6));
    }
}
