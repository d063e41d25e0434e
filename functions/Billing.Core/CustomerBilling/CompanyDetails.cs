using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>What a tenant's customers see on a public invoice (F7).</summary>
public sealed record CompanyDetails
{
    /// <summary>One per tenant.</summary>
    public static readonly RowRef<CompanyDetails> Ref = new(nameof(CompanyDetails));

    public string LegalName { get; init; } = "";
    public string TaxId { get; init; } = "";
    public string Address { get; init; } = "";
    public string BankDetails { get; init; } = "";
    /// <summary>Empty: the page links the default offer (<c>CustomerBilling:DefaultPublicOfferUrl</c>).</summary>
    public string PublicOfferUrl { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}
