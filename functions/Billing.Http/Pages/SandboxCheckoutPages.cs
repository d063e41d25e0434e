using Billing.Core;
using Billing.Infrastructure.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Http.Pages;

/// <summary>
/// The sandbox provider's hosted checkout: what a payer sees at a real provider, reduced to Pay and Decline.
/// Pressing a button posts a signed webhook to the merchant; the balance changes only through that webhook.
/// </summary>
public sealed class SandboxCheckoutPages(Api.ApiRunner api, SandboxPaymentProvider sandbox, PageSecurity pages)
{
    public Task<IResult> Show(HttpRequest req, string checkoutId, CancellationToken ct) => api.RunPage(req, async () =>
        Page(200, Allow(req, await Find(checkoutId, ct)), null));

    public Task<IResult> Pay(HttpRequest req, string checkoutId, CancellationToken ct) => Complete(req, checkoutId, paid: true, ct);

    public Task<IResult> Decline(HttpRequest req, string checkoutId, CancellationToken ct) => Complete(req, checkoutId, paid: false, ct);

    private Task<IResult> Complete(HttpRequest req, string checkoutId, bool paid, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var checkout = Allow(req, await Find(checkoutId, ct));
        var outcome = paid ? SandboxStatus.Paid : SandboxStatus.Declined;
        // Pressing the same button again resends the same notification (a real provider retries); the other one is refused.
        if (checkout.Status != SandboxStatus.Open && checkout.Status != outcome)
            return Page(409, checkout, "This checkout is already complete.");
        var (delivered, status) = await sandbox.CompleteAsync(checkout, paid, ct);
        if (!delivered)
            return Page(502, checkout with { Status = outcome },
                $"The merchant did not accept the notification (HTTP {status}): the payment went through, and the merchant will learn of it when it reconciles.");
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

    private static IResult Page(int status, SandboxCheckout checkout, string? message) =>
        new RazorComponentResult<Components.SandboxCheckoutPage>(new Dictionary<string, object?>
        {
            [nameof(Components.SandboxCheckoutPage.Checkout)] = checkout, [nameof(Components.SandboxCheckoutPage.Message)] = message,
        }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
