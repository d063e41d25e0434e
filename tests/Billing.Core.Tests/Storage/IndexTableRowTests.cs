using Billing.Core.CustomerBilling;
using Billing.Core.Jobs;
using Billing.Infrastructure.CustomerBilling;
using Billing.Infrastructure.Jobs;
using Billing.Infrastructure.Storage;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>Rows of the index tables, pinned like the account partition's: the shard index, public links and job runs.</summary>
public sealed class IndexTableRowTests
{
    [Fact]
    public void C3_a_shard_index_row_is_its_key_alone()
    {
        var mapper = new ShardMemberRows();
        var member = new ShardMember(7, "acc_abc");
        var e = mapper.ToEntity(TableShardIndex.PartitionOf(7), member);
        Assert.Equal(("shard-007", "acc_abc"), (e.PartitionKey, e.RowKey));
        HasColumns(e);
        Assert.Equal(member, mapper.Read(e));
    }

    [Fact]
    public void F3_a_public_link_is_keyed_by_its_token_and_names_the_tenant_and_invoice()
    {
        var mapper = new PublicLinkRows();
        var link = new PublicLink("abcdefghijklmnopqrstuvwxyz234567", "acc_abc", "cinv_abc");
        var e = mapper.ToEntity(link.Token, link);
        Assert.Equal((link.Token, "link"), (e.PartitionKey, e.RowKey));
        HasColumns(e, "AccountId", "InvoiceId");
        Text(e, "AccountId", "acc_abc");
        Text(e, "InvoiceId", "cinv_abc");
        Assert.Equal(link, mapper.Read(e));
    }

    [Fact]
    public void C3_a_runs_start_and_its_finished_shards_keep_their_columns()
    {
        var asOf = new DateTimeOffset(2026, 11, 2, 0, 5, 0, TimeSpan.Zero);
        var run = new JobRun("daily-charge", "daily-charge-20261102T000500Z-ab12", asOf, 16);
        var started = new JobRunRows().ToEntity(run.RunId, run);
        Assert.Equal((run.RunId, "run"), (started.PartitionKey, started.RowKey));
        HasColumns(started, "AsOf", "Job", "Shards");
        Text(started, "Job", "daily-charge");
        UtcTime(started, "AsOf", asOf);
        Int(started, "Shards", 16);
        Assert.Equal(run, new JobRunRows().Read(started));

        var shard = new ShardResult("daily-charge", 12, 640, 633, 1)
        {
            Outcome = ShardOutcome.Poisoned, Error = "1 of 640 accounts failed", FailedAccounts = [new FailedAccount("acc_x", "TimeoutException: storage")],
        };
        var finished = new ShardResultRows().ToEntity(run.RunId, shard);
        Assert.Equal("shard-012", finished.RowKey);
        HasColumns(finished, "Accounts", "Done", "Failed", "Outcome", "Error", "FailedAccounts");
        Int(finished, "Accounts", 640);
        Int(finished, "Failed", 1);
        Text(finished, "Outcome", "poisoned");
        Text(finished, "FailedAccounts", """[{"AccountId":"acc_x","Error":"TimeoutException: storage"}]""");
        // The job is the run's (its start row names it), so a shard row does not repeat it.
        var read = new ShardResultRows().Read(finished);
        Assert.Equal((12, 640, 633, 1, ShardOutcome.Poisoned, "1 of 640 accounts failed"), (read.Shard, read.Accounts, read.Done, read.Failed, read.Outcome, read.Error));
        Assert.Equal(shard.FailedAccounts, read.FailedAccounts);

        // A row from before outcomes were kept is a finished shard.
        finished.Remove("Outcome");
        Assert.Equal(ShardOutcome.Succeeded, new ShardResultRows().Read(finished).Outcome);
    }

    [Fact]
    public void B10_a_webhook_log_entry_is_keyed_by_its_day_and_inverted_time_and_keeps_its_columns()
    {
        var mapper = new Billing.Infrastructure.Payments.WebhookLogRows();
        var at = new DateTimeOffset(2026, 11, 28, 9, 30, 15, TimeSpan.Zero);
        var inverted = (long.MaxValue - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var entry = new Billing.Core.Payments.WebhookLogEntry
        {
            Id = $"wh_20261128_{inverted}_abcdefgh23", Provider = "sandbox", ReceivedAt = at,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Sandbox-Signature"] = "t=1,v1=ab" },
            Body = "{\"id\":\"evt_1\"}"u8.ToArray(), BodyBytes = 14, BodyTruncated = true, Verification = Billing.Core.Payments.WebhookVerificationResult.Verified,
            Reason = "first outcome: credited", VerifiedWith = "tenant", ClaimedAccountId = "acc_a", ClaimedInvoiceId = "cinv_b", EventId = "evt_1",
            EventType = "payment_succeeded", Outcome = "already_applied", Status = 200,
        };
        IsFullySet(entry);
        var e = mapper.ToEntity("20261128", entry);
        Assert.Equal(("20261128", $"{inverted}_abcdefgh23"), (e.PartitionKey, e.RowKey));
        HasColumns(e, "Provider", "ReceivedAt", "Headers", "Body", "BodyBytes", "BodyTruncated", "Verification", "Reason", "VerifiedWith",
            "ClaimedAccountId", "ClaimedInvoiceId", "EventId", "EventType", "Outcome", "Status");
        Text(e, "Verification", "verified");
        Text(e, "Headers", """{"Content-Type":"application/json","Sandbox-Signature":"t=1,v1=ab"}""");
        Assert.IsType<byte[]>(e["Body"]);
        Long(e, "BodyBytes", 14);
        Int(e, "Status", 200);
        UtcTime(e, "ReceivedAt", at);
        RoundTrips(mapper, e, entry);
        // Newer entries of a day sort first.
        Assert.True(string.CompareOrdinal((long.MaxValue - at.AddSeconds(1).UtcTicks).ToString("D19"), inverted) < 0);
    }
}
