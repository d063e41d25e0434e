using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Time;

namespace Billing.Core.Runways;

/// <summary>
/// A6: the runway of an account from its head row and the catalog alone, so the summary and the access check (one point
/// read, D1) show it without another read.
/// </summary>
public static class RunwayCalculator
{
    /// <summary>Beyond a century a date means nothing (and would soon leave the calendar): such a balance never runs out.</summary>
    public const int MaxDays = 36_525;

    /// <summary>
    /// The burn is what the daily charge would take for a day now: the current plan's tier for the seats in use and the
    /// add-ons, through the charge pipeline (<see cref="ChargePipeline.MonthlyRate"/>), plus the average usage cost of the
    /// last up to 30 charged days. That window is the usage the account was actually charged for, kept on the head by the
    /// daily charge (<see cref="ChargingState.UsageCosts"/>): reading this month's usage rows instead would cost the access
    /// check a range query on every call, and would swing on the 1st of each month. A new account has no charged day yet:
    /// its burn is plan and add-ons only until its first charge.
    /// <para>The balance is what the charge can use: a plan change's hold has already left it (a <c>hold</c> entry) and
    /// there is no credit line; a promised payment (D4) lifts restrictions, not the debt. Days the charge has not posted
    /// yet (between local midnight and the hourly run) are paid first: the runway counts from the first day not charged.</para>
    /// </summary>
    public static RunwayOutcome Of(Account a, BillingCatalog catalog, DateTimeOffset at)
    {
        if (a is not { State: AccountState.Active, BillingMode: BillingMode.Daily, ActivatedOn: { } activatedOn }) return new RunwayOutcome.NotCharged();
        if (Burn(a, catalog) is not { } burn) return new RunwayOutcome.NotCharged();
        if (burn.IsZero) return new RunwayOutcome.Endless(burn);
        var covered = burn.DaysCovered(a.Balance);
        if (covered > MaxDays) return new RunwayOutcome.Endless(burn);
        var today = LocalCalendar.Today(at, a.TimeZone);
        var firstOpen = a.Charging.LastChargedDay?.AddDays(1) ?? activatedOn;
        var until = firstOpen.AddDays((int)covered);
        // A balance that does not even cover the days already due runs out today, not in the past.
        if (until < today) until = today;
        return new RunwayOutcome.Ends(new Runway(until.DayNumber - today.DayNumber, until), burn);
    }

    /// <summary>What a day costs now; null when the catalog no longer has the account's plan or an add-on (then there is nothing to say).</summary>
    public static DailyBurn? Burn(Account a, BillingCatalog catalog)
    {
        if (catalog.Plans.FirstOrDefault(p => p.Id == a.PlanId) is not { } plan) return null;
        var addOns = new List<AddOn>(a.AddOns.Count);
        foreach (var id in a.AddOns)
        {
            if (catalog.AddOns.FirstOrDefault(x => x.Id == id) is not { } addOn) return null;
            addOns.Add(addOn);
        }
        var usage = a.Charging.UsageCosts;
        return new DailyBurn(ChargePipeline.MonthlyRate(a, catalog, plan, addOns, a.Charging.SeatsInUse), usage.Sum(), usage.Count);
    }
}
