using System.Globalization;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Money;
using Billing.Core.PlanChange;
using Billing.Core.Storage;
using Billing.Http.Api;
using Billing.Http.Errors;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalAccount.Plans;

namespace Billing.Http.Portal.Account;

/// <summary>A plan change waiting for its invoice (C9): the invoice for the missing amount and the balance held meanwhile.</summary>
public sealed record PendingPlanChange(Invoice Invoice, string ToPlanName, long Held);

/// <summary>
/// P1, C9: every plan with the current one marked and the unavailable ones explained; for an available one the quote (the
/// new plan's price, the credit for the unused days, what is paid now or invoiced); the confirmed change through the same
/// use case and role rule as <c>POST accounts/{id}/plan-change</c>; and, while a change waits for its invoice, that invoice
/// and the held amount.
/// </summary>
public sealed class PortalPlansPages(ApiRunner api, PlanChangeService planChanges, IAccountReader reader, MoneyOptions money, FormOnce once)
{
    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
        RenderAsync(PortalContext.Page(req, WebRoutes.PortalPlans), StatusCodes.Status200OK, req.Query["quote"].ToString(), ct));

    /// <summary>C9: commits the quoted change the form carries; a cost other than the one shown is refused (quote_changed).</summary>
    public Task<IResult> Change(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var session = PortalContext.Session(req);
        var page = PortalContext.Page(req, WebRoutes.PortalPlans);
        var form = await req.ReadFormAsync(ct);
        var plan = form["planId"].ToString();
        try
        {
            Actors.OwnerOrAdmin(session.UserId, Core.Json.Names.Of(session.Role));
            if (plan.Length is 0 or > 64 || !long.TryParse(form["quotedCost"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quoted))
                return await RenderAsync(page with { Error = Core.Texts.Text.Get(page.Language, Core.Texts.TextKeys.Portal.FormRefused) }, StatusCodes.Status400BadRequest, "", ct);
            money.Require(quoted, "quotedCost", AmountSign.Any);
            return await once.RunAsync(req, session, $"{plan} {quoted}", async () =>
            {
                var result = await planChanges.ConfirmAsync(session.AccountId, plan, quoted, ct);
                return WebPage.SeeOther("/" + WebRoutes.PortalPlans, result.Outcome == PlanChangeOutcome.Changed ? K.Changed : K.InvoiceIssued);
            }, ct);
        }
        catch (BillingException e)
        {
            return await RenderAsync(page with { Error = WebPage.Says(e, page.Language) }, Problem.StatusOf(e.Kind), plan, ct);
        }
    });

    /// <param name="quotePlan">The plan to quote (from the list's link, or the refused form), or empty.</param>
    private async Task<IResult> RenderAsync(PageContext page, int status, string quotePlan, CancellationToken ct)
    {
        var session = page.Session!;
        var account = (await reader.FindAsync(session.AccountId, ct) ?? throw BillingException.NotFound("account", session.AccountId)).Value;
        var plans = await planChanges.PlansAsync(account.Id, ct);
        PlanChangeQuote? quote = null;
        if (quotePlan.Length > 0)
        {
            try { quote = await planChanges.QuoteAsync(account.Id, quotePlan, ct); }
            catch (BillingException e) when (page.Error is null)
            {
                // A plan that cannot be quoted (unknown, current, another billing mode, too few seats): the API's refusal.
                (page, status) = (page with { Error = WebPage.Says(e, page.Language) }, Problem.StatusOf(e.Kind));
            }
            catch (BillingException) { /* the refusal of the form already says why; the list stays */ }
        }
        return WebPage.Render<PlansPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(PlansPage.Account)] = account,
            [nameof(PlansPage.Plans)] = plans,
            [nameof(PlansPage.Quote)] = quote,
            [nameof(PlansPage.Pending)] = await PendingAsync(account, plans, ct),
            // C9 as the API applies it (Actors.OwnerOrAdmin): employees see prices, not the button.
            [nameof(PlansPage.MayChange)] = session.Role is Role.Owner or Role.Admin,
        });
    }

    private async Task<PendingPlanChange?> PendingAsync(Core.Accounts.Account account, IReadOnlyList<PlanOption> plans, CancellationToken ct)
    {
        if (account.PlanChange.PendingInvoiceId is not { } id) return null;
        if (await reader.GetAsync(account.Id, Invoice.Ref(id), ct) is not { Value: { PlanChange: { } terms } invoice }) return null;
        var name = plans.FirstOrDefault(p => p.Id == terms.ToPlanId)?.Name ?? terms.ToPlanId;
        return new PendingPlanChange(invoice, name, terms.Held);
    }
}
