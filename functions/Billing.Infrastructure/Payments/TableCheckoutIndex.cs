using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Payments;

/// <summary>
/// Open checkouts in <c>{prefix}checkouts</c>: PK the account's job shard (<c>000</c>…), RowKey
/// <c>{accountId}|{provider}|{hash of the checkout id}</c>, so one shard's accounts are one partition scan and one account's
/// checkouts a key range.
/// </summary>
public sealed class TableCheckoutIndex(Storage.StorageClients clients) : ICheckoutIndex
{
    private static readonly CheckoutAttemptRows Rows = new();

    private static string Partition(string accountId, int shardCount) => Partition(Shards.Of(accountId, shardCount));
    private static string Partition(int shard) => shard.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    public Task AddAsync(CheckoutAttempt attempt, int shardCount, CancellationToken ct) =>
        clients.Checkouts.UpsertEntityAsync(Rows.ToEntity(Partition(attempt.AccountId, shardCount), attempt), TableUpdateMode.Replace, ct);

    public async IAsyncEnumerable<string> AccountsAsync(int shard, [EnumeratorCancellation] CancellationToken ct)
    {
        string? last = null;
        await foreach (var e in clients.Checkouts.QueryAsync<TableEntity>(x => x.PartitionKey == Partition(shard), select: ["RowKey"], cancellationToken: ct))
        {
            var account = e.RowKey.Split('|')[0];
            if (account == last) continue;
            last = account;
            yield return account;
        }
    }

    public async IAsyncEnumerable<CheckoutAttempt> ListAsync(string accountId, int shardCount, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(accountId, shardCount)} and RowKey ge {accountId + "|"} and RowKey lt {accountId + "}"}");
        await foreach (var e in clients.Checkouts.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            yield return Rows.Read(e);
    }

    public async Task RemoveAsync(CheckoutAttempt attempt, int shardCount, CancellationToken ct)
    {
        try { await clients.Checkouts.DeleteEntityAsync(Partition(attempt.AccountId, shardCount), Rows.Key(attempt), ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { /* already gone */ }
    }
}

/// <summary>An open checkout's row in <c>{prefix}checkouts</c>.</summary>
public sealed class CheckoutAttemptRows : RowMapper<CheckoutAttempt>
{
    public override string Key(CheckoutAttempt row) => $"{row.AccountId}|{row.Provider}|{Core.Validation.Ids.Hash(row.CheckoutId)}";

    protected override void Write(CheckoutAttempt x, Columns c)
    {
        c.Text("Provider", x.Provider); c.Text("CheckoutId", x.CheckoutId); c.Text("AccountId", x.AccountId); c.Text("InvoiceId", x.InvoiceId);
        c.Long("Amount", x.Amount.Minor); c.Text("Currency", x.Amount.Currency); c.Time("CreatedAt", x.CreatedAt);
    }

    protected override CheckoutAttempt Read(Columns c) => new(c.Text("Provider"), c.Text("CheckoutId"), c.Text("AccountId"), c.Text("InvoiceId"),
        new Core.Money.Money(c.Long("Amount"), c.Text("Currency")), c.Time("CreatedAt"));
}
