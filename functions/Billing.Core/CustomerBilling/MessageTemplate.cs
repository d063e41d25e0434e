using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>A tenant's message template for invoices (F9): a subject (email only) and a body using the F9 tags.</summary>
public sealed record MessageTemplate : IAccountRow
{
    public const string Prefix = "template-";
    [System.Text.Json.Serialization.JsonIgnore] public string RowKey => Prefix + Id;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Subject { get; init; } = "";
    public required string Body { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
