using System.Text;
using Billing.Integration.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Integration.Tests;

/// <summary>
/// S2/S3: every route the server maps, called with malformed JSON, wrong types, huge and negative numbers, unknown
/// currencies, long strings and injection attempts in ids: never a 5xx, errors as problem+json, nothing written.
/// Routes come from the server's endpoint table, so a new route is fuzzed without editing this test.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Bodies =
    [
        "{", "[]", "null", "\"text\"", "{\"amount\":1e400}", "{\"amount\":-1,\"currency\":\"UAH\"}", "{\"amount\":\"12\"}",
        "{\"amount\":9223372036854775808}", "{\"currency\":\"XXX\",\"amount\":100,\"reference\":\"r\",\"operatorId\":\"o\"}",
        "{\"seats\":-5}", "{\"name\":\"" + new string('x', 20_000) + "\"}", new string('[', 200) + new string(']', 200),
        "{\"planId\":\"' or 1 eq 1\",\"confirm\":true,\"quotedCost\":0,\"actingUserId\":\"u\",\"role\":\"owner\"}",
        "{\"role\":\"owner\",\"actingUserId\":\"" + new string('u', 5_000) + "\"}", "{\"itemId\":\"../../etc/passwd\"}",
        "{\"kind\":\"renewal\",\"amount\":-100,\"description\":\"d\",\"dueDate\":\"2026-13-45\"}", "\u0000\u0001\u0002", "{\"a\":\"\\ud800\"}",
    ];

    private static readonly string[] BadIds = ["x' or PartitionKey ne '", "..%2F..%2Faccount", new string('a', 300), "acc_DOESNOTEXIST", "%00", "<script>"];

    [Fact]
    public async Task S2_S3_every_route_refuses_malformed_input_with_a_problem_and_writes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 40, $"only {routes.Count} routes found");
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var calls = 0;

        foreach (var (method, pattern) in routes)
        {
            var paths = new List<string>();
            // The real account (so validation deeper than the id runs) with bad other ids, and bad account ids.
            paths.Add(Fill(pattern, account, "inv_nothere"));
            foreach (var bad in BadIds) paths.Add(Fill(pattern, Uri.EscapeDataString(bad), Uri.EscapeDataString(bad)));
            foreach (var path in paths.Distinct())
                foreach (var body in method == "GET" ? [""] : Bodies)
                {
                    var client = pattern.Contains("/operator/") ? app.Admin : app.Api;
                    var request = new HttpRequestMessage(new HttpMethod(method), path + (method == "GET" ? "?amount=-1&pageSize=99999999999&role=god&planId=%27&from=x" : ""));
                    if (method != "GET") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    var response = await client.SendAsync(request);
                    calls++;
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True(status < 500, $"{method} {path} with {Trim(body)}: {status} {Trim(text)}");
                    if (status >= 400 && status != 404 || status == 404 && response.Content.Headers.ContentType is not null)
                        Assert.True(response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "text/html",
                            $"{method} {path}: {status} as {response.Content.Headers.ContentType}");
                }
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.True(calls > 500, $"only {calls} calls made");
    }

    private static string Fill(string pattern, string accountId, string otherId) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)\}", m => m.Groups[1].Value == "accountId" ? accountId : otherId);

    private static string Trim(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
