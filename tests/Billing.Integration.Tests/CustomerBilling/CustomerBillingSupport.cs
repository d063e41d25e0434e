using System.Text.Json.Nodes;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.CustomerBilling;

/// <summary>The calls the customer-invoicing tests share, each one HTTP request as a tenant's CRM or a payer makes it.</summary>
public static class CustomerBillingSupport
{
    public static async Task<string> CreateTenantAsync(this BillingApp app, string language = "en") =>
        (await BillingApp.ReadAsync(await app.Api.PostAsync("/api/accounts", BillingApp.Json(new
        {
            name = "Music school", currency = "UAH", timeZone = "Europe/Kyiv", country = "UA", language, planId = "standard", addOns = Array.Empty<string>(),
        })), 201))["id"]!.GetValue<string>();

    public static object Guitar(int lessonsLeft = 0) => new
    {
        id = "guitar", name = "Guitar 4", subject = "guitar", lessonType = "individual", price = 100_000, lessonsPerPeriod = 4, lessonsLeft,
    };

    public static object Piano(long moneyLeft = 0) => new
    {
        id = "piano", name = "Piano 8", subject = "piano", lessonType = "group", price = 120_000, lessonsPerPeriod = 8, separateAccount = true, moneyLeft,
    };

    public static async Task<string> CreateCustomerAsync(this BillingApp app, string account, string name, string? email = null, string status = "active",
        string? mobile = null, string? telegramId = null, long balance = 0, object[]? passes = null) =>
        (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/customers", BillingApp.Json(new
        {
            name, type = "individual", status, email, mobile, telegramId, balance, passes = passes ?? [Guitar()],
        })), 201))["id"]!.GetValue<string>();

    public static async Task<JsonNode> CreateCustomerInvoiceAsync(this BillingApp app, string account, object body, int expected = 201) =>
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/customer-invoices", BillingApp.Json(body)), expected);

    public static async Task<JsonNode> ManualInvoiceAsync(this BillingApp app, string account, string customer, long amount, bool repeatable = false,
        string? payableUntil = null, string? target = null) =>
        await app.CreateCustomerInvoiceAsync(account, new
        {
            customerId = customer, calculation = "manual", amount, periodStart = "2026-11-01", periodEnd = "2026-11-30", repeatable, payableUntil, target,
        });

    public static async Task<JsonNode> CustomerAsync(this BillingApp app, string account, string customer) =>
        await app.GetAsync($"/api/accounts/{account}/customers/{customer}");

    public static async Task<JsonNode> CustomerInvoiceAsync(this BillingApp app, string account, string invoice) =>
        await app.GetAsync($"/api/accounts/{account}/customer-invoices/{invoice}");

    /// <summary>"Go to payment" and Pay in the sandbox, as a payer's browser does (the browser tests do it with clicks).</summary>
    public static async Task PayThroughLinkAsync(this BillingApp app, string publicUrl)
    {
        var checkout = await app.Anonymous.PostAsync(new Uri(publicUrl).AbsolutePath + "/checkout", null);
        Assert.Equal(302, (int)checkout.StatusCode);
        var sandbox = checkout.Headers.Location!.AbsolutePath;
        Assert.StartsWith("/api/sandbox/checkout/", sandbox);
        var paid = await app.Anonymous.PostAsync(sandbox + "/pay", null);
        Assert.Equal(302, (int)paid.StatusCode);
        Assert.StartsWith(publicUrl, paid.Headers.Location!.ToString());
    }

    public static async Task<string> PageAsync(this BillingApp app, string publicUrl, int expected = 200)
    {
        var r = await app.Anonymous.GetAsync(new Uri(publicUrl).AbsolutePath);
        Assert.Equal(expected, (int)r.StatusCode);
        return await r.Content.ReadAsStringAsync();
    }

    public static async Task<string> TemplateAsync(this BillingApp app, string account, string body, string subject = "Invoice from {customer.name}") =>
        (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/message-templates",
            BillingApp.Json(new { name = "Invoice", subject, body })), 201))["id"]!.GetValue<string>();
}
