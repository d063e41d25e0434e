namespace Billing.Core.Catalog;

/// <summary>Where the current catalog comes from (a JSON file in configuration, in production).</summary>
public interface ICatalogSource
{
    BillingCatalog Current { get; }
}
