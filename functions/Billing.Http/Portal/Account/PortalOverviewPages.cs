using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Deletion;
using Billing.Core.Restrictions;
using Billing.Http.Errors;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalAccount.Overview;

namespace Billing.Http.Portal.Account;

/// <summary>
/// A6 as the overview shows it: the day the balance runs out at today's charges and how many days away that is; no
/// <see cref="Until"/> when today's charges never use it up.
/// </summary>
public sealed record RunwayView(int? Days, DateOnly? Until);

/// <summary>
/// P1, A5: the portal's first page: the balance, the restriction the access check computes for this person (D1) with the
/// promised payment when the rules allow it (D4), a scheduled deletion with the owner's cancel (E2), the runway (A6), this
/// month's usage and its cost, and the invoices the balance can pay now. Its two forms run the API's use cases with the
/// session's person and role, so an employee meets the API's refusal.
/// </summary>
public sealed class PortalOverviewPages(Api.ApiRunner api, AccountSummaryService summaries, RestrictionService restrictions,
    RestrictionOptions restrictionRules, DeletionService deletion, FormOnce once)
{
    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
        RenderAsync(PortalContext.Page(req, WebRoutes.PortalOverview), StatusCodes.Status200OK, ct));

    /// <summary>D4: the same use case as <c>POST accounts/{id}/promised-payment</c>, as the session's person.</summary>
    public Task<IResult> Promise(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
        ActAsync(req, async session =>
        {
            await restrictions.PromiseAsync(session.AccountId, session.Role, session.UserId, ct);
            return WebPage.SeeOther("/" + WebRoutes.PortalOverview, K.PromiseTaken);
        }, ct));

    /// <summary>E2: the same use case as <c>POST accounts/{id}/deletion/cancel</c>: the owner's only.</summary>
    public Task<IResult> CancelDeletion(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
        ActAsync(req, async session =>
        {
            await deletion.CancelByOwnerAsync(session.AccountId, session.Role, ct);
            return WebPage.SeeOther("/" + WebRoutes.PortalOverview, K.DeletionCancelled);
        }, ct));

    /// <summary>A use case run once per rendered form; its refusal is shown on the overview in the person's language.</summary>
    private async Task<IResult> ActAsync(HttpRequest req, Func<Core.WebSessions.WebSession, Task<IResult>> action, CancellationToken ct)
    {
        var session = PortalContext.Session(req);
        try { return await once.RunAsync(req, session, "", () => action(session), ct); }
        catch (BillingException e)
        {
            var page = PortalContext.Page(req, WebRoutes.PortalOverview);
            return await RenderAsync(page with { Error = WebPage.Says(e, page.Language) }, Problem.StatusOf(e.Kind), ct);
        }
    }

    private async Task<IResult> RenderAsync(PageContext page, int status, CancellationToken ct)
    {
        var session = page.Session!;
        var summary = await summaries.GetAsync(session.AccountId, ct);
        var access = await restrictions.AccessAsync(session.AccountId, session.Role, ct);
        return WebPage.Render<OverviewPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Summary)] = summary,
            [nameof(OverviewPage.Access)] = access,
            [nameof(OverviewPage.MayPromise)] = restrictions.MayPromise(summary.Account, session.Role),
            [nameof(OverviewPage.PromiseDays)] = restrictionRules.PromiseDays,
            [nameof(OverviewPage.PromiseEveryDays)] = restrictionRules.PromiseEveryDays,
            // E2: DeletionService.CancelByOwnerAsync refuses anyone but the owner; the others see the banner only.
            [nameof(OverviewPage.MayCancelDeletion)] = session.Role == Role.Owner,
            [nameof(OverviewPage.Runway)] = RunwayOf(summary),
        });
    }

    /// <summary>A6: the runway the summary carries, as the overview shows it; null hides the section.</summary>
    internal static RunwayView? RunwayOf(AccountSummary summary) => null; // filled when the summary carries runway (A6)
}
