using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>C11 calls the usage, satellite and charge-visit tests share: post a batch, list events, add up what the charges counted.</summary>
internal static class UsageSupport
{
    public const long SmsPrice = 150; // catalog.json: sms, UAH a unit

    public static object Event(string eventId, long quantity, DateTimeOffset? occurredAt = null, string metric = "sms") =>
        new { eventId, metric, quantity, occurredAt };

    public static StringContent Raw(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    public static Task<HttpResponseMessage> PostBatchAsync(this BillingApp app, string account, IEnumerable<object?> events) =>
        app.Api.PostAsync($"/api/accounts/{account}/usage/batch", BillingApp.Json(new { events }));

    public static async Task<JsonNode> BatchAsync(this BillingApp app, string account, IEnumerable<object?> events) =>
        await BillingApp.ReadAsync(await app.PostBatchAsync(account, events), 200);

    /// <summary>Results of a batch answer, in order.</summary>
    public static List<JsonNode> Results(JsonNode answer) => answer["results"]!.AsArray().Select(n => n!).ToList();

    public static string Status(JsonNode result) => result["status"]!.GetValue<string>();

    /// <summary>Every event listed for the account (with an optional query), following continuation tokens.</summary>
    public static async Task<List<JsonNode>> EventsAsync(this BillingApp app, string account, string query = "", int pageSize = 100)
    {
        var all = new List<JsonNode>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await app.GetAsync($"/api/accounts/{account}/usage/events?pageSize={pageSize}{query}"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            all.AddRange(page["items"]!.AsArray().Select(n => n!));
            token = page["continuationToken"]?.GetValue<string>();
            Assert.True(++pages < 10_000, "the events listing never ended");
        } while (token is not null);
        return all;
    }

    /// <summary>Charge entries (kind charge), oldest first.</summary>
    public static List<JsonNode> Charges(IEnumerable<JsonNode> ledger) =>
        ledger.Where(e => e["kind"]!.GetValue<string>() == "charge").Reverse().ToList();

    public static IEnumerable<JsonNode> UsageLines(JsonNode charge, string metric = "sms") =>
        charge["lines"]!.AsArray().Select(l => l!).Where(l => l["item"]!.GetValue<string>() is var item
            && (item == "usage:" + metric || item == "usage:" + metric + ":late"));

    /// <summary>The quantity of a metric every charge of the ledger counted, on-time and late lines together.</summary>
    public static long ChargedQuantity(IEnumerable<JsonNode> ledger, string metric = "sms") =>
        Charges(ledger).SelectMany(c => UsageLines(c, metric)).Sum(l => l["quantity"]!.GetValue<long>());

    public static TableClient AccountsTable(this BillingApp app) => new(TestStorage.ConnectionString, app.Prefix + "accounts");

    /// <summary>One row of the account's partition as stored, or null.</summary>
    public static async Task<TableEntity?> RowAsync(this BillingApp app, string account, string rowKey)
    {
        var r = await app.AccountsTable().GetEntityIfExistsAsync<TableEntity>(account, rowKey);
        return r.HasValue ? r.Value : null;
    }

    public static async Task<int> CountAccountRowsAsync(this BillingApp app, string account)
    {
        var n = 0;
        await foreach (var _ in app.AccountsTable().QueryAsync<TableEntity>(e => e.PartitionKey == account, select: ["RowKey"])) n++;
        return n;
    }

    public static void AssertProblem(HttpResponseMessage response, string text)
    {
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"expected a 4xx, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text);
    }
}
