namespace Billing.Infrastructure.Payments;

public sealed class SandboxOptions
{
    /// <summary>Shared secret for the sandbox's webhook signatures. A placeholder in samples; a Key Vault reference in Azure.</summary>
    public string WebhookSecret { get; set; } = "";
    /// <summary>Where the sandbox posts its webhooks; empty means this app's own <c>/api/webhooks/sandbox</c>.</summary>
    public string? WebhookUrl { get; set; }
}
