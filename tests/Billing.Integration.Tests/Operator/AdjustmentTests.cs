using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Operator;

/// <summary>P2, A2: an operator adjusts a balance with a reason: one entry per key however often it is sent, bad input writes nothing.</summary>
public sealed class AdjustmentTests
{
    [Fact]
    public async Task P2_an_adjustment_with_the_same_key_twice_books_one_entry_and_another_body_with_it_is_refused()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var first = await BillingApp.ReadAsync(await app.AdjustAsync(account, 12_500, "Compensation for the outage of 2026-11-01", key: "ticket-4411"), 201);
        Assert.False(first["repeated"]!.GetValue<bool>());
        Assert.Equal(12_500, first["balanceAfter"]!.GetValue<long>());
        var again = await BillingApp.ReadAsync(await app.AdjustAsync(account, 12_500, "Compensation for the outage of 2026-11-01", key: "ticket-4411"), 200);
        Assert.True(again["repeated"]!.GetValue<bool>());
        Assert.Equal(first["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal("idempotency_key_reused", (await BillingApp.ReadAsync(await app.AdjustAsync(account, 99, "other", key: "ticket-4411"), 422))["code"]!.GetValue<string>());

        // The Idempotency-Key header works as on every money route: the first answer is replayed.
        async Task<HttpResponseMessage> WithHeader(long amount)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/operator/accounts/{account}/adjustments")
            {
                Content = BillingApp.Json(new { amount, currency = "UAH", reason = "Header keyed" }),
            };
            request.Headers.Add("Idempotency-Key", "adj-header-1");
            return await app.Admin.SendAsync(request);
        }
        var byHeader = await BillingApp.ReadAsync(await WithHeader(-2_500), 201);
        Assert.Equal(byHeader.ToJsonString(), (await BillingApp.ReadAsync(await WithHeader(-2_500), 201)).ToJsonString());

        var ledger = await app.LedgerAsync(account);
        var adjustments = ledger.Where(e => e["kind"]!.GetValue<string>() == "adjustment").ToList();
        Assert.Equal(2, adjustments.Count);
        Assert.Contains(adjustments, e => e["description"]!.GetValue<string>().Contains("Compensation for the outage of 2026-11-01", StringComparison.Ordinal));
        Assert.Equal(10_000, await app.BalanceAsync(account));
        await app.AssertLedgerConsistentAsync(account);
        Assert.Equal(2, (await app.AuditAsync($"&accountId={account}&action=adjustment")).Count);
    }

    [Fact]
    public async Task P2_bad_adjustments_are_400_or_422_problems_and_write_nothing_not_even_an_audit_entry()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { Settings = { ["Money:MaxAmountMinor"] = "1000000" } });
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await BillingApp.ReadAsync(await app.AdjustAsync(account, 3_000, "Opening credit"), 201);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);

        async Task Refused(HttpResponseMessage response, int status, string code)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, (await BillingApp.ReadAsync(response, status))["code"]!.GetValue<string>());
        }
        string Path() => $"/api/operator/accounts/{account}/adjustments";
        await Refused(await app.AdjustAsync(account, 0, "nothing"), 400, "amount_out_of_bounds");
        await Refused(await app.AdjustAsync(account, 1_000_001, "too much"), 400, "amount_out_of_bounds");
        await Refused(await app.AdjustAsync(account, long.MinValue, "overflow"), 400, "amount_out_of_bounds");
        await Refused(await app.Admin.PostAsync(Path(), new StringContent("""{"amount":9223372036854775808,"currency":"UAH","reason":"x"}""",
            System.Text.Encoding.UTF8, "application/json")), 400, "json_invalid");
        await Refused(await app.AdjustAsync(account, -3_001, "more than the balance holds"), 422, "adjustment_below_zero");
        await Refused(await app.AdjustAsync(account, 100, " "), 400, "field_missing");
        await Refused(await app.Admin.PostAsync(Path(), BillingApp.Json(new { amount = 100, currency = "UAH" })), 400, "field_missing");
        await Refused(await app.AdjustAsync(account, 100, new string('r', 501)), 400, "field_too_long");
        await Refused(await app.AdjustAsync(account, 100, "hidden\u0007bell"), 400, "text_invalid");
        await Refused(await app.AdjustAsync(account, 100, "reordered \u202Etext"), 400, "text_invalid");
        await Refused(await app.AdjustAsync(account, 100, "wrong currency", currency: "EUR"), 400, "currency_mismatch");
        await Refused(await app.AdjustAsync(account, 100, "unknown currency", currency: "XXX"), 400, "currency_unknown");
        await Refused(await app.AdjustAsync(account, 100, "bad key", key: "key\u0001"), 400, "text_invalid");
        await Refused(await app.AdjustAsync("acc_doesnotexist", 100, "nobody"), 404, "account_not_found");
        await Refused(await app.Admin.PostAsync(Path(), new StringContent("amount=100", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")), 415, "unsupported_media_type");
        await Refused(await app.Admin.PostAsync(Path(), BillingApp.Json(new { amount = 100, currency = "UAH", reason = "r", extra = true })), 400, "json_invalid");

        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.Single(await app.AuditAsync($"&accountId={account}"));
        Assert.Equal(3_000, await app.BalanceAsync(account));
        // To zero is allowed: a correction takes back what the balance holds, never more.
        Assert.Equal(0, (await BillingApp.ReadAsync(await app.AdjustAsync(account, -3_000, "Reversal of the opening credit"), 201))["balanceAfter"]!.GetValue<long>());
    }
}
