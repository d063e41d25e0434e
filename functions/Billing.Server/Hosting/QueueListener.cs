using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Http.Jobs;
using Billing.Infrastructure.Storage;

namespace Billing.Server.Hosting;

public sealed class QueueListenerOptions
{
    public const string Section = "QueueListener";

    public bool Enabled { get; set; } = true;
    [System.ComponentModel.DataAnnotations.Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;
    /// <summary>Shard messages handled at once by this instance.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int Concurrency { get; set; } = 4;
}

/// <summary>The job shards queue, as the Functions queue trigger reads it.</summary>
public sealed class JobQueueListener(StorageClients clients, JobQueueHandler handler, Microsoft.Extensions.Options.IOptions<QueueListenerOptions> options,
    ILogger<JobQueueListener> log) : QueueListener(clients.JobsQueue, clients.JobsPoisonQueue, handler.HandleAsync, options, log);

/// <summary>The outbox queue (emails, CRM events).</summary>
public sealed class OutboxQueueListener(StorageClients clients, OutboxQueueHandler handler, Microsoft.Extensions.Options.IOptions<QueueListenerOptions> options,
    ILogger<OutboxQueueListener> log) : QueueListener(clients.OutboxQueue, clients.OutboxPoisonQueue, handler.HandleAsync, options, log);

/// <summary>
/// What the Functions queue trigger does, for the server host: receive, run, delete; a message that keeps
/// failing goes to the poison queue after <see cref="JobQueueHandler.MaxDequeueCount"/> deliveries, with a
/// growing delay between them. The visibility timeout is extended while a long message runs, so no other
/// instance takes it meanwhile.
/// </summary>
public abstract class QueueListener(QueueClient queue, QueueClient poison, Func<string, long, CancellationToken, Task> handle,
    Microsoft.Extensions.Options.IOptions<QueueListenerOptions> options, ILogger log) : BackgroundService
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var o = options.Value;
        using var slots = new SemaphoreSlim(o.Concurrency);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                messages = (await queue.ReceiveMessagesAsync(Math.Max(1, slots.CurrentCount), Visibility, stoppingToken)).Value;
            }
            catch (OperationCanceledException) { break; }
            catch (Exception e)
            {
                log.LogError(e, "Receiving from {Queue} failed; retrying", queue.Name);
                await Delay(TimeSpan.FromSeconds(2), stoppingToken);
                continue;
            }
            if (messages.Length == 0) { await Delay(TimeSpan.FromMilliseconds(o.PollMilliseconds), stoppingToken); continue; }
            foreach (var m in messages)
            {
                await slots.WaitAsync(stoppingToken);
                running.Add(Task.Run(async () => { try { await HandleAsync(m, stoppingToken); } finally { slots.Release(); } }, CancellationToken.None));
            }
            running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var receipt = message.PopReceipt;
        using var renew = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keepAlive = Task.Run(async () =>
        {
            while (!renew.IsCancellationRequested)
            {
                await Delay(Visibility / 2, renew.Token);
                if (renew.IsCancellationRequested) break;
                try { receipt = (await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: Visibility, cancellationToken: renew.Token)).Value.PopReceipt; }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Could not extend message {Id}", message.MessageId); }
            }
        }, CancellationToken.None);
        try
        {
            await handle(message.MessageText, message.DequeueCount, ct);
            renew.Cancel();
            await keepAlive;
            await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            renew.Cancel();
            await keepAlive;
            if (message.DequeueCount >= JobQueueHandler.MaxDequeueCount)
            {
                log.LogError(e, "Message {Id} failed {Count} times: moved to {Poison}", message.MessageId, message.DequeueCount, poison.Name);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            else
            {
                log.LogWarning(e, "Message {Id} failed (delivery {Count}); it will be delivered again", message.MessageId, message.DequeueCount);
                // Make it visible again soon rather than after the full visibility timeout.
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: TimeSpan.FromSeconds(2 * message.DequeueCount), cancellationToken: CancellationToken.None);
            }
        }
    }

    private static async Task Delay(TimeSpan wait, CancellationToken ct)
    {
        try { await Task.Delay(wait, ct); } catch (OperationCanceledException) { }
    }
}
