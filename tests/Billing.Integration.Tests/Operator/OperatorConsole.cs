using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Operator;

/// <summary>Calls the P2 tests share: the audit log read through every page, adjustments, a provider payment to refund.</summary>
public static class OperatorConsole
{
    /// <summary>Every entry of an audit query, newest first, following continuation tokens.</summary>
    public static async Task<List<JsonNode>> AuditAsync(this BillingApp app, string query = "", int pageSize = 100)
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/audit?pageSize={pageSize}{query}" +
                (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))), 200);
            all.AddRange(page["items"]!.AsArray().Select(n => n!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return all;
    }

    public static Task<HttpResponseMessage> AdjustAsync(this BillingApp app, string account, long amount, string reason, string? key = null, string currency = "UAH") =>
        app.Admin.PostAsync($"/api/operator/accounts/{account}/adjustments",
            BillingApp.Json(new { amount, currency, reason, idempotencyKey = key, operatorId = "op-anna" }));

    public static string Action(this JsonNode entry) => entry["action"]!.GetValue<string>();

    /// <summary>A top-up paid through the sandbox provider (so it can be refunded), returning the invoice and its payment id.</summary>
    public static async Task<(string Invoice, string Payment, long Amount)> PaidBySandboxAsync(this BillingApp app, string account, long amount)
    {
        var (invoice, url, total, _) = await SandboxPayments.TopUpAsync(app, account, amount);
        var checkoutId = url.Split('/')[^1];
        var sandbox = app.Service<Billing.Infrastructure.Payments.SandboxPaymentProvider>();
        await sandbox.RecordOutcomeAsync((await sandbox.FindAsync(checkoutId, CancellationToken.None))!, paid: true, CancellationToken.None);
        await BillingApp.ReadAsync(await SandboxPayments.PostWebhookAsync(app,
            SandboxPayments.SandboxEvent(checkoutId, account, invoice, total, "UAH"), app.Clock.GetUtcNow()), 200);
        var payment = (await app.GetAsync($"/api/accounts/{account}/invoices/{invoice}"))["paymentId"]!.GetValue<string>();
        return (invoice, payment, total);
    }
}
