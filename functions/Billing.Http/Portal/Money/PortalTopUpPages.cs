using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Hosting;
using Billing.Core.Idempotency;
using Billing.Core.Invoices;
using Billing.Core.Money;
using Billing.Core.Storage;
using Billing.Core.Texts;
using Billing.Core.TopUps;
using Billing.Core.WebSessions;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalMoney.TopUp;

namespace Billing.Http.Portal;

/// <summary>
/// P1, B1–B3: the top-up page. The amount as people type it, its bonus quote (live through the script, or after the
/// "show the bonus" button without it), the bonus steps, then a top-up through the same use case as
/// <c>POST accounts/{id}/topups</c> and on to the provider's checkout, which brings the payer back here. Owners and admins
/// only: anyone else gets the API's refusal, and nothing is written.
/// </summary>
public sealed class PortalTopUpPages(Api.ApiRunner api, TopUpService topUps, InvoiceService invoices, IAccountReader accounts,
    IdempotencyService idempotency, ApiOptions site, MoneyOptions money)
{
    private const int RecentCount = 5;

    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        try { TopUpService.RequirePayer(session.Role); }
        catch (BillingException e) { return Refused(page, e); }
        return await RenderAsync(page, session, StatusCodes.Status200OK, "", null, ct);
    });

    /// <summary>The quote sentence for the script: <c>{text}</c>, also when the amount cannot be topped up (the text says why).</summary>
    public Task<IResult> Quote(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        try { TopUpService.RequirePayer(session.Role); }
        catch (BillingException e) { return Results.Json(new { text = WebPage.Says(e, page.Language), valid = false }, statusCode: StatusCodes.Status403Forbidden); }
        var terms = await topUps.TermsAsync(session.AccountId, ct);
        var (quote, problem, _) = await QuoteAsync(session, page, terms, req.Query["amount"].ToString(), ct);
        return Results.Json(quote is null
            ? new { text = problem!, valid = false, amount = (long?)null, bonus = (long?)null, percent = (int?)null }
            : new { text = QuoteText.Of(quote, terms, page.Language), valid = true, amount = (long?)quote.Amount, bonus = (long?)quote.Bonus, percent = (int?)quote.Percent });
    });

    /// <summary>The form: "show the bonus" answers the page with the quote; otherwise the top-up is created and the payer goes to its checkout (303).</summary>
    public Task<IResult> Create(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var (session, page) = Context(req);
        var form = await req.ReadFormAsync(ct);
        var typed = form["amount"].ToString();
        try
        {
            TopUpService.RequirePayer(session.Role);
            var terms = await topUps.TermsAsync(session.AccountId, ct);
            var (quote, problem, status) = await QuoteAsync(session, page, terms, typed, ct);
            if (quote is null) return await RenderAsync(page with { Error = problem }, session, status, typed, null, ct);
            if (form["action"] == "quote")
                return await RenderAsync(page, session, StatusCodes.Status200OK, AmountInput.Typed(quote.Amount, terms.Currency), QuoteText.Of(quote, terms, page.Language), ct);

            var back = PortalReturnPages.Address(site);
            var checkout = await MoneyForms.OnceAsync(idempotency, req, session, form, $"top-up {quote.Amount}", async operation =>
                (await topUps.CreateAsync(session.AccountId, new TopUpRequest(quote.Amount, session.UserId, session.Role, back), operation, ct)).CheckoutUrl, ct);
            return WebPage.SeeOther(checkout);
        }
        catch (BillingException e) when (e.Kind == ErrorKind.Forbidden) { return Refused(page, e); }
        catch (BillingException e) when (e.Kind is not ErrorKind.NotFound)
        {
            var said = MoneyForms.Says(e, page) ?? WebPage.Says(e, page.Language);
            return await RenderAsync(page with { Error = said }, session, Errors.Problem.StatusOf(e.Kind), typed, null, ct);
        }
        catch (Core.Payments.ProviderCallException)
        {
            // The form may be sent again: its nonce names the same top-up invoice, which then gets its checkout.
            return await RenderAsync(page with { Error = Text.Get(page.Language, K.ProviderFailed) }, session, StatusCodes.Status502BadGateway, typed, null, ct);
        }
    });

    private static (WebSession, PageContext) Context(HttpRequest req) => (PortalContext.Session(req), PortalContext.Page(req, WebRoutes.PortalTopUp));

    /// <summary>
    /// The amount read as typed and quoted by the use case (B3), or why not in the person's language, with the page's status:
    /// the reader's words for what is not an amount (400), the top-up limits for one outside them (422, as the use case says).
    /// </summary>
    private async Task<(BonusQuote? Quote, string? Problem, int Status)> QuoteAsync(WebSession session, PageContext page, TopUpTerms terms, string typed,
        CancellationToken ct)
    {
        var reading = AmountInput.Read(typed, terms.Currency, money.MaxAmountMinor);
        if (reading.ProblemKey == K.AmountOutOfRange) return (null, OutOfRange(terms, page.Language), StatusCodes.Status422UnprocessableEntity);
        if (!reading.Ok) return (null, Text.Get(page.Language, reading.ProblemKey!, reading.ProblemArgs), StatusCodes.Status400BadRequest);
        try { return (await topUps.QuoteAsync(session.AccountId, reading.Minor, ct), null, StatusCodes.Status200OK); }
        catch (BillingException e) when (e.Code == "amount_out_of_range") { return (null, OutOfRange(terms, page.Language), StatusCodes.Status422UnprocessableEntity); }
    }

    private static string OutOfRange(TopUpTerms terms, Language language) =>
        Text.Get(language, K.AmountOutOfRange, MoneyFormat.Format(terms.Min, terms.Currency, language), MoneyFormat.Format(terms.Max, terms.Currency, language));

    private static IResult Refused(PageContext page, BillingException e) =>
        WebPage.Render<RefusedPage>(page with { Error = WebPage.Says(e, page.Language) }, Errors.Problem.StatusOf(e.Kind), new Dictionary<string, object?>
        {
            [nameof(RefusedPage.TitleKey)] = K.Title,
        });

    private async Task<IResult> RenderAsync(PageContext page, WebSession session, int status, string amount, string? quote, CancellationToken ct)
    {
        var account = (await accounts.FindAsync(session.AccountId, ct) ?? throw BillingException.NotFound("account", session.AccountId)).Value;
        var terms = await topUps.TermsAsync(session.AccountId, ct);
        var recent = await invoices.ListAsync(session.AccountId, null, InvoiceKind.TopUp, RecentCount, null, ct);
        return WebPage.Render<TopUpPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(TopUpPage.Account)] = account,
            [nameof(TopUpPage.Terms)] = terms,
            [nameof(TopUpPage.Recent)] = recent.Items,
            [nameof(TopUpPage.Amount)] = amount,
            [nameof(TopUpPage.Quote)] = quote,
            [nameof(TopUpPage.Nonce)] = MoneyForms.NewNonce(),
        });
    }
}

/// <summary>B3 as a sentence: what is paid, the bonus, what reaches the balance, and the next bonus step within reach.</summary>
public static class QuoteText
{
    public static string Of(BonusQuote quote, TopUpTerms terms, Language language)
    {
        string M(long minor) => MoneyFormat.Format(minor, terms.Currency, language);
        var said = quote.Bonus > 0
            ? Text.Get(language, K.QuoteBonus, M(quote.Amount), M(quote.Bonus), quote.Percent, M(quote.Amount + quote.Bonus))
            : Text.Get(language, K.QuoteNoBonus, M(quote.Amount));
        return terms.NextAbove(quote.Percent) is { } next ? said + " " + Text.Get(language, K.QuoteNext, M(next.MinAmount), next.Percent) : said;
    }
}
