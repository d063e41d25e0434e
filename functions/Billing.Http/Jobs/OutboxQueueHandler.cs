using System.Text.Json;
using Billing.Core.Notifications;
using Billing.Infrastructure.Queues;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Jobs;

/// <summary>The outbox queue handler both hosts call: a failed send throws, so the queue retries it with backoff.</summary>
public sealed class OutboxQueueHandler(OutboxDelivery delivery, ILogger<OutboxQueueHandler> log)
{
    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken ct)
    {
        OutboxItem item;
        try { item = StorageQueueOutboxQueue.Deserialize(messageText); }
        catch (JsonException e)
        {
            log.LogError(e, "Dropped an unreadable outbox message");
            return;
        }
        await delivery.DeliverAsync(item, ct);
    }
}
