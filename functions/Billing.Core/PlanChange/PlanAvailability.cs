using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Texts;

namespace Billing.Core.PlanChange;

/// <summary>Why the account cannot switch to a plan (C9); the plan list marks it, the quote refuses it.</summary>
public enum PlanUnavailable { Current, BillingModeDiffers, SeatsOverPlanMax }

public static class PlanAvailability
{
    public static PlanUnavailable? Check(Account a, Plan from, Plan to) =>
        to.Id == from.Id ? PlanUnavailable.Current
        : to.BillingMode != from.BillingMode ? PlanUnavailable.BillingModeDiffers
        : a.Charging.SeatsInUse > to.MaxSeats ? PlanUnavailable.SeatsOverPlanMax
        : null;

    /// <summary>The reason as the account's people read it.</summary>
    public static string Explain(Account a, PlanUnavailable reason, Plan to) => reason switch
    {
        PlanUnavailable.Current => a.Text(TextKeys.Plan.Current),
        PlanUnavailable.BillingModeDiffers => a.Text(TextKeys.Plan.BillingModeDiffers, to.Name),
        _ => a.Text(TextKeys.Plan.SeatsOverMax, to.Name, to.MaxSeats, a.Charging.SeatsInUse),
    };

    /// <summary>The quote's refusal: the same reason as a problem (C9).</summary>
    public static BillingException Refusal(Account a, PlanUnavailable reason, Plan to) => reason switch
    {
        PlanUnavailable.Current => BillingException.Conflict("plan_unchanged", Explain(a, reason, to)),
        PlanUnavailable.BillingModeDiffers => BillingException.Refused("billing_mode_differs", Explain(a, reason, to)),
        _ => BillingException.Refused("seats_over_plan_max", Explain(a, reason, to)),
    };
}
