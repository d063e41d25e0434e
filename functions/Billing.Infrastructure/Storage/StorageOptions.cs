using System.ComponentModel.DataAnnotations;

namespace Billing.Infrastructure.Storage;

/// <summary>
/// Where the tables and queues are: a connection string locally (Azurite), or service URIs with a managed
/// identity in Azure (shared-key access is off there).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    /// <summary>Client id of the user-assigned managed identity; empty uses DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table and queue name: tests use a fresh one per class.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9]{2,20}$")]
    public string Prefix { get; set; } = "billing";

    /// <summary>First retry delay of the SDK's own retries (default: the SDK's 0.8 s); tests that inject faults shorten it.</summary>
    public TimeSpan? RetryDelay { get; set; }

    public string AccountsTable => Prefix + "accounts";
    public string ShardsTable => Prefix + "shards";
    public string JobRunsTable => Prefix + "jobruns";
    public string SandboxTable => Prefix + "sandbox";
    public string LinksTable => Prefix + "links";
    public string CheckoutsTable => Prefix + "checkouts";
    public string ApiKeysTable => Prefix + "apikeys";
    public string WebhooksTable => Prefix + "webhooks";
    /// <summary>P2: the operators' global audit log, their account search index and their cross-account pointers.</summary>
    public string AuditTable => Prefix + "audit";
    public string SearchTable => Prefix + "search";
    public string OpsIndexTable => Prefix + "opsindex";
    public string WebSessionsTable => Prefix + "websessions";
    public string JobsQueue => Prefix + "-jobs";
    public string JobsPoisonQueue => Prefix + "-jobs-poison";
    public string OutboxQueue => Prefix + "-outbox";
    public string OutboxPoisonQueue => Prefix + "-outbox-poison";
}
