using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Storage;

/// <summary>An extra policy in the tables' HTTP pipeline (the reliability tests inject faults with one).</summary>
public sealed record TablePipelinePolicy(Azure.Core.Pipeline.HttpPipelinePolicy Policy, Azure.Core.HttpPipelinePosition Position);

/// <summary>The SDK clients, built once: connection string locally, managed identity in Azure.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options, IEnumerable<TablePipelinePolicy> policies)
    {
        var o = options.Value;
        Options = o;
        // Base64 matches the Functions queue trigger's default message encoding, so both hosts read the same messages.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        if (o.RetryDelay is { } delay) tableOptions.Retry.Delay = delay;
        foreach (var p in policies) tableOptions.AddPolicy(p.Policy, p.Position);
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Tables = new TableServiceClient(o.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(o.ConnectionString, queueOptions);
        }
        else if (o.TableServiceUri is not null && o.QueueServiceUri is not null)
        {
            TokenCredential credential = string.IsNullOrWhiteSpace(o.ClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId));
            Tables = new TableServiceClient(o.TableServiceUri, credential, tableOptions);
            Queues = new QueueServiceClient(o.QueueServiceUri, credential, queueOptions);
        }
        else throw new InvalidOperationException("Storage: set Storage:ConnectionString, or Storage:TableServiceUri and Storage:QueueServiceUri.");

        Accounts = Tables.GetTableClient(o.AccountsTable);
        Shards = Tables.GetTableClient(o.ShardsTable);
        JobRuns = Tables.GetTableClient(o.JobRunsTable);
        Sandbox = Tables.GetTableClient(o.SandboxTable);
        Links = Tables.GetTableClient(o.LinksTable);
        Checkouts = Tables.GetTableClient(o.CheckoutsTable);
        ApiKeys = Tables.GetTableClient(o.ApiKeysTable);
        Webhooks = Tables.GetTableClient(o.WebhooksTable);
        Audit = Tables.GetTableClient(o.AuditTable);
        Search = Tables.GetTableClient(o.SearchTable);
        OpsIndex = Tables.GetTableClient(o.OpsIndexTable);
        WebSessions = Tables.GetTableClient(o.WebSessionsTable);
        JobsQueue = Queues.GetQueueClient(o.JobsQueue);
        JobsPoisonQueue = Queues.GetQueueClient(o.JobsPoisonQueue);
        OutboxQueue = Queues.GetQueueClient(o.OutboxQueue);
        OutboxPoisonQueue = Queues.GetQueueClient(o.OutboxPoisonQueue);
    }

    public StorageOptions Options { get; }
    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public TableClient Accounts { get; }
    public TableClient Shards { get; }
    public TableClient JobRuns { get; }
    public TableClient Sandbox { get; }
    public TableClient Links { get; }
    public TableClient Checkouts { get; }
    public TableClient ApiKeys { get; }
    /// <summary>The raw log of incoming provider notifications (B10).</summary>
    public TableClient Webhooks { get; }
    /// <summary>P2: the global audit log, the account search index, the pointers to events and flags of every account.</summary>
    public TableClient Audit { get; }
    public TableClient Search { get; }
    public TableClient OpsIndex { get; }
    /// <summary>Portal links and browser sessions (P1, P2).</summary>
    public TableClient WebSessions { get; }
    public QueueClient JobsQueue { get; }
    public QueueClient JobsPoisonQueue { get; }
    public QueueClient OutboxQueue { get; }
    public QueueClient OutboxPoisonQueue { get; }

    /// <summary>Creates what does not exist yet; safe to call from every instance at start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await Task.WhenAll(
            Accounts.CreateIfNotExistsAsync(ct), Shards.CreateIfNotExistsAsync(ct), JobRuns.CreateIfNotExistsAsync(ct),
            Sandbox.CreateIfNotExistsAsync(ct), Links.CreateIfNotExistsAsync(ct), Checkouts.CreateIfNotExistsAsync(ct), ApiKeys.CreateIfNotExistsAsync(ct),
            Webhooks.CreateIfNotExistsAsync(ct), WebSessions.CreateIfNotExistsAsync(ct), Audit.CreateIfNotExistsAsync(ct), Search.CreateIfNotExistsAsync(ct),
            OpsIndex.CreateIfNotExistsAsync(ct), JobsQueue.CreateIfNotExistsAsync(cancellationToken: ct),
            JobsPoisonQueue.CreateIfNotExistsAsync(cancellationToken: ct), OutboxQueue.CreateIfNotExistsAsync(cancellationToken: ct),
            OutboxPoisonQueue.CreateIfNotExistsAsync(cancellationToken: ct));
    }
}
