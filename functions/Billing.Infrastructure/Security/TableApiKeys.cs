using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Security;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.Security;

/// <summary>API keys (S1) in <c>{prefix}apikeys</c>: PK <c>apikey</c>, RowKey the key's SHA-256, so authenticating is one point read.</summary>
public sealed class TableApiKeys(Storage.StorageClients clients) : IApiKeyStore
{
    private const string Partition = "apikey";
    private static readonly ApiKeyRows Rows = new();

    public async Task AddAsync(ApiKey key, CancellationToken ct) => await clients.ApiKeys.AddEntityAsync(Rows.ToEntity(Partition, key), ct);

    public async Task<ApiKey?> FindByHashAsync(string hash, CancellationToken ct)
    {
        var found = await clients.ApiKeys.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: ct);
        return found.HasValue ? Rows.Read(found.Value!) : null;
    }

    public async IAsyncEnumerable<ApiKey> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in clients.ApiKeys.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            yield return Rows.Read(e);
    }

    public async Task<ApiKey?> DeleteAsync(string id, CancellationToken ct)
    {
        // Few keys exist: finding one by id scans the partition, and a lookup by secret stays one point read.
        await foreach (var key in ListAsync(ct))
        {
            if (key.Id != id) continue;
            try { await clients.ApiKeys.DeleteEntityAsync(Partition, key.Hash, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { return null; }
            return key;
        }
        return null;
    }
}

/// <summary>The columns of an API key (never its secret).</summary>
public sealed class ApiKeyRows : RowMapper<ApiKey>
{
    public override string Key(ApiKey row) => row.Hash;

    protected override void Write(ApiKey x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Name", x.Name); c.Enum("Role", x.Role); c.Text("AccountId", x.AccountId); c.Time("CreatedAt", x.CreatedAt);
        c.Text("CreatedBy", x.CreatedBy);
    }

    protected override ApiKey Read(Columns c) => new(c.Text("Id"), c.Text("Name"), c.Choice<CallerRole>("Role"), c.TextOrNull("AccountId"),
        c.Entity.RowKey, c.Time("CreatedAt"), c.Text("CreatedBy"));
}
