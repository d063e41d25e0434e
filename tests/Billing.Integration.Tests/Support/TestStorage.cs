using Azure.Data.Tables;

namespace Billing.Integration.Tests.Support;

/// <summary>Azurite, as started by the test script (scripts/test.sh exports BILLING_TEST_STORAGE).</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("BILLING_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    /// <summary>A fresh table/queue prefix, so each test sees only its own data.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Every entity in every table of a prefix: "nothing written" is checked by comparing counts. The raw webhook log
    /// (<c>{prefix}webhooks</c>) is left out unless asked for: it keeps every notification received, refused ones too (B10),
    /// which is a record of the request, not a change it made.
    /// </summary>
    public static async Task<int> CountEntitiesAsync(string prefix, bool withWebhookLog = false)
    {
        var service = new TableServiceClient(ConnectionString);
        var count = 0;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
            if (withWebhookLog || table.Name != prefix + "webhooks")
            await foreach (var _ in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
                count++;
        return count;
    }
}
