using Billing.Core.Notifications;

namespace Billing.Core.Runways;

/// <summary>
/// What the low-balance alert keeps on the account head (A6): the account's threshold and whether the alert for the
/// current crossing was sent. Changed only by the methods here, which return the notice the change owes; the caller
/// commits the state and the notice's outbox rows together, so an alert is neither sent twice nor lost.
/// </summary>
public sealed record LowBalanceState
{
    public const int DefaultDays = 7;
    public const int MaxDays = 365;

    /// <summary>The threshold the account set (days of runway); null keeps <see cref="DefaultDays"/>, 0 turns alerts off.</summary>
    public int? Days { get; init; }
    /// <summary>Local day the current crossing was alerted; null while armed (the runway is above the threshold).</summary>
    public DateOnly? AlertedOn { get; init; }
    /// <summary>Alerts sent so far: the number that names each crossing's email and event, so a new crossing is a new one.</summary>
    public long Alerts { get; init; }

    public int ThresholdDays => Days ?? DefaultDays;

    public LowBalanceState WithThreshold(int days) => this with { Days = days };

    /// <summary>
    /// A6, once per crossing: a runway at or below the threshold while armed is alerted (email + event) and disarms;
    /// a runway above it (a top-up, a cheaper plan, or no runway because nothing is charged per day) re-arms with a
    /// <c>balance_recovered</c> event. With the threshold at 0 nothing is sent, and an alert in force is quietly re-armed.
    /// An account no daily charge applies to keeps its state as it is.
    /// </summary>
    public (LowBalanceState State, AccountNotice? Notice) Follow(RunwayOutcome outcome, long balance, string currency, DateOnly today)
    {
        if (outcome is RunwayOutcome.NotCharged) return (this, null);
        var threshold = ThresholdDays;
        var low = threshold > 0 && outcome is RunwayOutcome.Ends { Runway.Days: var days } && days <= threshold;
        if (low && AlertedOn is null && outcome is RunwayOutcome.Ends ends)
            return (this with { AlertedOn = today, Alerts = Alerts + 1 }, new BalanceLow(Alerts + 1, ends.Runway, threshold, balance, ends.Burn.Rounded, currency));
        if (!low && AlertedOn is not null)
            return (this with { AlertedOn = null }, threshold == 0 ? null : new BalanceRecovered(Alerts, outcome.Shown, threshold, balance, currency));
        return (this, null);
    }
}
