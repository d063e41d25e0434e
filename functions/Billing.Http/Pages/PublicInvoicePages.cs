using System.Net;
using System.Text;
using Billing.Core;
using Billing.Core.CustomerBilling;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Pages;

/// <summary>
/// F3: the page a tenant's customer opens from a link, and its "Go to payment" form. Server-rendered, accessible,
/// usable on a phone, in the tenant's language. The checkout applies the same rules as the page, so a saved form
/// or a crafted POST cannot pay an expired, paid or archived invoice.
/// </summary>
public sealed class PublicInvoicePages(Api.ApiRunner api, PublicInvoiceService invoices)
{
    public Task<IResult> Show(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var p = await Find(token, ct);
        if (p is null) return NotFound();
        var returned = req.Query["checkout"].ToString() == "paid" && p.Invoice.Status == CustomerInvoiceStatus.AwaitingPayment;
        return Html(200, Render(p, token, returned ? PublicInvoiceTexts.For(p.Language).Returned : null));
    });

    public Task<IResult> Checkout(HttpRequest req, string token, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var p = await Find(token, ct);
        if (p is null) return NotFound();
        try
        {
            return Results.Redirect(await invoices.CheckoutAsync(token, ct));
        }
        catch (BillingException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Refused)
        {
            // The payer sees the page again, with the reason and no button: the same answer the page gives.
            return Html(e.Kind == ErrorKind.Conflict ? 409 : 422, Render(p, token, null));
        }
    });

    private async Task<PublicInvoice?> Find(string token, CancellationToken ct)
    {
        try { return await invoices.FindAsync(token, ct); }
        catch (BillingException e) when (e.Kind == ErrorKind.NotFound) { return null; }
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult NotFound() => Html(404, Layout("en", "Not found", "<h1>Invoice not found</h1><p>Check the link you were sent.</p>"));

    private static string Render(PublicInvoice p, string token, string? notice)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var t = PublicInvoiceTexts.For(p.Language);
        var inv = p.Invoice;
        var c = p.Company;
        var amount = Core.Money.MoneyFormat.Format(inv.Amount, inv.Currency, p.Language);
        var state = p.Payability switch
        {
            Payability.Expired => $"<p class=\"msg\" role=\"alert\" id=\"message\">{E(PublicTexts.Expired(p.Language))}</p>",
            Payability.Archived => $"<p class=\"msg\" role=\"alert\" id=\"message\">{E(t.ArchivedNote)}</p>",
            Payability.AlreadyPaid => $"<p class=\"ok\" role=\"status\" id=\"message\">{E(t.PaidNote)}</p>",
            Payability.NotYetOpen => $"<p class=\"msg\" role=\"status\" id=\"message\">{E(t.NotYetOpen)}</p>",
            _ when inv.Status == CustomerInvoiceStatus.Paid => $"<p class=\"ok\" role=\"status\" id=\"message\">{E(t.PaidAgainNote)}</p>",
            _ => "",
        };
        var button = p.Payability == Payability.Payable
            ? $"<form method=\"post\" action=\"/{Routes.Prefix}/pay/{E(token)}/checkout\"><button type=\"submit\" id=\"pay\">{E(t.Pay)} · {E(amount)}</button></form>"
            : "";
        var company = new StringBuilder();
        void Row(string label, string value)
        {
            if (value.Length > 0) company.Append($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");
        }
        Row(t.Seller, c.LegalName.Length > 0 ? c.LegalName : p.TenantName);
        Row(t.TaxId, c.TaxId);
        Row(t.Address, c.Address);
        Row(t.Bank, c.BankDetails);
        var until = inv.PayableUntil is { } u ? TemplateTags.Date(u, p.Language) : t.NoEnd;
        var body = $"""
            <p class="seller">{E(p.TenantName)}</p>
            <h1>{E(t.Invoice)} {E(inv.Number)}</h1>
            {(notice is null ? "" : $"<p class=\"ok\" role=\"status\">{E(notice)}</p>")}
            <dl class="facts">
            <dt>{E(t.Amount)}</dt><dd id="amount"><strong>{E(amount)}</strong></dd>
            <dt>{E(t.Period)}</dt><dd id="period">{E(TemplateTags.Date(inv.PeriodStart, p.Language))} – {E(TemplateTags.Date(inv.PeriodEnd, p.Language))}</dd>
            <dt>{E(t.PayableUntil)}</dt><dd id="payable-until">{E(until)}</dd>
            <dt>{E(t.Status)}</dt><dd id="status" data-status="{Core.Json.Names.Of(inv.Status)}">{E(t.StatusName(inv.Status))}</dd>
            </dl>
            {state}
            {button}
            <section aria-label="{E(t.Seller)}"><dl class="company">{company}</dl></section>
            <p><a id="offer" href="{E(p.PublicOfferUrl)}" rel="noopener">{E(t.Offer)}</a></p>
            """;
        return Layout(t.Lang, $"{t.Invoice} {inv.Number}", body);
    }

    private static string Layout(string lang, string title, string body) => $$"""
        <!doctype html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:32rem;margin:1.5rem auto;padding:0 1rem;color:#111;line-height:1.45}
        main{border:1px solid #bbb;border-radius:.5rem;padding:1.25rem} h1{font-size:1.4rem;margin:.2rem 0 1rem}
        .seller{color:#444;margin:0} dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem;margin:0 0 1rem} dt{color:#444} dd{margin:0}
        button{font-size:1.1rem;padding:.8rem 1.2rem;width:100%;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;cursor:pointer}
        button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .msg{background:#fee2e2;color:#7f1d1d;padding:.7rem;border-radius:.4rem} .ok{background:#dcfce7;color:#14532d;padding:.7rem;border-radius:.4rem}
        .company{font-size:.9rem;margin-top:1.2rem} a{color:#1d4ed8}
        </style></head>
        <body><main>{{body}}</main></body></html>
        """;
}
