namespace Billing.Core.Runways;

/// <summary>
/// A6: how long the balance lasts at the current daily charge. <see cref="Until"/> is the first local day (the account's
/// time zone, as days are charged, C2) whose charge the balance cannot cover; <see cref="Days"/> counts the days from today
/// to it, so a balance at or below zero is 0 days, until today.
/// </summary>
public sealed record Runway(int Days, DateOnly Until);

/// <summary>
/// What one day costs now, kept as an exact fraction of minor units (<see cref="Numerator"/> / <see cref="Denominator"/>):
/// 1/30 of the month's rate of plan tier and add-ons (the daily charge's own division, C2) plus the average usage cost of
/// the last charged days. A fraction, not a rounded amount, so 30 days of a 990.00 plan read as 990.00, as charged.
/// </summary>
public sealed record DailyBurn(long MonthlyRate, long UsageCost, int UsageDays)
{
    private int Days => Math.Max(UsageDays, 1);

    public Int128 Numerator => (Int128)MonthlyRate * Days + (UsageDays == 0 ? 0 : (Int128)UsageCost * Charging.ChargePipeline.DaysPerMonth);

    public Int128 Denominator => (Int128)Charging.ChargePipeline.DaysPerMonth * Days;

    public bool IsZero => Numerator <= 0;

    /// <summary>The day's cost to the nearest minor unit, for people (the email); decisions use the fraction.</summary>
    public long Rounded => (long)((Numerator + Denominator / 2) / Denominator);

    /// <summary>How many whole days <paramref name="balance"/> pays for: none when it is not positive.</summary>
    public Int128 DaysCovered(long balance) => balance <= 0 || IsZero ? 0 : (Int128)balance * Denominator / Numerator;
}

/// <summary>What the runway of an account is, as a type: each case is handled where it is read.</summary>
public abstract record RunwayOutcome
{
    /// <summary>No daily charge takes money from the account (trial, deletion, monthly modes): no runway, and the alert keeps its state.</summary>
    public sealed record NotCharged : RunwayOutcome;

    /// <summary>Nothing is charged per day, or the balance outlasts <see cref="RunwayCalculator.MaxDays"/>: it never runs out, no date to show.</summary>
    public sealed record Endless(DailyBurn Burn) : RunwayOutcome;

    public sealed record Ends(Runway Runway, DailyBurn Burn) : RunwayOutcome;

    /// <summary>The runway to show, or null (absent from the answers) when there is no date the balance runs out.</summary>
    public Runway? Shown => this is Ends e ? e.Runway : null;
}
