namespace Billing.Core.Payments;

/// <summary>
/// Whose provider account a payment of an invoice goes through (issue 15 item 3): a tenant's own for its customers'
/// invoices when it connected that provider, otherwise the vendor's (null: the provider's configured keys).
/// </summary>
public interface IMerchantKeys
{
    Task<MerchantCredentials?> ForInvoiceAsync(string accountId, string invoiceId, string provider, CancellationToken ct);
}

