using Azure.Data.Tables;
using Billing.Core.Jobs;
using Billing.Infrastructure.Storage;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>C3 over HTTP and real queues: a run tells the truth about shards the queue gave up on and the accounts that failed.</summary>
public sealed class JobRunStatusTests
{
    [Fact]
    public async Task C3_a_shard_that_ends_in_the_poison_queue_is_counted_failed_and_names_the_account()
    {
        await using var app = await BillingApp.StartAsync();
        var healthy = await app.CreateActiveAccountAsync(seats: 1);
        var broken = await app.CreateActiveAccountAsync(seats: 1);
        // A head no reader understands: every delivery of its shard fails on it.
        var accounts = app.Service<StorageClients>().Accounts;
        var head = (await accounts.GetEntityAsync<TableEntity>(broken, "account")).Value;
        head["State"] = "bogus";
        await accounts.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace);

        var run = await app.RunJobAsync(JobNames.Restrictions); // waits until complete: the broken shard's fifth delivery gives up
        Assert.True(run["complete"]!.GetValue<bool>());
        Assert.Equal("failed", run["state"]!.GetValue<string>());
        Assert.Equal(1, run["shardsFailed"]!.GetValue<int>());
        Assert.Equal(run["shards"]!.GetValue<int>() - 1, run["shardsFinished"]!.GetValue<int>());
        var failed = Assert.Single(run["failedAccounts"]!.AsArray())!;
        Assert.Equal(broken, failed["accountId"]!.GetValue<string>());
        Assert.Contains("bogus", failed["error"]!.GetValue<string>());
        var shard = Assert.Single(run["failedShards"]!.AsArray())!;
        Assert.Equal("poisoned", shard["outcome"]!.GetValue<string>());
        Assert.True(run["failed"]!.GetValue<int>() >= 1);
        // The healthy account was still processed.
        Assert.Equal("active", (await app.GetAsync($"/api/accounts/{healthy}"))["state"]!.GetValue<string>());
    }
}
