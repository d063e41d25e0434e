using System.Net;
using Billing.Core;
using Billing.Infrastructure.Payments;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Pages;

/// <summary>
/// The sandbox provider's hosted checkout: what a payer sees at a real provider, reduced to Pay and Decline.
/// Pressing a button posts a signed webhook to the merchant; the balance changes only through that webhook.
/// </summary>
public sealed class SandboxCheckoutPages(Api.ApiRunner api, SandboxPaymentProvider sandbox, PageSecurity pages)
{
    public Task<IResult> Show(HttpRequest req, string checkoutId, CancellationToken ct) => api.RunPage(req, async () =>
        Html(200, Render(Allow(req, await Find(checkoutId, ct)), null)));

    public Task<IResult> Pay(HttpRequest req, string checkoutId, CancellationToken ct) => Complete(req, checkoutId, paid: true, ct);

    public Task<IResult> Decline(HttpRequest req, string checkoutId, CancellationToken ct) => Complete(req, checkoutId, paid: false, ct);

    private Task<IResult> Complete(HttpRequest req, string checkoutId, bool paid, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var checkout = Allow(req, await Find(checkoutId, ct));
        var outcome = paid ? SandboxStatus.Paid : SandboxStatus.Declined;
        // Pressing the same button again resends the same notification (a real provider retries); the other one is refused.
        if (checkout.Status != SandboxStatus.Open && checkout.Status != outcome)
            return Html(409, Render(checkout, "This checkout is already complete."));
        var (delivered, status) = await sandbox.CompleteAsync(checkout, paid, ct);
        if (!delivered)
            return Html(502, Render(checkout with { Status = outcome },
                $"The merchant did not accept the notification (HTTP {status}): the payment went through, and the merchant will learn of it when it reconciles."));
        if (checkout.ReturnUrl.Length > 0)
            return Results.Redirect(checkout.ReturnUrl + (checkout.ReturnUrl.Contains('?') ? "&" : "?") + "checkout=" + (paid ? "paid" : "declined"));
        return Results.Redirect($"/{Routes.Prefix}/sandbox/checkout/{checkout.Id}");
    });

    /// <summary>Pay and Decline redirect to the merchant's return page: the page's form-action allows its origin too.</summary>
    private SandboxCheckout Allow(HttpRequest req, SandboxCheckout c)
    {
        if (c.ReturnUrl.Length > 0 && Uri.TryCreate(c.ReturnUrl, UriKind.Absolute, out _))
            PageSecurity.Apply(req.HttpContext.Response, [.. pages.FormTargets, Core.Hosting.Origins.Of(c.ReturnUrl)]);
        return c;
    }

    private async Task<SandboxCheckout> Find(string checkoutId, CancellationToken ct) =>
        await sandbox.FindAsync(checkoutId, ct) ?? throw BillingException.NotFound("checkout", checkoutId);

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string Render(SandboxCheckout c, string? message)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var amount = E(new Core.Money.Money(c.Amount, c.Currency).ToString());
        var state = c.Status switch
        {
            SandboxStatus.Paid => "Paid",
            SandboxStatus.Declined => "Declined",
            _ => "Awaiting payment",
        };
        var actions = c.Status == SandboxStatus.Open
            ? $"""
              <form method="post" action="/{Routes.Prefix}/sandbox/checkout/{E(c.Id)}/pay"><button type="submit" id="pay">Pay {amount}</button></form>
              <form method="post" action="/{Routes.Prefix}/sandbox/checkout/{E(c.Id)}/decline"><button type="submit" id="decline" class="secondary">Decline</button></form>
              """
            : c.ReturnUrl.Length > 0 ? $"""<p><a href="{E(c.ReturnUrl)}">Back to the merchant</a></p>""" : "";
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sandbox checkout · {E(c.InvoiceNumber)}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a{"}"}
            .card{"{"}border:1px solid #ccc;border-radius:.5rem;padding:1.25rem{"}"} button{"{"}font-size:1.1rem;padding:.7rem 1.2rem;margin:.4rem 0;width:100%;border-radius:.4rem;border:0;background:#1d4ed8;color:#fff;cursor:pointer{"}"}
            button.secondary{"{"}background:#e5e7eb;color:#111{"}"} .note{"{"}color:#555;font-size:.9rem{"}"} .msg{"{"}background:#fef3c7;padding:.6rem;border-radius:.4rem{"}"}</style></head>
            <body><main class="card">
            <p class="note">Sandbox payment provider: no real money moves; no card data is asked for.</p>
            <h1>Invoice {E(c.InvoiceNumber)}</h1>
            <p>{E(c.Description)}</p>
            <p><strong id="amount">{amount}</strong></p>
            <p>Status: <span id="status">{state}</span></p>
            {(message is null ? "" : $"<p class=\"msg\" role=\"status\">{E(message)}</p>")}
            {actions}
            </main></body></html>
            """;
    }
}
