using System.Text;
using System.Text.Json.Nodes;
using Billing.Core.Validation;
using Billing.Http;
using Billing.Http.Endpoints;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Integration.Tests;

/// <summary>
/// S1 object-level authorization: a key scoped to account A, sent to every route of the endpoint table with account
/// B's real ids, is refused and changes nothing; on A's own routes it is let through. Routes come from the server's
/// endpoint table, so a new route is covered without editing this test.
/// </summary>
public sealed class AuthorizationTests
{
    [Fact]
    public async Task S1_an_account_key_never_reads_or_changes_another_accounts_data_on_any_route()
    {
        await using var app = await BillingApp.StartAsync();
        var a = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var b = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        // Account ids are random: A's key is issued for A once A exists, as an operator does it (S1).
        var keyA = (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "crm", accountId = a, name = "tenant A's integration" })), 201))["key"]!.GetValue<string>();
        await app.FundAsync(b, 100_000, "bank-b");
        var customer = await app.CreateCustomerAsync(b, "B's customer", email: "b@example.com");
        var invoice = (await app.ManualInvoiceAsync(b, customer, 10_000))["id"]!.GetValue<string>();

        using var asA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        asA.DefaultRequestHeaders.Add("x-functions-key", keyA);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Select(e => (Entry: e.Metadata.GetMetadata<ApiEndpoint>()!, Pattern: e.RoutePattern.RawText!))
            .Where(r => !r.Entry.IsPublic)
            .Select(r => (Method: r.Entry.Method, r.Pattern, r.Entry.Callers))
            .ToList();
        Assert.True(routes.Count >= 60, $"only {routes.Count} routes");
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        string Fill(string pattern, string account) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)\}", m => m.Groups[1].Value switch
        {
            "accountId" => account,
            "customerId" => customer,
            "invoiceId" => invoice,
            _ => "x1",
        });

        foreach (var (method, pattern, _) in routes)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern, b));
            if (method != "GET") request.Content = new StringContent("""{"amount":1000,"actingUserId":"u","role":"owner","all":true}""", Encoding.UTF8, "application/json");
            var response = await asA.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 403, $"{method} {pattern} with A's key on B: {(int)response.StatusCode} {body}");
            Assert.Equal("key_scope", JsonNode.Parse(body)!["code"]!.GetValue<string>());
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));

        // The same key opens its own account's reads.
        foreach (var (method, pattern, _) in routes.Where(r => r.Method == "GET" && r.Callers.HasFlag(Callers.Crm) && r.Pattern.Contains("{accountId}")))
        {
            var response = await asA.GetAsync(Fill(pattern, a));
            Assert.NotEqual(403, (int)response.StatusCode);
        }
        Assert.Equal(200, (int)(await asA.GetAsync($"/api/accounts/{a}")).StatusCode);
    }
}
