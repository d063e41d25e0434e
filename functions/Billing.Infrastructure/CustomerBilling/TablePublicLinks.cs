using Azure;
using Azure.Data.Tables;
using Billing.Core.CustomerBilling;

namespace Billing.Infrastructure.CustomerBilling;

/// <summary>Public invoice tokens (F3): PK is the token, so a lookup is one point read and tokens spread over partitions.</summary>
public sealed class TablePublicLinks(Storage.StorageClients clients) : IPublicLinks
{
    private const string Row = "link";

    public async Task AddAsync(PublicLink link, CancellationToken ct)
    {
        var entity = new TableEntity(link.Token, Row) { ["AccountId"] = link.AccountId, ["InvoiceId"] = link.InvoiceId };
        try { await clients.Links.AddEntityAsync(entity, ct); }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new InvalidOperationException("A freshly drawn 160-bit token already exists: the random source is broken.", e);
        }
    }

    public async Task<PublicLink?> FindAsync(string token, CancellationToken ct)
    {
        var found = await clients.Links.GetEntityIfExistsAsync<TableEntity>(token, Row, cancellationToken: ct);
        return found.HasValue ? new PublicLink(token, found.Value!.GetString("AccountId"), found.Value.GetString("InvoiceId")) : null;
    }
}
