using System.Text.Json;
using Billing.Core.Jobs;

namespace Billing.Infrastructure.Queues;

/// <summary>Job shard messages on an Azure Storage queue (native Functions trigger; Azurite locally).</summary>
public sealed class StorageQueueJobQueue(Storage.StorageClients clients) : IJobQueue
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(IReadOnlyList<JobMessage> messages, CancellationToken ct)
    {
        // The queue API takes one message per call: send them concurrently, bounded.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (m, token) => await clients.JobsQueue.SendMessageAsync(Serialize(m), cancellationToken: token));
    }

    public static string Serialize(JobMessage message) => JsonSerializer.Serialize(message, Json);

    public static JobMessage Deserialize(string body) =>
        JsonSerializer.Deserialize<JobMessage>(body, Json) ?? throw new JsonException("Empty job message.");
}
