using System.Text;
using System.Text.Json.Nodes;
using Billing.Core.Validation;
using Billing.Http;
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
        var run = Guid.NewGuid().ToString("N")[..8];
        var (keyA, keyB) = ($"key-a-{run}", $"key-b-{run}");
        var (a, b) = (Ids.FromKey("acc", "authz-a-" + run), Ids.FromKey("acc", "authz-b-" + run));
        await using var app = await BillingApp.StartAsync(new BillingApp { AccountKeys = new Dictionary<string, string> { [a] = keyA, [b] = keyB } });
        foreach (var (id, key) in new[] { (a, "authz-a-" + run), (b, "authz-b-" + run) })
        {
            var create = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
            {
                Content = BillingApp.Json(new { name = id, currency = "UAH", timeZone = "Europe/Kyiv", country = "UA", language = "en", planId = "standard", addOns = Array.Empty<string>() }),
            };
            create.Headers.Add("Idempotency-Key", key);
            Assert.Equal(id, (await BillingApp.ReadAsync(await app.Api.SendAsync(create), 201))["id"]!.GetValue<string>());
        }
        await app.FundAsync(b, 100_000, "bank-b");
        var customer = await app.CreateCustomerAsync(b, "B's customer", email: "b@example.com");
        var invoice = (await app.ManualInvoiceAsync(b, customer, 10_000))["id"]!.GetValue<string>();

        using var asA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        asA.DefaultRequestHeaders.Add("x-functions-key", keyA);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => (Method: m, Pattern: e.RoutePattern.RawText!, Access: e.Metadata.GetMetadata<RouteAccess>()!.Access)))
            .Where(r => r.Access != Access.Public)
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
        foreach (var (method, pattern, access) in routes.Where(r => r.Method == "GET" && r.Access == Access.Function && r.Pattern.Contains("{accountId}")))
        {
            var response = await asA.GetAsync(Fill(pattern, a));
            Assert.NotEqual(403, (int)response.StatusCode);
        }
        Assert.Equal(200, (int)(await asA.GetAsync($"/api/accounts/{a}")).StatusCode);
    }
}
