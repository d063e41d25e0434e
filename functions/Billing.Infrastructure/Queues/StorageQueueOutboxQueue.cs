using System.Text.Json;
using Billing.Core.Notifications;

namespace Billing.Infrastructure.Queues;

/// <summary>Outbox deliveries on an Azure Storage queue.</summary>
public sealed class StorageQueueOutboxQueue(Storage.StorageClients clients) : IOutboxQueue
{
    public async Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken ct)
    {
        foreach (var item in items)
            await clients.OutboxQueue.SendMessageAsync(Serialize(item), cancellationToken: ct);
    }

    public static string Serialize(OutboxItem item) => JsonSerializer.Serialize(item, StorageQueueJobQueue.Json);

    public static OutboxItem Deserialize(string body) =>
        JsonSerializer.Deserialize<OutboxItem>(body, StorageQueueJobQueue.Json) ?? throw new JsonException("Empty outbox message.");
}
