using System.Net;
using System.Text;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.CustomerBilling;
using Billing.Core.Texts;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Pages.Invoice;

namespace Billing.Http.Pages;

/// <summary>
/// F3: the page a tenant's customer opens from a link, and its "Go to payment" form. Server-rendered, accessible,
/// usable on a phone, in the tenant's language (every word from the text catalog). The checkout applies the same rules
/// as the page, so a saved form or a crafted POST cannot pay an expired, paid or archived invoice.
/// </summary>
public sealed class PublicInvoicePages(Api.ApiRunner api, PublicInvoiceService invoices)
{
    public Task<IResult> Show(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var found = await invoices.LookupAsync(token, ct);
        if (found.Found is not { } p) return NotFound(req, found.TenantLanguage);
        var returned = req.Query["checkout"].ToString() == "paid" && p.Invoice.Status == CustomerInvoiceStatus.AwaitingPayment;
        return Html(200, Render(p, token, returned));
    });

    public Task<IResult> Checkout(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var found = await invoices.LookupAsync(token, ct);
        if (found.Found is not { } p) return NotFound(req, found.TenantLanguage);
        try
        {
            return Results.Redirect(await invoices.CheckoutAsync(token, ct));
        }
        catch (BillingException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Refused)
        {
            // The payer sees the page again, with the reason and no button: the same answer the page gives.
            return Html(e.Kind == ErrorKind.Conflict ? 409 : 422, Render(p, token, returned: false));
        }
    });

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>In the language of the tenant whose link it was when known, else in the browser's (Accept-Language), else English.</summary>
    private static IResult NotFound(HttpRequest req, Language? tenant)
    {
        var language = tenant ?? Text.FromAcceptLanguage(req.Headers.AcceptLanguage.ToString()) ?? Language.En;
        string T(string key) => WebUtility.HtmlEncode(Text.Get(language, key));
        return Html(404, Layout(language, Text.Get(language, K.NotFoundTitle), $"<h1>{T(K.NotFoundTitle)}</h1><p>{T(K.NotFoundText)}</p>"));
    }

    private static string Render(PublicInvoice p, string token, bool returned)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var language = p.Language;
        string T(string key, params object?[] args) => E(Text.Get(language, key, args));
        var inv = p.Invoice;
        var c = p.Company;
        // The amount never breaks inside itself: "UAH" stays with its number however narrow the screen.
        var amount = $"<span class=\"money\">{E(Core.Money.MoneyFormat.Format(inv.Amount, inv.Currency, language))}</span>";
        var notes = new StringBuilder();
        void Note(string css, string role, string id, string text) => notes.Append($"<p class=\"{css}\" role=\"{role}\" id=\"{id}\">{text}</p>");
        switch (p.Payability)
        {
            case Payability.Expired: Note("msg", "alert", "message", T(K.ExpiredNote)); break;
            case Payability.Archived: Note("msg", "alert", "message", T(K.ArchivedNote)); break;
            case Payability.AlreadyPaid: Note("ok", "status", "message", T(K.PaidNote)); break;
            case Payability.NotYetOpen: Note("msg", "status", "message", T(K.NotYetOpenNote, Text.Date(language, inv.PayableFrom))); break;
            case Payability.Payable when p.PaysAgain: Note("ok", "status", "message", T(K.PaidNote)); break;
        }
        if (returned) Note("ok", "status", "returned", T(K.ReturnedNote));
        if (inv.LastAttemptDeclined && p.Payability == Payability.Payable) Note("msg", "alert", "declined", T(K.DeclinedNote));
        var action = $"/{Routes.Prefix}/pay/{E(token)}/checkout";
        var button = p.Payability != Payability.Payable ? ""
            : p.PaysAgain
                // Paid comes first; paying again is offered, not urged.
                ? $"<p class=\"hint\">{T(K.PayAgainHint)}</p><form method=\"post\" action=\"{action}\"><button type=\"submit\" id=\"pay-again\" class=\"secondary\">{T(K.PayAgain)} · {amount}</button></form>"
                : $"<form method=\"post\" action=\"{action}\"><button type=\"submit\" id=\"pay\">{T(K.Pay)} · {amount}</button></form>";
        var company = new StringBuilder();
        void Row(string label, string value)
        {
            if (value.Length > 0) company.Append($"<dt>{T(label)}</dt><dd>{E(value)}</dd>");
        }
        Row(K.Payee, c.LegalName.Length > 0 ? c.LegalName : p.TenantName);
        Row(K.TaxId, c.TaxId);
        Row(K.Address, c.Address);
        Row(K.Bank, c.BankDetails);
        var until = inv.PayableUntil is { } u ? Text.Date(language, u) : Text.Get(language, K.NoEnd);
        var status = p.Status switch
        {
            ShownStatus.Paid => K.StatusPaid,
            ShownStatus.Expired => K.StatusExpired,
            ShownStatus.Archived => K.StatusArchived,
            _ => K.StatusAwaitingPayment,
        };
        var body = $"""
            <p class="seller">{E(p.TenantName)}</p>
            <h1>{T(K.Title, inv.Number)}</h1>
            <dl class="facts">
            <dt>{T(K.Customer)}</dt><dd id="customer">{E(inv.CustomerName)}</dd>
            <dt>{T(K.For)}</dt><dd id="for">{E(PaysFor(inv, language))}</dd>
            <dt>{T(K.Amount)}</dt><dd id="amount"><strong>{amount}</strong></dd>
            <dt>{T(K.Period)}</dt><dd id="period">{E(Text.Date(language, inv.PeriodStart))} – {E(Text.Date(language, inv.PeriodEnd))}</dd>
            <dt>{T(K.PayableUntil)}</dt><dd id="payable-until">{E(until)}</dd>
            <dt>{T(K.Status)}</dt><dd id="status" data-status="{Core.Json.Names.Of(p.Status)}">{T(status)}</dd>
            </dl>
            {notes}
            {button}
            <section aria-label="{T(K.Payee)}"><dl class="company">{company}</dl></section>
            <p><a id="offer" href="{E(p.PublicOfferUrl)}" rel="noopener">{T(K.Offer)}</a></p>
            """;
        return Layout(language, Text.Get(language, K.Title, inv.Number), body);
    }

    /// <summary>The passes the invoice is for, with their subjects; the base account when it names none.</summary>
    private static string PaysFor(CustomerInvoice inv, Language language)
    {
        var passes = string.Join(", ", inv.PassNames);
        var subjects = string.Join(", ", inv.Subjects.Where(s => !inv.PassNames.Contains(s, StringComparer.OrdinalIgnoreCase)));
        return (passes.Length, subjects.Length) switch
        {
            (> 0, > 0) => $"{passes} ({subjects})",
            (> 0, _) => passes,
            (_, > 0) => subjects,
            _ => Text.Get(language, K.BaseAccount),
        };
    }

    private static string Layout(Language language, string title, string body) => $$"""
        <!doctype html>
        <html lang="{{Core.Json.Names.Of(language)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{font-family:system-ui,sans-serif;max-width:32rem;margin:1.5rem auto;padding:0 1rem;color:#111;line-height:1.45;overflow-wrap:anywhere}
        main{border:1px solid #bbb;border-radius:.5rem;padding:1.25rem} h1{font-size:1.4rem;margin:.2rem 0 1rem}
        .seller{color:#444;margin:0} dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.3rem 1rem;margin:0 0 1rem}
        dt{color:#444;min-width:0} dd{margin:0;min-width:0} .money{white-space:nowrap}
        button{font:inherit;font-size:1.1rem;padding:.8rem 1.2rem;width:100%;max-width:100%;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;cursor:pointer;white-space:normal}
        button.secondary{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8;font-size:1rem;padding:.6rem 1rem}
        button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .msg{background:#fee2e2;color:#7f1d1d;padding:.7rem;border-radius:.4rem} .ok{background:#dcfce7;color:#14532d;padding:.7rem;border-radius:.4rem}
        .hint{color:#444;font-size:.9rem;margin:.5rem 0 .3rem}
        .company{font-size:.9rem;margin-top:1.2rem} a{color:#1d4ed8}
        @media (max-width:30rem){body{margin:.75rem auto;padding:0 .5rem} main{padding:1rem} dl{grid-template-columns:minmax(0,1fr);gap:0} dt{margin-top:.5rem} }
        </style></head>
        <body><main>{{body}}</main></body></html>
        """;
}
