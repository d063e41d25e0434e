using Billing.Core.Accounts;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Portal;

/// <summary>P1, A5: the portal's first page: the balance, this month's usage and its cost, read through the summary the API serves.</summary>
public sealed class PortalOverviewPages(Api.ApiRunner api, AccountSummaryService summaries)
{
    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var session = PortalContext.Session(req);
        var summary = await summaries.GetAsync(session.AccountId, ct);
        return WebPage.Render<OverviewPage>(PortalContext.Page(req, WebRoutes.PortalOverview), parameters: new Dictionary<string, object?>
        {
            [nameof(OverviewPage.Summary)] = summary,
        });
    });
}
