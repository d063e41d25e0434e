using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

/// <summary>A tenant's message template for invoices (F9): a subject (email only) and a body using the F9 tags.</summary>
public sealed record MessageTemplate
{
    public static RowRef<MessageTemplate> Ref(string id) => new(id);
    public static readonly RowSet<MessageTemplate> All = RowSet<MessageTemplate>.All;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Subject { get; init; } = "";
    public required string Body { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
