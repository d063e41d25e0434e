using Billing.Core;
using Billing.Core.Invoices;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.WebSessions;
using Billing.Http.Api;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalMoney.Services;

namespace Billing.Http.Portal;

/// <summary>
/// P1, C6: the account's prepaid services (state, price, paid-until, max seats, auto-renew), with auto-renew switched through
/// the use case of <c>PATCH services/{id}</c>, and a renewal invoice created through that of <c>POST
/// services/{id}/renewal-invoice</c>, or the unpaid one opened. Both change what the account pays, so they are an owner's or
/// admin's, as paying is (the API's refusal otherwise); anyone may read. Services are looked up in the session's account only.
/// </summary>
public sealed class PortalServicePages(ApiRunner api, ServiceManager services, IAccountReader accounts)
{
    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        return await RenderAsync(page, session, StatusCodes.Status200OK, ct);
    });

    public Task<IResult> AutoRenew(HttpRequest req, string serviceId, CancellationToken ct) => ActAsync(req, async (session, page) =>
    {
        bool? choice = (await req.ReadFormAsync(ct))["autoRenew"].ToString() switch { "on" => true, "off" => false, _ => null };
        if (choice is not { } on)
            return await RenderAsync(page with { Error = Core.Texts.Text.Get(page.Language, K.BadChoice) }, session, StatusCodes.Status400BadRequest, ct);
        var service = await services.SetAutoRenewAsync(session.AccountId, serviceId, on, ct);
        return WebPage.SeeOther("/" + WebRoutes.PortalServices, on ? K.AutoRenewOnDone : K.AutoRenewOffDone, service.Id);
    }, ct);

    public Task<IResult> CreateInvoice(HttpRequest req, string serviceId, CancellationToken ct) => ActAsync(req, async (session, _) =>
    {
        var invoice = await services.RenewalInvoiceAsync(session.AccountId, serviceId, ct);
        return WebPage.SeeOther(PortalInvoicePages.Focused(invoice.Id, K.InvoiceCreated));
    }, ct);

    /// <summary>An owner's or admin's action on a service of the session's account: 404 for any other id, the rule's words otherwise.</summary>
    private Task<IResult> ActAsync(HttpRequest req, Func<WebSession, PageContext, Task<IResult>> action, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        try
        {
            Actors.OwnerOrAdmin(session.UserId, Core.Json.Names.Of(session.Role));
            return await action(session, page);
        }
        catch (BillingException e) when (e.Kind == ErrorKind.NotFound) { return WebPage.NotFound(page); }
        catch (BillingException e)
        {
            return await RenderAsync(page with { Error = WebPage.Says(e, page.Language) }, session, Errors.Problem.StatusOf(e.Kind), ct);
        }
    });

    private static (WebSession, PageContext) Context(HttpRequest req) => (PortalContext.Session(req), PortalContext.Page(req, WebRoutes.PortalServices));

    private async Task<IResult> RenderAsync(PageContext page, WebSession session, int status, CancellationToken ct)
    {
        var listed = await services.ListAsync(session.AccountId, ct);
        // C6: a service's unpaid renewal invoice is the one "create an invoice" would answer, so the page opens it instead.
        var open = new Dictionary<string, Invoice>();
        await foreach (var inv in accounts.ListAsync(session.AccountId, Invoice.All, ct))
            if (inv is { IsUnpaid: true, Kind: InvoiceKind.Renewal })
                foreach (var order in inv.Orders) open.TryAdd(order.ServiceId, inv);
        return WebPage.Render<ServicesPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(ServicesPage.Services)] = listed.OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
            [nameof(ServicesPage.OpenInvoices)] = open,
            [nameof(ServicesPage.MayAct)] = session.Role is Core.Accounts.Role.Owner or Core.Accounts.Role.Admin,
        });
    }
}
