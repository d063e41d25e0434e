using Billing.Core.Payments;
using Billing.Core.Security;
using Billing.Infrastructure.Payments;
using Billing.Infrastructure.Security;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>Rows of the tables outside the account partitions: API keys and the sandbox provider's checkouts.</summary>
public sealed class OtherTableRowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, TimeSpan.Zero);

    [Fact]
    public void S1_an_api_key_is_keyed_by_its_hash_and_never_stores_a_secret_column()
    {
        var mapper = new ApiKeyRows();
        const string hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        var sample = new ApiKey("key_abc", "ERP production", CallerRole.Erp, "acc_abc", hash, T0, "op_jane");
        IsFullySet(sample);

        var e = Write(mapper, sample, hash);
        // The hash is the row key only: a lookup by secret is one point read, and no column holds key material.
        HasColumns(e, "Id", "Name", "Role", "AccountId", "CreatedAt", "CreatedBy");
        Text(e, "Role", "erp");
        Text(e, "AccountId", "acc_abc");
        UtcTime(e, "CreatedAt", T0);
        Assert.DoesNotContain(e, kv => kv.Key != "RowKey" && kv.Value is string s && s.Contains(hash, StringComparison.Ordinal));

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
    }

    [Fact]
    public void S1_an_unscoped_operator_key_has_no_account_column_and_reads_back_unscoped()
    {
        var mapper = new ApiKeyRows();
        var sample = new ApiKey("key_op", "Console", CallerRole.Operator, null, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", T0, "bootstrap");

        var e = Write(mapper, sample, sample.Hash);
        HasColumns(e, "Id", "Name", "Role", "CreatedAt", "CreatedBy");
        Text(e, "Role", "operator");
        Assert.Equal(sample, mapper.Read(e));
    }

    [Fact]
    public void B2_a_sandbox_checkout_keeps_its_id_as_key_and_its_columns_and_round_trips()
    {
        var mapper = new SandboxCheckoutRows();
        var sample = new SandboxCheckout("cs_0123456789abcdef01234567", "acc_abc", "inv_abc", "INV-000012", 30_000, "UAH", "Top-up",
            "https://app.test/billing/return", SandboxStatus.Declined, T0);
        IsFullySet(sample);

        var e = Write(mapper, sample, "cs_0123456789abcdef01234567");
        HasColumns(e, "Id", "AccountId", "InvoiceId", "InvoiceNumber", "Amount", "Currency", "Description", "ReturnUrl", "Status", "CreatedAt");
        Long(e, "Amount", 30_000);
        Text(e, "Status", "declined");
        UtcTime(e, "CreatedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        Assert.Equal(SandboxStatus.Paid, mapper.Read(mapper.ToEntity(Partition, sample with { Status = SandboxStatus.Paid })).Status);
    }

    [Fact]
    public void B4_an_open_checkout_keeps_its_account_provider_and_hashed_checkout_key_and_columns_and_round_trips()
    {
        var mapper = new CheckoutAttemptRows();
        var sample = new CheckoutAttempt("stripe", "cs_test_a1/b", "acc_abc", "inv_abc", new Billing.Core.Money.Money(30_000, "UAH"), T0);
        var e = mapper.ToEntity("003", sample);
        Assert.Equal("acc_abc|stripe|" + Billing.Core.Validation.Ids.Hash("cs_test_a1/b"), e.RowKey);
        Assert.Equal(["AccountId", "Amount", "CheckoutId", "CreatedAt", "Currency", "InvoiceId", "Provider"],
            e.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).Order(StringComparer.Ordinal));
        Assert.Equal(30_000L, e["Amount"]);
        Assert.Equal(sample, mapper.Read(e));
    }
}
