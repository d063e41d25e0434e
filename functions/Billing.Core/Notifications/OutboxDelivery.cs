using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Notifications;

/// <summary>
/// Delivers one outbox row: claims it (If-Match), sends it, marks it sent. A concurrent or repeated delivery finds
/// it claimed or sent and sends nothing. A failure is recorded and thrown, so the queue delivers again with
/// backoff; after <see cref="MaxAttempts"/> the row is marked failed. Only a crash between sending and marking
/// can repeat a send, after the claim's lease; the message id (the row id) lets the receiver spot it.
/// </summary>
public sealed class OutboxDelivery(IAccountStore store, IEmailRenderer renderer, IEmailSender email, IEventSender events, TimeProvider clock,
    ILogger<OutboxDelivery> log, IEnumerable<CustomerBilling.ICustomerChannel>? channels = null)
{
    public const int MaxAttempts = 8;
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public async Task<bool> DeliverAsync(OutboxItem item, CancellationToken ct)
    {
        var found = await store.FindRowAsync<OutboxMessage>(item.AccountId, RowKeys.OutboxPrefix + item.OutboxId, ct);
        if (found is null) { log.LogWarning("Outbox {Id} of {AccountId} not found; nothing to send", item.OutboxId, item.AccountId); return false; }
        var now = clock.GetUtcNow();
        if (found.Value.Status is OutboxStatus.Sent or OutboxStatus.Failed) return false;
        if (found.Value.Status == OutboxStatus.Sending && found.Value.LeaseUntil > now) return false;
        var m = found.Value with { Status = OutboxStatus.Sending, LeaseUntil = now + ClaimLease };
        string etag;
        try { etag = (await store.CommitAsync(new AccountCommit(item.AccountId, null, null, [new RowOp(m, RowWrite.Replace, found.ETag)]), ct)) ?? ""; }
        catch (ConcurrencyException) { return false; }
        etag = (await store.FindRowAsync<OutboxMessage>(item.AccountId, m.RowKey, ct))?.ETag ?? etag;
        try
        {
            if (m.Type == CustomerBilling.CustomerMessaging.MessageType) await SendToCustomerAsync(m, ct);
            else if (m.Channel == OutboxChannel.Email)
            {
                var (subject, html, text) = renderer.Render(m.Type, m.Language, m.Data);
                await email.SendAsync(new EmailMessage(m.Id, m.To, subject, html, text), ct);
            }
            else await events.SendAsync(m.Id, m.Type, item.AccountId, m.CreatedAt, m.Data, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = m.Attempts + 1;
            var failed = m with { Attempts = attempts, LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message,
                Status = attempts >= MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending, LeaseUntil = null };
            await TryWriteAsync(item.AccountId, failed, etag, ct);
            log.LogWarning(e, "Outbox {Type} {Id} of {AccountId}: attempt {Attempt} failed", m.Type, m.Id, item.AccountId, attempts);
            if (failed.Status == OutboxStatus.Failed) return false;
            throw;
        }
        await TryWriteAsync(item.AccountId, m with { Status = OutboxStatus.Sent, SentAt = clock.GetUtcNow(), Attempts = m.Attempts + 1, LeaseUntil = null }, etag, ct);
        log.LogInformation("Outbox {Channel} {Type} {Id} of {AccountId} sent", m.Channel, m.Type, m.Id, item.AccountId);
        return true;
    }

    /// <summary>A tenant's message to its customer (F5): already rendered, sent through the customer's channel.</summary>
    private Task SendToCustomerAsync(OutboxMessage m, CancellationToken ct)
    {
        var channel = m.Channel switch
        {
            OutboxChannel.Sms => CustomerBilling.MessageChannel.Sms,
            OutboxChannel.Telegram => CustomerBilling.MessageChannel.Telegram,
            _ => CustomerBilling.MessageChannel.Email,
        };
        var sender = channels?.FirstOrDefault(c => c.Channel == channel)
            ?? throw new InvalidOperationException($"No {channel} channel is configured for customer messages.");
        return sender.SendAsync(new CustomerBilling.CustomerMessage(m.Id, channel, m.To[0], m.Data.GetValueOrDefault("subject") ?? "",
            m.Data.GetValueOrDefault("text") ?? ""), ct);
    }

    private async Task TryWriteAsync(string accountId, OutboxMessage m, string etag, CancellationToken ct)
    {
        try { await store.CommitAsync(new AccountCommit(accountId, null, null, [new RowOp(m, RowWrite.Replace, etag)]), ct); }
        catch (ConcurrencyException) { /* another delivery of the same row got there first; its status stands */ }
    }
}
