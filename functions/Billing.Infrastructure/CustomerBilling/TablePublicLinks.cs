using Azure;
using Azure.Data.Tables;
using Billing.Core.CustomerBilling;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.CustomerBilling;

/// <summary>Public invoice tokens (F3): PK is the token, so a lookup is one point read and tokens spread over partitions.</summary>
public sealed class TablePublicLinks(Storage.StorageClients clients) : IPublicLinks
{
    private static readonly PublicLinkRows Rows = new();

    public async Task AddAsync(PublicLink link, CancellationToken ct)
    {
        try { await clients.Links.AddEntityAsync(Rows.ToEntity(link.Token, link), ct); }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new InvalidOperationException("A freshly drawn 160-bit token already exists: the random source is broken.", e);
        }
    }

    public async Task<PublicLink?> FindAsync(string token, CancellationToken ct)
    {
        var found = await clients.Links.GetEntityIfExistsAsync<TableEntity>(token, PublicLinkRows.RowKey, cancellationToken: ct);
        return found.HasValue ? Rows.Read(found.Value!) : null;
    }
}

/// <summary>A public token's row in <c>{prefix}links</c>: PK the token, RowKey <c>link</c>.</summary>
public sealed class PublicLinkRows : RowMapper<PublicLink>
{
    public const string RowKey = "link";

    public override string Key(PublicLink row) => RowKey;

    protected override void Write(PublicLink x, Columns c) { c.Text("AccountId", x.AccountId); c.Text("InvoiceId", x.InvoiceId); }

    protected override PublicLink Read(Columns c) => new(c.Entity.PartitionKey, c.Text("AccountId"), c.Text("InvoiceId"));
}
