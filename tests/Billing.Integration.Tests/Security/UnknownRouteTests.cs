using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S1, S2: a path no route has is 404 problem+json and a route's path with another method is 405 problem+json with
/// <c>Allow</c>, whatever key is presented (none, a wrong one, an operator's): never a 403 that hints at keys, never an empty body.
/// </summary>
public sealed class UnknownRouteTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IEnumerable<HttpClient> Clients()
    {
        yield return _app.Anonymous;
        yield return _app.Api;
        yield return _app.Admin;
    }

    [Theory]
    [InlineData("GET", "/api/nothing")]
    [InlineData("GET", "/api/accounts/acc_x/nothing")]
    [InlineData("POST", "/api/accounts/acc_x/invoices/inv_x/refund")]
    [InlineData("GET", "/api/operator")]
    [InlineData("DELETE", "/api/operator/accounts/acc_x")]
    [InlineData("GET", "/nothing-at-all")]
    public async Task S1_an_unknown_path_is_404_problem_json_for_every_caller(string method, string path)
    {
        foreach (var client in Clients())
        {
            var r = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var body = await BillingApp.ReadAsync(r, 404);
            Assert.Equal("route_not_found", body["code"]!.GetValue<string>());
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("DELETE", "/api/catalog", "GET")]
    [InlineData("PUT", "/api/accounts", "POST")]
    [InlineData("DELETE", "/api/accounts/acc_x/invoices", "GET, POST")]
    [InlineData("GET", "/api/webhooks/sandbox", "POST")]
    [InlineData("POST", "/api/pay/abc", "GET")]
    [InlineData("PATCH", "/api/accounts/acc_x/customers/cus_x", "GET, PUT")]
    public async Task S1_a_known_path_with_another_method_is_405_problem_json_with_allow(string method, string path, string allow)
    {
        foreach (var client in Clients())
        {
            var r = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var body = await BillingApp.ReadAsync(r, 405);
            Assert.Equal("method_not_allowed", body["code"]!.GetValue<string>());
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Equal(allow, string.Join(", ", r.Content.Headers.Allow.Count > 0 ? r.Content.Headers.Allow : r.Headers.GetValues("Allow")));
        }
    }

    [Fact]
    public async Task S1_known_routes_and_the_openapi_document_still_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous.GetAsync("/api/catalog")).StatusCode);
    }
}
