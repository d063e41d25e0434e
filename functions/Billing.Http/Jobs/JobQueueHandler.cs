using System.Text.Json;
using Billing.Core.Jobs;
using Billing.Infrastructure.Queues;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Jobs;

/// <summary>
/// The shard-message handler both hosts call. A message that cannot be read is logged and dropped (a retry
/// cannot fix it); a failing shard throws, so the queue delivers it again and finally moves it to the poison queue.
/// </summary>
public sealed class JobQueueHandler(JobRunner runner, ILogger<JobQueueHandler> log)
{
    /// <summary>As host.json's <c>queues.maxDequeueCount</c> (a test holds them equal).</summary>
    public const int MaxDequeueCount = 5;

    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken ct)
    {
        JobMessage message;
        try { message = StorageQueueJobQueue.Deserialize(messageText); }
        catch (JsonException e)
        {
            log.LogError(e, "Dropped an unreadable job message: {Message}", messageText.Length > 200 ? messageText[..200] : messageText);
            return;
        }
        if (dequeueCount > 1)
            log.LogWarning("Job {Job} shard {Shard} (run {RunId}) delivered for the {Count}th time", message.Job, message.Shard, message.RunId, dequeueCount);
        try { await runner.RunShardAsync(message, ct); }
        catch (Exception e) when (dequeueCount >= MaxDequeueCount && e is not OperationCanceledException)
        {
            // The last delivery: the queue moves the message to the poison queue after this throw; the run must say so.
            await runner.ShardPoisonedAsync(message, e, ct);
            throw;
        }
    }
}
