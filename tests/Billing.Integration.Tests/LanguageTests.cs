using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Money;
using Billing.Core.Texts;
using Billing.Core.Time;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>G1 over HTTP: what people read (ledger, breakdown, problem details) is in the account's language.</summary>
public sealed class LanguageTests
{
    private static async Task SetLanguageAsync(BillingApp app, string account, string language) =>
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { language })), 200);

    [Fact]
    public async Task G1_a_ukrainian_account_reads_its_daily_charge_and_breakdown_in_ukrainian()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        await SetLanguageAsync(app, account, "uk");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);

        var charge = (await app.LedgerAsync(account)).First(e => e["kind"]!.GetValue<string>() == "charge");
        var day = DateOnly.Parse(charge["reference"]!.GetValue<string>()["charge:".Length..]);
        var amount = -charge["amount"]!.GetValue<long>();
        // "Списання за 28 листопада 2026: 87,66 UAH": the genitive month and the decimal comma of uk-UA.
        var expected = Text.Get(Language.Uk, TextKeys.Ledger.DailyCharge, Text.Date(Language.Uk, day), MoneyFormat.Format(amount, "UAH", Language.Uk));
        Assert.Equal(expected, charge["description"]!.GetValue<string>());
        Assert.StartsWith("Списання за ", expected);
        Assert.Contains(",", MoneyFormat.Format(amount, "UAH", Language.Uk));

        var lines = charge["lines"]!.AsArray().Select(l => l!["description"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("на місяць", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" a month", StringComparison.Ordinal) || l.Contains(" of ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task G1_a_refusal_about_the_account_is_explained_in_its_language()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await SetLanguageAsync(app, account, "uk");
        var today = LocalCalendar.Today(app.Clock.GetUtcNow(), "Europe/Kyiv");
        var invoice = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount = 900_000, description = "Акт", dueDate = today.AddDays(5).ToString("yyyy-MM-dd"), prepaid = false, externalErp = false,
        })), 201);
        var balance = await app.BalanceAsync(account);

        var refused = await app.Api.PostAsync($"/api/accounts/{account}/invoices/{invoice["id"]}/pay-from-balance",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" }));
        var problem = await BillingApp.ReadAsync(refused, 422);
        Assert.Equal("balance_insufficient", problem["code"]!.GetValue<string>());
        var expected = Text.Get(Language.Uk, TextKeys.Problem.BalanceInsufficient, MoneyFormat.Format(balance, "UAH", Language.Uk),
            invoice["number"]!.GetValue<string>(), MoneyFormat.Format(900_000, "UAH", Language.Uk));
        Assert.Equal(expected, problem["detail"]!.GetValue<string>());
        Assert.Equal("awaiting_payment", (await app.GetAsync($"/api/accounts/{account}/invoices/{invoice["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal(balance, await app.BalanceAsync(account));
    }

    [Fact]
    public async Task G1_a_refusal_made_before_the_account_is_read_follows_accept_language()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);

        async Task<JsonNode> TopUpAsEmployeeAsync(string? acceptLanguage)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/topups")
            {
                Content = BillingApp.Json(new { amount = 50_000, actingUserId = "u9", role = "employee" }),
            };
            if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            var response = await app.Api.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            return await BillingApp.ReadAsync(response, 403);
        }

        var ru = await TopUpAsEmployeeAsync("ru-RU,ru;q=0.9,en;q=0.5");
        Assert.Equal("top_up_forbidden", ru["code"]!.GetValue<string>());
        Assert.Equal(Text.Get(Language.Ru, TextKeys.Problem.TopUpForbidden), ru["detail"]!.GetValue<string>());
        Assert.Equal(Text.Get(Language.Uk, TextKeys.Problem.TopUpForbidden), (await TopUpAsEmployeeAsync("uk"))["detail"]!.GetValue<string>());
        Assert.Equal(Text.Get(Language.En, TextKeys.Problem.TopUpForbidden), (await TopUpAsEmployeeAsync(null))["detail"]!.GetValue<string>());
        Assert.Equal(Text.Get(Language.En, TextKeys.Problem.TopUpForbidden), (await TopUpAsEmployeeAsync("de-DE"))["detail"]!.GetValue<string>());
        Assert.Empty(await app.InvoicesAsync(account, "&kind=top_up"));
    }
}
