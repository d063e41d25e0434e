using System.Text;
using System.Text.Json;
using Billing.Core.Payments;

namespace Billing.Integration.Tests.Support;

/// <summary>Top-ups and the sandbox provider's signed webhooks, as a payer and the provider would send them.</summary>
public static class SandboxPayments
{
    public static async Task<(string Invoice, string CheckoutUrl, long Amount, long Bonus)> TopUpAsync(BillingApp app, string account, long amount)
    {
        var created = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount, actingUserId = "u1", role = "admin" })), 201);
        return (created["invoice"]!["id"]!.GetValue<string>(), created["checkoutUrl"]!.GetValue<string>(),
            created["invoice"]!["amount"]!.GetValue<long>(), created["invoice"]!["bonus"]!.GetValue<long>());
    }

    /// <summary>A sandbox notification; its id is the one the sandbox derives for the same checkout (or refund) and outcome, unless given.</summary>
    public static string SandboxEvent(string checkoutId, string account, string invoice, long amount, string currency, string? eventId = null,
        string type = "checkout.completed", string? refundId = null) =>
        JsonSerializer.Serialize(new
        {
            id = eventId ?? "evt_" + Billing.Core.Validation.Ids.Hash(refundId ?? checkoutId + "/" + type)[..24],
            type,
            created = 0,
            data = new { checkoutId, accountId = account, invoiceId = invoice, amount, currency, refundId },
        });

    public static Task<HttpResponseMessage> PostWebhookAsync(BillingApp app, string body, DateTimeOffset signedAt, string secret = BillingApp.WebhookSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Sandbox-Signature", WebhookSignature.Sign(body, secret, signedAt));
        return app.Anonymous.SendAsync(request);
    }

    /// <summary>The provider's signed notice that the top-up was paid; its answer is the webhook's.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> PayTopUpByWebhookAsync(BillingApp app, string account, long amount)
    {
        var (invoice, checkoutUrl, total, _) = await TopUpAsync(app, account, amount);
        var body = SandboxEvent(checkoutUrl.Split('/')[^1], account, invoice, total, "UAH");
        return await BillingApp.ReadAsync(await PostWebhookAsync(app, body, app.Clock.GetUtcNow()), 200);
    }
}
