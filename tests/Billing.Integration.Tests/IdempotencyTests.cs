using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>B8: the same Idempotency-Key and body give the first answer; one effect however many arrive at once.</summary>
public sealed class IdempotencyTests
{
    private static HttpRequestMessage TopUp(string account, string key, long amount) =>
        new(HttpMethod.Post, $"/api/accounts/{account}/topups")
        {
            Content = BillingApp.Json(new { amount, actingUserId = "u1", role = "owner" }),
            Headers = { { "Idempotency-Key", key } },
        };

    [Fact]
    public async Task B8_fifty_parallel_requests_with_one_key_have_one_effect_and_the_same_answer()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.Api.SendAsync(TopUp(account, "order-42", 25_000))));
        var bodies = new List<string>();
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            bodies.Add(await r.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());

        // Exactly one invoice was created: the next one gets number 2.
        var next = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "order-43", 25_000)), 201);
        Assert.Equal("INV-000002", next["invoice"]!["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task B8_the_same_key_with_another_body_is_refused_and_a_failed_request_frees_its_key()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k1", 25_000)), 201);
        var reused = await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k1", 26_000)), 422);
        Assert.Equal("idempotency_key_reused", reused["code"]!.GetValue<string>());

        // Below the minimum: refused, and the key is not spent on the refusal.
        await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k2", 1)), 422);
        await BillingApp.ReadAsync(await app.Api.SendAsync(TopUp(account, "k2", 25_000)), 201);
    }

    [Fact]
    public async Task B8_account_creation_with_a_key_creates_one_account()
    {
        await using var app = await BillingApp.StartAsync();
        var body = new { name = "Once", currency = "EUR", timeZone = "Europe/Berlin", country = "DE", language = "en", planId = "start" };
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts") { Content = BillingApp.Json(body), Headers = { { "Idempotency-Key", "signup-7" } } };
            ids.Add((await BillingApp.ReadAsync(await app.Api.SendAsync(request), 201))["id"]!.GetValue<string>());
        }
        Assert.Single(ids.Distinct());
    }
}
