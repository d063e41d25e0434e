using Billing.Http.Endpoints;
using Billing.Http.Portal.Account;
using Billing.Http.Web;
using static Billing.Http.Web.WebEndpoints;

namespace Billing.Http.Portal;

/// <summary>P1: the portal's entries about the account itself: overview actions, history, plans.</summary>
public static class PortalAccountEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All =
    [
        Form("PortalPromise", WebRoutes.PortalPromise, Callers.Portal, (s, r, ct) => s.Get<PortalOverviewPages>().Promise(r, ct)),
        Form("PortalDeletionCancel", WebRoutes.PortalDeletionCancel, Callers.Portal, (s, r, ct) => s.Get<PortalOverviewPages>().CancelDeletion(r, ct)),
        Page("PortalHistory", WebRoutes.PortalHistory, Callers.Portal, (s, r, ct) => s.Get<PortalHistoryPages>().Show(r, ct)),
        Page("PortalHistoryCsv", WebRoutes.PortalHistoryCsv, Callers.Portal, (s, r, ct) => s.Get<PortalHistoryPages>().Csv(r, ct)),
        Page("PortalPlans", WebRoutes.PortalPlans, Callers.Portal, (s, r, ct) => s.Get<PortalPlansPages>().Show(r, ct)),
        Form("PortalPlanChange", WebRoutes.PortalPlanChange, Callers.Portal, (s, r, ct) => s.Get<PortalPlansPages>().Change(r, ct)),
    ];

    public static readonly IReadOnlyList<Type> HandlerTypes = [typeof(PortalHistoryPages), typeof(PortalPlansPages), typeof(FormOnce)];
}
