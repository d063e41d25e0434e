using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Operator;

/// <summary>P2: operators find accounts by the start of an id, a word of the name or an email, through the token index, paged.</summary>
public sealed class AccountSearchTests
{
    private static async Task<string> CreateAsync(BillingApp app, string name, string ownerEmail) =>
        (await BillingApp.ReadAsync(await app.Api.PostAsync("/api/accounts", BillingApp.Json(new
        {
            name, currency = "UAH", timeZone = "Europe/Kyiv", country = "UA", language = "uk", planId = "standard", ownerEmail,
        })), 201))["id"]!.GetValue<string>();

    private static async Task<List<string>> FindAsync(BillingApp app, string q, int pageSize = 50)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/accounts?q={Uri.EscapeDataString(q)}&pageSize={pageSize}" +
                (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))), 200);
            ids.AddRange(page["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return ids;
    }

    [Fact]
    public async Task P2_account_search_finds_by_id_prefix_name_word_and_email_and_follows_a_rename()
    {
        await using var app = await BillingApp.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var school = await CreateAsync(app, $"Школа Мрія {tag}", $"director-{tag}@mriya.example");
        var studio = await CreateAsync(app, $"Acme Dance {tag}", $"owner-{tag}@acme.example");
        var gym = await CreateAsync(app, $"Acme Gym {tag}", $"gym-{tag}@acme.example");

        Assert.Equal([school], await FindAsync(app, school[..10]));
        Assert.Equal([school], await FindAsync(app, "мрі"));
        Assert.Equal([school], await FindAsync(app, $"DIRECTOR-{tag}@"));
        string[] both = [.. new[] { gym, studio }.Order(StringComparer.Ordinal)];
        Assert.Equal(both, (await FindAsync(app, "acme")).Order(StringComparer.Ordinal));
        Assert.Equal(both, (await FindAsync(app, "acme.exa")).Order(StringComparer.Ordinal));
        // Each account once, however many of its tokens match, also across pages of one.
        var paged = await FindAsync(app, "acme", pageSize: 1);
        Assert.Equal(2, paged.Count);
        Assert.Equal(2, paged.Distinct().Count());
        var found = await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/accounts?q=gym-{tag}"), 200);
        var match = Assert.Single(found["items"]!.AsArray())!;
        Assert.Equal($"Acme Gym {tag}", match["name"]!.GetValue<string>());
        Assert.Equal("trial", match["state"]!.GetValue<string>());
        Assert.Equal(0, match["balance"]!.GetValue<long>());

        // A rename is found by its new name at once, no longer by the old one.
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{studio}/settings", BillingApp.Json(new { name = $"Zenith Ballet {tag}" })), 200);
        Assert.Equal([studio], await FindAsync(app, "zenith"));
        Assert.Empty(await FindAsync(app, "acme d"));
        Assert.Equal([gym], await FindAsync(app, "acme g"));
        Assert.Empty(await FindAsync(app, "dance"));

        // The operator-index job writes every account's tokens again (a repair, and the backfill of accounts from before the index).
        await app.RunJobAsync(JobNames.OperatorIndex);
        Assert.Equal([studio], await FindAsync(app, "zenith"));
        Assert.Empty(await FindAsync(app, "nothing-like-this"));

        Assert.Equal("query_invalid", (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/accounts?q=%20%2F%23"), 400))["code"]!.GetValue<string>());
        Assert.Equal("query_invalid", (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/accounts"), 400))["code"]!.GetValue<string>());
        Assert.Equal("invalid_continuation_token", (await BillingApp.ReadAsync(await app.Admin.GetAsync(
            "/api/operator/accounts?q=acme&continuationToken=bm90LWEtdG9rZW4"), 400))["code"]!.GetValue<string>());
    }
}
