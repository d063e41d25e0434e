using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task S1_the_openapi_document_lists_the_api_routes()
    {
        await using var app = await BillingApp.StartAsync();
        var doc = await BillingApp.ReadAsync(await app.Anonymous.GetAsync("/openapi/v1.json"), 200);
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/accounts/{accountId}/topups", paths);
        Assert.Contains("/api/webhooks/{provider}", paths);
        Assert.Contains("/api/operator/jobs/{job}/runs", paths);
        Assert.True(paths.Count >= 18, $"only {paths.Count} paths: {string.Join(", ", paths)}");
    }
}
