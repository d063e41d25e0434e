using Billing.Core.Storage;

namespace Billing.Core.Payments.Merchants;

/// <summary>
/// F11: the tenant's own account at a payment provider, which its customers' invoices are paid through. One per tenant, in
/// the tenant's partition. The secrets are stored only sealed (<see cref="ISecretProtector"/>), each bound to this account,
/// provider and field; the public key is not a secret (LiqPay puts it in every checkout URL).
/// </summary>
public sealed record MerchantConnection
{
    public static readonly RowRef<MerchantConnection> Ref = new(nameof(MerchantConnection));

    public required string Provider { get; init; }
    public string? PublicKey { get; init; }
    public required string SealedSecret { get; init; }
    public string? SealedWebhookSecret { get; init; }
    /// <summary>When this provider was connected; kept when the keys are replaced, new when the provider changes.</summary>
    public required DateTimeOffset ConnectedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What a sealed field is bound to: the account, the provider and the field, so it opens nowhere else.</summary>
    public static string Context(string accountId, string provider, string field) => $"merchant/{accountId}/{provider}/{field}";

    public const string SecretField = "secret";
    public const string WebhookSecretField = "webhook-secret";
}

/// <summary>What the API shows of a connection: never a secret, only whether each is set.</summary>
public sealed record MerchantConnectionView(string Provider, string? PublicKey, bool SecretSet, bool WebhookSecretSet, DateTimeOffset ConnectedAt,
    DateTimeOffset UpdatedAt)
{
    public static MerchantConnectionView Of(MerchantConnection c) =>
        new(c.Provider, c.PublicKey, c.SealedSecret.Length > 0, c.SealedWebhookSecret is not null, c.ConnectedAt, c.UpdatedAt);
}

/// <summary>A tenant's keys as sent to <c>PUT …/payment-provider</c>, before they are checked and sealed.</summary>
public sealed record MerchantKeys(string Provider, string? PublicKey, string Secret, string? WebhookSecret);
