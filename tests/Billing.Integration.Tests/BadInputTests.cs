using System.Net;
using System.Text;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>S2/S3: every kind of bad input gets a 4xx problem+json and writes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private BillingApp _app = null!;
    private string _account = "";

    public async Task InitializeAsync()
    {
        _app = await BillingApp.StartAsync();
        _account = await _app.CreateActiveAccountAsync(seats: 2);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static TheoryData<string, string, string, int> Cases() => new()
    {
        // method, path ({a} = a real account), body, expected status
        { "POST", "/api/accounts", "{not json", 400 },
        { "POST", "/api/accounts", "", 400 },
        { "POST", "/api/accounts", "[]", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"XXX","timeZone":"Europe/Kyiv","country":"UA","planId":"standard"}""", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"UAH","timeZone":"Mars/Olympus","country":"UA","planId":"standard"}""", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"UAH","timeZone":"Europe/Kyiv","country":"UA","planId":"nope"}""", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"UAH","timeZone":"Europe/Kyiv","country":"ukraine","planId":"standard"}""", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"UAH","timeZone":"Europe/Kyiv","country":"UA","planId":"standard","language":"de"}""", 400 },
        { "POST", "/api/accounts", """{"name":"x","currency":"UAH","timeZone":"Europe/Kyiv","country":"UA","planId":"standard","admin":true}""", 400 },
        { "POST", "/api/accounts", """{"name":123,"currency":"UAH","timeZone":"Europe/Kyiv","country":"UA","planId":"standard"}""", 400 },
        { "POST", "/api/accounts", "{\"name\":\"" + new string('x', 300) + "\",\"currency\":\"UAH\",\"timeZone\":\"Europe/Kyiv\",\"country\":\"UA\",\"planId\":\"standard\"}", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":-5,"actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":0,"actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":100000000000000000000000,"actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":12.5,"actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":"100","actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":100000,"actingUserId":"u","role":"king"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":100000,"role":"owner"}""", 400 },
        // Beyond Money:MaxAmountMinor (10^12): 400 with a field error; within it but above the catalog's top-up maximum: 422.
        { "POST", "/api/accounts/{a}/topups", """{"amount":9223372036854775807,"actingUserId":"u","role":"owner"}""", 400 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":100000000000,"actingUserId":"u","role":"owner"}""", 422 },
        { "POST", "/api/accounts/{a}/topups", """{"amount":100000,"actingUserId":"u","role":"owner","returnUrl":"javascript:alert(1)"}""", 400 },
        { "POST", "/api/accounts/acc_doesnotexist00000000/topups", """{"amount":100000,"actingUserId":"u","role":"owner"}""", 404 },
        { "POST", "/api/accounts/x'%20or%20'1'='1/topups", """{"amount":100000,"actingUserId":"u","role":"owner"}""", 404 },
        { "GET", "/api/accounts/PartitionKey%20ne%20''", "", 404 },
        { "GET", "/api/accounts/{a}/invoices/inv_missing", "", 404 },
        { "GET", "/api/accounts/{a}/topups/quote?amount=abc", "", 400 },
        { "GET", "/api/accounts/{a}/ledger?pageSize=0", "", 400 },
        { "GET", "/api/accounts/{a}/ledger?continuationToken=%%%", "", 400 },
        { "GET", "/api/accounts/{a}/ledger?from=yesterday", "", 400 },
        { "POST", "/api/accounts/{a}/seats", """{"seats":-1}""", 400 },
        { "POST", "/api/accounts/{a}/seats", """{"seats":1000000}""", 400 },
        { "POST", "/api/accounts/{a}/seats", """{"seats":"many"}""", 400 },
        { "POST", "/api/accounts/{a}/usage", """{"metric":"sms","quantity":5}""", 400 },
        { "PATCH", "/api/accounts/{a}/settings", """{"currency":"ZZZ"}""", 400 },
        { "PATCH", "/api/accounts/{a}/settings", """{"planId":"start"}""", 409 },
        { "POST", "/api/accounts/{a}/activate", "", 200 },
        { "POST", "/api/webhooks/paypal", "{}", 404 },
        { "POST", "/api/operator/jobs/no-such-job/runs", "", 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task S2_bad_input_gets_a_problem_json_and_writes_nothing(string method, string path, string body, int expected)
    {
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var client = path.StartsWith("/api/operator") ? _app.Admin : _app.Api;
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{a}", _account));
        if (method != "GET") request.Content = Raw(body);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{method} {path} {body}: {(int)response.StatusCode} {text}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"code\":", text);
            Assert.DoesNotContain("   at ", text); // no stack traces
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    [Fact]
    public async Task S2_an_oversized_body_is_refused_with_413()
    {
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        var huge = "{\"name\":\"" + new string('x', 70_000) + "\"}";
        var response = await _app.Api.PostAsync("/api/accounts", Raw(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    [Fact]
    public async Task S1_management_routes_need_a_key_and_operator_routes_an_admin_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous.GetAsync($"/api/accounts/{_account}")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{_account}") { Headers = { { "x-functions-key", "guess" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Anonymous.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Api.GetAsync($"/api/accounts/{_account}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Admin.GetAsync($"/api/accounts/{_account}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Api.PostAsync("/api/operator/jobs/daily-charge/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Api.GetAsync($"/api/accounts/{_account}?code=ignored")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous.GetAsync($"/api/accounts/{_account}?code={BillingApp.FunctionKey}")).StatusCode);
    }
}
