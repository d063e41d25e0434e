using Billing.Core;
using Billing.Core.Hosting;
using Billing.Core.Idempotency;
using Billing.Core.Invoices;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.WebSessions;
using Billing.Http.Api;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalMoney.Invoices;

namespace Billing.Http.Portal;

/// <summary>
/// P1, C10: the account's invoices, newest first, filtered by status and kind as <c>GET accounts/{id}/invoices</c> is, paged,
/// or one invoice (<c>?invoice=</c>, where the other pages link). The actions go through the API's use cases with its rules:
/// owners and admins pay from the balance, pay by card (on to the provider's checkout) or cancel. Every invoice is looked
/// up in the session's account only, so another account's id is "not found", as an unknown one is.
/// </summary>
public sealed class PortalInvoicePages(ApiRunner api, InvoiceService invoices, TopUpService checkouts, IAccountReader accounts,
    IdempotencyService idempotency, ApiOptions site)
{
    public const int PageSize = 20;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        var query = InvoiceQuery.From(req.Query);
        try { return await RenderAsync(page, session, query, StatusCodes.Status200OK, ct); }
        catch (BillingException e) when (e.Kind == ErrorKind.NotFound) { return WebPage.NotFound(page); }
        catch (BillingException e) when (e.Kind == ErrorKind.Invalid)
        {
            // A filter or page token that does not read: the newest invoices, and why the asked-for list is not shown.
            return await RenderAsync(page with { Error = Core.Texts.Text.Get(page.Language, K.BadList) }, session, InvoiceQuery.Newest, StatusCodes.Status400BadRequest, ct);
        }
    });

    public Task<IResult> PayFromBalance(HttpRequest req, string invoiceId, CancellationToken ct) => ActAsync(req, invoiceId, async (session, form) =>
        await MoneyForms.OnceAsync(idempotency, req, session, form, "pay-from-balance", async _ =>
        {
            await invoices.PayFromBalanceAsync(session.AccountId, invoiceId, "user:" + session.UserId, ct);
            return Focused(invoiceId, K.Paid);
        }, ct), ct);

    public Task<IResult> Checkout(HttpRequest req, string invoiceId, CancellationToken ct) => ActAsync(req, invoiceId, async (session, _) =>
        (await checkouts.CheckoutInvoiceAsync(session.AccountId, invoiceId, PortalReturnPages.Address(site, invoiceId), ct)).CheckoutUrl, ct);

    public Task<IResult> Cancel(HttpRequest req, string invoiceId, CancellationToken ct) => ActAsync(req, invoiceId, async (session, _) =>
    {
        await invoices.CancelAsync(session.AccountId, invoiceId, session.UserId, ct);
        return Focused(invoiceId, K.Cancelled);
    }, ct);

    /// <summary>
    /// The invoice alone, with what was done to it, and its row as the place on the page unless not <paramref name="anchored"/>
    /// (a provider adds its own query to a return address, which would land after a fragment).
    /// </summary>
    public static string Focused(string invoiceId, string? notice = null, bool anchored = true) =>
        $"/{WebRoutes.PortalInvoices}?invoice={invoiceId}{(notice is null ? "" : "&done=" + notice)}{(anchored ? "#" + invoiceId : "")}";

    /// <summary>
    /// An action on one invoice of the session's account: an owner or admin (the API's refusal otherwise), an invoice that is
    /// the account's (404 otherwise, before anything is written), then the action, which answers where to go (303). A refusal
    /// shows the invoice with the rule's words and the API's status.
    /// </summary>
    private Task<IResult> ActAsync(HttpRequest req, string invoiceId, Func<WebSession, IFormCollection, Task<string>> action, CancellationToken ct) =>
        api.RunPage(req, async () =>
        {
            var (session, page) = Context(req);
            try
            {
                Actors.OwnerOrAdmin(session.UserId, Core.Json.Names.Of(session.Role));
                await invoices.GetAsync(session.AccountId, invoiceId, ct);
                return WebPage.SeeOther(await action(session, await req.ReadFormAsync(ct)));
            }
            catch (BillingException e) when (e.Kind == ErrorKind.NotFound) { return WebPage.NotFound(page); }
            catch (BillingException e)
            {
                // A role refused is told on the list (the invoice was not looked up); a rule refused, on the invoice.
                var shown = e.Kind == ErrorKind.Forbidden ? InvoiceQuery.Newest : InvoiceQuery.Newest with { Invoice = invoiceId };
                var said = MoneyForms.Says(e, page) ?? WebPage.Says(e, page.Language);
                return await RenderAsync(page with { Error = said }, session, shown, Errors.Problem.StatusOf(e.Kind), ct);
            }
            catch (Core.Payments.ProviderCallException)
            {
                var said = Core.Texts.Text.Get(page.Language, Core.Texts.TextKeys.PortalMoney.TopUp.ProviderFailed);
                return await RenderAsync(page with { Error = said }, session, InvoiceQuery.Newest with { Invoice = invoiceId }, StatusCodes.Status502BadGateway, ct);
            }
        });

    private static (WebSession, PageContext) Context(HttpRequest req) => (PortalContext.Session(req), PortalContext.Page(req, WebRoutes.PortalInvoices));

    private async Task<IResult> RenderAsync(PageContext page, WebSession session, InvoiceQuery query, int status, CancellationToken ct)
    {
        var account = (await accounts.FindAsync(session.AccountId, ct) ?? throw BillingException.NotFound("account", session.AccountId)).Value;
        var (items, next) = query.Invoice is { } one
            ? ([(await invoices.GetAsync(session.AccountId, one, ct)).Value], null)
            : await ListAsync(session, query, ct);
        return WebPage.Render<InvoicesPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(InvoicesPage.Account)] = account,
            [nameof(InvoicesPage.Query)] = query,
            [nameof(InvoicesPage.Items)] = items,
            [nameof(InvoicesPage.Next)] = next,
            [nameof(InvoicesPage.MayAct)] = session.Role is Core.Accounts.Role.Owner or Core.Accounts.Role.Admin,
            [nameof(InvoicesPage.Nonce)] = MoneyForms.NewNonce(),
        });
    }

    private async Task<(IReadOnlyList<Invoice>, string?)> ListAsync(WebSession session, InvoiceQuery query, CancellationToken ct)
    {
        var listed = await invoices.ListAsync(session.AccountId, query.Status(), query.Kind(), PageSize, query.Token, ct);
        return (listed.Items, listed.ContinuationToken);
    }
}

/// <summary>
/// What the invoices page lists, as its address says: the filters of <c>GET accounts/{id}/invoices</c> (status, kind by
/// their wire names), the page token, or one invoice.
/// </summary>
public sealed record InvoiceQuery(string StatusName, string KindName, string? Token, string? Invoice)
{
    public static readonly InvoiceQuery Newest = new("", "", null, null);

    public static InvoiceQuery From(IQueryCollection q) =>
        new(q["status"].ToString(), q["kind"].ToString(), q["next"].ToString() is { Length: > 0 } t ? t : null, q["invoice"].ToString() is { Length: > 0 } i ? i : null);

    public bool Filtered => StatusName.Length > 0 || KindName.Length > 0;

    public InvoiceStatus? Status() => Parse<InvoiceStatus>(StatusName, "status");

    public InvoiceKind? Kind() => Parse<InvoiceKind>(KindName, "kind");

    /// <summary>The address of this list at another page (<paramref name="token"/>, null for the newest).</summary>
    public string Address(string? token)
    {
        var parts = new List<string>();
        if (StatusName.Length > 0) parts.Add("status=" + Uri.EscapeDataString(StatusName));
        if (KindName.Length > 0) parts.Add("kind=" + Uri.EscapeDataString(KindName));
        if (token is not null) parts.Add("next=" + Uri.EscapeDataString(token));
        return "/" + WebRoutes.PortalInvoices + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private static T? Parse<T>(string wireName, string field) where T : struct, Enum =>
        wireName.Length == 0 ? null
            : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Core.Json.Names.Of(v!.Value) == wireName)
              ?? throw BillingException.Invalid($"{field}_invalid", $"Unknown {field} '{wireName}'.");
}
